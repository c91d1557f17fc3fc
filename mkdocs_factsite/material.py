"""What MkDocs, Python-Markdown and the Material theme need, which factsite does not know:
relative links between pages, the hosted site's directory URLs, Markdown escaping, the search
index's exclusion attribute, and the page metadata Material writes into the head."""

from __future__ import annotations

import html

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from factsite import Dialect
from factsite.pages import Description

# The characters Python-Markdown lets a backslash escape ('>' is escaped as an entity instead).
_MARKDOWN_ESCAPABLE = set("\\`*_{}[]()#+-.!")


def markdown_text(value: str) -> Markup:
    """Text for a Markdown context such as a heading: shown exactly as written, never as markup."""
    escaped = html.escape(value, quote=False)
    return Markup("".join("\\" + ch if ch in _MARKDOWN_ESCAPABLE else ch for ch in escaped))  # noqa: S704 - html-escaped just above


# Material's search leaves out any element with data-search-exclude; attr_list writes it on a heading.
MATERIAL = Dialect(
    heading_text=markdown_text,
    unsearched=Markup(" data-search-exclude"),
    unsearched_heading=Markup(" { data-search-exclude }"),
)


def hosted_path(docs_path: str) -> str:
    """A page's path on the hosted site, which has directory URLs (topics/x.md -> topics/x/), as
    MkDocs makes it: for what names the hosted pages however a build is made (the feed's links,
    canonical links, JSON-LD ids), the offline edition's .html files included."""
    return File(docs_path, src_dir=None, dest_dir="", use_directory_urls=True).url


def page_meta(described: Description) -> dict[str, object]:
    """A generated page's metadata as Material reads it. Material writes the title and description
    into the head unescaped, so they are HTML-escaped here, once; the citation metadata is
    escaped by overrides/main.html."""
    meta: dict[str, object] = {
        "title": html.escape(described.title),
        "description": html.escape(described.description),
    }
    if described.citation:
        meta["citation"] = described.citation
    return meta


class Linker:
    """Links from the page being built to another page of the site, relative, as MkDocs would."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.here: File | None = None  # the page being built; set before each page
        self._urls: dict[tuple[str, str], str] = {}  # (from page, to page) -> relative URL, worked out once

    def __call__(self, docs_path: str, fragment: str | None = None) -> str:
        here = self.here
        if here is None:
            raise PluginError(f"a link to {docs_path} was asked for outside any page")
        key = (here.src_uri, docs_path)
        if key not in self._urls:
            target = self.files.get_file_from_path(docs_path)
            if target is None:
                raise PluginError(f"{here.src_uri}: there is no page {docs_path} to link to")
            self._urls[key] = target.url_relative_to(here)
        return f"{self._urls[key]}#{fragment}" if fragment else self._urls[key]
