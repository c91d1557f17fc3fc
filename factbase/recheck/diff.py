"""A word-level diff of two texts, as the re-check report shows it: [-removed-]{+added+}."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from factbase.versions import opcodes
from factbase.words import words

# What the report shows of capture text: how many changes, and no run too long.
SHOWN_CHANGES = 6
SHOWN_CHARS = 300
_PUNCTUATION = re.compile(r"(\s*)(\S+)")


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


def joined(run: Sequence[Token]) -> str:
    """Tokens back into text, without the whitespace before the first."""
    return "".join(token.space + token.text for token in run).lstrip()


def word_diff(old: str, new: str, context: int | None = None) -> str:
    """Old against new, word by word: removed runs as [-these-], added ones as {+these+}.

    With context, unchanged runs are cut to that many tokens beside each change, and at most
    SHOWN_CHANGES changes are shown.
    """
    a, b = tokens(old), tokens(new)
    steps = opcodes([t.text for t in a], [t.text for t in b])
    changes = [op for op in steps if op[0] != "equal"]
    if not changes:
        return "(the same words; only the spacing differs)"
    shown: list[str] = []
    count = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(steps):
        if tag == "equal":
            run = b[j1:j2]  # the same words; the new text's spacing
            if context is not None and len(run) > 2 * context + 1:
                first, last = index == 0, index == len(steps) - 1
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
        removed = f"[-{clip(joined(a[i1:i2]))}-]" if i2 > i1 else ""
        added = f"{{+{clip(joined(b[j1:j2]))}+}}" if j2 > j1 else ""
        shown.append(space + removed + added)
    return "".join(shown).strip()


def clip(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
