"""Dates in the site's own sentences: given absolutely, never relative to when the report appeared.

A reader of a topic page does not know that the report came out on a Monday in December 2019,
so "on Sunday" or "last month" tells them nothing; the site writes "on 1 December 2019" or "in
November 2019". The report's own wording stays in quotes and on the timeline. A fact with a
`when` gives its resolved date in its statement, the sentence read wherever the fact stands alone.
"""

from __future__ import annotations

import calendar
import re

from factbase.collector import Checked
from factbase.dates import describe
from factbase.loader.context import Loader
from factbase.model import ResolvedDate
from factbase.words import QUOTED

_WEEKDAYS = "|".join(calendar.day_name)
_MONTHS = "|".join(name for name in calendar.month_name if name)
# Wordings that place an event relative to the report, or to the day someone reads the page. A
# weekday is relative unless the date itself is beside it ("Sunday, 1 December 2019", "1 December
# 2019, a Sunday"). Every wording begins at a word's edge: tested once, before any of them.
RELATIVE = re.compile(
    r"\b(?:(?:last|this|next|past|previous|coming) (?:week|weekend|month|year)\b"
    r"|(?:yesterday|today|tomorrow|tonight)\b"
    r"|(?:days?|weeks?|months?|years?) ago\b"
    r"|(?:days?|weeks?|months?|years?) (?:before|after|ahead of) (?:the|this|its)"
    r" (?:report|article|story|publication)\b"
    rf"|(?<!\ba )(?:{_WEEKDAYS})\b(?!,? \d{{1,2}} (?:{_MONTHS})\b))",
    re.IGNORECASE,
)


def named_dates(date: ResolvedDate) -> tuple[str, ...]:
    """How a sentence may give a resolved date absolutely: 1 December 2019, November 2019, or for a
    week its range or the day it began ("the week of 25 November 2019")."""
    if date.precision == "day":
        return (f"{date.start.day} {date.start:%B %Y}",)
    if date.precision == "month":
        return (f"{date.start:%B %Y}",)
    return (describe(date), f"{date.start.day} {date.start:%B %Y}")


def relative_dates_refused(loader: Loader, entry: Checked, field: str, when: ResolvedDate | None) -> bool:
    """A text of the site's own dates nothing relative to the report, outside quote marks."""
    own = QUOTED.sub(" ", entry[field])
    match = RELATIVE.search(own)
    if match is None:
        return True
    instead = f" (here: {describe(when)})" if when is not None else ""
    loader.add(
        entry.at(field),
        f"{entry.name}: the {field} says {match.group(0)!r}, a date relative to the report; "
        f"write the date itself{instead}, which a reader can place",
    )
    return False


def resolved_date_named(loader: Loader, entry: Checked, when: ResolvedDate) -> bool:
    """A fact with a `when` gives that date, absolutely, in its statement."""
    if any(named in entry["statement"] for named in named_dates(when)):
        return True
    loader.add(
        entry.at("statement"),
        f"{entry.name}: when {when.reported_as!r} is {describe(when)}, but the statement does not give that "
        f"date; write it in, as {' or '.join(repr(named) for named in named_dates(when))}",
    )
    return False
