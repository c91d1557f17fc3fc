"""The one definition of paragraph numbering that every citation uses.

A stored text is split into blocks at blank lines. The article body starts at the block that
begins with the copy's dateline (the dateline itself is not body text) and ends before the block
that is exactly the credit line. Inside it, a block that is exactly a subhead opens a section,
a block that starts with one of the listed furniture prefixes (a photo caption, say) is skipped,
and every other block is the next numbered paragraph, counting from 1. The credit line is part
of the article too, citable as number 0 (CREDIT_LINE). Everything else (headlines, photo
captions, timestamps, sidebars, ads) is page furniture and cannot be cited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factbase.limits import echo

# The number a citation uses for a copy's credit line, which is part of the article but not
# one of its numbered paragraphs. Data files write it as `paragraph: credit line`.
CREDIT_LINE = 0


# A paragraph's locator on its source's page is its first few words: enough to find it in
# the article, few enough that the index does not republish it.
LOCATOR_WORDS = 3


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of an article body (or its credit line, number 0), as stored."""

    number: int
    text: str
    section: str | None  # the subhead it stands under; None before the first subhead
    line: int  # 1-based line in the stored text

    @property
    def locator(self) -> str:
        """The paragraph's first words as the site shows them, to find it in the article."""
        return " ".join(self.text.split()[:LOCATOR_WORDS])

    @property
    def continues(self) -> bool:
        """True if the paragraph goes on beyond its locator."""
        return len(self.text.split()) > LOCATOR_WORDS


@dataclass(frozen=True)
class Article:
    """The body of one captured copy: its paragraphs, numbered from 1, and its credit line."""

    paragraphs: tuple[Paragraph, ...]
    credit: Paragraph | None = None

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph with this number (CREDIT_LINE for the credit line), or None."""
        if number == CREDIT_LINE:
            return self.credit
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    def sections(self) -> tuple[tuple[str | None, tuple[Paragraph, ...]], ...]:
        """Paragraphs grouped under their subheads, in reading order."""
        groups: list[tuple[str | None, list[Paragraph]]] = []
        for paragraph in self.paragraphs:
            if not groups or groups[-1][0] != paragraph.section:
                groups.append((paragraph.section, []))
            groups[-1][1].append(paragraph)
        return tuple((section, tuple(members)) for section, members in groups)


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines in a stored text."""

    text: str
    line: int  # 1-based line of its first line


@dataclass(frozen=True)
class Layout:
    """What marks out the body of one copy."""

    dateline: str
    credit_line: str
    subheads: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()  # how blocks inside the body that are not article text begin
    photo_captions: tuple[str, ...] = ()  # how caption lines begin, wherever they stand


class Prefixes:
    """Which of some prefixes a text begins with, found in time that grows with the prefixes'
    length, not their number (a layout may list thousands)."""

    _END = ""  # the key that marks where a prefix ends: no character is the empty string

    def __init__(self, prefixes: Iterable[str]) -> None:
        self._root: dict[str, Any] = {}
        for prefix in prefixes:
            node = self._root
            for char in prefix:
                node = node.setdefault(char, {})
            node[self._END] = prefix

    def of(self, text: str) -> list[str]:
        """The prefixes text begins with, shortest first."""
        found: list[str] = []
        node: dict[str, Any] | None = self._root
        for char in text:
            if not node:
                return found
            if self._END in node:
                found.append(node[self._END])
            node = node.get(char)
        if node and self._END in node:
            found.append(node[self._END])
        return found


@lru_cache(maxsize=8)  # numbering, the index and the furniture count each read a text's blocks
def split_blocks(text: str) -> tuple[Block, ...]:
    """Split a stored text into blocks separated by blank lines."""
    blocks: list[Block] = []
    lines: list[str] = []
    first_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not lines:
                first_line = number
            lines.append(line.strip())
        elif lines:
            blocks.append(Block(" ".join(lines), first_line))
            lines = []
    if lines:
        blocks.append(Block(" ".join(lines), first_line))
    return tuple(blocks)


def number_paragraphs(text: str, layout: Layout) -> tuple[Article, list[str]]:
    """Find the body of a stored text and number its paragraphs.

    Returns the article and a list of problems (empty when the layout fits the text).
    """
    blocks = split_blocks(text)
    problems: list[str] = []
    start = next((i for i, block in enumerate(blocks) if block.text.startswith(layout.dateline)), None)
    if start is None:
        return Article(()), [f"dateline {echo(layout.dateline)} does not begin any paragraph of the text"]
    end = next((i for i in range(start + 1, len(blocks)) if blocks[i].text == layout.credit_line), None)
    if end is None:
        return Article(()), [
            f"credit line {echo(layout.credit_line)} is not a paragraph of the text after the dateline"
        ]

    first = blocks[start]
    opening = first.text[len(layout.dateline) :].strip()
    body = ([Block(opening, first.line)] if opening else []) + list(blocks[start + 1 : end])

    paragraphs: list[Paragraph] = []
    section: str | None = None
    subheads = set(layout.subheads)
    subheads_seen: set[str] = set()
    furniture_seen: set[str] = set()
    furniture, captions = Prefixes(layout.furniture), Prefixes(layout.photo_captions)
    order = {prefix: number for number, prefix in reversed(list(enumerate(layout.furniture)))}
    for block in body:
        if block.text in subheads:
            section = block.text
            subheads_seen.add(block.text)
            continue
        found = furniture.of(block.text)
        if found:
            furniture_seen.add(min(found, key=order.__getitem__))  # the first the layout lists
            continue
        if captions.of(block.text):
            continue
        paragraphs.append(Paragraph(len(paragraphs) + 1, block.text, section, block.line))

    for subhead in layout.subheads:
        if subhead not in subheads_seen:
            problems.append(f"subhead {echo(subhead)} is not a paragraph of the body")
    for prefix in layout.furniture:
        if prefix not in furniture_seen:
            problems.append(f"furniture {echo(prefix)} does not begin any paragraph of the body")
    credit = Paragraph(CREDIT_LINE, blocks[end].text, None, blocks[end].line)
    return Article(tuple(paragraphs), credit), problems


def caption_lines(text: str, prefixes: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The whole lines that begin with each caption prefix, and a problem for each not found."""
    lines_of: dict[str, list[str]] = {prefix: [] for prefix in prefixes}
    starts = Prefixes(prefixes)
    for line in text.splitlines():
        line = line.strip()
        for prefix in starts.of(line):
            lines_of[prefix].append(line)
    found: list[str] = []
    problems: list[str] = []
    for prefix in prefixes:
        if not lines_of[prefix]:
            problems.append(f"photo caption {echo(prefix)} does not begin any line of the text")
        found.extend(lines_of[prefix])
    return tuple(found), problems


def blocks_after(text: str, article: Article, skip: tuple[str, ...] = ()) -> int:
    """How many blocks of the text follow the credit line, not counting those listed in skip."""
    if article.credit is None:
        return 0
    return sum(1 for block in split_blocks(text) if block.line > article.credit.line and block.text not in skip)
