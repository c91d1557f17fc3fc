"""mkdocs-macros adapter: the macros that hand-written pages call, wired to factbase and factsite.

Loaded afresh by mkdocs-macros on every build, so `mkdocs serve` picks up edits here.
Generated pages are rendered by macros/hooks.py; this file serves the pages in docs/.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # factbase and factsite sit beside macros/, uninstalled
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError

from factbase import DataError, load_once
from factsite import PageCitations, SiteRenderer

# The page being rendered: its citations and any problems its macro calls had; both start
# afresh before each page's macros run.
_page: dict[str, Any] = {"citations": PageCitations(), "renderer": None, "problems": []}


def define_env(env: Any) -> None:
    """Register the macros that put facts and citations on a page."""
    try:
        factbase = load_once(Path(env.project_dir) / "data")
    except DataError as error:
        raise PluginError(str(error)) from None

    def link(docs_path: str, fragment: str | None = None) -> str:
        target = env.variables["files"].get_file_from_path(docs_path)
        if target is None:
            raise PluginError(f"{env.page.file.src_uri}: there is no page {docs_path} to link to")
        url: str = target.url_relative_to(env.page.file)
        return f"{url}#{fragment}" if fragment else url

    renderer = _page["renderer"] = SiteRenderer(factbase, link)

    def known(macro: str, fact_ids: tuple[str, ...]) -> bool:
        """True if every fact exists; otherwise the problem is noted for the end of the page."""
        missing = [i for i in fact_ids if i not in factbase.fact_ids]
        for fact_id in missing:
            _page["problems"].append(
                f"docs/{env.page.file.src_uri}: {macro}() names fact {fact_id!r}, which is not in data/facts/"
            )
        return not missing

    def fact(fact_id: str) -> str:
        """A fact as a block: statement, citations and a link to itself."""
        if not known("fact", (fact_id,)):
            return ""
        return renderer.fact(factbase.fact(fact_id), _page["citations"])

    def cite(fact_id: str) -> str:
        """Only the citation markers of a fact, for a sentence written by hand."""
        if not known("cite", (fact_id,)):
            return ""
        return str(renderer.markers(factbase.fact(fact_id).citations, _page["citations"]))

    def fact_paragraph(*fact_ids: str) -> str:
        """Several facts as one paragraph of cited sentences."""
        if not known("fact_paragraph", fact_ids):
            return ""
        return renderer.fact_paragraph([factbase.fact(i) for i in fact_ids], _page["citations"])

    def topic_list() -> str:
        """The topics as a list of links with their summaries."""
        return renderer.topic_list()

    for macro in (fact, cite, fact_paragraph, topic_list):
        env.macro(macro)


def on_pre_page_macros(env: Any) -> None:
    """Citation numbers restart on every page."""
    _page["citations"] = PageCitations()
    _page["problems"] = []


def on_post_page_macros(env: Any) -> None:
    """Fail on a page whose macros named something missing; else end it with its references.

    Raised here rather than inside a macro, where mkdocs-macros would wrap it in a traceback.
    """
    if _page["problems"]:
        raise PluginError("\n".join(_page["problems"]))
    if _page["renderer"] is not None:
        env.markdown = _page["renderer"].with_references(env.markdown, _page["citations"])
