"""What a re-check finds: each quote's verdict, and each stored paragraph's fate."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from factbase.model import Location
from factbase.recheck.diff import word_diff
from factbase.yamlfile import Origin

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
# A word that stands in more places than this in the new or changed paragraphs casts no vote on
# where a quote went: it says nothing about it, and following it would cost as much as the text.
COMMON_WORD = 1_000
# What the report shows of capture text: the first words of a new or removed paragraph, the
# words around each change in a changed one, how many changes and steps, and no run too long.
FIRST_WORDS = 8
CONTEXT_WORDS = 3
SHOWN_STEPS = 40

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


def reading_order(paragraph: int) -> int:
    """Paragraphs in the order they are read: the credit line last."""
    return paragraph or sys.maxsize
