"""A stored text's words, indexed once, for every question the checks and the site ask of it.

A capture is split into blocks as factbase.article splits it: each body paragraph (the first
without its dateline), the credit line, and every block of page furniture. Every word of every
block is numbered in reading order, and indexed by its key (factbase.words) and by each run of
RUN keys that starts at it within its block (positions sorted by hash, found by bisection). From
that index, in time that grows with the question and only with the logarithm of the text (or
not at all, where a dictionary answers):

- where a quote stands in a paragraph, as whole words (the loader's check of each citation);
- how often a passage stands in the capture (the context a TextQuoteSelector needs);
- which of a text's runs of RUN words stand in any paragraph of any source (the own-words
  rule, across every source at once: Corpus);
- which body words a set of shown texts reproduces in runs (the quoting budget), by looking each
  body word's run up in the set of runs shown, once.

Words and runs are indexed by the hash of their keys, and every hit is checked against the keys
themselves, so two that share a hash are never taken for each other. factbase.words defines a
word; RUN (six) is where a run of them is a copy.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from factbase.article import CREDIT_LINE, Article, split_blocks
from factbase.words import QUOTED, RUN, at_word_edges, edges, find_whole_words, keys, words


@dataclass(frozen=True)
class Unit:
    """One block of a capture: a body paragraph, the credit line, or a block of furniture."""

    text: str
    start: int  # the number of its first word among all the capture's words
    size: int  # how many words it has
    paragraph: int | None  # its number (CREDIT_LINE for the credit line); None for furniture
    line: int  # the line of the capture it begins on

    @property
    def end(self) -> int:
        return self.start + self.size

    @cached_property
    def _edges(self) -> array[int]:
        # Read when a question needs where its words stand (most blocks are only looked up by key).
        return edges(self.text)

    def word_start(self, number: int) -> int:
        """Where its word `number` (from 0) begins in its text."""
        return self._edges[2 * number]

    def word_end(self, number: int) -> int:
        """Where its word `number` (from 0) ends in its text."""
        return self._edges[2 * number + 1]

    @property
    def body(self) -> bool:
        """True for a numbered paragraph of the article body (not the credit line, not furniture)."""
        return self.paragraph is not None and self.paragraph != CREDIT_LINE


Owner = TypeVar("Owner")


def flowing(text: str) -> str:
    """Text with every run of spaces and line breaks made one space, as a page shows it."""
    return " ".join(text.split())


def run_keys(keys: Sequence[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each run of RUN keys in a sequence, with where it starts."""
    # zip stops at the end of the shortest slice: only whole runs of RUN are given.
    return enumerate(zip(*(keys[shift:] for shift in range(RUN)), strict=False))


class TextIndex:
    """The words of one capture, block by block, indexed by key and by every run of RUN keys."""

    def __init__(self, text: str, article: Article) -> None:
        paragraphs = {p.line: p for p in (*article.paragraphs, *((article.credit,) if article.credit else ()))}
        self.units: list[Unit] = []
        self.keys: list[str] = []
        for block in split_blocks(text):
            paragraph = paragraphs.get(block.line)
            if paragraph is None:
                self._add(block.text, None, block.line)
                continue
            dateline = block.text[: len(block.text) - len(paragraph.text)]
            if dateline.strip():  # the dateline the first paragraph is cut from is furniture
                self._add(dateline, None, block.line)
            self._add(paragraph.text, paragraph.number, block.line)
        self.starts = [unit.start for unit in self.units]
        self.by_paragraph = {unit.paragraph: unit for unit in self.units if unit.paragraph is not None}
        # The hash of the run of RUN keys starting at each word, or 0 where fewer than RUN words
        # of its block are left.
        self.run_hashes: array[int] = array("q", bytes(8 * len(self.keys)))
        for unit in self.units:
            for offset, run in run_keys(self.keys[unit.start : unit.end]):
                self.run_hashes[unit.start + offset] = hash(run)
        # Where each word, and each run of RUN words, stands: positions sorted by hash, so that
        # those of one hash are found by bisection (two arrays of ints take a fraction of the
        # memory of a dictionary of lists, which a thousand captures would feel).
        self._by_key = _Sorted(enumerate(hash(key) for key in self.keys))
        self._by_run = _Sorted(
            (position, self.run_hashes[position])
            for unit in self.units
            for position in range(unit.start, unit.end - RUN + 1)
        )
        # Where a quote first stands in a block, once found: the citation's check, the search of
        # the other copies and the quote's selector each ask it of the same quote.
        self._first: dict[tuple[int, str], tuple[Unit, int, int] | None] = {}

    def _add(self, text: str, paragraph: int | None, line: int) -> None:
        found = keys(text)
        self.units.append(Unit(text, len(self.keys), len(found), paragraph, line))
        self.keys.extend(found)

    def unit_at(self, position: int) -> Unit:
        """The block that holds the word at this position."""
        return self.units[bisect_right(self.starts, position) - 1]

    def paragraph(self, number: int) -> Unit | None:
        """A body paragraph by its number, or the credit line (CREDIT_LINE); None if there is none."""
        return self.by_paragraph.get(number)

    def body(self) -> Iterator[Unit]:
        """The numbered paragraphs of the article body, in order."""
        return (unit for unit in self.units if unit.body)

    def run_at(self, position: int) -> tuple[str, ...]:
        return tuple(self.keys[position : position + RUN])

    def places(self, key: str) -> Sequence[int]:
        """Where a word (by its key) stands, in reading order."""
        return [place for place in self._by_key.places(hash(key)) if self.keys[place] == key]

    # Finding words -----------------------------------------------------------------------------

    def occurrences(self, keys: Sequence[str], within: Unit | None = None) -> Iterator[int]:
        """Where these keys stand in a row inside one block (or inside `within`), in reading order.

        The search starts from the rarest run of RUN of them (or, for fewer words, the rarest
        word), so its cost is that of the places where the rarest part stands, not of the text.
        """
        size = len(keys)
        if not size:
            return
        anchors: Sequence[int] | None = None
        offset = 0
        # Each part is looked up until one stands in one place or none: no rarer part can be found.
        if size >= RUN:
            for at, run in run_keys(keys):
                found = self._by_run.places(hash(run))
                if anchors is None or len(found) < len(anchors):
                    anchors, offset = found, at
                    if len(found) <= 1:
                        break
        else:
            for at, key in enumerate(keys):
                found = self._by_key.places(hash(key))
                if anchors is None or len(found) < len(anchors):
                    anchors, offset = found, at
                    if len(found) <= 1:
                        break
        if not anchors:
            return
        low, high = (within.start, within.end) if within is not None else (0, len(self.keys))
        wanted = list(keys)
        for anchor in anchors[bisect_left(anchors, low + offset) : bisect_left(anchors, high - size + offset + 1)]:
            start = anchor - offset
            if self.keys[start : start + size] == wanted and self.unit_at(start).end >= start + size:
                yield start

    def find(self, unit: Unit, quote: str) -> int:
        """Where a quote stands in a block as whole words, as a character offset in its text; -1 if
        nowhere. The same answer as factbase.words.find_whole_words, without reading the block."""
        span = self.first(quote, unit)
        return -1 if span is None else span[2]

    def first(self, quote: str, unit: Unit) -> tuple[Unit, int, int] | None:
        """The first place a quote stands exactly in a block, as whole words (as spans gives it)."""
        key = (unit.start, quote)
        if key not in self._first:
            self._first[key] = next(self.spans(quote, within=unit), None)
        return self._first[key]

    def first_in_article(self, quote: str) -> tuple[Unit, int, int] | None:
        """The first place a quote stands exactly in a paragraph or the credit line, not furniture."""
        for span in self.spans(quote):
            if span[0].paragraph is not None:
                self._first.setdefault((span[0].start, quote), span)
                return span
        return None

    def spans(self, quote: str, within: Unit | None = None) -> Iterator[tuple[Unit, int, int]]:
        """Each place a quote stands exactly, as whole words: (block, its first word's number in the
        block, the character offset of the quote in the block's text), in reading order."""
        quoted = words(quote)
        if not quoted:  # no word to find it by: only a block's own text can say
            units = [within] if within is not None else self.units
            for unit in units:
                at = find_whole_words(unit.text, quote)
                if at != -1:
                    yield unit, 0, at
            return
        lead, size = quoted[0].start, len(quoted)
        trail = len(quote) - quoted[-1].end
        for start in self.occurrences([w.text for w in quoted], within):
            unit = within if within is not None else self.unit_at(start)
            first = start - unit.start
            begin = unit.word_start(first) - lead
            end = unit.word_end(first + size - 1) + trail
            if begin >= 0 and unit.text[begin:end] == quote and at_word_edges(unit.text, begin, end, quote):
                yield unit, first, begin

    def count(self, passage: str, limit: int) -> int:
        """How many times a passage stands in the capture as whole words, spacing aside (stopping
        at limit): the question an annotation tool asks to anchor a quote once."""
        quoted = words(passage)
        if not quoted:
            return 0
        lead, size, wanted = quoted[0].start, len(quoted), flowing(passage)
        trail = len(passage) - quoted[-1].end
        found = 0
        for start in self.occurrences([w.text for w in quoted]):
            unit = self.unit_at(start)
            first = start - unit.start
            begin = unit.word_start(first) - lead
            end = unit.word_end(first + size - 1) + trail
            if begin >= 0 and flowing(unit.text[begin:end]) == wanted:
                found += 1
                if found >= limit:
                    break
        return found


class _Sorted:
    """Positions by a hash of what stands there, sorted by hash (and, within one, by position)."""

    def __init__(self, placed: Iterable[tuple[int, int]]) -> None:
        positions, digests = [], []
        for position, digest in placed:
            positions.append(position)
            digests.append(digest)
        # A stable sort of the places by hash alone: of one hash, they keep their order, which
        # is reading order (each caller gives them so), without a pair made for each word.
        order = sorted(range(len(digests)), key=digests.__getitem__)
        self.digests: array[int] = array("q", [digests[i] for i in order])
        self.positions: array[int] = array("q", [positions[i] for i in order])

    def places(self, digest: int) -> Sequence[int]:
        """The positions with this hash, in reading order (a hash shared by two runs or words
        gives both: the caller checks the words)."""
        low = bisect_left(self.digests, digest)
        return self.positions[low : bisect_right(self.digests, digest, low)]


class ShownRuns(Generic[Owner]):
    """The runs of RUN words a set of texts shows, with who shows each (the first few)."""

    OWNERS = 3  # how many owners of one run a message may name

    def __init__(self) -> None:
        self.runs: dict[int, tuple[tuple[str, ...], list[Owner]]] = {}

    def add(self, text: str, owner: Owner) -> None:
        self.add_keys(keys(text), owner)

    def add_keys(self, shown: Sequence[str], owner: Owner) -> None:
        """The runs of words shown, by their keys (as a text's index holds them)."""
        runs = self.runs
        for _, run in run_keys(shown):
            digest = hash(run)
            entry = runs.get(digest)
            if entry is None:
                runs[digest] = (run, [owner])
                continue
            owners = entry[1]
            if entry[0] == run and len(owners) < self.OWNERS and owners[-1] is not owner:
                owners.append(owner)

    def covered(self, index: TextIndex, units: Iterable[Unit]) -> dict[int, list[Owner]]:
        """The first word of each run of these blocks that a text shows, with who shows it."""
        found: dict[int, list[Owner]] = {}
        hashes, runs = index.run_hashes, self.runs
        for unit in units:
            for position in range(unit.start, unit.end - RUN + 1):
                entry = runs.get(hashes[position])
                if entry is not None and entry[0] == index.run_at(position):
                    found[position] = entry[1]
        return found


@dataclass(frozen=True)
class Copied:
    """A run of words a text writes outside quote marks that a paragraph of a source holds."""

    words: tuple[str, ...]
    source_id: str
    paragraph: int


class Corpus:
    """Every paragraph of every source, for the rule that the site's own words are its own: which
    run of RUN words, written outside quote marks, stands in any of them."""

    def __init__(self, indexes: dict[str, TextIndex]) -> None:
        self.indexes = indexes
        self.first: dict[int, tuple[str, int]] = {}  # a run's hash: the first source and word that hold it
        for source_id, index in indexes.items():
            for unit in index.units:
                if unit.paragraph is None:
                    continue
                for position in range(unit.start, unit.end - RUN + 1):
                    self.first.setdefault(index.run_hashes[position], (source_id, position))

    def copied(self, text: str) -> Copied | None:
        """The longest run of at least RUN words that text writes outside quote marks and a
        paragraph holds in the same order (followed from where the first of its runs stands)."""
        best: Copied | None = None
        for run in _own_runs(text):
            at = 0
            while at + RUN <= len(run):
                hit = self._where(tuple(run[at : at + RUN]))
                if hit is None:
                    at += 1
                    continue
                source_id, position = hit
                index = self.indexes[source_id]
                unit = index.unit_at(position)
                length = RUN
                while at + length < len(run) and position + length < unit.end:
                    if index.keys[position + length] != run[at + length]:
                        break
                    length += 1
                if best is None or length > len(best.words):
                    assert unit.paragraph is not None
                    best = Copied(tuple(run[at : at + length]), source_id, unit.paragraph)
                at += length
        return best

    def _where(self, run: tuple[str, ...]) -> tuple[str, int] | None:
        hit = self.first.get(hash(run))
        if hit is None or self.indexes[hit[0]].run_at(hit[1]) != run:
            return None
        return hit


def _own_runs(text: str) -> list[list[str]]:
    """The runs of words a text writes outside quote marks (each quoted passage breaks a run)."""
    runs: list[list[str]] = []
    last = 0
    for match in QUOTED.finditer(text):
        runs.append(keys(text[last : match.start()]))
        last = match.end()
    runs.append(keys(text[last:]))
    return [run for run in runs if len(run) >= RUN]
