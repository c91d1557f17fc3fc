"""The site's search through Material's own search box: Material's search plugin writes the box and
its configuration, and this writes the index (factsite/search.py) and the worker that answers it.

Material's bundle fetches search/search_index.json as the page loads and hands it to the search
worker named in the page's configuration. Here that file carries no documents, only the chunked
index's shape (a few kilobytes at any size of site); the worker (assets/search-worker.js) fetches
the parts each query needs. The offline edition, read from disk where nothing can be fetched, gets
the whole index in that file instead, which Material's offline plugin inlines into a script.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from factbase import FactBase
from factsite import search

log = logging.getLogger("mkdocs.plugins.factsite")

WORKER_SOURCE = Path(__file__).parent / "assets" / "search-worker.js"
# Where the worker goes; overrides/main.html names it in place of Material's in every page.
WORKER = "assets/javascripts/workers/factsite-search.js"
INDEX_FOLDER = "search"
MATERIAL_INDEX = f"{INDEX_FOLDER}/search_index.json"
CHUNKS = ("w", "p", "r")


def add_worker(files: Files, config: MkDocsConfig) -> None:
    """Ship the worker with the site."""
    files.append(File.generated(config, WORKER, abs_src_path=str(WORKER_SOURCE)))


class SearchPages:
    """The pages of one build as search finds them by their titles, collected as each is rendered."""

    def __init__(self) -> None:
        self.pages: dict[str, search.PageInfo] = {}

    def add(self, location: str, title: str, description: str) -> None:
        self.pages[location] = search.PageInfo(location, title, description)  # plain text, as page_title gives it

    def write(self, factbase: FactBase, config: MkDocsConfig, *, inline: bool) -> None:
        """Replace Material's index (whole pages as lunr documents) with the site's records."""
        site = Path(config.site_dir)
        material = site / MATERIAL_INDEX
        if not material.is_file():  # Material's search plugin is off: nothing to search with
            return
        settings = json.loads(material.read_text(encoding="utf-8"))["config"]

        def url(docs_path: str) -> str:
            return File(docs_path, src_dir=None, dest_dir="", use_directory_urls=config.use_directory_urls).url

        found = search.records(factbase, url, self.pages.values())
        files = search.index_files(found)
        settings["factsite"] = search.manifest(found, files, inline)
        for folder in CHUNKS:
            shutil.rmtree(site / INDEX_FOLDER / folder, ignore_errors=True)
        if not inline:
            for name, content in files.items():
                target = site / INDEX_FOLDER / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(search.dumps(content), encoding="utf-8")
        material.write_text(search.dumps({"config": settings, "docs": []}), encoding="utf-8")
        log.debug("search: %d records in %d files", len(found), len(files))
