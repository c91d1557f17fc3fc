"""MkDocs hooks: the pages and downloads generated from data/, and their places in the navigation.

Loaded afresh by MkDocs on every build. All the work is in factbase (data) and factsite
(rendering); this file only connects them to MkDocs: which files exist, where they sit in
the navigation, and how a link from the page being built reaches another page.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # factbase and factsite sit beside macros/, uninstalled
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from factbase import DataError, FactBase, load_once
from factsite import SOURCES_INDEX, TOPICS_INDEX, SiteRenderer, export_files, generated_pages
from factsite.exports import DOWNLOADS
from factsite.pages import VERSIONS, source_doc, topic_doc
from factsite.prerender import Prerenderer, PrerenderError

# Beyond this many pages a navigation section lists only its overview page, which links to
# all of them: every page carries the whole navigation, so a long one costs every page.
NAV_SECTION_LIMIT = 40

# From this many generated pages on, they are rendered ahead in a second process.
PRERENDER_FROM = 200
EXPORT_PATHS = [download.path for download in DOWNLOADS]

# This build's state: the generated pages, the file being rendered (links are relative to
# it), the renderer or the process rendering ahead, and the downloads.
_current: dict[str, Any] = {}


def _factbase(config: MkDocsConfig) -> FactBase:
    try:
        return load_once(Path(config.config_file_path).parent / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def _expand(entry: Any, factbase: FactBase) -> Any:
    """Turn a nav entry pointing at a generated index into a section with its pages."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    ((title, target),) = entry.items()
    # Themes put navigation titles into HTML unescaped: escape data values here.
    pages: list[str | dict[str, str]]
    if target == TOPICS_INDEX:
        pages = [{html.escape(topic.title): topic_doc(topic.id)} for topic in factbase.topics]
    elif target == SOURCES_INDEX:
        pages = [VERSIONS, *({html.escape(s.publisher): source_doc(s.id)} for s in factbase.sources)]
    else:
        return entry
    if len(pages) > NAV_SECTION_LIMIT:
        pages = [VERSIONS] if target == SOURCES_INDEX else []
    # An index page of its own (rather than navigation.indexes) keeps every section's
    # navigation landmark named by its visible title.
    return {title: [{"Overview": target}, *pages]}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill the Topics and Sources sections of the navigation from data/."""
    factbase = _factbase(config)
    if config.nav:
        config.nav = [_expand(entry, factbase) for entry in config.nav]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add a page for each topic and source, the index and reference pages, and the downloads."""
    factbase = _factbase(config)
    pages = generated_pages(factbase)
    for path in [*pages, *EXPORT_PATHS]:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand, but that file is generated from data/; remove it")
    # Pages for one topic or source first, the long pages that gather everything last: MkDocs
    # builds pages in this order, and the long ones then have time to be rendered ahead.
    for path, page in sorted(pages.items(), key=lambda item: item[1].subject is None):
        files.append(File.generated(config, path, content=page.markdown()))
    # The downloads' content is filled in at on_env, once it is ready.
    downloads = {path: File.generated(config, path, content="") for path in EXPORT_PATHS}
    for file in downloads.values():
        files.append(file)

    urls: dict[tuple[str, str], str] = {}  # (from page, to page) -> relative URL, worked out once

    def link(docs_path: str, fragment: str | None = None) -> str:
        here: File = _current["file"]
        key = (here.src_uri, docs_path)
        if key not in urls:
            target = files.get_file_from_path(docs_path)
            if target is None:
                raise PluginError(f"{here.src_uri}: there is no page {docs_path} to link to")
            urls[key] = target.url_relative_to(here)
        return f"{urls[key]}#{fragment}" if fragment else urls[key]

    renderer = SiteRenderer(factbase, link)

    def render(docs_path: str) -> str:
        _current["file"] = files.get_file_from_path(docs_path)
        return renderer.page(pages[docs_path].kind, pages[docs_path].subject)

    _current.update(
        pages=pages,
        render=render,
        downloads=downloads,
        content_date=_content_date(Path(config.config_file_path).parent, factbase),
    )
    _current.pop("prerenderer", None)
    if len(pages) >= _prerender_from():
        # Render the generated pages on the other core, in the order MkDocs will ask for them.
        order = [file.src_uri for file in files.documentation_pages() if file.src_uri in pages]
        _current["prerenderer"] = Prerenderer(order, render, lambda: export_files(factbase), PluginError)
    else:
        _current["exports"] = export_files(factbase)
    return files


def _prerender_from() -> int:
    """How many generated pages make rendering them in a second process worth its start-up."""
    return int(os.environ.get("FACTSITE_PRERENDER_FROM", PRERENDER_FROM))


def _content_date(project_dir: Path, factbase: FactBase) -> str:
    """The date the site's content last changed: the last commit's, else the newest source's.

    MkDocs would stamp every page (sitemap lastmod, the sitemap's gzip header) with today's
    date, so two builds of one commit on different days would differ.
    """
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs"], cwd=project_dir, capture_output=True, text=True, timeout=10
        )
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return max(source.published for source in factbase.sources).isoformat()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Pin the page's date; put a generated page's content, rendered from data, in place."""
    page.update_date = _current["content_date"]
    if page.file.src_uri not in _current["pages"]:
        return markdown
    prerenderer: Prerenderer | None = _current.get("prerenderer")
    try:
        if prerenderer is not None:
            return prerenderer.result(page.file.src_uri)
        render: Any = _current["render"]
        return str(render(page.file.src_uri))
    except PrerenderError as error:
        raise PluginError(str(error)) from None


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Fill in the downloads, now that every page is built and they are ready."""
    prerenderer: Prerenderer | None = _current.pop("prerenderer", None)
    try:
        exports = prerenderer.afterwards() if prerenderer is not None else _current["exports"]
    except PrerenderError as error:
        raise PluginError(str(error)) from None
    for path, file in _current["downloads"].items():
        file.content_string = exports[path]
    return env


def on_build_error(error: Exception) -> None:
    """Stop a rendering process that a failed build leaves behind."""
    prerenderer: Prerenderer | None = _current.pop("prerenderer", None)
    if prerenderer is not None:
        prerenderer.close()
