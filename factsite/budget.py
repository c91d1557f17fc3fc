"""The quoting budget, counted again over what a build actually wrote.

The loader's count (factbase.loader.budget) reads data/ and gives each problem a `file:line`.
This one reads the built site itself: every HTML page, the feed, the downloads and the search
index, whoever wrote their words (data, the templates' wording, a page written by hand in docs/).
A body word of a report counts as shown when it stands in a run of RUN words that some text the
build wrote holds word for word; a report over its budget fails the build, naming the pages that
show most of it.

Pure Python: the site generator reads the written files and hands their texts in.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factbase import FactBase, Source
from factbase.textindex import run_keys
from factbase.words import RUN, keys

# What a build writes that a reader reads: its pages, its feed, its downloads, its search index
# (whose records a reader sees as results, and which may join what the pages show apart); not the
# theme's assets.
PUBLISHED_SUFFIXES = (".html", ".xml", ".json", ".bib", ".ris")
NOT_PUBLISHED = ("assets", "sitemap.xml")
# How many pages a message over budget names.
NAMED_PAGES = 5
# Elements that stand apart on a page: a run of words that crosses from one to the next (a
# heading and the paragraph under it, two cells of a table) is layout, not a copied passage.
_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|"
    r"hr|label|li|main|nav|ol|p|pre|script|section|select|style|summary|table|td|th|title|tr|ul)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""\s[\w:.-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def published_files(site_dir: Path) -> Iterator[tuple[str, str]]:
    """Each file of a built site that readers read, as (its path in the site, its text)."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if path.suffix in PUBLISHED_SUFFIXES and path.is_file() and relative.parts[0] not in NOT_PUBLISHED:
            yield relative.as_posix(), path.read_text(encoding="utf-8", errors="replace")


# The fewest characters RUN words take (a letter each, a space between). Unescaping a piece, or
# taking its tags out, never lengthens it: what is shorter as written is left unread.
SHORTEST = 2 * RUN - 1


def shown_pieces(path: str, text: str) -> Iterator[str]:
    """The pieces of a written file a run of words can stand in: a page's (or a feed's) blocks and
    attribute values, with markup escaped inside them read as markup too; a JSON file's strings.
    Pieces too short to hold RUN words may be left out."""
    if path.endswith(".json"):
        for value in _json_strings(text):
            if "<" in value or "&" in value:
                yield from _markup_pieces(value)
            else:
                yield value
        return
    yield from _markup_pieces(text)


# A JSON string literal: read one at a time, so that a download of many megabytes is never held
# as a tree of objects many times its size.
_JSON_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')


def _json_strings(text: str) -> Iterator[str]:
    for match in _JSON_STRING.finditer(text):
        literal = match.group(1)
        if len(literal) < SHORTEST:  # its escapes decode to fewer characters, never more
            continue
        if "\\" not in literal:
            yield literal
            continue
        try:
            yield json.loads(f'"{literal}"')
        except ValueError:
            yield literal


# A tag with room for an attribute whose value is SHORTEST characters long: each is one that
# _TAG finds (it ends at the same '>'), and none that _TAG finds longer is missed.
_LONG_TAG = re.compile(rf"<[^>]{{{SHORTEST - 1},}}>")


def _markup_pieces(text: str, depth: int = 0) -> Iterator[str]:
    for tag in _LONG_TAG.finditer(text):
        for attribute in _ATTRIBUTE.finditer(tag.group(0)):
            value = attribute.group(1) or attribute.group(2) or ""
            if len(value) >= SHORTEST:
                yield html.unescape(value)
    for block in _BLOCK.split(text):
        if len(block) < SHORTEST:
            continue
        shown = html.unescape(_TAG.sub(" ", block))
        if depth == 0 and "<" in shown:  # markup escaped inside markup: a feed's HTML content
            yield from _markup_pieces(shown, 1)
        else:
            yield shown


@dataclass(frozen=True)
class PublishedShare:
    """How much of one source's body a build shows in runs of RUN words, and on which pages."""

    source: Source
    shown_words: int
    body_words: int
    budget: int  # per cent: its original's quote_budget
    pages: tuple[tuple[str, int], ...]  # the pages that show most of it, with how many of its words

    @property
    def percent(self) -> float:
        return 100 * self.shown_words / self.body_words if self.body_words else 0.0


class _Runs:
    """The runs of RUN words that the written files show and some report's body holds, with the
    first few files that show each."""

    FILES = 3
    REMEMBERED = 100_000  # the most pieces remembered as read, so memory stays bounded

    def __init__(self, factbase: FactBase) -> None:
        self.wanted = {
            digest
            for source in factbase.sources
            for unit in source.index.body()
            for digest in source.index.run_hashes[unit.start : unit.end]
        }
        self.shown: dict[int, tuple[tuple[str, ...], list[str]]] = {}
        self._read: set[int] = set()  # pieces lately read: the navigation and footer repeat on every page

    def read(self, path: str, piece: str) -> None:
        if len(piece) < SHORTEST:  # too short to hold RUN words
            return
        digest = hash(piece)
        if digest in self._read:
            return
        if len(self._read) >= self.REMEMBERED:
            self._read.clear()  # what repeats on every page is soon read again, and remembered
        self._read.add(digest)
        wanted = self.wanted
        for _, run in run_keys(keys(piece)):
            run_digest = hash(run)
            if run_digest in wanted:
                entry = self.shown.setdefault(run_digest, (run, []))
                if entry[0] == run and len(entry[1]) < self.FILES and path not in entry[1]:
                    entry[1].append(path)


def published_shares(factbase: FactBase, files: Iterable[tuple[str, str]]) -> tuple[PublishedShare, ...]:
    """Each source's share of body words that the written files show in runs of RUN, against the
    budget its original sets (sources without one are left out)."""
    runs = _Runs(factbase)
    for path, text in files:
        for piece in shown_pieces(path, text):
            runs.read(path, piece)
    shares = []
    for source in factbase.sources:
        original = factbase.source(source.report_id)
        if original.quote_budget is None:
            continue
        index = source.index
        shown: set[int] = set()
        by_page: dict[str, set[int]] = {}
        for unit in index.body():
            for position in range(unit.start, unit.end - RUN + 1):
                entry = runs.shown.get(index.run_hashes[position])
                if entry is None or entry[0] != index.run_at(position):
                    continue
                words = range(position, position + RUN)
                shown.update(words)
                for page in entry[1]:
                    by_page.setdefault(page, set()).update(words)
        pages = sorted(((page, len(words)) for page, words in by_page.items()), key=lambda item: (-item[1], item[0]))
        body = sum(unit.size for unit in index.body())
        shares.append(PublishedShare(source, len(shown), body, original.quote_budget, tuple(pages[:NAMED_PAGES])))
    return tuple(shares)


def over_budget(factbase: FactBase, files: Iterable[tuple[str, str]]) -> list[str]:
    """A problem for each source the written files show more of than its budget allows."""
    problems = []
    shares = published_shares(factbase, files)
    over = {share.source.id for share in shares if share.percent > share.budget}
    for share in shares:
        # One problem, reported once: a copy over the budget with its original says nothing new.
        if share.source.id in over and share.source.report_id not in over - {share.source.id}:
            pages = "; ".join(f"{page} ({count} words)" for page, count in share.pages)
            problems.append(
                f"{share.source.id}: the built site shows {share.shown_words} of its {share.body_words} body words "
                f"in runs of {RUN} or more ({share.percent:.1f}%), over the budget of {share.budget}%; "
                f"most of them on {pages}: quote less there, or say it in the site's own words"
            )
    return problems
