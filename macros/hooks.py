"""MkDocs hooks: the pages and downloads generated from data/, and their places in the navigation.

Loaded afresh by MkDocs on every build. All the work is in factbase (data) and factsite
(rendering); this file only connects them to MkDocs: which files exist, where they sit in
the navigation, and how a link from the page being built reaches another page.
"""

from __future__ import annotations

import html
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
from factsite.pages import VERSIONS, source_doc, topic_doc

# Beyond this many pages a navigation section lists only its overview page, which links to
# all of them: every page carries the whole navigation, so a long one costs every page.
NAV_SECTION_LIMIT = 40

# The page being built; the renderer's links are relative to it.
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
    generated = {path: page.markdown() for path, page in generated_pages(factbase).items()}
    for path, content in {**generated, **export_files(factbase)}.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand, but that file is generated from data/; remove it")
        files.append(File.generated(config, path, content=content))

    def link(docs_path: str, fragment: str | None = None) -> str:
        target = files.get_file_from_path(docs_path)
        page: Page = _current["page"]
        if target is None:
            raise PluginError(f"{page.file.src_uri}: there is no page {docs_path} to link to")
        url: str = target.url_relative_to(page.file)
        return f"{url}#{fragment}" if fragment else url

    _current["renderer"] = SiteRenderer(factbase, link)
    _current["content_date"] = _content_date(Path(config.config_file_path).parent, factbase)
    _current["pages"] = generated_pages(factbase)
    return files


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
    """Pin the page's date; render a generated page's content from data."""
    page.update_date = _current["content_date"]
    generated = _current["pages"].get(page.file.src_uri)
    if generated is None:
        return markdown
    _current["page"] = page
    renderer: SiteRenderer = _current["renderer"]
    return renderer.page(generated.kind, generated.subject)
