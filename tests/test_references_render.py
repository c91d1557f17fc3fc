"""The reference downloads as a citation processor sets them: sources.bib, sources.ris and
sources.csl.json, each read by pandoc's citeproc (pandoc 3.9, the binary pypandoc-binary installs)
in the Chicago author-date style kept in tests/csl/, must give every source as a complete reference
of its own: cited by its publisher, with its full title, its date and, where known, its address."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypandoc
import pytest
from bs4 import BeautifulSoup, Tag

from factbase import FactBase, Source, load_factbase
from factsite.addresses import Hosted
from factsite.exports import export_files
from mkdocs_factsite.material import hosted_path

from .conftest import SITE_URL, SITES

# The binary pypandoc-binary ships, never a pandoc that happens to be on PATH: what it renders
# is pinned with it, and test_the_pinned_pandoc_is_the_one_rendering checks which it is.
PANDOC = Path(pypandoc.__file__).parent / "files" / "pandoc"
STYLE = Path(__file__).parent / "csl" / "chicago-author-date.csl"
FORMATS = ("sources.bib", "sources.ris", "sources.csl.json")
# pandoc's RIS reader takes the year from PY and ignores DA, so a reference from RIS gives the
# year alone; test_downloads checks that DA holds the full date for the managers that read it.
YEAR_ONLY = {"sources.ris"}
TINY = load_factbase(SITES / "tiny" / "data")


@dataclass(frozen=True)
class Rendered:
    """What a reader sees: each source's in-text citation and its entry in the references."""

    citations: dict[str, str]
    references: dict[str, str]


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def render(bibliography: Path, ids: Sequence[str]) -> Rendered:
    """Cite every id once from a Markdown document and let pandoc's citeproc set the result in HTML."""
    document = "\n\n".join(f"[@{key}]" for key in ids) + "\n"
    command = [str(PANDOC), "--citeproc", f"--csl={STYLE}", f"--bibliography={bibliography}", "--to=html"]
    result = subprocess.run(command, input=document, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and not result.stderr, f"pandoc on {bibliography.name}:\n{result.stderr}"
    soup = BeautifulSoup(result.stdout, "html.parser")
    return Rendered(
        {str(span["data-cites"]): _text(span) for span in soup.select("span.citation")},
        {str(div["id"]).removeprefix("ref-"): _text(div) for div in soup.select("div.csl-entry")},
    )


def _long_date(source: Source) -> str:
    return f"{source.published:%B} {source.published.day}"


def incomplete(rendered: Rendered, sources: Sequence[Source], *, full_date: bool = True) -> list[str]:
    """Everything a reader could not tell from the rendered references, one line each."""
    problems = []
    for source in sources:
        citation = rendered.citations.get(source.id, "")
        reference = rendered.references.get(source.id, "")
        if source.publisher not in citation:
            problems.append(f"{source.id}: the citation {citation!r} does not name the publisher")
        if source.publisher not in reference:
            problems.append(f"{source.id}: the reference {reference!r} does not name the publisher")
        # The style sets titles in title case, so the words are compared, not their capitals.
        if source.title.casefold() not in reference.casefold():
            problems.append(f"{source.id}: the reference {reference!r} does not give the full title")
        if str(source.published.year) not in reference or (full_date and _long_date(source) not in reference):
            problems.append(f"{source.id}: the reference {reference!r} does not give the date")
        if source.url is not None and source.url not in reference:
            problems.append(f"{source.id}: the reference {reference!r} does not give the address")
        if source.url is None and "://" in reference:
            problems.append(f"{source.id}: the reference {reference!r} gives an address the data does not have")
    if len(set(rendered.citations.values())) < len(sources):
        problems.append(f"the citations are not told apart: {sorted(rendered.citations.values())}")
    if len(set(rendered.references.values())) < len(sources):
        problems.append(f"the references are not told apart: {sorted(rendered.references.values())}")
    return problems


def write_downloads(sources_dir: Path) -> Path:
    """The tiny scenario's downloads, built by the same code as the site's."""
    for path, content in export_files(TINY, Hosted(SITE_URL, hosted_path).page).items():
        if path.startswith("downloads/sources."):
            (sources_dir / Path(path).name).write_text(content, encoding="utf-8")
    return sources_dir


def test_the_pinned_pandoc_is_the_one_rendering() -> None:
    version = subprocess.run([str(PANDOC), "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert version.stdout.splitlines()[0] == "pandoc 3.9", "pypandoc-binary's pandoc changed: check the renderings"


@pytest.mark.parametrize("name", FORMATS)
def test_each_source_renders_as_a_complete_reference_of_its_own(tmp_path: Path, name: str) -> None:
    rendered = render(write_downloads(tmp_path) / name, [s.id for s in TINY.sources])
    assert incomplete(rendered, TINY.sources, full_date=name not in YEAR_ONLY) == []
    assert not any(re.search(r"\b\d{4}[a-z]\b", citation) for citation in rendered.citations.values()), (
        f"the style had to tell the sources apart by a letter after the year: {rendered.citations}"
    )


@pytest.mark.parametrize("name", FORMATS)
def test_the_real_downloads_render_as_complete_references(real: FactBase, built_site: Path, name: str) -> None:
    rendered = render(built_site / "downloads" / name, [s.id for s in real.sources])
    assert incomplete(rendered, real.sources, full_date=name not in YEAR_ONLY) == []


# What each format calls the pieces a reference needs, so that a negative control can take one away.
FIELDS = {
    "sources.bib": {"publisher": ("journal",), "date": ("date", "year"), "address": ("url",)},
    "sources.ris": {"publisher": ("T2", "PB"), "date": ("PY", "DA"), "address": ("UR",)},
    "sources.csl.json": {"publisher": ("container-title", "publisher"), "date": ("issued",), "address": ("URL",)},
}


def without(name: str, text: str, fields: Sequence[str]) -> str:
    """An export with the given fields taken out of every record."""
    if name.endswith(".json"):
        return json.dumps([{k: v for k, v in item.items() if k not in fields} for item in json.loads(text)])
    starts = tuple(f"  {field} = " for field in fields) if name.endswith(".bib") else tuple(f"{f}  - " for f in fields)
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(starts))


@pytest.mark.parametrize("piece", ["publisher", "date", "address"])
@pytest.mark.parametrize("name", FORMATS)
def test_a_reference_without_a_piece_is_found_incomplete(tmp_path: Path, name: str, piece: str) -> None:
    path = write_downloads(tmp_path) / name
    path.write_text(without(name, path.read_text(encoding="utf-8"), FIELDS[name][piece]), encoding="utf-8")
    problems = incomplete(render(path, [s.id for s in TINY.sources]), TINY.sources, full_date=name not in YEAR_ONLY)
    missing = [s.id for s in TINY.sources if piece != "address" or s.url is not None]
    for source_id in missing:
        assert any(p.startswith(f"{source_id}:") and p.endswith(f"the {piece}") for p in problems), problems


# sources.bib as it was: @online with an organization, which citeproc takes for neither an author
# nor a container, so it cites both copies by their shared title and tells them apart by a letter.
TITLE_ONLY_BIBTEX = """\
@online{tiny-news,
  title = {Council approves a bridge},
  organization = {Tiny News},
  date = {2024-05-06},
  year = {2024},
  url = {https://tiny.example/bridge}
}

@online{tiny-copy,
  title = {Council approves a bridge},
  organization = {Tiny Radio},
  date = {2024-05-06},
  year = {2024},
  note = {Syndicated copy of Tiny News’s report}
}
"""


def test_the_old_online_entries_are_found_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "sources.bib"
    path.write_text(TITLE_ONLY_BIBTEX, encoding="utf-8")
    rendered = render(path, [s.id for s in TINY.sources])
    problems = incomplete(rendered, TINY.sources)
    assert [p for p in problems if "citation" in p] == [
        "tiny-news: the citation '(“Council Approves a Bridge” 2024a)' does not name the publisher",
        "tiny-copy: the citation '(“Council Approves a Bridge” 2024b)' does not name the publisher",
    ]
