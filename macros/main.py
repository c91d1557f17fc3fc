"""mkdocs-macros adapter: the macros pages call, wired to factbase and factsite.

Loaded afresh by mkdocs-macros on every build, so `mkdocs serve` picks up edits here.
All the work is done in factbase (data) and factsite (rendering); this file only connects
them to MkDocs: where data/ is, what the current page is, and how to fail the build.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # factbase and factsite sit beside macros/, uninstalled
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.exceptions import PluginError  # noqa: E402

from factbase import DataError, FactBase, load_once  # noqa: E402
from factsite import PageCitations, SiteRenderer  # noqa: E402

# The page being rendered and its citations; reset before each page's macros run.
_current = {"citations": PageCitations()}
_renderer: SiteRenderer | None = None


def load_or_fail(project_dir: Path) -> FactBase:
    """The fact base, or a build failure that lists every problem in data/."""
    try:
        return load_once(project_dir / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def define_env(env: Any) -> None:
    """Register the macros that put facts, citations and generated pages on a page."""
    global _renderer
    factbase = load_or_fail(Path(env.project_dir))

    def link(docs_path: str, fragment: str | None = None) -> str:
        target = env.variables["files"].get_file_from_path(docs_path)
        if target is None:
            raise PluginError(f"{env.page.file.src_uri}: there is no page {docs_path} to link to")
        url: str = target.url_relative_to(env.page.file)
        return f"{url}#{fragment}" if fragment else url

    renderer = _renderer = SiteRenderer(factbase, link)

    def lookup(kind: str, getter: Any, identifier: str) -> Any:
        try:
            return getter(identifier)
        except KeyError:
            raise PluginError(
                f"{env.page.file.src_uri}: there is no {kind} {identifier!r} in data/"
            ) from None

    @env.macro
    def fact(fact_id: str) -> str:
        """A fact as a block: statement, citations and a link to itself."""
        return renderer.fact(lookup("fact", factbase.fact, fact_id), _current["citations"])

    @env.macro
    def cite(fact_id: str) -> str:
        """Only the citation markers of a fact, for prose written by hand."""
        found = lookup("fact", factbase.fact, fact_id)
        return str(renderer.markers(found, _current["citations"]))

    @env.macro
    def fact_paragraph(*fact_ids: str) -> str:
        """Several facts as one paragraph of cited sentences."""
        facts = [lookup("fact", factbase.fact, fact_id) for fact_id in fact_ids]
        return renderer.fact_paragraph(facts, _current["citations"])

    @env.macro
    def topic_page(topic_id: str) -> str:
        """The whole content of a topic's page."""
        topic = lookup("topic", factbase.topic, topic_id)
        return renderer.topic_page(topic, _current["citations"])

    @env.macro
    def source_page(source_id: str) -> str:
        """The whole content of a source's page."""
        return renderer.source_page(lookup("source", factbase.source, source_id))

    @env.macro
    def topic_list() -> str:
        """The topics as a list of links with their summaries."""
        return renderer.topic_list()

    @env.macro
    def topics_index() -> str:
        """The list of topics."""
        return renderer.topics_index()

    @env.macro
    def sources_index() -> str:
        """The list of sources."""
        return renderer.sources_index()


def on_pre_page_macros(env: Any) -> None:
    """Citation numbers restart on every page."""
    _current["citations"] = PageCitations()


def on_post_page_macros(env: Any) -> None:
    """End every page that cites anything with its reference list."""
    citations = _current["citations"]
    if citations.references and _renderer is not None:
        env.markdown += "\n\n## References\n\n" + _renderer.reference_list(citations)
