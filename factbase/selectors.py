"""Where a quote stands in a captured page, as a W3C Web Annotation TextQuoteSelector.

An annotation tool (Hypothesis, for one) anchors a quote by finding prefix + exact + suffix in a
page's text. The context given is the least that finds the quote once in the capture, whole words
within a block, spacing aside: none when the quote is found only once, otherwise whole words of
its paragraph, one at a time, after it and then before it. It is as little of the report as will
do, since the site counts every word it shows (factbase.loader.budget counts these too). Each
count is asked of the capture's index (factbase.textindex), never of the capture's whole text.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from factbase.model import Location, Source
from factbase.textindex import TextIndex
from factbase.words import words

# The most words of context a selector gives on either side: a passage that more would not tell
# apart from another is one no tool can be pointed to once (and looking further would cost the
# square of a paragraph that repeats itself).
MAX_CONTEXT = 40


@dataclass(frozen=True)
class QuoteSelector:
    """A TextQuoteSelector: the exact words, and the context that makes them unique."""

    exact: str
    prefix: str
    suffix: str
    # Where the words it shows stand among the capture's words (factbase.textindex), so that what
    # counts them (the quoting budget) need not look for them again.
    positions: range

    @property
    def shown(self) -> str:
        """Everything the selector gives of the text, in one piece."""
        return self.prefix + self.exact + self.suffix


# Each capture's selectors, worked out once: the budget counts them and the downloads give them.
_made: WeakKeyDictionary[TextIndex, dict[tuple[int, str], QuoteSelector]] = WeakKeyDictionary()


def select_quote(source: Source, location: Location, quote: str) -> QuoteSelector:
    """The selector for a quote the loader has verified stands in this paragraph of the source."""
    made = _made.setdefault(source.index, {})
    key = (location.paragraph, quote)
    if key not in made:
        made[key] = _select(source, location, quote)
    return made[key]


def _select(source: Source, location: Location, quote: str) -> QuoteSelector:
    index = source.index
    unit = index.paragraph(location.paragraph)
    span = index.first(quote, unit) if unit is not None else None
    if span is None:
        raise ValueError(f"{quote!r} is not in {location.label} of {source.id}")
    unit, first, start = span
    text, end = unit.text, start + len(quote)
    beyond = first + len(words(quote))  # the first word after the quote
    before, after = min(first, MAX_CONTEXT), min(unit.size - beyond, MAX_CONTEXT)
    taken_before = taken_after = 0
    while True:
        prefix = text[unit.word_start(first - taken_before) : start] if taken_before else ""
        suffix = text[end : unit.word_end(beyond + taken_after - 1)] if taken_after else ""
        found = index.count(prefix + quote + suffix, limit=2)
        if found == 0:
            raise ValueError(f"{prefix + quote + suffix!r} is not in the text of {source.id}")
        if found == 1:  # so it stands here and nowhere else
            positions = range(unit.start + first - taken_before, unit.start + beyond + taken_after)
            return QuoteSelector(quote, prefix, suffix, positions)
        if taken_after < after and (taken_after <= taken_before or taken_before == before):
            taken_after += 1
        elif taken_before < before:
            taken_before += 1
        else:  # the whole paragraph stands twice in the capture: give it all, placed where it first stands
            shown = prefix + quote + suffix
            _, at, _ = next(index.spans(shown, within=unit))
            return QuoteSelector(quote, prefix, suffix, range(unit.start + at, unit.start + at + len(words(shown))))
