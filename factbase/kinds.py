"""The kinds of value a data file holds: one table that the checker, the JSON Schemas and the
editor's guide all read.

Each kind says what it holds (in words, for messages and the guide), how to check a value
(returning what is wrong, or None), its JSON Schema, and whether it is free text: any words at
all, markup included, which every output must escape. Every other kind's pattern rules markup
out on its own.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from factbase.limits import echo

# Characters no value may hold: controls (line breaks and tabs among them), and the invisible
# format characters that reorder or hide text (bidi overrides, zero-width spaces, BOMs): every
# code point of Unicode's categories Cc, Cf, Zl and Zp. tests/test_kinds.py holds this list to
# Python's unicodedata.
INVISIBLE_RANGES = (
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
# Beside those: characters Unicode says to draw as nothing (Default_Ignorable_Code_Point in
# DerivedCoreProperties.txt) that are not in the categories above, such as the combining grapheme
# joiner, the Hangul fillers and the variation selectors; and the 66 noncharacters, which XML
# cannot hold (a feed with one would not parse). Lone surrogates never arrive: the YAML reader
# refuses their escapes, and stored texts are strict UTF-8.
IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xE0100, 0xE01EF),
)
NONCHARACTER_RANGES = ((0xFDD0, 0xFDEF), *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)))
REFUSED_RANGES = (*INVISIBLE_RANGES, *IGNORABLE_RANGES, *NONCHARACTER_RANGES)
_INVISIBLE_CLASS = "".join(
    f"\\U{start:08x}" if start == end else f"\\U{start:08x}-\\U{end:08x}" for start, end in REFUSED_RANGES
)
INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")

# The longest a text value may be: a statement is one claim, a title a line.
MAX_TEXT = 1_000
MAX_ID = 100
MAX_URL = 2_000

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLACEMENT_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$")
DATE_WORDING_PATTERN = re.compile(r"^[A-Za-z]+(?: [A-Za-z0-9]+)*$")
STORED_TEXT_PATTERN = re.compile(r"^texts/[A-Za-z0-9][A-Za-z0-9._-]*$")
# What a URL may hold, written as it is into HTML attributes, BibTeX and RIS: RFC 3986's
# characters, with percent-encoding for anything else.
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def invisible_character(text: str) -> str | None:
    """How a message names the first control or invisible character in text, if it holds one."""
    match = INVISIBLE.search(text)
    if match is None:
        return None
    char = match.group(0)
    code = ord(char)
    if any(start <= code <= end for start, end in NONCHARACTER_RANGES):
        return f"U+{code:04X} (a noncharacter)"
    name = unicodedata.name(char, "a control character")
    where = "a line break" if char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" else name
    return f"U+{ord(char):04X} ({where})"


def describe(value: Any) -> str:
    """A value as a message names it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, str):
        if not value.strip():
            return "empty text"
        return f"text ({echo(value)})"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {value!r}"
    return f"{type(value).__name__} ({echo(value)})"


Check = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Kind:
    """One kind of value: what it holds, how to check it, its JSON Schema."""

    name: str  # how the spec and guide name it
    holds: str  # what a valid value is, as messages say it: "should be {holds}"
    check: Check  # what is wrong with a value, or None if it is valid
    schema: dict[str, Any] = field(default_factory=dict)
    free_text: bool = False  # any words, markup included: escaped wherever it is written
    items: Kind | None = None  # for a list kind: the kind of each item
    # A sound value's Python type, as factbase/entries.py (generated) annotates it, so that mypy
    # checks each value copied from a checked entry into the model.
    python: str = field(kw_only=True)

    def __str__(self) -> str:
        return self.name


def _wrong(holds: str, value: Any) -> str:
    return f"should be {holds}, not {describe(value)}"


def _text_problem(value: Any, holds: str, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return _wrong(holds, value)
    invisible = invisible_character(value)
    if invisible is not None:
        return (
            f"holds {invisible}, which would be invisible or reorder the text on the page; "
            "delete it (write text on one line, or fold a long one with >-)"
        )
    if len(value) > limit:
        return f"is {len(value):,} characters long; it may be at most {limit:,}"
    return None


def _patterned(holds: str, pattern: re.Pattern[str], limit: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and pattern.match(str(value)):
            return f"{_wrong(holds, value)}: YAML reads {value} as a number; write it in quotes, '{value}'"
        problem = _text_problem(value, holds, limit)
        if problem is not None:
            return problem
        return None if pattern.match(value) else _wrong(holds, value)

    return check


# The earliest date a data file may give: no copy this site captures, and no day it was edited,
# is older, and every date resolved from one stays well inside the calendar.
EARLIEST_DATE = datetime.date(1900, 1, 1)


def _latest_possible_date() -> datetime.date:
    """Tomorrow, by the UTC calendar: wherever an editor is, their today is no later."""
    return datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)


def _check_date(value: Any) -> str | None:
    holds = "a date written YYYY-MM-DD"
    if isinstance(value, str) and DATE_PATTERN.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return f"should be a real date, not {echo(value)}"
        if day > _latest_possible_date():
            return f"is {value!r}, a day still to come; give today's date or an earlier one"
        if day < EARLIEST_DATE:
            return f"is {value!r}, before {EARLIEST_DATE.year}: no report this site cites is that old; check the year"
        return None
    return _wrong(holds, value)


def _check_url(value: Any) -> str | None:
    holds = "an http:// or https:// address, or null"
    if value is None:
        return None
    problem = _text_problem(value, holds, MAX_URL)
    if problem is not None:
        return problem
    if not value.startswith(("http://", "https://")) or not urlsplit(value).hostname:
        return _wrong(holds, value)
    if not URL_PATTERN.match(value):
        bad = next(ch for ch in value if not URL_PATTERN.match("http://" + ch))
        return f"holds {bad!r}, which a URL cannot hold as it is: percent-encode it"
    return None


def _check_number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _wrong("a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        return _wrong("a finite number", value)
    return None


def _check_paragraph(value: Any) -> str | None:
    if value == "credit line":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        if value >= 1:
            return None
        return f"should be a paragraph number from 1 up, not {value}; cite the credit line as 'credit line'"
    return _wrong("a paragraph number from 1 up, or 'credit line'", value)


# The most of a report's body the site may ever reproduce word for word, in per cent.
MAX_QUOTE_BUDGET = 30


def _check_budget(value: Any) -> str | None:
    holds = f"a whole number of per cent, from 1 to {MAX_QUOTE_BUDGET}"
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUOTE_BUDGET:
        return _wrong(holds, value)
    return None


def _list_of(item: Kind | None, holds: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not value:
            return _wrong(holds, value)
        if item is None:
            return None
        for number, each in enumerate(value, start=1):
            problem = item.check(each)
            if problem is not None:
                return f"item {number} {problem}"
        return None

    return check


_NON_BLANK = r"\S"
_VISIBLE = f"^[^{_INVISIBLE_CLASS}]*$"


def _text_schema(limit: int) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": limit,
        "allOf": [{"pattern": _NON_BLANK}, {"pattern": _VISIBLE}],
    }


def _patterned_schema(pattern: re.Pattern[str], limit: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit, "pattern": pattern.pattern}


TEXT = Kind(
    "text",
    f"non-empty text on one line, at most {MAX_TEXT:,} characters",
    lambda value: _text_problem(value, "non-empty text", MAX_TEXT),
    _text_schema(MAX_TEXT),
    free_text=True,
    python="str",
)
ID = Kind(
    "id",
    "an id: lower-case words joined by hyphens",
    _patterned("an id: lower-case words joined by hyphens", ID_PATTERN, MAX_ID),
    _patterned_schema(ID_PATTERN, MAX_ID),
    python="str",
)
DATE = Kind(
    "date",
    "a date written YYYY-MM-DD",
    _check_date,
    {"type": "string", "pattern": DATE_PATTERN.pattern},
    python="str",
)
URL = Kind(
    "web address or null",
    "an http:// or https:// address, or null",
    _check_url,
    {"oneOf": [{"type": "null"}, {"type": "string", "maxLength": MAX_URL, "pattern": URL_PATTERN.pattern}]},
    python="str | None",
)
STORED_TEXT = Kind(
    "stored text",
    "a path in data/texts/, written texts/<name>.txt",
    _patterned("a path in data/texts/, written texts/<name>.txt", STORED_TEXT_PATTERN, MAX_ID),
    _patterned_schema(STORED_TEXT_PATTERN, MAX_ID),
    python="str",
)
DATE_WORDING = Kind(
    "date wording",
    "the date as the report words it: words and numbers only",
    _patterned("the date as the report words it: words and numbers only", DATE_WORDING_PATTERN, 40),
    _patterned_schema(DATE_WORDING_PATTERN, 40),
    python="str",
)
# JSON Schema has no "finite": the largest doubles bound it (inf exceeds them, nan fails both).
NUMBER = Kind(
    "number",
    "a finite number",
    _check_number,
    {"type": "number", "minimum": -sys.float_info.max, "maximum": sys.float_info.max},
    python="int | float",
)
PARAGRAPH = Kind(
    "paragraph",
    "a paragraph number from 1 up, or 'credit line'",
    _check_paragraph,
    {"oneOf": [{"type": "integer", "minimum": 1}, {"const": "credit line"}]},
    python='int | Literal["credit line"]',
)
QUOTE_BUDGET = Kind(
    "quote budget",
    f"a whole number of per cent, from 1 to {MAX_QUOTE_BUDGET}",
    _check_budget,
    {"type": "integer", "minimum": 1, "maximum": MAX_QUOTE_BUDGET},
    python="int",
)
PLACEMENT = Kind(
    "placement",
    "a topic id, or topic-id/section-id",
    _patterned("a topic id, or topic-id/section-id", PLACEMENT_PATTERN, 2 * MAX_ID + 1),
    _patterned_schema(PLACEMENT_PATTERN, 2 * MAX_ID + 1),
    python="str",
)


def list_of(item: Kind) -> Kind:
    """A non-empty list whose every item is of one kind."""
    holds = f"a non-empty list, each item {item.holds}"
    return Kind(
        f"list of {item.name}",
        holds,
        _list_of(item, holds),
        {"type": "array", "minItems": 1, "items": item.schema},
        items=item,
        python=f"list[{item.python}]",
    )


TEXTS = list_of(TEXT)
IDS = list_of(ID)
PLACEMENTS = list_of(PLACEMENT)
ENTRIES = Kind(
    "list of entries",
    "a non-empty list of entries",
    _list_of(None, "a non-empty list of entries"),
    {"type": "array", "minItems": 1},
    python="list[dict[str, object]]",  # a field's items spec gives its entries' own TypedDict
)

# Every kind, by name: the one table.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        TEXT,
        ID,
        DATE,
        URL,
        STORED_TEXT,
        DATE_WORDING,
        NUMBER,
        PARAGRAPH,
        PLACEMENT,
        QUOTE_BUDGET,
        TEXTS,
        IDS,
        PLACEMENTS,
        ENTRIES,
    )
}
