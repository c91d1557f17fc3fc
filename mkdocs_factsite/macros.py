"""The macros every page is written with, registered with mkdocs-macros: one per kind of generated
page (`topic_page("regulation")`, `people_page()`, …), which is all a generated page's Markdown
holds, and the ones an editor mixes with prose on a page of their own (`fact`, `cite`,
`fact_paragraph`, `topic_list`). Every page's citations are numbered together, in order of first
use, whichever macros it calls.

A macro that names a fact, topic or source the data does not have notes the problem; the build
fails at the end of the page with every such problem, naming the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from factbase import Fact
from factsite import KINDS, PageKind

if TYPE_CHECKING:
    from mkdocs_factsite.build import Build

Macro = Callable[..., str]


def _kind_macro(build: Build, kind: PageKind) -> Macro:
    """The macro of one kind of generated page."""
    if not kind.per_subject:

        def page_of_kind() -> str:
            return build.page_content(kind, None)

        page_of_kind.__doc__ = f"The content of the {kind.name} page."
        page_of_kind.__name__ = kind.macro
        return page_of_kind

    def page_about(subject: str) -> str:
        state = build.current_page(kind.macro)
        if not isinstance(subject, str) or kind.page_path(subject) not in build.pages:
            state.problems.append(
                f"docs/{state.file.src_uri}: {kind.macro}() names {kind.name} {subject!r}, which is not in the data"
            )
            return ""
        return build.page_content(kind, subject)

    page_about.__doc__ = f"The content of one {kind.name}'s page, named by its id."
    page_about.__name__ = kind.macro
    return page_about


def macros(build: Build) -> dict[str, Macro]:
    """Every macro, by name, over one build."""

    def known(macro: str, fact_ids: tuple[str, ...]) -> list[Fact] | None:
        """The facts, or None if any is missing; each missing one is noted for the end of the page."""
        state = build.current_page(macro)
        missing = [i for i in fact_ids if i not in build.factbase.fact_ids]
        for fact_id in missing:
            state.problems.append(
                f"docs/{state.file.src_uri}: {macro}() names fact {fact_id!r}, which is not in data/facts/"
            )
        return None if missing else [build.factbase.fact(i) for i in fact_ids]

    def fact(fact_id: str) -> str:
        """A fact as a block: statement, citations and a link to itself."""
        found = known("fact", (fact_id,))
        return build.renderer.fact(found[0], build.current_page("fact").citations) if found else ""

    def cite(fact_id: str) -> str:
        """Only the citation markers of a fact, for a sentence written by hand."""
        found = known("cite", (fact_id,))
        if not found:
            return ""
        return str(build.renderer.markers(found[0].citations, build.current_page("cite").citations))

    def fact_paragraph(*fact_ids: str) -> str:
        """Several facts as one paragraph of cited sentences."""
        found = known("fact_paragraph", fact_ids)
        if found is None:
            return ""
        return build.renderer.fact_paragraph(found, build.current_page("fact_paragraph").citations)

    def lead_paragraph(*fact_ids: str) -> str:
        """A paragraph of the home page's lead: each fact as its `lead` words it, cited."""
        found = known("lead_paragraph", fact_ids)
        if found is None:
            return ""
        state = build.current_page("lead_paragraph")
        unworded = [fact.id for fact in found if fact.lead is None]
        for fact_id in unworded:
            state.problems.append(
                f"docs/{state.file.src_uri}: lead_paragraph() names fact {fact_id!r}, which has no lead: "
                "give it one in data/facts/, worded for the lead (a topic page's sentence may not repeat there)"
            )
        return "" if unworded else build.renderer.lead_paragraph(found, state.citations)

    def topic_list() -> str:
        """The topics as a list of links with their summaries."""
        return build.renderer.topic_list()

    written_by_hand = {macro.__name__: macro for macro in (fact, cite, fact_paragraph, lead_paragraph, topic_list)}
    return {**written_by_hand, **{kind.macro: _kind_macro(build, kind) for kind in KINDS}}
