"""Words as the copying rules count them.

A word is a run of letters and digits, with apostrophes and hyphens inside it (people’s,
Sci-Tech, hyper-securitized are one word each); case and the shape of the apostrophe or hyphen
do not matter. Punctuation and spacing between words are ignored, so a copy is found however it
is punctuated. This is the one definition: the copying rules, the check that a quote stands as
whole words, and the names a text uses (factbase.names, by a word's parts) all read it here.
"""

from __future__ import annotations

import re
import sys
from array import array
from functools import lru_cache
from typing import NamedTuple

# What joins letters and digits into one word: apostrophes, straight and curly, and hyphens
# (plain, U+2010 and the non-breaking U+2011); each is read as its plain form.
JOINERS = "'’‐‑-"
# A word's parts: runs of letters and digits (str.isalnum; an underscore is not one).
PARTS = re.compile(r"[^\W_]+")
_WORD = re.compile(rf"[^\W_]+(?:[{JOINERS}][^\W_]+)*")
# Text the site writes between these is quoted, not its own words.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A run of this many consecutive words of a report is a copy, not a phrase: the own-words rule
# refuses one outside quote marks, the budget counts every word in one, and the scan of the
# built site looks for them.
RUN = 6


class Word(NamedTuple):
    """One word of a text, and where it stands (character offsets)."""

    text: str  # normalised: lower case, straight apostrophe, plain hyphen
    start: int
    end: int


def _plain(text: str) -> str:
    """Text with each joiner in its plain form (str.replace: several times quicker than translate)."""
    return text.replace("’", "'").replace("‐", "-").replace("‑", "-")


def _key(word: str) -> str:
    # Interned: a fact base of many reports holds the same few thousand words many times over.
    return sys.intern(_plain(word.lower()))


def _word(match: re.Match[str]) -> Word:
    return Word(_key(match.group(0)), match.start(), match.end())


def edges(text: str) -> array[int]:
    """Where each word of a text starts and ends, as one flat array (start, end, start, end…):
    what an index keeps of a long text's words, at eight bytes a word."""
    found: array[int] = array("i")
    for match in _WORD.finditer(text):
        found.extend(match.span())
    return found


def keys(text: str) -> list[str]:
    """The words of a text, normalised, without where they stand: what an index of a long text keeps."""
    lowered = text.lower()
    # The whole text normalised at once finds the same words as each word normalised alone, unless
    # a letter lowers to two characters (İ) or by its context (a final Σ).
    if len(lowered) != len(text) or "Σ" in text:
        return [_key(word) for word in _WORD.findall(text)]
    return list(map(sys.intern, _WORD.findall(_plain(lowered))))


def tokenise(text: str) -> tuple[Word, ...]:
    """The words of a text, in order, normalised for comparison."""
    return tuple(_word(match) for match in _WORD.finditer(text))


def next_word(text: str, at: int) -> Word | None:
    """The first word that starts at or after a character offset, reading no further than it."""
    match = _WORD.search(text, at)
    return None if match is None else _word(match)


# Short texts (quotes, statements) are tokenised again by several checks (and a fact base of
# thousands has tens of thousands of them); a stored text's paragraphs are tokenised once, by
# factbase.textindex.
words = lru_cache(maxsize=65536)(tokenise)


def _is_word(char: str) -> bool:
    return char.isalnum()


def _joined(text: str, at: int, step: int) -> bool:
    """True if text[at] continues the word that ends (step 1) or begins (step -1) beside it."""
    if not 0 <= at < len(text):
        return False
    if _is_word(text[at]):
        return True
    beyond = at + step
    return text[at] in JOINERS and 0 <= beyond < len(text) and _is_word(text[beyond])


def at_word_edges(text: str, start: int, end: int, words: str) -> bool:
    """True if `words`, standing at text[start:end], neither begins nor ends inside a word of text."""
    cut_before = _is_word(words[0]) and _joined(text, start - 1, -1)
    cut_after = _is_word(words[-1]) and _joined(text, end, 1)
    return not cut_before and not cut_after


def find_whole_words(text: str, words: str) -> int:
    """Where `words` stands in `text` without beginning or ending inside a word; -1 if nowhere."""
    if not words:
        return -1
    start = text.find(words)
    while start != -1:
        if at_word_edges(text, start, start + len(words), words):
            return start
        start = text.find(words, start + 1)
    return -1


def whole_words_in(text: str, words: str) -> bool:
    """True if `words` stands in `text` without beginning or ending inside a word."""
    return find_whole_words(text, words) != -1
