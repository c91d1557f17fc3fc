"""Where a quote stands in a captured page, as a W3C Web Annotation TextQuoteSelector.

An annotation tool (Hypothesis, for one) anchors a quote by finding prefix + exact + suffix in a
page's text. The context given is the least that finds the quote once in the whole capture: none
when the quote is found only once, otherwise whole words of its paragraph, one at a time, after
it and then before it. It is as little of the report as will do, since the site counts every
word it shows (factbase.loader.budget counts these too).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factbase.loader.citations import find_whole_words
from factbase.model import Location, Source
from factbase.words import words


@dataclass(frozen=True)
class QuoteSelector:
    """A TextQuoteSelector: the exact words, and the context that makes them unique."""

    exact: str
    prefix: str
    suffix: str

    @property
    def shown(self) -> str:
        """Everything the selector gives of the text, in one piece."""
        return self.prefix + self.exact + self.suffix


@lru_cache(maxsize=8)
def _flowing(text: str) -> str:
    """A capture's text as a page shows it: every run of spaces and line breaks one space, so
    that a paragraph's lines, joined, are found in it, and words split over two lines count."""
    return " ".join(text.split())


def select_quote(source: Source, location: Location, quote: str) -> QuoteSelector:
    """The selector for a quote the loader has verified stands in this paragraph of the source."""
    paragraph = source.article.paragraph(location.paragraph)
    start = find_whole_words(paragraph.text, quote) if paragraph is not None else -1
    if paragraph is None or start == -1:
        raise ValueError(f"{quote!r} is not in {location.label} of {source.id}")
    text, end = paragraph.text, start + len(quote)
    before = words(text[:start])
    after = [(word.start + end, word.end + end) for word in words(text[end:])]
    capture = _flowing(source.text)
    taken_before = taken_after = 0
    while True:
        prefix = text[before[-taken_before].start : start] if taken_before else ""
        suffix = text[end : after[taken_after - 1][1]] if taken_after else ""
        found = capture.count(_flowing(prefix + quote + suffix))
        if found == 0:
            raise ValueError(f"{prefix + quote + suffix!r} is not in the text of {source.id}")
        if found == 1:
            return QuoteSelector(quote, prefix, suffix)
        if taken_after < len(after) and (taken_after <= taken_before or taken_before == len(before)):
            taken_after += 1
        elif taken_before < len(before):
            taken_before += 1
        else:  # the whole paragraph stands twice in the capture: give it all
            return QuoteSelector(quote, prefix, suffix)
