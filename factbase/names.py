"""Which names of people, organisations and places a text uses, as whole words."""

from __future__ import annotations

from typing import Any

from factbase.words import PARTS


class NameIndex:
    """Finds which names occur in a text, whole words only, in one pass over its words.

    Names and texts are read by the parts of their words (factbase.words.PARTS), as written, so
    that "Guo Bing’s" uses the name "Guo Bing" and "Sci-Tech" the name "Sci-Tech".

    The names are a tree of their words: from each word of a text, the tree is followed only as
    far as the text goes on with the words of some name, so a text costs what the names it holds
    cost, not the length of the longest name at every word.
    """

    _IDS = ""  # the key under which a node keeps the ids of the name that ends there (no word is "")

    def __init__(self, names: dict[str, list[str]]) -> None:
        self._root: dict[str, Any] = {}
        for name, ids in names.items():
            node = self._root
            for word in PARTS.findall(name):
                node = node.setdefault(word, {})
            if node is not self._root:
                node.setdefault(self._IDS, []).extend(ids)

    def ids_in(self, text: str) -> list[str]:
        """The ids of every name the text uses, in order, repeats included."""
        words = PARTS.findall(text)
        found: list[str] = []
        for start in range(len(words)):
            node = self._root.get(words[start])
            at = start + 1
            while node is not None:
                found.extend(node.get(self._IDS, ()))
                node = node.get(words[at]) if at < len(words) else None
                at += 1
        return found
