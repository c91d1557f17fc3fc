"""Small renderers, each turning typed objects into one piece of page content via a template."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from factbase import Fact, FactBase, Source, Topic
from factsite.citations import PageCitations
from factsite.pages import SOURCES_INDEX, TOPICS_INDEX, source_doc, topic_doc

TEMPLATES_DIR = Path(__file__).parent / "templates"

# link(docs_path, fragment) -> URL of that page (and fragment) relative to the current page.
Link = Callable[[str, "str | None"], str]


def long_date(date: datetime.date) -> str:
    """A date as readers write it: 2 December 2019."""
    return f"{date.day} {date:%B %Y}"


def fact_anchor(fact: Fact) -> str:
    """The element id a fact's block carries on every page that shows it."""
    return f"fact-{fact.id}"


class SiteRenderer:
    """Renders facts, citations and generated pages for one build of the site."""

    def __init__(self, factbase: FactBase, link: Link, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.factbase = factbase
        self.link = link
        self.templates = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=True,  # every data value is escaped where it reaches the page
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.templates.filters["long_date"] = long_date
        self.templates.globals.update(
            link=self._link,
            fact_link=self.fact_link,
            fact_anchor=fact_anchor,
            topic_doc=topic_doc,
            source_doc=source_doc,
            source_by_id=factbase.source,
            topics_index=TOPICS_INDEX,
            sources_index=SOURCES_INDEX,
        )

    def _link(self, docs_path: str, fragment: str | None = None) -> str:
        return self.link(docs_path, fragment)

    def _render(self, template: str, **values: object) -> str:
        return self.templates.get_template(template).render(**values)

    def fact_link(self, fact: Fact) -> str:
        """Where a fact lives: its block on the page of its first topic."""
        return self.link(topic_doc(fact.topics[0]), fact_anchor(fact))

    def markers(self, fact: Fact, citations: PageCitations) -> Markup:
        """The numbered citation markers for a fact, recording each use on the page."""
        rendered = []
        for citation in fact.citations:
            reference, use_id = citations.cite(citation)
            rendered.append(self._render("marker.html", reference=reference, use_id=use_id))
        return Markup("".join(rendered))

    def fact(self, fact: Fact, citations: PageCitations) -> str:
        """A fact as a block: its statement, its citations and a link to itself."""
        return self._render("fact.html", fact=fact, markers=self.markers(fact, citations))

    def fact_paragraph(self, facts: Iterable[Fact], citations: PageCitations) -> str:
        """Several facts run together as one paragraph of cited sentences."""
        sentences = [(fact, self.markers(fact, citations)) for fact in facts]
        return self._render("fact_paragraph.html", sentences=sentences)

    def reference_list(self, citations: PageCitations) -> str:
        """The page's numbered references, each with back-links to every use."""
        return self._render("references.html", references=citations.references)

    def topic_page(self, topic: Topic, citations: PageCitations) -> str:
        """A topic's page: its summary and every fact filed under it."""
        blocks = [Markup(self.fact(fact, citations)) for fact in self.factbase.facts_on(topic.id)]
        return self._render("topic_page.md", topic=topic, fact_blocks=blocks)

    def _topics_with_counts(self) -> list[tuple[Topic, int]]:
        return [(topic, len(self.factbase.facts_on(topic.id))) for topic in self.factbase.topics]

    def topic_list(self) -> str:
        """The topics as a list of links with their summaries."""
        return self._render("topic_list.html", topics=self._topics_with_counts())

    def topics_index(self) -> str:
        """The page listing the topics."""
        return self._render("topics_index.md", topics=self._topics_with_counts())

    def source_page(self, source: Source) -> str:
        """A source's details and, paragraph by paragraph, the facts that cite it."""
        report = source.copy_of or source.id
        other_copies = [
            other
            for other in self.factbase.sources
            if other.id != source.id and (other.copy_of or other.id) == report
        ]
        return self._render(
            "source_page.md",
            source=source,
            other_copies=other_copies,
            cited=self.factbase.citations_of(source.id),
        )

    def sources_index(self) -> str:
        """The list of sources."""
        return self._render("sources_index.md", sources=self.factbase.sources)
