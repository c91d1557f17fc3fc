"""The table of kinds: each check against values written by hand, and the invisible characters
held to Python's own Unicode database."""

from __future__ import annotations

import sys
import types
import unicodedata
from typing import Any, Literal, Union, get_args, get_origin

import jsonschema
import pytest

from factbase.kinds import INVISIBLE, INVISIBLE_RANGES, KINDS, MAX_TEXT, invisible_character

CATEGORIES = ("Cc", "Cf", "Zl", "Zp")


def test_the_invisible_ranges_are_every_control_format_and_separator_character() -> None:
    expected = [cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) in CATEGORIES]
    listed = [cp for start, end in INVISIBLE_RANGES for cp in range(start, end + 1)]
    assert listed == expected, f"regenerate INVISIBLE_RANGES for Unicode {unicodedata.unidata_version}"
    assert all(INVISIBLE.fullmatch(chr(cp)) for cp in expected[::97])


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\uffff", "U+FFFF (a noncharacter)"),  # XML cannot hold it: the feed would not parse
        ("\ufffe", "U+FFFE (a noncharacter)"),
        ("\ufdd0", "U+FDD0 (a noncharacter)"),
        ("\U0010ffff", "U+10FFFF (a noncharacter)"),
        ("\u034f", "U+034F (COMBINING GRAPHEME JOINER)"),
        ("\u3164", "U+3164 (HANGUL FILLER)"),
        ("\u115f", "U+115F (HANGUL CHOSEONG FILLER)"),
        ("\ufe0f", "U+FE0F (VARIATION SELECTOR-16)"),
        ("\U000e0100", "U+E0100 (VARIATION SELECTOR-17)"),
    ],
)
def test_characters_drawn_as_nothing_or_not_characters_at_all_are_refused(char: str, named: str) -> None:
    assert invisible_character(f"a{char}b") == named
    assert KINDS["text"].check(f"a{char}b") is not None


def test_ordinary_text_in_many_scripts_is_not_taken_for_invisible() -> None:
    for text in ("Beijing’s “smart” lampposts — 65%", "北京 地铁", "Ελληνικά", "한국어", "עברית", "emoji 😀"):
        assert invisible_character(text) is None, text


# (kind, values it accepts, values it refuses), written from what the guide says each holds.
CASES: list[tuple[str, list[Any], list[Any]]] = [
    (
        "text",
        ["A statement.", "“Quoted” words, 65% — and [brackets]", "x" * MAX_TEXT],
        ["", "   ", None, 3, ["a"], "two\nlines", "tab\there", "bidi \u202e", "zero\u200bwidth", "x" * (MAX_TEXT + 1)],
    ),
    ("id", ["cnn-business-2019-12-02", "a", "x1"], ["Cnn", "a_b", "a--b", "-a", "a-", "a b", "", 1]),
    ("date", ["2019-12-02", "2024-02-29"], ["2019-13-02", "2023-02-29", "2 December 2019", "20191202", 2019]),
    (
        "web address or null",
        [None, "https://kslnewsradio.com/1915555/x/", "http://a.example/?q=%20&b=1#frag"],
        ["ftp://a.example/", "https://", "javascript:alert(1)", "https://a.example/a b", 'https://a.example/"', ""],
    ),
    (
        "stored text",
        ["texts/cnn.txt", "texts/a-b_c.1.txt"],
        ["cnn.txt", "../texts/a.txt", "texts/../a.txt", "/etc/passwd"],
    ),
    ("date wording", ["Last month", "Sunday", "In September", "December 1"], ["next-week", "1/12", "", "Last  month"]),
    ("number", [0, -3, 2.5, 850_000_000], [float("inf"), float("nan"), True, "3", None]),
    ("paragraph", [1, 19, "credit line"], [0, -1, "1", "Credit line", 1.0, True]),
    ("placement", ["regulation", "regulation/schools"], ["regulation/", "/schools", "a/b/c", "Regulation"]),
    ("quote budget", [1, 15, 30], [0, 31, 15.5, "15", True, None]),
    ("list of text", [["a"], ["a", "b"]], [[], "a", [""], ["a", 1], ["a\nb"]]),
    ("list of id", [["a-b"]], [[], ["A"], "a-b"]),
    ("list of placement", [["a", "a/b"]], [[], ["a/"]]),
]


@pytest.mark.parametrize(("name", "accepted", "refused"), CASES, ids=[case[0] for case in CASES])
def test_each_kind_accepts_and_refuses_what_the_guide_says(name: str, accepted: list[Any], refused: list[Any]) -> None:
    kind = KINDS[name]
    for value in accepted:
        assert kind.check(value) is None, f"{name} refuses {value!r}: {kind.check(value)}"
    for value in refused:
        assert kind.check(value) is not None, f"{name} accepts {value!r}"


@pytest.mark.parametrize(("name", "accepted", "refused"), CASES, ids=[case[0] for case in CASES])
def test_each_kinds_json_schema_agrees_with_its_check(name: str, accepted: list[Any], refused: list[Any]) -> None:
    validator = jsonschema.Draft202012Validator(KINDS[name].schema)
    for value in accepted:
        assert validator.is_valid(value), f"{name}'s schema refuses {value!r}"
    # JSON Schema cannot tell a real date from 2023-02-29, nor 1.0 from 1, nor True from 1; and JSON
    # has no NaN, so no keyword refuses it (every comparison with NaN is false). The loader does.
    schema_blind = {
        ("date", "'2023-02-29'"),
        ("date", "'2019-13-02'"),
        ("paragraph", "1.0"),
        ("paragraph", "True"),
        ("number", "nan"),
        ("quote budget", "True"),
    }
    for value in refused:
        if (name, repr(value)) not in schema_blind:
            assert not validator.is_valid(value), f"{name}'s schema accepts {value!r}"


def conforms(value: Any, annotation: Any) -> bool:
    """True if a value is of a type as factbase/entries.py writes types."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(conforms(value, each) for each in get_args(annotation))
    if origin is Literal:
        return value in get_args(annotation)
    if origin is list:
        return isinstance(value, list) and all(conforms(each, get_args(annotation)[0]) for each in value)
    if annotation is None or annotation is type(None):
        return value is None
    return isinstance(value, annotation)


@pytest.mark.parametrize(("name", "accepted"), [case[:2] for case in CASES], ids=[case[0] for case in CASES])
def test_each_kinds_python_type_holds_every_value_it_accepts(name: str, accepted: list[Any]) -> None:
    """The types mypy checks the loader's copy into the model by are the values the check lets through."""
    annotation = eval(KINDS[name].python, {"Literal": Literal})  # noqa: S307 (the kinds table's own text)
    for value in accepted:
        assert conforms(value, annotation), f"{name} accepts {value!r}, which is not {KINDS[name].python}"


def test_every_kind_is_in_the_cases() -> None:
    assert {case[0] for case in CASES} | {"list of entries"} == set(KINDS)
