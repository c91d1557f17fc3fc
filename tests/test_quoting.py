"""The built site summarises and does not republish: a scan of every page and download for runs of
six or more consecutive words of each stored text, independent of the loader's own accounting.

Each source's share (the body words found in such runs, anywhere) must stay at most 30% and
never above what the loader reported (so nothing the site shows slips past its accounting); no
page but the quotes page may show more than 15% of a body. The figures are written to
test-artifacts/quoted-share.txt.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from bs4 import BeautifulSoup

from factbase import FactBase, Source
from factbase.words import words
from factsite.budget import published_shares

from .conftest import PROJECT

RUN = 6
SITE_WIDE_LIMIT = 30.0
PAGE_LIMIT = 15.0
DOWNLOAD_SUFFIXES = (".json", ".bib", ".ris", ".xml", ".txt")


class Body:
    """One source's body words, indexed by every run of RUN of them."""

    def __init__(self, source: Source) -> None:
        self.words = [w.text for p in source.article.paragraphs for w in words(p.text)]
        self.starts: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(self.words) - RUN + 1):
            self.starts.setdefault(tuple(self.words[i : i + RUN]), []).append(i)

    def found_in(self, text: str) -> set[int]:
        """The positions of body words that stand in text in runs of at least RUN."""
        tokens = [w.text for w in words(text)]
        found: set[int] = set()
        for i in range(len(tokens) - RUN + 1):
            for start in self.starts.get(tuple(tokens[i : i + RUN]), ()):
                found.update(range(start, start + RUN))
        return found

    def percent(self, positions: set[int]) -> float:
        return 100 * len(positions) / len(self.words)


# Elements that stand apart on a page: a run of words that crosses from one to the next (a name
# heading and the description under it) is layout, not a copied passage.
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "title")


def shown_texts(path: Path) -> list[str]:
    """What a file shows a reader, in the pieces a run can stand in: a page's blocks and
    attributes, or a download as it is."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return [raw]
    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    attributes = [str(value) for tag in soup.find_all(True) for value in tag.attrs.values()]
    blocks = [tag.get_text(" ") for tag in soup.find_all(BLOCKS) if not tag.find(BLOCKS)]
    return blocks + attributes


def site_files(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*")
        if path.is_file() and "assets" not in path.parts and path.suffix in (".html", *DOWNLOAD_SUFFIXES)
    )


def test_the_scan_finds_a_copied_paragraph_and_ignores_short_phrases(real: FactBase) -> None:
    body = Body(real.source("cnn-business-2019-12-02"))
    paragraph = real.source("cnn-business-2019-12-02").article.paragraph(14)
    assert paragraph is not None
    found = body.found_in(f"<p>Some words of our own. {paragraph.text} More of our own.</p>")
    assert len(found) == len(words(paragraph.text))
    assert not body.found_in("the government says, formally adopted Sunday, about 65% of the population")


def test_no_source_is_republished_and_no_page_but_the_quotes_page_carries_much(
    real: FactBase, built_site: Path
) -> None:
    report: list[str] = []
    problems: list[str] = []
    for source in real.sources:
        body = Body(source)
        everywhere: set[int] = set()
        for path in site_files(built_site):
            found = set().union(*(body.found_in(text) for text in shown_texts(path)))
            everywhere |= found
            relative = path.relative_to(built_site).as_posix()
            share = body.percent(found)
            if found:
                report.append(f"  {source.id}  {relative}: {share:.1f}%")
            if path.suffix == ".html" and relative != "quotes/index.html" and share > PAGE_LIMIT:
                problems.append(f"{relative} shows {share:.1f}% of {source.id}'s body in runs of {RUN}+")
        total = body.percent(everywhere)
        loader = real.quoted_share(source.id)
        assert loader is not None
        report.insert(0, f"{source.id}: {total:.1f}% site-wide (the loader counts {loader.percent:.1f}%)")
        if total > SITE_WIDE_LIMIT:
            problems.append(f"{source.id}: {total:.1f}% of its body is on the site in runs of {RUN}+")
        if len(everywhere) > loader.reproduced_words:
            problems.append(
                f"{source.id}: the site shows {len(everywhere)} body words in runs of {RUN}+, but the loader "
                f"accounted for {loader.reproduced_words}: something shows the report that data/ does not quote"
            )
    artifacts = PROJECT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "quoted-share.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    assert not problems, "\n".join([*problems, "", *report])


def test_the_builds_own_count_reads_escaped_markup_json_strings_and_attributes(real: FactBase) -> None:
    """factsite.budget, which fails a build over budget, finds a paragraph however a file carries it,
    and not a run that only layout puts together."""
    source = real.source("cnn-business-2019-12-02")
    paragraph = source.article.paragraph(14)
    assert paragraph is not None
    size = len(words(paragraph.text))
    escaped = html.escape(paragraph.text)
    feed = f'<entry><content type="html">&lt;p&gt;{html.escape(escaped)}&lt;/p&gt;</content></entry>'
    carriers = {
        "feed.xml": f"<feed>{feed}</feed>",
        "downloads/facts.json": json.dumps({"facts": [{"statement": paragraph.text}]}, ensure_ascii=False),
        "page/index.html": f'<html><head><meta name="description" content="{escaped}"></head></html>',
        "other/index.html": f"<p>Some words of our own, then <a href='#x'>{escaped}</a></p>",
    }
    for path, text in carriers.items():
        (share,) = [s for s in published_shares(real, [(path, text)]) if s.source.id == source.id]
        assert share.shown_words == size, path
        assert share.pages == ((path, size),)
    first, second = paragraph.text.split()[:3], paragraph.text.split()[3:6]
    apart = f"<table><tr><td>{' '.join(first)}</td><td>{' '.join(second)}</td></tr></table>"
    (share,) = [s for s in published_shares(real, [("table/index.html", apart)]) if s.source.id == source.id]
    assert share.shown_words == 0, "a run that crosses from one cell to the next is layout"
