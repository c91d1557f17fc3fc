"""Compare two captured copies of a report, from their stored texts."""

from __future__ import annotations

import difflib
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


def _changes(a: list[str], b: list[str], joiner: str) -> tuple[tuple[str, str], ...]:
    """The runs that differ between two sequences, as (text in a, text in b)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return tuple(
        (joiner.join(a[i1:i2]), joiner.join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
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
