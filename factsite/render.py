"""Small renderers, each turning typed objects into one piece of page content via a template."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as percent_encode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from factbase import Citation, Correction, Entity, Fact, FactBase, Location, Section, Source, Topic
from factbase.dates import describe as describe_date
from factbase.queries import FactIndex
from factbase.versions import compare
from factsite import pages
from factsite.citations import PageCitations, Reference
from factsite.exports import DOWNLOADS as DOWNLOAD_FILES
from factsite.pages import Edition, PageKind

TEMPLATES_DIR = Path(__file__).parent / "templates"

# link(docs_path, fragment) -> URL of that page (and fragment) relative to the current page.
Link = Callable[[str, "str | None"], str]

ENTITY_KIND_TITLES = {"person": "People", "group": "Groups", "organisation": "Organisations", "place": "Places"}


def long_date(date: datetime.date) -> str:
    """A date as readers write it: 2 December 2019."""
    return f"{date.day} {date:%B %Y}"


# The characters Python-Markdown lets a backslash escape ('>' is escaped as an entity instead).
_MARKDOWN_ESCAPABLE = set("\\`*_{}[]()#+-.!")


def markdown_text(value: str) -> Markup:
    """Text for a Markdown context such as a heading: shown exactly as written, never as markup."""
    escaped = html.escape(value, quote=False)
    return Markup("".join("\\" + ch if ch in _MARKDOWN_ESCAPABLE else ch for ch in escaped))  # noqa: S704 - html-escaped just above


def sentence_case(value: str) -> Markup:
    """Text with its first letter made a capital, the rest as written (Jinja's capitalize lowers it)."""
    escaped = Markup.escape(value)
    return Markup(escaped[:1].upper() + escaped[1:])  # noqa: S704 - escaped just above


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})


def nested_quotes(value: str) -> str:
    """Words set inside our own double quotes: their double quote marks become single ones, so
    “several ‘smart’ lampposts” reads as one quotation, not two."""
    return value.translate(_INNER_QUOTES)


def first_words(value: str, count: int) -> str:
    """The first words of a text, with … where it goes on."""
    words = value.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


@dataclass(frozen=True)
class WordsAt:
    """A link to a note's words on a publisher's page."""

    href: str
    publisher: str


def use_letter(index: int) -> str:
    """The back-link label of a reference's index-th use: a, b, … z, aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < len(letters) else use_letter(index // len(letters) - 1) + letters[index % 26]


def fact_anchor(fact: Fact) -> str:
    """The element id a fact carries on every page that shows it."""
    return f"fact-{fact.id}"


def entity_anchor(entity: Entity) -> str:
    """The element id of a person, organisation or place on the people page. Every id made from
    data has a prefix of its kind (fact-, entity-, q-, figure-, section-, correction-…), so no
    data can take an id a template gives (ref-1, cite-text, credit-line) or another kind's."""
    return f"entity-{entity.id}"


def text_fragment(quote: str) -> str:
    """A URL text fragment (#:~:text=) that highlights a quote on the publisher's page.

    Long quotes are given by their first and last words, as the syntax allows.
    """

    def encode(words: list[str]) -> str:
        # '-', ',' and '&' are syntax inside a text directive, so they are encoded too.
        return percent_encode(" ".join(words), safe="").replace("-", "%2D")

    words = quote.strip('“”"').split()
    if len(words) <= 8:
        return f":~:text={encode(words)}"
    return f":~:text={encode(words[:4])},{encode(words[-4:])}"


def quote_link(url: str, quote: str) -> str:
    """The publisher's address opened at a quote. The text fragment's directive follows the
    address's own fragment if it has one (`#section:~:text=…`), so that anchor is kept."""
    return f"{url}{'' if '#' in url else '#'}{text_fragment(quote)}"


class SiteRenderer:
    """Renders facts, citations and generated pages for one build of the site."""

    def __init__(
        self, factbase: FactBase, link: Link, templates_dir: Path = TEMPLATES_DIR, edition: Edition | None = None
    ) -> None:
        self.factbase = factbase
        self.edition = edition or Edition()
        self.index = FactIndex(factbase)
        self.link = link
        self.templates = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=True,  # every data value is escaped where it reaches the page
            auto_reload=False,  # one environment per build: no need to stat templates per use
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.templates.filters["long_date"] = long_date
        self.templates.filters["described"] = describe_date
        self.templates.filters["md"] = markdown_text
        self.templates.filters["sentence"] = sentence_case
        self.templates.filters["words"] = first_words
        self.templates.filters["nested"] = nested_quotes
        self.templates.globals.update(
            link=self._link,
            fact_link=self.fact_link,
            fact_anchor=fact_anchor,
            entity_anchor=entity_anchor,
            entity_link=self.entity_link,
            quotation_link=self.quotation_link,
            outbound=self.outbound,
            words_at=self.words_at,
            copies_of=factbase.copies_of,
            corrections_of=self.index.corrections_of,
            use_letter=use_letter,
            pages=pages,
            source_by_id=factbase.source,
            entity_by_id=factbase.entity,
            topic_by_id=factbase.topic,
            Location=Location,
        )

    def _link(self, docs_path: str, fragment: str | None = None) -> str:
        return self.link(docs_path, fragment)

    def _render(self, template: str, **values: object) -> str:
        return self.templates.get_template(template).render(**values)

    # Links ---------------------------------------------------------------------------------

    def fact_link(self, fact: Fact) -> str:
        """Where a fact lives: on the page of its first topic."""
        return self.link(pages.topic_doc(fact.topics[0]), fact_anchor(fact))

    def entity_link(self, entity: Entity) -> str:
        return self.link(pages.PEOPLE, entity_anchor(entity))

    def quotation_link(self, quotation_id: str) -> str:
        return self.link(pages.QUOTES, f"q-{quotation_id}")

    def outbound(self, source: Source, quote: str | None = None) -> str | None:
        """The publisher's address for a copy, highlighting a quote where one is given."""
        if source.url is None:
            return None
        return quote_link(source.url, quote) if quote else source.url

    # Citations -----------------------------------------------------------------------------

    def markers(self, citations: Iterable[Citation], page: PageCitations) -> Markup:
        """The numbered markers for some citations, recording each use on the page."""
        uses = page.cite_all(citations)
        return Markup(self._render("marker.html", uses=uses))  # noqa: S704 - output of autoescaping templates

    def reference_list(self, page: PageCitations) -> str:
        """The page's short notes, each with back-links to every use, then each source cited in full."""
        sources = list(dict.fromkeys(self.factbase.source(r.location.source_id) for r in page.references))
        return self._render("references.html", references=page.references, cited_sources=sources)

    def with_references(self, content: str, page: PageCitations) -> str:
        """A page's content followed by its reference list, if it cites anything."""
        if not page.references:
            return content
        return f"{content.rstrip()}\n\n## References {{ data-search-exclude }}\n\n{self.reference_list(page)}"

    def words_at(self, reference: Reference) -> WordsAt | None:
        """Where a reader can see a note's words at a publisher: the cited copy's address, or that
        of another copy holding the same words, opened at the first quote."""
        for location in (reference.location, *reference.also_in):
            source = self.factbase.source(location.source_id)
            if source.url is not None:
                return WordsAt(quote_link(source.url, reference.quotes[0]), source.publisher)
        return None

    # Facts ---------------------------------------------------------------------------------

    def fact(self, fact: Fact, page: PageCitations) -> str:
        """A fact as a paragraph of its own: its statement and its citations, the sentence its anchor."""
        return self.fact_paragraph([fact], page, anchored=True)

    def fact_paragraph(self, facts: Iterable[Fact], page: PageCitations, anchored: bool = False) -> str:
        """Several facts run together as one paragraph of cited sentences."""
        sentences = [(fact, self.markers(fact.citations, page)) for fact in facts]
        return self._render("fact_paragraph.html", sentences=sentences, anchored=anchored)

    def topic_list(self) -> str:
        """The topics as a list of links with their summaries."""
        return self._render("topic_list.html", topics=self._topics_with_counts())

    def _topics_with_counts(self) -> list[tuple[Topic, int]]:
        return [(topic, len(self.index.facts_on(topic.id))) for topic in self.factbase.topics]

    # Generated pages -----------------------------------------------------------------------

    def page(self, kind: PageKind, subject: str | None = None) -> str:
        """The Markdown of a generated page, with its own reference list."""
        citations = PageCitations()

        def about() -> str:
            if subject is None:
                raise ValueError(f"a {kind} page is about one topic or source, and none was given")
            return subject

        renderers: dict[PageKind, Callable[[], str]] = {
            "topics_index": self._topics_index,
            "topic": lambda: self._topic(about(), citations),
            "sources_index": self._sources_index,
            "source": lambda: self._source(about()),
            "versions": self._versions,
            "people": lambda: self._people(citations),
            "figures": lambda: self._figures(citations),
            "timeline": lambda: self._timeline(citations),
            "quotes": lambda: self._quotes(citations),
            "downloads": self._downloads,
            "corrections": lambda: self._corrections(citations),
        }
        return self.with_references(renderers[kind](), citations)

    def _topics_index(self) -> str:
        return self._render("topics_index.md", topics=self._topics_with_counts())

    def _topic(self, topic_id: str, page: PageCitations) -> str:
        topic = self.factbase.topic(topic_id)
        introduction = [self.factbase.fact(fact_id) for fact_id in topic.introduction]
        intro = self.fact_paragraph(introduction, page, anchored=True) if introduction else ""
        opened = {fact.id for fact in introduction}
        sections = []
        placements: tuple[Section | None, ...] = topic.sections or (None,)
        for section in placements:
            section_id = section.id if section else None
            facts = [f for f in self.index.facts_at_home(topic.id, section_id) if f.id not in opened]
            prose = Markup(self.fact_paragraph(facts, page, anchored=True)) if facts else None  # noqa: S704 - output of an autoescaping template
            links = self._where_shown(self.index.facts_seen_from(topic.id, section_id))
            if prose or links:
                sections.append((section, prose, links))
        locations = self.index.locations_on(topic.id)
        mentioned: dict[str, Entity] = {}
        for fact in self.index.facts_on(topic.id):
            for entity in self.index.entities_in(fact):
                mentioned.setdefault(entity.id, entity)
        return self._render(
            "topic_page.md",
            topic=topic,
            introduction=Markup(intro),  # noqa: S704 - output of an autoescaping template
            sections=sections,
            quotations=self.index.quotations_at(locations),
            figures=self.index.figures_at(locations),
            entities=sorted(mentioned.values(), key=lambda e: e.name),
        )

    def _where_shown(self, facts: Iterable[Fact]) -> list[tuple[str, str]]:
        """Links to where facts are shown in full, one per subhead: (URL, "Topic › Subhead")."""
        links: dict[str, str] = {}
        for fact in facts:
            home = self.factbase.topic(fact.home.topic)
            # A fact that opens its topic page is shown in the introduction, above any subhead.
            in_introduction = fact.id in home.introduction
            section = next((s for s in home.sections if s.id == fact.home.section and not in_introduction), None)
            label = f"{home.title} › {section.title}" if section else home.title
            links.setdefault(label, self.fact_link(fact))
        return [(url, label) for label, url in links.items()]

    def _sources_index(self) -> str:
        return self._render("sources_index.md", sources=self.factbase.sources)

    def _source(self, source_id: str) -> str:
        source = self.factbase.source(source_id)
        cited = self.index.citations_of(source.id)
        return self._render(
            "source_page.md",
            source=source,
            other_copies=self.factbase.copies_of(source),
            share=self.factbase.quoted_share(source.id),
            facts_citing={number: list(dict.fromkeys(fact for fact, _ in pairs)) for number, pairs in cited.items()},
            locator=self.index.locator,
        )

    def _versions(self) -> str:
        comparisons = [
            compare(self.factbase.source(source.copy_of), source)
            for source in self.factbase.sources
            if source.copy_of is not None
        ]
        return self._render("versions.md", comparisons=comparisons)

    def _people(self, page: PageCitations) -> str:
        groups = []
        for kind, title in ENTITY_KIND_TITLES.items():
            members = [
                (
                    entity,
                    self.markers(entity.citations, page),
                    self._where_shown(self.index.facts_mentioning(entity.id)),
                    self.index.quotations_by(entity.id),
                    self.index.figures_given_by(entity.id),
                )
                for entity in self.factbase.entities
                if entity.kind == kind
            ]
            if members:
                groups.append((title, members))
        return self._render("people.md", groups=groups)

    def _figures(self, page: PageCitations) -> str:
        rows = [(figure, self.markers([figure.citation], page)) for figure in self.factbase.figures]
        return self._render("figures.md", rows=rows)

    def _timeline(self, page: PageCitations) -> str:
        events: list[tuple[datetime.date, int, object]] = []
        for fact in self.index.timeline():
            assert fact.when is not None
            events.append((fact.when.start, 0, ("fact", fact, self.markers(fact.citations, page))))
        for source in self.factbase.sources:
            events.append((source.published, 1, ("publication", source, None)))
        events.sort(key=lambda event: (event[0], event[1]))
        return self._render("timeline.md", events=[event[2] for event in events])

    def _quotes(self, page: PageCitations) -> str:
        rows = [(quotation, self.markers(quotation.citations, page)) for quotation in self.factbase.quotations]
        return self._render("quotes.md", rows=rows)

    def _corrections(self, page: PageCitations) -> str:
        """The corrections log, newest first, grouped by day; each with the facts it changed as they
        now stand, cited: the paragraphs its reason speaks of."""
        days: dict[datetime.date, list[tuple[Correction, list[tuple[Fact, Markup]]]]] = {}
        for correction in self.factbase.corrections:
            facts = [self.factbase.fact(fact_id) for fact_id in correction.facts]
            days.setdefault(correction.date, []).append(
                (correction, [(fact, self.markers(fact.citations, page)) for fact in facts])
            )
        return self._render("corrections.md", days=list(days.items()))

    def _downloads(self) -> str:
        return self._render("downloads.md", files=DOWNLOAD_FILES, edition=self.edition)
