"""Words as the copying rules count them.

A word is a run of letters and digits, with apostrophes and hyphens inside it (people’s,
Sci-Tech, hyper-securitized are one word each); case and the shape of the apostrophe do not
matter. Punctuation and spacing between words are ignored, so a copy is found however it is
punctuated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’‑-][^\W_]+)*")
# Text the site writes between these is quoted, not its own words.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Word:
    """One word of a text, and where it stands (character offsets)."""

    text: str  # normalised: lower case, straight apostrophe, plain hyphen
    start: int
    end: int


@lru_cache(maxsize=4096)  # paragraphs are tokenised again for every excerpt and text that cites them
def words(text: str) -> tuple[Word, ...]:
    """The words of a text, in order, normalised for comparison."""
    return tuple(
        Word(match.group(0).lower().replace("’", "'").replace("‑", "-"), match.start(), match.end())
        for match in _WORD.finditer(text)
    )


def count(text: str) -> int:
    """How many words a text has."""
    return len(_WORD.findall(text))


def positions_of(paragraph: str, excerpt: str, start: int) -> range:
    """The word positions in paragraph covered by excerpt, which stands at character offset start."""
    end = start + len(excerpt)
    covered = [i for i, word in enumerate(words(paragraph)) if word.start < end and word.end > start]
    return range(covered[0], covered[-1] + 1) if covered else range(0)


def own_words(text: str) -> list[list[str]]:
    """The runs of words a text writes outside quote marks (each quoted passage breaks a run)."""
    runs: list[list[str]] = []
    last = 0
    for match in QUOTED.finditer(text):
        runs.append([w.text for w in words(text[last : match.start()])])
        last = match.end()
    runs.append([w.text for w in words(text[last:])])
    return [run for run in runs if run]


def longest_copied_run(text: str, source: str, at_least: int) -> list[str] | None:
    """The longest run of at least `at_least` words that text writes outside quote marks and
    source holds in the same order; None if there is none."""
    source_words = [w.text for w in words(source)]
    grams = {tuple(source_words[i : i + at_least]) for i in range(len(source_words) - at_least + 1)}
    best: list[str] | None = None
    for run in own_words(text):
        i = 0
        while i + at_least <= len(run):
            if tuple(run[i : i + at_least]) not in grams:
                i += 1
                continue
            j = i + at_least
            while j < len(run) and _in_order(run[i : j + 1], source_words):
                j += 1
            if best is None or j - i > len(best):
                best = run[i:j]
            i = j
    return best


def _in_order(run: list[str], source_words: list[str]) -> bool:
    size = len(run)
    return any(source_words[k : k + size] == run for k in range(len(source_words) - size + 1))


def shared_run_positions(text: str, source: str, at_least: int) -> set[int]:
    """The positions of source's words that text shows in runs of at least `at_least` consecutive
    words, quote marks or not: what the text reproduces of the source."""
    source_words = [w.text for w in words(source)]
    starts: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(source_words) - at_least + 1):
        starts.setdefault(tuple(source_words[i : i + at_least]), []).append(i)
    text_words = [w.text for w in words(text)]
    found: set[int] = set()
    for i in range(len(text_words) - at_least + 1):
        for start in starts.get(tuple(text_words[i : i + at_least]), ()):
            found.update(range(start, start + at_least))
    return found
