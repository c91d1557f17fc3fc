"""The one definition of paragraph numbering that every citation uses.

A stored text is split into blocks at blank lines. The article body starts at the block that
begins with the copy's dateline (the dateline itself is not body text) and ends before the block
that is exactly the credit line. Inside it, a block that is exactly a subhead opens a section,
a block that starts with one of the listed furniture prefixes (a photo caption, say) is skipped,
and every other block is the next numbered paragraph, counting from 1. Everything outside the
body (headlines, captions, timestamps, sidebars, ads) is page furniture and cannot be cited.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase.model import Article, Paragraph


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
    furniture: tuple[str, ...] = ()


def split_blocks(text: str) -> list[Block]:
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
    return blocks


def number_paragraphs(text: str, layout: Layout) -> tuple[Article, list[str]]:
    """Find the body of a stored text and number its paragraphs.

    Returns the article and a list of problems (empty when the layout fits the text).
    """
    blocks = split_blocks(text)
    problems: list[str] = []
    start = next(
        (i for i, block in enumerate(blocks) if block.text.startswith(layout.dateline)), None
    )
    if start is None:
        return Article(()), [f"dateline {layout.dateline!r} does not begin any paragraph of the text"]
    end = next(
        (i for i in range(start + 1, len(blocks)) if blocks[i].text == layout.credit_line), None
    )
    if end is None:
        return Article(()), [
            f"credit line {layout.credit_line!r} is not a paragraph of the text after the dateline"
        ]

    first = blocks[start]
    opening = first.text[len(layout.dateline) :].strip()
    body = ([Block(opening, first.line)] if opening else []) + blocks[start + 1 : end]

    paragraphs: list[Paragraph] = []
    section: str | None = None
    subheads_seen: set[str] = set()
    furniture_seen: set[str] = set()
    for block in body:
        if block.text in layout.subheads:
            section = block.text
            subheads_seen.add(block.text)
            continue
        prefix = next((p for p in layout.furniture if block.text.startswith(p)), None)
        if prefix is not None:
            furniture_seen.add(prefix)
            continue
        paragraphs.append(Paragraph(len(paragraphs) + 1, block.text, section, block.line))

    for subhead in layout.subheads:
        if subhead not in subheads_seen:
            problems.append(f"subhead {subhead!r} is not a paragraph of the body")
    for prefix in layout.furniture:
        if prefix not in furniture_seen:
            problems.append(f"furniture {prefix!r} does not begin any paragraph of the body")
    return Article(tuple(paragraphs)), problems


def outside_body(text: str, article: Article, quote: str) -> int | None:
    """The line of the stored text where a quote occurs outside the body, if it does."""
    body_lines = {paragraph.line for paragraph in article.paragraphs}
    for block in split_blocks(text):
        if block.line not in body_lines and quote in block.text:
            return block.line
    return None
