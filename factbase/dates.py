"""Resolve the report's own wording of a date ("Sunday", "last month") against its publication date."""

from __future__ import annotations

import calendar
import datetime
import re

from factbase.model import ResolvedDate

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_LEADING_WORDS = re.compile(r"^(?:(?:writing|and|on|in|from|since|by|last)\s+)*", re.IGNORECASE)


class UnresolvableDateError(ValueError):
    """The wording is not one this module knows how to resolve."""


def _month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last_day)


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _previous_month(date: datetime.date) -> tuple[int, int]:
    return (date.year - 1, 12) if date.month == 1 else (date.year, date.month - 1)


def resolve(reported_as: str, published: datetime.date) -> ResolvedDate:
    """Turn a report's wording of a date into a dated range with its precision.

    Understands a weekday ("Sunday"), "last week", "last month", a month name ("in September")
    and a month and day ("December 1"), each with leading words such as "in", "on", "from" or
    "writing in". Raises UnresolvableDateError for anything else. Every date it gives is within a
    year before publication, so any publication date the loader accepts (factbase.kinds'
    EARLIEST_DATE on) resolves inside the calendar.
    """
    words = reported_as.strip().rstrip(",.")
    lowered = words.lower()
    published_on = f"the report is dated {published.day} {published:%B %Y}"

    if lowered == "last week":
        this_monday = published - datetime.timedelta(days=published.weekday())
        start = this_monday - datetime.timedelta(days=7)
        note = f"read as the calendar week, Monday to Sunday, before the one in which {published_on}"
        seven_days_before = published - datetime.timedelta(days=7)
        if seven_days_before == start:  # published on a Monday: both readings are one week
            return ResolvedDate(reported_as, start, start + datetime.timedelta(days=6), "week", note)
        return ResolvedDate(
            reported_as,
            start,
            start + datetime.timedelta(days=6),
            "week",
            f"{note}; ambiguous, since it could also mean the seven days before publication, "
            f"{_day(seven_days_before)} to {_day(published - datetime.timedelta(days=1))}",
            ambiguous=True,
        )
    if lowered == "last month":
        year, month = _previous_month(published)
        start, end = _month_bounds(year, month)
        return ResolvedDate(
            reported_as, start, end, "month", f"the month before {published:%B %Y}, when {published_on}"
        )

    core = _LEADING_WORDS.sub("", lowered)
    if core in _WEEKDAYS:
        back = (published.weekday() - _WEEKDAYS[core]) % 7 or 7
        day = published - datetime.timedelta(days=back)
        return ResolvedDate(reported_as, day, day, "day", f"the {core.capitalize()} before publication; {published_on}")
    if core in _MONTHS:
        month = _MONTHS[core]
        year = published.year if month < published.month else published.year - 1
        start, end = _month_bounds(year, month)
        note = f"the year is not given: read as the last {core.capitalize()} before publication; {published_on}"
        ambiguous = month == published.month
        if ambiguous:
            note = f"ambiguous: {published_on}, so this could be this month or a year earlier"
            start, end = _month_bounds(published.year, month)
        return ResolvedDate(reported_as, start, end, "month", note, ambiguous)
    match = re.fullmatch(r"([a-z]+) (\d{1,2})", core)
    if match and match.group(1) in _MONTHS:
        month, day_number = _MONTHS[match.group(1)], int(match.group(2))
        try:
            day = datetime.date(published.year, month, day_number)
        except ValueError:
            raise UnresolvableDateError(f"{reported_as!r} is not a date in {published.year}") from None
        return ResolvedDate(
            reported_as, day, day, "day", f"the year is not given: read as {published.year}, when {published_on}"
        )
    raise UnresolvableDateError(
        f"cannot resolve {reported_as!r}: write a weekday, 'last week', 'last month', "
        "a month name, or a month and day, as the report words it"
    )


def describe(date: ResolvedDate) -> str:
    """The resolved date as a reader reads it: "1 December 2019", "November 2019", a range for a week."""
    if date.precision == "day":
        return _day(date.start)
    if date.precision == "month":
        return f"{date.start:%B %Y}"
    if date.start.month == date.end.month:
        return f"{date.start.day}–{date.end.day} {date.end:%B %Y}"
    return f"{date.start.day} {date.start:%B} – {date.end.day} {date.end:%B %Y}"
