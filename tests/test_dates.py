"""Relative dates in the report, resolved against its publication date."""

from __future__ import annotations

import datetime

import pytest

from factbase.dates import UnresolvableDateError, describe, resolve
from factbase.kinds import EARLIEST_DATE

MONDAY_2_DECEMBER_2019 = datetime.date(2019, 12, 2)


@pytest.mark.parametrize(
    ("wording", "shown", "precision", "ambiguous"),
    [
        ("Sunday", "1 December 2019", "day", False),
        ("December 1", "1 December 2019", "day", False),
        ("Last week", "25 November – 1 December 2019", "week", False),
        ("Last month", "November 2019", "month", False),
        ("Writing in September", "September 2019", "month", False),
        ("in August", "August 2019", "month", False),
        ("In December", "December 2019", "month", True),
    ],
)
def test_wordings_resolve_with_honest_precision(wording: str, shown: str, precision: str, ambiguous: bool) -> None:
    resolved = resolve(wording, MONDAY_2_DECEMBER_2019)
    assert describe(resolved) == shown
    assert resolved.precision == precision
    assert resolved.ambiguous is ambiguous
    assert resolved.reported_as == wording


def test_last_week_is_ambiguous_only_when_its_two_readings_differ() -> None:
    # Published on a Monday, the calendar week before and the seven days before are one week;
    # on a Wednesday they are not, and the note gives the other reading's dates.
    wednesday = datetime.date(2019, 12, 4)
    resolved = resolve("Last week", wednesday)
    assert describe(resolved) == "25 November – 1 December 2019"
    assert resolved.ambiguous
    assert "27 November 2019 to 3 December 2019" in resolved.note
    assert "ambiguous" not in resolve("Last week", MONDAY_2_DECEMBER_2019).note


def test_a_weekday_on_the_day_of_publication_means_the_week_before() -> None:
    assert resolve("Monday", MONDAY_2_DECEMBER_2019).start == datetime.date(2019, 11, 25)


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    resolved = resolve("last month", datetime.date(2020, 1, 15))
    assert (resolved.start, resolved.end) == (datetime.date(2019, 12, 1), datetime.date(2019, 12, 31))


@pytest.mark.parametrize("wording", ["soon", "February 30", "the other day"])
def test_wordings_it_cannot_read_are_refused(wording: str) -> None:
    with pytest.raises(UnresolvableDateError):
        resolve(wording, MONDAY_2_DECEMBER_2019)


@pytest.mark.parametrize("published", [EARLIEST_DATE, datetime.date.today() + datetime.timedelta(days=1)])
@pytest.mark.parametrize(
    "wording", ["Last week", "Last month", "Sunday", "Monday", "In January", "In December", "January 1", "December 31"]
)
def test_every_wording_resolves_against_the_earliest_and_latest_dates_accepted(
    wording: str, published: datetime.date
) -> None:
    resolved = resolve(wording, published)
    assert resolved.start <= resolved.end
    assert describe(resolved)
