"""mkdocs-macros adapter: the macros that hand-written pages call, wired to factbase and factsite.

Loaded afresh by mkdocs-macros on every build, so `mkdocs serve` picks up edits here.
Generated pages are rendered by macros/hooks.py; this file serves the pages in docs/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from factbase import FactBase
from factsite import PageCitations, SiteRenderer
from macros import adapter  # re-run by hooks.py at the start of every build, before this file

# Plain classes, not dataclasses: mkdocs-macros runs this file without registering it as a
# module, which @dataclass needs.


class PageState:
    """The hand-written page being rendered: its citations, and what its macro calls named wrongly."""

    def __init__(self) -> None:
        self.citations = PageCitations()
        self.problems: list[str] = []


class Macros:
    """The macros of one build, over one fact base."""

    def __init__(self, factbase: FactBase) -> None:
        self.factbase = factbase
        self.linker: adapter.Linker | None = None
        self.renderer: SiteRenderer | None = None
        self.page = PageState()

    def start_page(self, env: Any) -> None:
        """Citation numbers restart on every page; links are relative to it."""
        if self.linker is None:
            self.linker = adapter.Linker(env.variables["files"])
            self.renderer = SiteRenderer(self.factbase, self.linker)
        self.linker.here = env.page.file
        self.page = PageState()

    def _known(self, macro: str, fact_ids: tuple[str, ...], env: Any) -> bool:
        """True if every fact exists; otherwise the problem is noted for the end of the page."""
        missing = [i for i in fact_ids if i not in self.factbase.fact_ids]
        for fact_id in missing:
            self.page.problems.append(
                f"docs/{env.page.file.src_uri}: {macro}() names fact {fact_id!r}, which is not in data/facts/"
            )
        return not missing

    def _renderer(self) -> SiteRenderer:
        if self.renderer is None:
            raise PluginError("a macro ran before its page started")
        return self.renderer

    def define(self, env: Any) -> list[Callable[..., str]]:
        """The macros, as functions of their arguments."""

        def fact(fact_id: str) -> str:
            """A fact as a block: statement, citations and a link to itself."""
            if not self._known("fact", (fact_id,), env):
                return ""
            return self._renderer().fact(self.factbase.fact(fact_id), self.page.citations)

        def cite(fact_id: str) -> str:
            """Only the citation markers of a fact, for a sentence written by hand."""
            if not self._known("cite", (fact_id,), env):
                return ""
            return str(self._renderer().markers(self.factbase.fact(fact_id).citations, self.page.citations))

        def fact_paragraph(*fact_ids: str) -> str:
            """Several facts as one paragraph of cited sentences."""
            if not self._known("fact_paragraph", fact_ids, env):
                return ""
            return self._renderer().fact_paragraph([self.factbase.fact(i) for i in fact_ids], self.page.citations)

        def lead_paragraph(*fact_ids: str) -> str:
            """A paragraph of the home page's lead: each fact as its `lead` words it, cited."""
            if not self._known("lead_paragraph", fact_ids, env):
                return ""
            facts = [self.factbase.fact(i) for i in fact_ids]
            unworded = [fact.id for fact in facts if fact.lead is None]
            for fact_id in unworded:
                self.page.problems.append(
                    f"docs/{env.page.file.src_uri}: lead_paragraph() names fact {fact_id!r}, which has no lead: "
                    "give it one in data/facts/, worded for the lead (a topic page's sentence may not repeat there)"
                )
            return "" if unworded else self._renderer().lead_paragraph(facts, self.page.citations)

        def topic_list() -> str:
            """The topics as a list of links with their summaries."""
            return self._renderer().topic_list()

        return [fact, cite, fact_paragraph, lead_paragraph, topic_list]

    def finish_page(self, env: Any) -> None:
        """Fail on a page whose macros named something missing; else end it with its references.

        Raised here rather than inside a macro, where mkdocs-macros would wrap it in a traceback.
        """
        if self.page.problems:
            raise PluginError("\n".join(self.page.problems))
        env.markdown = self._renderer().with_references(env.markdown, self.page.citations)


_macros: Macros | None = None


def define_env(env: Any) -> None:
    """Register the macros that put facts and citations on a page."""
    global _macros
    _macros = Macros(adapter.load(Path(env.project_dir)))
    for macro in _macros.define(env):
        env.macro(macro)


def on_pre_page_macros(env: Any) -> None:
    if _macros is not None:
        _macros.start_page(env)


def on_post_page_macros(env: Any) -> None:
    if _macros is not None:
        _macros.finish_page(env)
