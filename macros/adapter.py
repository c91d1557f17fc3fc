"""What the MkDocs hooks (hooks.py) and the macros (main.py) share: loading the fact base for a
build, linking from the page being built to another, and writing generated pages' front matter.

All knowledge of MkDocs and of the Material theme lives in macros/; factbase and factsite know
neither. Decisions the build makes on its own are logged as `mkdocs.plugins.factsite`.
"""

from __future__ import annotations

import gc
import html
import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from factbase import DataError, FactBase, load_once
from factsite import GeneratedPage

log = logging.getLogger("mkdocs.plugins.factsite")

_frozen: FactBase | None = None


def load(project_dir: Path) -> FactBase:
    """The fact base of the site in project_dir, or a PluginError listing every problem in data/."""
    global _frozen
    # Loading builds many small objects and no cycles: the cyclic collector would only re-scan
    # them, again and again (40% of the time on a large corpus).
    collecting = gc.isenabled()
    gc.disable()
    try:
        factbase = load_once(project_dir / "data")
    except DataError as error:
        raise PluginError(str(error)) from None
    finally:
        if collecting:
            gc.enable()
    if factbase is not _frozen:
        # It lives for the whole build: move it out of the collector's way, so the build's many
        # collections do not re-scan it. What an earlier build froze (under mkdocs serve) is
        # handed back to the collector first.
        gc.unfreeze()
        gc.freeze()
        _frozen = factbase
    return factbase


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


def front_matter(page: GeneratedPage) -> str:
    """A generated page's Markdown as MkDocs first sees it: front matter only.

    The body is rendered from data when the page is built. Material puts the title and
    description into HTML unescaped, so data values are HTML-escaped here, once; the citation
    metadata is escaped by overrides/main.html instead. `render_macros: false` keeps the macros
    plugin from reading any data value as a template. The values are written as JSON, which
    YAML reads as it is, and which is much faster to write than yaml.safe_dump at thousands of pages.
    """
    meta: dict[str, object] = {
        "title": html.escape(page.title),
        "description": html.escape(page.description),
        "render_macros": False,
    }
    if page.citation:
        meta["citation"] = page.citation
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{front}---\n"
