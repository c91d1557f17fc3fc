"""Which stored paragraphs are still there in a new capture, under which numbers, and which
are changed, moved, removed or new."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from factbase.model import Paragraph
from factbase.recheck.model import PAIR_REACH, SAME_PARAGRAPH, Aligned
from factbase.words import words


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
