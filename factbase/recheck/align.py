"""Which stored paragraphs are still there in a new capture, under which numbers, and which
are changed, moved, removed or new.

Each paragraph is tokenised once. The two bodies are lined up by the paragraphs that stand once
in each, word for word (the longest run of them in the same order: a patience diff), and the
gaps between are compared paragraph by paragraph, each with the next few new ones; a paragraph
taken out in one place is looked for elsewhere among the new ones that share an uncommon pair of
words with it. Nothing compares every paragraph with every other, so a capture of thousands of
paragraphs is as quick to align as its length.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

from factbase.article import Paragraph
from factbase.recheck.model import PAIR_REACH, SAME_PARAGRAPH, Aligned
from factbase.words import keys

# A pair of words found in more new paragraphs than this says nothing about where a paragraph went.
COMMON_PAIR = 50
# How many of the new paragraphs that share most pairs of words with a removed one are compared closely.
CANDIDATES = 8
# Two paragraphs whose word counts multiply beyond this are compared by the words they share, in
# any order (difflib's quick_ratio), not by the words they share in order, which costs that product.
ALIKE_CELLS = 1_000_000

Opcode = tuple[str, int, int, int, int]


def align(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> tuple[Aligned, ...]:
    """Which stored paragraphs are still there (under which numbers), changed, removed or new."""
    steps: list[Aligned] = []
    for tag, i1, i2, j1, j2 in _opcodes([p.text for p in old], [p.text for p in new]):
        if tag == "equal":
            steps.append(Aligned("unchanged", range(i1 + 1, i2 + 1), range(j1 + 1, j2 + 1)))
        else:
            steps.extend(_pair(old[i1:i2], new[j1:j2]))
    return tuple(_moved(steps))


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes ("equal" and "replace" only) lining a up with b: anchored on the
    longest increasing run of the items that stand once in each, with equal items at the edges
    of each gap taken as equal too."""
    count_a, count_b = Counter(a), Counter(b)
    where_a = {text: i for i, text in enumerate(a) if count_a[text] == 1}
    pairs = [(where_a[text], j) for j, text in enumerate(b) if count_b[text] == 1 and text in where_a]
    anchors = _increasing(pairs)
    opcodes: list[Opcode] = []

    def equal(i: int, j: int, size: int) -> None:
        if not size:
            return
        if opcodes and opcodes[-1][0] == "equal" and opcodes[-1][2] == i and opcodes[-1][4] == j:
            _, i1, _, j1, _ = opcodes.pop()
            opcodes.append(("equal", i1, i + size, j1, j + size))
        else:
            opcodes.append(("equal", i, i + size, j, j + size))

    i = j = 0
    for anchor_i, anchor_j in [*anchors, (len(a), len(b))]:
        head = 0  # equal items at the start of the gap
        while i + head < anchor_i and j + head < anchor_j and a[i + head] == b[j + head]:
            head += 1
        tail = 0  # and at its end
        while (
            anchor_i - tail > i + head
            and anchor_j - tail > j + head
            and a[anchor_i - tail - 1] == b[anchor_j - tail - 1]
        ):
            tail += 1
        equal(i, j, head)
        if anchor_i - tail > i + head or anchor_j - tail > j + head:
            opcodes.append(("replace", i + head, anchor_i - tail, j + head, anchor_j - tail))
        equal(anchor_i - tail, anchor_j - tail, tail)
        if anchor_i < len(a):
            equal(anchor_i, anchor_j, 1)
        i, j = anchor_i + 1, anchor_j + 1
    return opcodes


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (i, j) pairs, in order of j, whose i also increase (O(n log n)); of
    runs as long, the one that keeps the earlier items of a, as difflib would."""
    tails: list[int] = []  # the smallest i ending a run of each length
    ends: list[int] = []  # the index in pairs of that pair
    back: list[int] = []  # for each pair, the pair before it in its run
    for index, (i, _) in enumerate(pairs):
        length = bisect_left(tails, i)
        if length == len(tails):
            tails.append(i)
            ends.append(index)
        else:
            tails[length] = i
            ends[length] = index
        back.append(ends[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    at = ends[-1] if ends else -1
    while at != -1:
        run.append(pairs[at])
        at = back[at]
    return run[::-1]


def _moved(steps: list[Aligned]) -> list[Aligned]:
    """A paragraph taken out in one place and put in at another has moved, not gone: each
    removed paragraph is paired with the new one most like it, anywhere in the capture (among
    those that stand word for word as it does, or share most uncommon pairs of words with it),
    and the pair is given where the new capture has it."""
    added = [step for step in steps if step.step == "new"]
    if not added or not any(step.step == "removed" for step in steps):
        return steps
    added_words = [keys(step.new_text) for step in added]
    same_text: dict[str, list[int]] = {}
    by_pair: dict[tuple[str, ...], list[int]] = {}
    for number, (step, found) in enumerate(zip(added, added_words, strict=True)):
        same_text.setdefault(step.new_text, []).append(number)
        for pair in set(_pairs(found)):
            by_pair.setdefault(pair, []).append(number)
    moved_to: dict[int, Aligned] = {}  # by the number (in `added`) of the new step it replaces
    gone: set[int] = set()
    for stored in (step for step in steps if step.step == "removed"):
        stored_words = keys(stored.old_text)
        exact = [number for number in same_text.get(stored.old_text, ()) if number not in moved_to]
        if exact:
            best: tuple[float, int] | None = (1.0, exact[0])
        else:
            votes: Counter[int] = Counter()
            for pair in set(_pairs(stored_words)):
                holders = by_pair.get(pair, ())
                if len(holders) <= COMMON_PAIR:
                    votes.update(number for number in holders if number not in moved_to)
            scored = [
                (_alike(stored_words, added_words[number]), -number)
                for number in sorted(votes, key=lambda number: (-votes[number], number))[:CANDIDATES]
            ]
            top = max(scored, default=None)
            best = (top[0], -top[1]) if top is not None and top[0] >= SAME_PARAGRAPH else None
        if best is None:
            continue
        now = added[best[1]]
        same = stored.old_text == now.new_text
        moved_to[best[1]] = Aligned(
            "unchanged" if same else "changed",
            stored.old,
            now.new,
            "" if same else stored.old_text,
            "" if same else now.new_text,
        )
        gone.add(id(stored))
    replaced = {id(added[number]): step for number, step in moved_to.items()}
    return [replaced.get(id(step), step) for step in steps if id(step) not in gone]


def _pairs(found: list[str]) -> list[tuple[str, ...]]:
    """A paragraph's pairs of consecutive words (its one word, if it has only one)."""
    if len(found) < 2:
        return [tuple(found)] if found else []
    return list(pairwise(found))


def _pair(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> list[Aligned]:
    """Within a run of differing paragraphs, pair each stored one with a new one like it, in order."""
    steps: list[Aligned] = []
    taken = 0  # new paragraphs before this one are accounted for
    new_words: dict[int, list[str]] = {}  # each paragraph tokenised once, when first compared
    for stored in old:
        reach = range(taken, min(len(new), taken + PAIR_REACH))
        stored_words = keys(stored.text)
        for j in reach:
            if j not in new_words:
                new_words[j] = keys(new[j].text)
        scores = [(_alike(stored_words, new_words[j]), j) for j in reach]
        best = max(scores, key=lambda score: (score[0], -score[1]), default=(0.0, -1))
        if best[0] < SAME_PARAGRAPH:
            steps.append(Aligned("removed", _one(stored.number), range(0), old_text=stored.text))
            continue
        steps.extend(_new(new[taken : best[1]]))
        now = new[best[1]]
        if now.text == stored.text:
            steps.append(Aligned("unchanged", _one(stored.number), _one(now.number)))
        else:
            steps.append(Aligned("changed", _one(stored.number), _one(now.number), stored.text, now.text))
        taken = best[1] + 1
    steps.extend(_new(new[taken:]))
    return steps


def _new(paragraphs: Iterable[Paragraph]) -> list[Aligned]:
    return [Aligned("new", range(0), _one(p.number), new_text=p.text) for p in paragraphs]


def _one(number: int) -> range:
    return range(number, number + 1)


def _alike(a: list[str], b: list[str]) -> float:
    """How alike two paragraphs' words are, 0 to 1 (0 without looking when their lengths rule it out)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_PARAGRAPH:
        return 0.0
    quick = matcher.quick_ratio()
    if quick < SAME_PARAGRAPH or len(a) * len(b) > ALIKE_CELLS:
        return quick if quick >= SAME_PARAGRAPH else 0.0
    return matcher.ratio()
