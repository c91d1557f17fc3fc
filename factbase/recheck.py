"""Re-check a source against a new capture of it: python -m factbase.recheck SOURCE_ID NEW_TEXT [--data DIR].

Publishers edit stories after publishing them, often without saying so. Given a newly captured
text of a source, this numbers its paragraphs exactly as the stored text's are numbered (the
same layout, from data/sources.yaml), aligns the stored body with the new one, and says for every
quote that cites the source whether it would still verify against the new text:

- still there: word for word in the paragraph the data names;
- moved: word for word, but in another paragraph, so the citation must name that one instead;
- changed: not word for word anywhere, but more than half of its words still stand, in order,
  in a run of words of a new or changed paragraph: that passage is shown, with a word-level diff;
- gone: no passage keeps that many of its words.

The quotes are the citations' quotes, and a quotation's own words, which must stand in quote
marks where its first citation points. A citation of the original that the loader also found in
a syndicated copy (`also_in`) is checked in that copy as well: there, moving needs no edit (the
loader finds the words again), but changed or gone means the site would stop pointing readers to
those words in that copy, so it counts as a failure too.

Exit status: 0 when every quote would verify as written, 1 when any would not (or the capture
would not load in place of the stored text), 2 when the re-check cannot be made: an unknown
source, an unreadable capture, a capture whose body cannot be found. Pure Python: nothing here
knows about MkDocs.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Literal, NamedTuple

from factbase.article import Layout, caption_lines, number_paragraphs
from factbase.collector import DataError
from factbase.kinds import invisible_character
from factbase.loader import load_factbase
from factbase.loader.citations import find_whole_words, turn_after, whole_words_in
from factbase.loader.sources import MAX_TEXT_BYTES
from factbase.model import Article, Citation, FactBase, Location, Paragraph, Source
from factbase.specs import SOURCES_FILE
from factbase.words import words
from factbase.yamlfile import Origin, YamlFileError, read_yaml

# A quote that is no longer there word for word is changed if its closest passage keeps more
# than this share of its words, in order (words as factbase.words counts them, so case and the
# shape of an apostrophe do not count against it); otherwise it is gone. More than half: "formally
# adopted Sunday" -> "formally approved Sunday" keeps 2 of 3 and is changed, "28 technology
# companies" -> "for companies" keeps 1 of 3 and is gone. The passage looked for is the run of
# words most like the quote character by character (difflib's ratio), in a paragraph that is new
# or changed: an unchanged one is as stored, where the quote was not.
KEPT_WORDS = 0.5
# Paragraphs whose words are at least this alike (difflib's ratio over their words) are one
# paragraph, changed; below it, one was removed and another is new.
SAME_PARAGRAPH = 0.5
# Where stored and new paragraphs differ, a stored paragraph is looked for among the next few
# new ones only: edits are local, and a capture of thousands of paragraphs stays quick.
PAIR_REACH = 5
# How many places in the new text, where most of a quote's words line up, are searched closely.
SEARCH_PLACES = 5
# What the report shows of capture text: the first words of a new or removed paragraph, the
# words around each change in a changed one, how many changes and steps, and no run too long.
FIRST_WORDS = 8
CONTEXT_WORDS = 3
SHOWN_CHANGES = 6
SHOWN_STEPS = 40
SHOWN_CHARS = 300
_PUNCTUATION = re.compile(r"(\s*)(\S+)")

Verdict = Literal["still there", "moved", "changed", "gone"]
How = Literal["cited", "also in", "words"]  # a citation's quote; found in a copy; a quotation's words
Step = Literal["unchanged", "changed", "new", "removed"]


class RecheckError(Exception):
    """The re-check cannot be made; the message says why, as `file: what is wrong`."""


@dataclass(frozen=True)
class CitedWords:
    """Words the data says stand in a paragraph of the source, and who says so."""

    owner: str  # "fact 'x'", "entity 'x'", "figure 'x'", "quotation 'x'"
    origin: Origin  # the citation (or, for a quotation's words, the quotation)
    words: str
    location: Location  # where they stand in the stored text
    how: How


@dataclass(frozen=True)
class Passage:
    """The run of words in the new text most like a quote that is no longer there."""

    paragraph: int
    text: str
    kept: int  # how many of the quote's words it keeps, in order
    of: int  # how many words the quote has

    @property
    def close(self) -> bool:
        """True if it keeps enough of the quote's words to be the quote, changed."""
        return self.kept > KEPT_WORDS * self.of


@dataclass(frozen=True)
class QuoteCheck:
    """What became of one quote in the new capture."""

    cited: CitedWords
    verdict: Verdict
    now_in: int | None = None  # moved: the paragraph the words stand in now
    closest: Passage | None = None  # changed: the passage most like them
    turn: str | None = None  # changed: the turning word the quote now stops just before

    @property
    def fails(self) -> bool:
        """True if the data would no longer verify (or, in a copy, find) these words as written."""
        if self.cited.how == "also in":
            return self.verdict in ("changed", "gone")
        return self.verdict != "still there"

    @property
    def diff(self) -> str:
        """A changed quote against its closest passage, word by word."""
        return word_diff(self.cited.words, self.closest.text) if self.closest else ""


@dataclass(frozen=True)
class Aligned:
    """One step of the alignment of the stored body's paragraphs with the new capture's."""

    step: Step
    old: range  # stored paragraph numbers; empty for a new paragraph
    new: range  # new paragraph numbers; empty for a removed one
    old_text: str = ""  # a changed or removed paragraph, as stored
    new_text: str = ""  # a changed or new paragraph, as captured now


@dataclass(frozen=True)
class Recheck:
    """A source's stored text against a new capture: the paragraphs, the layout, every quote."""

    source_id: str
    stored_paragraphs: int
    new_paragraphs: int
    alignment: tuple[Aligned, ...]
    layout_problems: tuple[str, ...]  # why the capture would not load in place of the stored text
    checks: tuple[QuoteCheck, ...]

    @property
    def verifies(self) -> bool:
        """True if the data would load against the new capture with every quote as written."""
        return not self.layout_problems and not any(check.fails for check in self.checks)

    @cached_property
    def _fates(self) -> dict[int, Aligned]:
        return fates(self.alignment)

    def fate(self, paragraph: int) -> Aligned | None:
        """The step of the alignment that holds a stored paragraph."""
        return self._fates.get(paragraph)

    def now_numbered(self, paragraph: int) -> int | None:
        """The new number of a stored paragraph that is still there, changed or not; None if removed."""
        return renumbered(self._fates, paragraph)


def fates(alignment: Iterable[Aligned]) -> dict[int, Aligned]:
    """Each stored paragraph's step of the alignment."""
    return {number: step for step in alignment for number in step.old}


def renumbered(fates: dict[int, Aligned], paragraph: int) -> int | None:
    """The new number of a stored paragraph that is still there, changed or not; None if removed."""
    step = fates.get(paragraph)
    if step is None or step.step == "removed":
        return None
    return step.new[paragraph - step.old.start]


def read_capture(path: Path) -> str:
    """A new capture's text, held to the rules for stored texts; RecheckError if it breaks one."""
    shown = str(path)
    try:
        if not path.exists():
            raise RecheckError(f"{shown}: no such file")
        if not path.is_file():
            raise RecheckError(f"{shown}: is not a file; give the saved text of the new capture")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise RecheckError(f"{shown}: is {size:,} bytes; a stored text may be at most {MAX_TEXT_BYTES:,}")
        with path.open("rb") as capture:
            raw = capture.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise RecheckError(f"{shown}: cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_TEXT_BYTES:  # it grew after it was measured
        raise RecheckError(f"{shown}: is over {MAX_TEXT_BYTES:,} bytes; a stored text may be at most that")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RecheckError(
            f"{shown}:{line}: is not UTF-8 text (byte 0x{raw[error.start]:02x}); save the capture as UTF-8 text"
        ) from None
    if text.startswith("\ufeff"):
        raise RecheckError(f"{shown}:1: begins with a byte order mark (U+FEFF); save it as UTF-8 without one")
    for number, text_line in enumerate(text.splitlines(), start=1):
        invisible = invisible_character(text_line.replace("\t", " "))
        if invisible is not None:
            raise RecheckError(
                f"{shown}:{number}: holds {invisible}, which could hide or reorder the words quotes are "
                "checked against; delete it"
            )
    if not text.strip():
        raise RecheckError(f"{shown}: is empty")
    return text


def stored_layout(data_dir: Path, source: Source) -> Layout:
    """The layout data/sources.yaml gives a source: what marks out its body and numbers its paragraphs."""
    shown = f"{data_dir.name}/{SOURCES_FILE}"
    try:
        document = read_yaml(data_dir / SOURCES_FILE, shown)
    except YamlFileError as error:
        raise RecheckError(str(error)) from None
    except OSError as error:
        raise RecheckError(f"{shown}: cannot be read ({error.strerror or error})") from None
    entries = document if isinstance(document, list) else []
    entry = next((e for e in entries if isinstance(e, dict) and e.get("id") == source.id), None)
    if entry is None:  # edited since it was loaded
        raise RecheckError(f"{shown}: source {source.id!r} is no longer there")
    return Layout(
        dateline=source.dateline,
        credit_line=source.credit_line,
        subheads=tuple(entry.get("subheads", ())),
        furniture=tuple(entry.get("furniture", ())),
        photo_captions=tuple(entry.get("photo_captions", ())),
    )


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


def recheck(factbase: FactBase, source: Source, layout: Layout, new_text: str, shown: str = "the capture") -> Recheck:
    """Compare a new capture of a source with its stored text, quote by quote."""
    article, problems = number_paragraphs(new_text, layout)
    if article.credit is None or not article.paragraphs:
        problem = problems[0] if article.credit is None else "nothing stands between the dateline and the credit line"
        raise RecheckError(
            f"{shown}: the body cannot be found: {problem}; is it a capture of {source.id}, "
            f"whose layout is given at {source.origin}?"
        )
    _, caption_problems = caption_lines(new_text, layout.photo_captions)
    problems += caption_problems
    lines = {line.strip() for line in new_text.splitlines()}
    for key, line in (("timestamp_as_shown", source.timestamp_as_shown), ("copyright_line", source.copyright_line)):
        if line is not None and line not in lines:
            problems.append(f"{key} {line!r} is not a line of the text")

    alignment = align(source.article.paragraphs, article.paragraphs)
    edited = {number for step in alignment if step.step in ("changed", "new") for number in step.new}
    body = _Body(article, frozenset(edited))
    by_stored = fates(alignment)
    checks = tuple(_check(cited, body, by_stored) for cited in cited_words(factbase, source))
    return Recheck(
        source_id=source.id,
        stored_paragraphs=len(source.article.paragraphs),
        new_paragraphs=len(article.paragraphs),
        alignment=alignment,
        layout_problems=tuple(problems),
        checks=checks,
    )


def align(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> tuple[Aligned, ...]:
    """Which stored paragraphs are still there (under which numbers), changed, removed or new."""
    matcher = difflib.SequenceMatcher(None, [p.text for p in old], [p.text for p in new], autojunk=False)
    steps: list[Aligned] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.append(Aligned("unchanged", range(i1 + 1, i2 + 1), range(j1 + 1, j2 + 1)))
        else:
            steps.extend(_pair(old[i1:i2], new[j1:j2]))
    return tuple(_moved(steps))


def _moved(steps: list[Aligned]) -> list[Aligned]:
    """A paragraph taken out in one place and put in at another has moved, not gone: each
    removed paragraph is paired with the new one most like it, anywhere in the capture, and the
    pair is given where the new capture has it."""
    removed = [step for step in steps if step.step == "removed"]
    added = [step for step in steps if step.step == "new"]
    moved_to: dict[int, Aligned] = {}  # by the id of the new step it replaces
    gone: set[int] = set()
    for stored in removed:
        candidates = [(_alike(stored.old_text, step.new_text), -step.new.start, step) for step in added]
        candidates = [c for c in candidates if id(c[2]) not in moved_to and c[0] >= SAME_PARAGRAPH]
        if not candidates:
            continue
        _, _, now = max(candidates, key=lambda candidate: candidate[:2])
        same = stored.old_text == now.new_text
        moved_to[id(now)] = Aligned(
            "unchanged" if same else "changed",
            stored.old,
            now.new,
            "" if same else stored.old_text,
            "" if same else now.new_text,
        )
        gone.add(id(stored))
    return [moved_to.get(id(step), step) for step in steps if id(step) not in gone]


def _pair(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> list[Aligned]:
    """Within a run of differing paragraphs, pair each stored one with a new one like it, in order."""
    steps: list[Aligned] = []
    taken = 0  # new paragraphs before this one are accounted for
    for stored in old:
        reach = range(taken, min(len(new), taken + PAIR_REACH))
        scores = [(_alike(stored.text, new[j].text), j) for j in reach]
        best = max(scores, key=lambda score: (score[0], -score[1]), default=(0.0, -1))
        if best[0] < SAME_PARAGRAPH:
            steps.append(Aligned("removed", _one(stored.number), range(0), old_text=stored.text))
            continue
        steps.extend(_new(new[taken : best[1]]))
        now = new[best[1]]
        steps.append(Aligned("changed", _one(stored.number), _one(now.number), stored.text, now.text))
        taken = best[1] + 1
    steps.extend(_new(new[taken:]))
    return steps


def _new(paragraphs: Iterable[Paragraph]) -> list[Aligned]:
    return [Aligned("new", range(0), _one(p.number), new_text=p.text) for p in paragraphs]


def _one(number: int) -> range:
    return range(number, number + 1)


def _alike(a: str, b: str) -> float:
    """How alike two paragraphs' words are, 0 to 1 (0 without looking when their lengths rule it out)."""
    matcher = difflib.SequenceMatcher(None, [w.text for w in words(a)], [w.text for w in words(b)], autojunk=False)
    if matcher.real_quick_ratio() < SAME_PARAGRAPH or matcher.quick_ratio() < SAME_PARAGRAPH:
        return 0.0
    return matcher.ratio()


class Token(NamedTuple):
    """A word of a text (as factbase.words finds words) or a run of the punctuation between them."""

    space: str  # the whitespace before it
    text: str  # exactly as it stands
    key: str  # a word normalised as factbase.words does; "" for punctuation


def tokens(text: str) -> list[Token]:
    """A text as words and punctuation, each with the whitespace before it, so that diffs show a
    changed comma or apostrophe and a passage can end where a quote ends, before the comma."""
    found: list[Token] = []
    at = 0
    for word in words(text):
        _punctuation(text[at : word.start], found)
        space = text[at : word.start]
        space = space[len(space.rstrip()) :]
        found.append(Token(space, text[word.start : word.end], word.text))
        at = word.end
    _punctuation(text[at:], found)
    return found


def _punctuation(gap: str, found: list[Token]) -> None:
    """The runs of punctuation in the gap between two words, each with the whitespace before it."""
    for match in _PUNCTUATION.finditer(gap):
        found.append(Token(match.group(1), match.group(2), ""))


def _joined(run: Sequence[Token]) -> str:
    """Tokens back into text, without the whitespace before the first."""
    return "".join(token.space + token.text for token in run).lstrip()


class _Body:
    """The new capture's body, indexed to find where a quote's words line up."""

    def __init__(self, article: Article, edited: frozenset[int]) -> None:
        self.parts = (*article.paragraphs, *((article.credit,) if article.credit else ()))
        # Only a paragraph that is new or changed can hold an edited quote: the others are word
        # for word as stored, where the quote was not (or it would have been found).
        self.edited = edited

        # The body in one string, to find a quote's text in it at C speed however many paragraphs
        # there are; quotes are one line, so none spans the line breaks between paragraphs.
        self.joined = "\n".join(part.text for part in self.parts)
        self.starts = list(accumulate((len(part.text) + 1 for part in self.parts[:-1]), initial=0))

    @cached_property
    def part_tokens(self) -> list[list[Token]]:
        """Each part's tokens: built on first use, as most re-checks never look for a changed quote."""
        return [tokens(part.text) if part.number in self.edited else [] for part in self.parts]

    @cached_property
    def places(self) -> dict[str, list[tuple[int, int]]]:
        """A word's key: each (part, token) where it stands."""
        places: dict[str, list[tuple[int, int]]] = {}
        for part, found in enumerate(self.part_tokens):
            for at, token in enumerate(found):
                if token.key:
                    places.setdefault(token.key, []).append((part, at))
        return places

    def holding(self, text: str, first: int | None = None) -> list[Paragraph]:
        """The paragraphs (and credit line) whose text holds `text`, paragraph `first` before the rest."""
        found: dict[int, Paragraph] = {}
        at = self.joined.find(text)
        while at != -1:
            part = self.parts[bisect_right(self.starts, at) - 1]
            found[part.number] = part
            at = self.joined.find(text, at + 1)
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
            for part, at in self.places.get(token.key, ()) if token.key else ():
                votes[(part, at - offset)] += 1
        places = [place for place, _ in votes.most_common(SEARCH_PLACES)]
        places.sort(key=lambda place: self.parts[place[0]].number != first)
        best: tuple[float, int, str] | None = None  # similarity, part, passage
        lengths = sorted(range(max(1, size - 2), size + 3), key=lambda length: abs(length - size))
        for part, start in places:
            found = self.part_tokens[part]
            for begin in range(max(0, start - 2), max(0, start + 3)):
                for length in lengths:
                    if begin + length > len(found):
                        continue
                    window = _joined(found[begin : begin + length])
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


def _verifies(cited: CitedWords, text: str) -> bool:
    """True if the loader would accept these words in this paragraph, as it checks them."""
    if cited.how == "words":
        return cited.words in text
    if cited.how == "also in":
        return whole_words_in(text, cited.words)
    return whole_words_in(text, cited.words) and turn_after(text, cited.words) is None


def _check(cited: CitedWords, body: _Body, fates: dict[int, Aligned]) -> QuoteCheck:
    """Whether the words are still there, moved, changed or gone in the new body."""
    stored = cited.location.paragraph
    aligned = renumbered(fates, stored) if stored else stored  # the credit line keeps its number
    verified = [part for part in body.holding(cited.words, aligned) if _verifies(cited, part.text)]
    if cited.how == "also in":  # the loader records the first part of the copy that holds them
        holding = min(verified, key=lambda part: _reading_order(part.number), default=None)
    else:  # the paragraph the data names; else where the stored paragraph went; else wherever they are
        holding = next((part for part in verified if part.number == stored), verified[0] if verified else None)
    if holding is not None:
        if holding.number == stored:
            return QuoteCheck(cited, "still there")
        return QuoteCheck(cited, "moved", now_in=holding.number)
    if cited.how == "cited":
        for part in body.holding(cited.words, aligned):
            start = find_whole_words(part.text, cited.words)
            if start != -1:  # there, but now followed by a word that turns it
                turn = turn_after(part.text, cited.words)
                rest = part.text[start + len(cited.words) :]
                following = words(rest)
                end = start + len(cited.words) + (following[0].end if following else 0)
                found = passage(part.number, part.text[start:end], cited.words)
                return QuoteCheck(cited, "changed", closest=found, turn=turn)
    closest = body.closest(cited.words, aligned)
    if closest is None or not closest.close:
        return QuoteCheck(cited, "gone")
    return QuoteCheck(cited, "changed", closest=closest)


def word_diff(old: str, new: str, context: int | None = None) -> str:
    """Old against new, word by word: removed runs as [-these-], added ones as {+these+}.

    With context, unchanged runs are cut to that many tokens beside each change, and at most
    SHOWN_CHANGES changes are shown.
    """
    a, b = tokens(old), tokens(new)
    opcodes = difflib.SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False).get_opcodes()
    changes = [op for op in opcodes if op[0] != "equal"]
    if not changes:
        return "(the same words; only the spacing differs)"
    shown: list[str] = []
    count = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            run = b[j1:j2]  # the same words; the new text's spacing
            if context is not None and len(run) > 2 * context + 1:
                first, last = index == 0, index == len(opcodes) - 1
                before = "" if first else "".join(t.space + t.text for t in run[:context])
                after = "" if last else "".join(t.space + t.text for t in run[-context:])
                run_text = f"{before} …{after}"
            else:
                run_text = "".join(t.space + t.text for t in run)
            # A word right after a change is set apart from it, as it was in the old text.
            if index and not run_text[:1].isspace() and run_text[:1].isalnum():
                run_text = " " + run_text
            shown.append(run_text)
            continue
        count += 1
        if context is not None and count > SHOWN_CHANGES:
            shown.append(f" (and {len(changes) - SHOWN_CHANGES} more changes)")
            break
        space = (b[j1] if j2 > j1 else a[i1]).space
        removed = f"[-{_clip(_joined(a[i1:i2]))}-]" if i2 > i1 else ""
        added = f"{{+{_clip(_joined(b[j1:j2]))}+}}" if j2 > j1 else ""
        shown.append(space + removed + added)
    return "".join(shown).strip()


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _first_words(text: str) -> str:
    tokens = text.split()
    shown = _clip(" ".join(tokens[:FIRST_WORDS]))
    return repr(shown + (" …" if len(tokens) > FIRST_WORDS else ""))


def _numbers(numbers: range) -> str:
    return str(numbers.start) if len(numbers) == 1 else f"{numbers.start}–{numbers[-1]}"


def _step_line(step: Aligned) -> str:
    plural = "s" if len(step.old) > 1 else ""
    old, new = (_numbers(numbers) if numbers else "" for numbers in (step.old, step.new))
    if step.step == "unchanged":
        moved = "" if step.old == step.new else f" → {new}"
        return f"paragraph{plural} {old}{moved} unchanged"
    if step.step == "changed":
        moved = "" if step.old == step.new else f" → {new}"
        return f"paragraph {old}{moved} changed: {word_diff(step.old_text, step.new_text, CONTEXT_WORDS)}"
    if step.step == "new":
        return f"new paragraph {new}: {_first_words(step.new_text)}"
    return f"removed paragraph {old}: {_first_words(step.old_text)}"


def _fate_of(result: Recheck, location: Location) -> str:
    """What became of the stored paragraph that held a quote, as a clause."""
    if location.paragraph == 0:
        return "the credit line is unchanged"
    step = result.fate(location.paragraph)
    now = result.now_numbered(location.paragraph)
    if step is None or now is None:
        return f"stored {location.label} was removed"
    where = "" if now == location.paragraph else f" (now paragraph {now})"
    return f"stored {location.label}{where} was {'changed' if step.step == 'changed' else 'left as it was'}"


def _who(cited: CitedWords) -> str:
    what = {"cited": "", "also in": ", as found in this copy", "words": ", its words"}[cited.how]
    return f"{cited.owner}{what} ({cited.origin})"


def _arrow(source_id: str, old: int, new: int) -> str:
    """A paragraph's move as the report gives it: "paragraph 6 → 7", "the credit line → paragraph 20"."""
    if old and new:
        return f"paragraph {old} → {new}"
    return f"{Location(source_id, old).label} → {Location(source_id, new).label}"


def _reading_order(paragraph: int) -> int:
    """Paragraphs in the order they are read: the credit line last."""
    return paragraph or sys.maxsize


def _moved_advice(cited: CitedWords, now: int) -> str:
    """What to change for words that moved to paragraph `now`."""
    where = Location(cited.location.source_id, now).label
    arrow = _arrow(cited.location.source_id, cited.location.paragraph, now)
    if cited.how == "also in":
        return f"moved in this copy, {arrow}: nothing to change, the loader finds them there"
    if cited.how == "words":
        return f"moved, {arrow}: the quotation's first citation must cite {where}"
    return f"moved, {arrow}: cite {where} instead"


def _quote_lines(result: Recheck) -> list[str]:
    """Every quote, the ones to act on first: gone, changed, moved (grouped by move), still there."""
    lines: list[str] = []
    indent = " " * 6
    for check in result.checks:
        if check.verdict == "gone":
            cited = check.cited
            lines.append(f"  gone: {_who(cited)}, {cited.location.label}: {_clip(cited.words)!r}")
            fate = _fate_of(result, cited.location)
            lines.append(f"{indent}no new or changed paragraph keeps more than half of its words; {fate}")
    for check in result.checks:
        if check.verdict == "changed" and check.closest is not None:
            cited, closest = check.cited, check.closest
            lines.append(f"  changed: {_who(cited)}, {cited.location.label}: {_clip(cited.words)!r}")
            where = Location(cited.location.source_id, closest.paragraph).label
            lines.append(f"{indent}closest, in {where} ({_kept(closest)}): {_clip(closest.text)!r}")
            lines.append(f"{indent}diff: {check.diff}")
            if check.turn is not None:
                lines.append(
                    f"{indent}the quote now stops just before {check.turn!r}, a turn that may change its meaning"
                )
    moves: dict[tuple[int, int, How], list[QuoteCheck]] = {}
    for check in result.checks:
        if check.verdict == "moved" and check.now_in is not None:
            key = (_reading_order(check.cited.location.paragraph), check.now_in, check.cited.how)
            moves.setdefault(key, []).append(check)
    for key in sorted(moves):
        checks = moves[key]
        lines.append(f"  {_moved_advice(checks[0].cited, key[1])}")
        lines.extend(f"{indent}{_who(check.cited)}: {_clip(check.cited.words)!r}" for check in checks)
    still = sorted(
        (check.cited for check in result.checks if check.verdict == "still there"),
        key=lambda cited: _reading_order(cited.location.paragraph),
    )
    if still:
        lines.append("  still there:")
        lines.extend(f"{indent}{cited.location.label}: {_who(cited)}" for cited in still)
    return lines


def _kept(closest: Passage) -> str:
    if closest.kept == closest.of:
        return f"keeps all {_count(closest.of, 'word')}" if closest.of > 1 else "keeps its word"
    return f"keeps {closest.kept} of its {closest.of} words"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render(result: Recheck, stored: str, capture: str) -> str:
    """The report a person reads: the paragraphs, any layout problems, then every quote."""
    out = [f"{result.source_id}: the stored text {stored} against {capture}", ""]
    steps = result.alignment
    if all(step.step == "unchanged" and step.old == step.new for step in steps):
        out.append(f"Body: the same {_count(result.stored_paragraphs, 'paragraph')}, word for word.")
    else:
        out.append(f"Body: {result.stored_paragraphs} paragraphs stored, {result.new_paragraphs} in the new capture.")
        out.extend(f"  {_step_line(step)}" for step in steps[:SHOWN_STEPS])
        if len(steps) > SHOWN_STEPS:
            out.append(f"  … and {len(steps) - SHOWN_STEPS} more steps")
    if result.layout_problems:
        out += ["", "Layout: the capture would not load in place of the stored text, as data/sources.yaml has it:"]
        out.extend(f"  {problem}" for problem in result.layout_problems)

    order: tuple[Verdict, ...] = ("gone", "changed", "moved", "still there")
    tally = Counter(check.verdict for check in result.checks)
    counts = ", ".join(f"{tally[verdict]} {verdict}" for verdict in order if tally[verdict])
    out += ["", f"Quotes: {len(result.checks)} cite this source; {counts or 'none'}."]
    out.extend(_quote_lines(result))

    out += ["", *_verdict(result)]
    return "\n".join(out) + "\n"


def _verdict(result: Recheck) -> list[str]:
    """The last lines: whether the data would verify against the new capture, and if not, why."""
    if result.verifies:
        return ["Every quote would still verify as written."]
    lines = []
    cited = sum(1 for check in result.checks if check.fails and check.cited.how != "also in")
    copied = sum(1 for check in result.checks if check.fails and check.cited.how == "also in")
    if cited:
        lines.append(f"{_count(cited, 'quote')} would no longer verify as written.")
    if copied:
        lines.append(
            f"{_count(copied, 'quote')} of the original would no longer stand in this copy: "
            f"the site would stop pointing readers to {'it' if copied == 1 else 'them'} here."
        )
    if result.layout_problems:
        lines.append("The capture's layout no longer fits its entry in data/sources.yaml.")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the re-check; exit status 0 when every quote would verify, 1 when not, 2 when it cannot be made."""
    parser = argparse.ArgumentParser(
        prog="python -m factbase.recheck",
        description="Compare a new capture of a source with its stored text, quote by quote.",
    )
    parser.add_argument("source_id", metavar="SOURCE_ID", help="the source's id in data/sources.yaml")
    parser.add_argument("capture", metavar="NEW_TEXT_FILE", type=Path, help="the new capture, saved as UTF-8 text")
    parser.add_argument("--data", metavar="DIR", type=Path, default=Path("data"), help="the data folder (data)")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:  # argparse has printed the usage
        return stop.code if isinstance(stop.code, int) else 2
    data_dir: Path = args.data
    try:
        factbase = load_factbase(data_dir)
    except DataError as error:
        sys.stderr.write(f"{error}\nFix data/ first (make check): a re-check starts from quotes that verify.\n")
        return 2
    known = [source.id for source in factbase.sources]
    if args.source_id not in known:
        sources = f"{data_dir.name}/{SOURCES_FILE}"
        sys.stderr.write(f"{sources}: no source {args.source_id!r}; the sources are: {', '.join(known)}\n")
        return 2
    source = factbase.source(args.source_id)
    try:
        layout = stored_layout(data_dir, source)
        text = read_capture(args.capture)
        result = recheck(factbase, source, layout, text, str(args.capture))
    except RecheckError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    sys.stdout.write(render(result, f"{data_dir.name}/{source.text_path}", str(args.capture)))
    return 0 if result.verifies else 1


if __name__ == "__main__":
    sys.exit(main())
