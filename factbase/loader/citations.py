"""Citations, and the check that each quote is the source's own words.

A quote must stand in the paragraph it cites as whole words: it may not begin or end inside a
word (an apostrophe or hyphen between letters is inside a word), and it must be at least
MIN_QUOTE_WORDS words long, enough to find the passage and to mean something. It may be at
most MAX_QUOTE_WORDS long, and should be under a dozen: the few words that prove the claim.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from factbase.article import CREDIT_LINE
from factbase.collector import Checked
from factbase.limits import echo
from factbase.loader.context import Loader
from factbase.model import Citation, Location, Source
from factbase.specs import CITATION, SOURCES_FILE, Spec
from factbase.textindex import TextIndex, Unit
from factbase.words import find_whole_words, next_word, tokenise

MIN_QUOTE_WORDS = 3
MAX_QUOTE_WORDS = 25
# Words that turn what comes before them: an excerpt that stops just before one of them may say
# the opposite of its source ("The purpose of the lawsuit is not to get compensation" | "but to
# fight the abuse of facial recognition").
TURNS = frozenset(
    {"but", "however", "yet", "although", "though", "unless", "except", "not", "nor", "only", "instead", "rather"}
)
# Words in quote marks inside text the site writes: curly or straight double quotes.
QUOTED_WORDS = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
# Looking for the passage most like a quote that is not found: a word standing in more places
# than this says nothing about where the quote was meant to be (and would cost as much as the
# text to follow); the few places most of its words point to are compared closely.
COMMON_WORD = 1_000
CLOSEST_PLACES = 5

_SENTENCE_END = re.compile(r"[\s”’\")\]]*[.!?]")


def turn_after(text: str, excerpt: str, start: int | None = None) -> str | None:
    """The turning word that follows excerpt in text (standing at `start`, or where it is first
    found), if excerpt stops just before one within its sentence (a quote that ends its sentence
    has cut nothing). Only the characters up to the next word are read."""
    if start is None:
        start = find_whole_words(text, excerpt)
    if start == -1:
        return None
    end = start + len(excerpt)
    if _SENTENCE_END.match(text, end) or (excerpt.rstrip()[-1:] in ".!?"):
        return None
    following = next_word(text, end)
    return following.text if following is not None and following.text in TURNS else None


@dataclass(frozen=True)
class QuoteFault:
    """Why words standing as whole words in a paragraph do not verify as a quote of it."""

    words: int  # how many words the quote has
    turn: str | None  # the turning word it stops just before, if that is the fault

    def message(self, owner: str, where: str, quote: str) -> str:
        """The loader's message for it."""
        if self.turn is not None:
            return (
                f"{owner}: quote {echo(quote)} stops just before {self.turn!r}, a turn that may change its meaning; "
                "quote through it"
            )
        if self.words < MIN_QUOTE_WORDS:
            return (
                f"{owner} quotes {self.words} word{'s' if self.words != 1 else ''} of {where} ({echo(quote)}); "
                f"quote at least {MIN_QUOTE_WORDS} whole words, enough to find and check the passage"
            )
        return f"{owner} quotes {self.words} words of {where}; keep excerpts to at most {MAX_QUOTE_WORDS} words"


def quote_fault(text: str, quote: str, start: int) -> QuoteFault | None:
    """The quote rule, for a quote found as whole words at `start` in a paragraph's text: None if
    it verifies there, else why not (too few words, a turn just after it, too many words)."""
    size = len(quote.split())
    if size < MIN_QUOTE_WORDS:
        return QuoteFault(size, None)
    turn = turn_after(text, quote, start)
    if turn is not None:
        return QuoteFault(size, turn)
    if size > MAX_QUOTE_WORDS:
        return QuoteFault(size, None)
    return None


def citations_of(loader: Loader, entry: Checked) -> tuple[Citation, ...] | None:
    """The entry's citations, each verified; None if any is unsound (its problem reported)."""
    if not entry.has("citations"):
        return None
    citations: list[Citation] = []
    ok = True
    for item in entry.items["citations"]:
        citation = _citation(loader, entry.name, item) if item is not None else None
        if citation is None:
            ok = False
        else:
            citations.append(citation)
    return tuple(citations) if ok else None


def _citation(loader: Loader, owner: str, item: Checked) -> Citation | None:
    if not item.sound(CITATION):
        return None
    cited = item.values(CITATION)
    source_id, quote = cited["source"], cited["quote"]
    number = CREDIT_LINE if cited["paragraph"] == "credit line" else cited["paragraph"]
    source = loader.sources.get(source_id)
    if source is None:
        if loader.source_ids is not None and source_id not in loader.source_ids:
            hint = loader.hint(source_id, loader.source_ids)
            loader.add(
                item.at("source"), f"{owner} cites source {source_id!r} which is not in data/{SOURCES_FILE}{hint}"
            )
        return None  # otherwise the source (or its file) has its own problem, already reported
    unit = source.index.paragraph(number)
    where = Location(source_id, number).label
    if unit is None:
        count = len(source.article.paragraphs)
        loader.add(
            item.at("paragraph"),
            f"{owner} cites paragraph {number} of source {source_id!r}, which has paragraphs 1 to {count}",
        )
        return None
    at = item.at("quote")
    start = source.index.find(unit, quote)
    if start == -1:
        # Only a problem that will be listed is worth reading the paragraph again to explain.
        if not loader.collector.full and quote in unit.text:
            loader.add(
                at, f"{owner}: quote {echo(quote)} stands in {where} only as part of longer words; quote whole words"
            )
        else:
            loader.add(at, _quote_not_found(loader, owner, source, where, quote))
        return None
    fault = quote_fault(unit.text, quote, start)
    if fault is not None:
        loader.add(at, fault.message(owner, where, quote))
        return None
    return Citation(source_id, number, quote, _same_words_elsewhere(loader, source, quote), item.origin)


def _quote_not_found(loader: Loader, owner: str, source: Source, where: str, quote: str) -> str:
    shown = f"{owner}: quote not found word for word in {where} of source {source.id!r}: {echo(quote)}"
    if loader.collector.full:  # not listed: no need to look further
        return shown
    furniture = next((unit for unit, _, _ in source.index.spans(quote) if unit.paragraph is None), None)
    if furniture is not None:
        return (
            f"{owner} quotes {echo(quote)}, which is page furniture (line {furniture.line} of "
            f"{source.text_path}), not the article; only the article body can be cited"
        )
    closest = _closest_passage(source.index, quote)
    if closest is None:
        return shown
    return f"{shown}; closest passage is in paragraph {closest[1]}: {echo(closest[0])}"


def _closest_passage(index: TextIndex, quote: str) -> tuple[str, int] | None:
    """The run of words of the body that looks most like a quote (as much as 60% alike), and its
    paragraph: the few places its words point to most are compared closely, whole tokens each."""
    keys = [word.text for word in tokenise(quote)]
    votes: Counter[tuple[int, int]] = Counter()  # (block, word where the quote would begin)
    for offset, key in enumerate(keys):
        places = index.places(key)
        if len(places) > COMMON_WORD:
            continue
        for place in places:
            unit = index.unit_at(place)
            if unit.body:
                votes[(unit.start, place - unit.start - offset)] += 1
    size = max(1, len(quote.split()))
    best: tuple[float, str, int] = (0.0, "", 0)
    for (unit_start, begin), _ in votes.most_common(CLOSEST_PLACES):
        unit = index.unit_at(unit_start)
        for first in range(max(0, begin - 2), max(0, min(begin + 3, unit.size))):
            for length in range(max(1, size - 2), size + 3):
                window = _tokens(unit, first, min(unit.size, first + length))
                matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
                if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                    continue
                ratio = matcher.ratio()
                if ratio > best[0]:
                    best = (ratio, window, unit.paragraph or 0)
    return (best[1], best[2]) if best[0] >= 0.6 else None


def _tokens(unit: Unit, first: int, last: int) -> str:
    """A block's words first to last (exclusive), with the punctuation attached to them: whole
    whitespace-separated tokens."""
    text = unit.text
    begin, end = unit.word_start(first), unit.word_end(last - 1)
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[begin:end]


def _same_words_elsewhere(loader: Loader, source: Source, quote: str) -> tuple[Location, ...]:
    """Where the same words stand in the other loaded copies of the same report: the first
    paragraph (or the credit line) of each that holds them."""
    found = []
    for other in loader.copies.get(source.report_id, ()):
        if other.id == source.id:
            continue
        span = other.index.first_in_article(quote)
        if span is not None:
            assert span[0].paragraph is not None
            found.append(Location(other.id, span[0].paragraph))
    return tuple(found)


def quoted_words_verified(loader: Loader, entry: Checked, field: str, citations: tuple[Citation, ...]) -> bool:
    """Words a statement puts in quote marks must stand word for word in a paragraph it cites."""
    cited: list[tuple[TextIndex, Unit]] = []
    for citation in citations:
        index = loader.sources[citation.source_id].index
        unit = index.paragraph(citation.paragraph)
        if unit is not None:
            cited.append((index, unit))
    ok = True
    for match in QUOTED_WORDS.finditer(entry[field]):
        quoted = match.group(1) or match.group(2)
        if not any(index.find(unit, quoted) != -1 for index, unit in cited):
            loader.add(
                entry.at(field),
                f"{entry.name}: the {field} puts {echo(quoted)} in quote marks, but those words are not "
                "in any paragraph it cites; quote exactly or paraphrase without quote marks",
            )
            ok = False
    return ok


def own_words_verified(loader: Loader, entry: Checked, spec: Spec[Any]) -> bool:
    """Every free text the spec says is in the site's own words copies no RUN words in a row of any
    paragraph of any source, outside quote marks; each that does is reported."""
    ok = True
    for key, field in spec.fields.items():
        if not field.own_words or not entry.has(key) or loader.corpus is None:
            continue
        value = entry[key]
        for text in value if isinstance(value, list) else [value]:
            copied = loader.corpus.copied(text)
            if copied is None:
                continue
            label = Location(copied.source_id, copied.paragraph).label
            loader.add(
                entry.at(key),
                f"{entry.name}: the {key} copies {len(copied.words)} words in a row of {label} of source "
                f"{copied.source_id!r} ({echo(' '.join(copied.words))}) outside quote marks; say it in your own "
                "words, or put in quote marks the few words that prove it",
            )
            ok = False
            break
    return ok
