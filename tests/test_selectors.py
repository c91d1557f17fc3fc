"""TextQuoteSelectors: the least context that finds a quote once in its capture."""

from __future__ import annotations

import dataclasses

import pytest

from factbase import Location, load_factbase
from factbase.selectors import select_quote

from .conftest import FIXTURES

VALID = load_factbase(FIXTURES / "valid" / "data")
SOURCE = VALID.sources[0]


def test_a_quote_found_once_needs_no_context() -> None:
    selector = select_quote(SOURCE, Location(SOURCE.id, 3), "will cost $2 million")
    assert (selector.prefix, selector.exact, selector.suffix) == ("", "will cost $2 million", "")


def test_a_quote_found_twice_gets_the_fewest_words_that_find_it_once() -> None:
    # "bridge" stands in the headline, in paragraph 1 ("a new bridge on Monday"), in paragraph 3
    # ("The bridge will cost") and inside the furniture's "bridges".
    assert SOURCE.text.count("bridge") == 4
    third = select_quote(SOURCE, Location(SOURCE.id, 3), "bridge")
    assert (third.prefix, third.exact, third.suffix) == ("", "bridge", " will"), "one word after is enough"
    first = select_quote(SOURCE, Location(SOURCE.id, 1), "bridge")
    assert (first.prefix, first.exact, first.suffix) == ("", "bridge", " on")
    assert SOURCE.text.count(third.shown) == SOURCE.text.count(first.shown) == 1


def test_context_grows_before_the_quote_when_the_words_after_run_out() -> None:
    # "million." ends paragraph 3: no word follows it, so the context must come from before.
    assert SOURCE.text.count("million") == 1
    doubled = dataclasses.replace(SOURCE, text=SOURCE.text + "\nSome $2 million\n")
    selector = select_quote(doubled, Location(SOURCE.id, 3), "million")
    assert (selector.prefix, selector.suffix) == ("cost $2 ", "")
    assert doubled.text.count(selector.shown) == 1


def test_a_paragraph_repeated_whole_gives_all_of_its_words() -> None:
    paragraph = SOURCE.article.paragraph(3)
    assert paragraph is not None and paragraph.text == "The bridge will cost $2 million."
    doubled = dataclasses.replace(SOURCE, text=SOURCE.text + "\n\n" + paragraph.text + "\n")
    selector = select_quote(doubled, Location(SOURCE.id, 3), "will cost $2 million")
    assert (selector.prefix, selector.exact, selector.suffix) == ("The bridge ", "will cost $2 million", "")
    assert doubled.text.count(selector.shown) == 2, "nothing in the paragraph tells the copies apart"


def test_words_split_over_two_lines_of_the_capture_still_count() -> None:
    # A second "bridge will", broken over two lines as a capture may break it: "bridge will" is no
    # longer enough to find the quote once.
    doubled = dataclasses.replace(SOURCE, text=SOURCE.text + "\nAnother bridge\nwill follow.\n")
    selector = select_quote(doubled, Location(SOURCE.id, 3), "bridge")
    assert selector.shown != "bridge will"
    assert " ".join(doubled.text.split()).count(selector.shown) == 1


def test_a_quote_not_in_the_paragraph_is_refused() -> None:
    with pytest.raises(ValueError, match="is not in paragraph 1"):
        select_quote(SOURCE, Location(SOURCE.id, 1), "will cost $2 million")
