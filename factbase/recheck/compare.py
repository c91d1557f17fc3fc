"""Reading a new capture of a source and checking every quote that cites it against it."""

from __future__ import annotations

import difflib
from collections import Counter
from functools import cached_property
from pathlib import Path

from factbase.article import Article, Paragraph
from factbase.loader.citations import quote_fault
from factbase.loader.sources import StoredTextError, fit_layout, read_text
from factbase.model import Citation, FactBase, Source
from factbase.recheck.align import align
from factbase.recheck.diff import Token, joined, tokens
from factbase.recheck.model import (
    COMMON_WORD,
    SEARCH_PLACES,
    Aligned,
    CitedWords,
    Passage,
    QuoteCheck,
    Recheck,
    RecheckError,
    fates,
    reading_order,
    renumbered,
)
from factbase.textindex import TextIndex
from factbase.words import next_word, words
from factbase.yamlfile import Origin


def read_capture(path: Path) -> str:
    """A new capture's text, read as the loader reads a stored text; RecheckError if it would refuse it."""
    shown = str(path)
    try:
        if not path.exists():
            raise RecheckError(f"{shown}: no such file")
        if not path.is_file():
            raise RecheckError(f"{shown}: is not a file; give the saved text of the new capture")
        text = read_text(path)
    except StoredTextError as error:
        raise RecheckError(f"{Origin(shown, error.line)}: {error.message}") from None
    except OSError as error:
        raise RecheckError(f"{shown}: cannot be read ({error.strerror or error})") from None
    if not text.strip():
        raise RecheckError(f"{shown}: is empty")
    return text


def cited_words(factbase: FactBase, source: Source) -> tuple[CitedWords, ...]:
    """Every quote the data says stands in the source, in data order: citations, the places the
    loader found a citation of the original in this copy, and quotations' own words."""
    owners: list[tuple[str, tuple[Citation, ...]]] = [
        *((f"fact {fact.id!r}", fact.citations) for fact in factbase.facts),
        *((f"entity {entity.id!r}", entity.citations) for entity in factbase.entities),
        *((f"figure {figure.id!r}", (figure.citation,)) for figure in factbase.figures),
        *((f"quotation {quotation.id!r}", quotation.citations) for quotation in factbase.quotations),
    ]
    found: list[CitedWords] = []
    for owner, citations in owners:
        for citation in citations:
            if citation.source_id == source.id:
                found.append(CitedWords(owner, citation.origin, citation.quote, citation.location, "cited"))
            found.extend(
                CitedWords(owner, citation.origin, citation.quote, location, "also in")
                for location in citation.also_in
                if location.source_id == source.id
            )
    for quotation in factbase.quotations:
        first = quotation.citations[0]
        if first.source_id == source.id:
            marked = f"“{quotation.words}”"
            found.append(CitedWords(f"quotation {quotation.id!r}", quotation.origin, marked, first.location, "words"))
    return tuple(found)


def recheck(factbase: FactBase, source: Source, new_text: str, shown: str = "the capture") -> Recheck:
    """Compare a new capture of a source with its stored text, quote by quote."""
    fitted = fit_layout(new_text, source.layout, source.timestamp_as_shown, source.copyright_line)
    article = fitted.article
    if article.credit is None or not article.paragraphs:
        problem = (
            fitted.problems[0] if article.credit is None else "nothing stands between the dateline and the credit line"
        )
        raise RecheckError(
            f"{shown}: the body cannot be found: {problem}; is it a capture of {source.id}, "
            f"whose layout is given at {source.origin}?"
        )

    alignment = align(source.article.paragraphs, article.paragraphs)
    edited = {number for step in alignment if step.step in ("changed", "new") for number in step.new}
    body = _Body(new_text, article, frozenset(edited))
    by_stored = fates(alignment)
    checks = tuple(_check(cited, body, by_stored) for cited in cited_words(factbase, source))
    return Recheck(
        source_id=source.id,
        stored_paragraphs=len(source.article.paragraphs),
        new_paragraphs=len(article.paragraphs),
        alignment=alignment,
        layout_problems=fitted.problems,
        checks=checks,
    )


class _Body:
    """The new capture's body, indexed once (factbase.textindex) to find where a quote's words
    stand, and where they line up when they no longer stand."""

    def __init__(self, text: str, article: Article, edited: frozenset[int]) -> None:
        self.index = TextIndex(text, article)
        self.parts = (*article.paragraphs, *((article.credit,) if article.credit else ()))
        self.numbered = {part.number: part for part in self.parts}
        # Only a paragraph that is new or changed can hold an edited quote: the others are word
        # for word as stored, where the quote was not (or it would have been found).
        self.edited = edited

        self._tokens: dict[int, list[Token]] = {}
        self._word_tokens: dict[int, list[int]] = {}

    def part_tokens(self, part: int) -> list[Token]:
        """A part's tokens, made the first time a quote's words point to it."""
        if part not in self._tokens:
            self._tokens[part] = tokens(self.parts[part].text)
            self._word_tokens[part] = [at for at, token in enumerate(self._tokens[part]) if token.key]
        return self._tokens[part]

    @cached_property
    def part_numbers(self) -> dict[int, int]:
        """A paragraph's number (CREDIT_LINE for the credit line): its place among the parts."""
        return {part.number: at for at, part in enumerate(self.parts)}

    def holding(self, words: str, first: int | None = None) -> list[tuple[Paragraph, int]]:
        """The paragraphs (and credit line) where `words` stand as whole words, with where each
        first holds them; paragraph `first` before the rest."""
        found: dict[int, tuple[Paragraph, int]] = {}
        for unit, _, at in self.index.spans(words):
            if unit.paragraph is not None and unit.paragraph not in found:
                found[unit.paragraph] = (self.numbered[unit.paragraph], at)
        preferred = [found.pop(first)] if first in found else []
        return preferred + list(found.values())

    def closest(self, quote: str, first: int | None) -> Passage | None:
        """The run of words of a new or changed paragraph most like the quote (on a tie, in
        paragraph `first`), or None if none shares a word with it.

        Each word of the quote votes for where the quote would begin wherever that word stands;
        the few most voted-for places are searched closely, with windows a little longer and
        shorter than the quote, so that a word added or dropped is shown as such.
        """
        quote_tokens = tokens(quote)
        size = len(quote_tokens)
        votes: Counter[tuple[int, int]] = Counter()  # (part, token where the quote would begin)
        for offset, token in enumerate(quote_tokens):
            standing = self.index.places(token.key) if token.key else ()
            if len(standing) > COMMON_WORD:
                continue  # a word as common as this says nothing about where the quote went
            for place in standing:
                unit = self.index.unit_at(place)
                if unit.paragraph is None or unit.paragraph not in self.edited:
                    continue
                part = self.part_numbers[unit.paragraph]
                self.part_tokens(part)
                votes[(part, self._word_tokens[part][place - unit.start] - offset)] += 1
        places = [place for place, _ in votes.most_common(SEARCH_PLACES)]
        places.sort(key=lambda place: self.parts[place[0]].number != first)
        best: tuple[float, int, str] | None = None  # similarity, part, passage
        lengths = sorted(range(max(1, size - 2), size + 3), key=lambda length: abs(length - size))
        for part, start in places:
            found = self.part_tokens(part)
            for begin in range(max(0, start - 2), max(0, start + 3)):
                for length in lengths:
                    if begin + length > len(found):
                        continue
                    window = joined(found[begin : begin + length])
                    matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
                    floor = best[0] if best else 0.0
                    if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
                        continue
                    ratio = matcher.ratio()
                    if ratio > floor:
                        best = (ratio, part, window)
        return None if best is None else passage(self.parts[best[1]].number, best[2], quote)


def passage(paragraph: int, text: str, quote: str) -> Passage:
    """A passage of the new text, and how many of a quote's words it keeps, in order."""
    quote_words = [w.text for w in words(quote)]
    matcher = difflib.SequenceMatcher(None, quote_words, [w.text for w in words(text)], autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return Passage(paragraph, text, kept, len(quote_words))


def _verifies(cited: CitedWords, text: str, at: int) -> bool:
    """True if the loader would accept these words, standing at `at` in this paragraph: the quote
    rule holds for a citation's quote; a copy's words and a quotation's need only stand there."""
    return cited.how != "cited" or quote_fault(text, cited.words, at) is None


def _check(cited: CitedWords, body: _Body, fates: dict[int, Aligned]) -> QuoteCheck:
    """Whether the words are still there, moved, changed or gone in the new body."""
    stored = cited.location.paragraph
    aligned = renumbered(fates, stored) if stored else stored  # the credit line keeps its number
    holding = body.holding(cited.words, aligned)
    verified = [part for part, at in holding if _verifies(cited, part.text, at)]
    if cited.how == "also in":  # the loader records the first part of the copy that holds them
        first = min(verified, key=lambda part: reading_order(part.number), default=None)
    else:  # the paragraph the data names; else where the stored paragraph went; else wherever they are
        first = next((part for part in verified if part.number == stored), verified[0] if verified else None)
    if first is not None:
        if first.number == stored:
            return QuoteCheck(cited, "still there")
        return QuoteCheck(cited, "moved", now_in=first.number)
    if cited.how == "cited" and holding:  # there, but now followed by a word that turns it
        part, start = holding[0]
        end = start + len(cited.words)
        following = next_word(part.text, end)
        found = passage(part.number, part.text[start : following.end if following else end], cited.words)
        fault = quote_fault(part.text, cited.words, start)
        return QuoteCheck(cited, "changed", closest=found, turn=fault.turn if fault else None)
    closest = body.closest(cited.words, aligned)
    if closest is None or not closest.close:
        return QuoteCheck(cited, "gone")
    return QuoteCheck(cited, "changed", closest=closest)
