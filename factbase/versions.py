"""Compare two captured copies of a report, from their stored texts."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from factbase.model import Source


@dataclass(frozen=True)
class ParagraphDifference:
    """A body paragraph whose words differ between the copies."""

    number: int
    changes: tuple[tuple[str, str], ...]  # (words in the original, words in the copy)


@dataclass(frozen=True)
class Comparison:
    """How a copy differs from its original."""

    original: Source
    copy: Source
    same_paragraphs: int
    paragraph_differences: tuple[ParagraphDifference, ...]
    only_in_original: tuple[int, ...]  # paragraph numbers beyond the copy's last
    only_in_copy: tuple[int, ...]
    credit_line_changes: tuple[tuple[str, str], ...]

    @property
    def bodies_identical(self) -> bool:
        return not (self.paragraph_differences or self.only_in_original or self.only_in_copy)


# Two sequences whose lengths multiply beyond this are not compared item by item: difflib's cost
# grows with that product on repetitive text. What they share at either end is kept, and the rest
# is one change.
DIFF_CELLS = 4_000_000


def opcodes(a: Sequence[str], b: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes turning a into b, in time bounded by DIFF_CELLS: beyond it, the common
    start and end are equal and the middle is replaced."""
    if len(a) * len(b) <= DIFF_CELLS:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    found: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    found.append(("replace", head, len(a) - tail, head, len(b) - tail))
    if tail:
        found.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return found


def _changes(a: list[str], b: list[str], joiner: str) -> tuple[tuple[str, str], ...]:
    """The runs that differ between two sequences, as (text in a, text in b)."""
    return tuple(
        (joiner.join(a[i1:i2]), joiner.join(b[j1:j2])) for tag, i1, i2, j1, j2 in opcodes(a, b) if tag != "equal"
    )


def compare(original: Source, copy: Source) -> Comparison:
    """Compare a copy's article body and credit line with its original's."""
    ours, theirs = original.article.paragraphs, copy.article.paragraphs
    same = 0
    differences = []
    for mine, other in zip(ours, theirs, strict=False):
        if mine.text == other.text:
            same += 1
        else:
            differences.append(ParagraphDifference(mine.number, _changes(mine.text.split(), other.text.split(), " ")))
    credit_a = original.article.credit.text if original.article.credit else ""
    credit_b = copy.article.credit.text if copy.article.credit else ""
    return Comparison(
        original=original,
        copy=copy,
        same_paragraphs=same,
        paragraph_differences=tuple(differences),
        only_in_original=tuple(p.number for p in ours[len(theirs) :]),
        only_in_copy=tuple(p.number for p in theirs[len(ours) :]),
        credit_line_changes=_changes(list(credit_a), list(credit_b), ""),
    )
