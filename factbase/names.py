"""Which names of people, organisations and places a text uses, as whole words."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


class NameIndex:
    """Finds which names occur in a text, whole words only, in one pass over its words."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        # A name is matched as its sequence of words; the key is that sequence.
        self._ids: dict[tuple[str, ...], list[str]] = {}
        for name, ids in names.items():
            words = tuple(_WORD.findall(name))
            if words:
                self._ids.setdefault(words, []).extend(ids)
        self._longest = max((len(words) for words in self._ids), default=0)

    def ids_in(self, text: str) -> list[str]:
        """The ids of every name the text uses, in order, repeats included."""
        words = _WORD.findall(text)
        found: list[str] = []
        for start in range(len(words)):
            for size in range(1, min(self._longest, len(words) - start) + 1):
                found.extend(self._ids.get(tuple(words[start : start + size]), ()))
        return found
