"""Small renderers, each turning typed objects into one piece of page content via a template."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as percent_encode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from factbase import Citation, Entity, Fact, FactBase, Location, Source, Topic
from factbase.dates import describe as describe_date
from factbase.queries import FactIndex
from factsite import addresses, pages
from factsite.citations import PageCitations, Reference
from factsite.exports import FEED, OFFLINE_ZIP, Edition
from factsite.pages import PageKind

TEMPLATES_DIR = Path(__file__).parent / "templates"

# link(docs_path, fragment) -> URL of that page (and fragment) relative to the current page.
Link = Callable[[str, "str | None"], str]


def long_date(date: datetime.date) -> str:
    """A date as readers write it: 2 December 2019."""
    return f"{date.day} {date:%B %Y}"


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


@dataclass(frozen=True)
class Dialect:
    """What the site generator's Markdown and theme need, which factsite does not know: the
    adapter supplies it."""

    heading_text: Callable[[str], Markup]  # text for a Markdown heading, shown exactly as written
    unsearched: Markup  # an HTML attribute keeping an element out of the search index (or nothing)
    unsearched_heading: Markup  # the same for a Markdown heading, written after its text


class SiteRenderer:
    """Renders facts, citations and generated pages for one build of the site."""

    def __init__(
        self,
        factbase: FactBase,
        link: Link,
        dialect: Dialect,
        templates_dir: Path = TEMPLATES_DIR,
        edition: Edition | None = None,
    ) -> None:
        self.factbase = factbase
        self.dialect = dialect
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
        self.templates.filters["md"] = dialect.heading_text
        self.templates.filters["sentence"] = sentence_case
        self.templates.filters["words"] = first_words
        self.templates.filters["nested"] = nested_quotes
        self.templates.globals.update(
            link=self._link,
            fact_link=self.fact_link,
            entity_link=self.entity_link,
            figure_link=self.figure_link,
            quotation_link=self.quotation_link,
            correction_link=self.correction_link,
            fact_anchor=addresses.fact_anchor,
            entity_anchor=addresses.entity_anchor,
            figure_anchor=addresses.figure_anchor,
            quotation_anchor=addresses.quotation_anchor,
            correction_anchor=addresses.correction_anchor,
            report_anchor=addresses.REPORT_ANCHOR,
            feed_path=FEED,
            offline_zip_path=OFFLINE_ZIP,
            unsearched=dialect.unsearched,
            unsearched_heading=dialect.unsearched_heading,
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

    def render_template(self, template: str, **values: object) -> str:
        """One of factsite/templates/, filled in with values."""
        return self.templates.get_template(template).render(**values)

    # Links ---------------------------------------------------------------------------------

    def fact_link(self, fact: Fact) -> str:
        """Where a fact lives: on the page of its first topic."""
        return self.link(addresses.fact_page(fact), addresses.fact_anchor(fact.id))

    def entity_link(self, entity: Entity) -> str:
        return self.link(pages.PEOPLE.path, addresses.entity_anchor(entity.id))

    def figure_link(self, figure_id: str) -> str:
        return self.link(pages.FIGURES.path, addresses.figure_anchor(figure_id))

    def quotation_link(self, quotation_id: str) -> str:
        return self.link(pages.QUOTES.path, addresses.quotation_anchor(quotation_id))

    def correction_link(self, correction_id: str) -> str:
        return self.link(pages.CORRECTIONS.path, addresses.correction_anchor(correction_id))

    def outbound(self, source: Source, quote: str | None = None) -> str | None:
        """The publisher's address for a copy, highlighting a quote where one is given."""
        if source.url is None:
            return None
        return f"{source.url}#{text_fragment(quote)}" if quote else source.url

    # Citations -----------------------------------------------------------------------------

    def markers(self, citations: Iterable[Citation], page: PageCitations) -> Markup:
        """The numbered markers for some citations, recording each use on the page."""
        uses = page.cite_all(citations)
        return Markup(self.render_template("marker.html", uses=uses))  # noqa: S704 - output of autoescaping templates

    def reference_list(self, page: PageCitations) -> str:
        """The page's short notes, each with back-links to every use, then each source cited in full."""
        sources = list(dict.fromkeys(self.factbase.source(r.location.source_id) for r in page.references))
        return self.render_template("references.html", references=page.references, cited_sources=sources)

    def with_references(self, content: str, page: PageCitations, reference_list: str | None = None) -> str:
        """A page's content followed by its reference list (rendered here unless given), if it
        cites anything."""
        if not page.references:
            return content
        heading = f"## References{self.dialect.unsearched_heading}"
        return f"{content.rstrip()}\n\n{heading}\n\n{reference_list or self.reference_list(page)}"

    def words_at(self, reference: Reference) -> WordsAt | None:
        """Where a reader can see a note's words at a publisher: the cited copy's address, or that
        of another copy holding the same words, opened at the first quote."""
        for location in (reference.location, *reference.also_in):
            source = self.factbase.source(location.source_id)
            if source.url is not None:
                return WordsAt(f"{source.url}#{text_fragment(reference.quotes[0])}", source.publisher)
        return None

    # Facts ---------------------------------------------------------------------------------

    def fact(self, fact: Fact, page: PageCitations) -> str:
        """A fact as a paragraph of its own: its statement and its citations, the sentence its anchor."""
        return self.fact_paragraph([fact], page, anchored=True)

    def fact_paragraph(self, facts: Iterable[Fact], page: PageCitations, anchored: bool = False) -> str:
        """Several facts run together as one paragraph of cited sentences."""
        sentences = [(fact, self.markers(fact.citations, page)) for fact in facts]
        return self.render_template("fact_paragraph.html", sentences=sentences, anchored=anchored)

    def topic_list(self) -> str:
        """The topics as a list of links with their summaries."""
        return self.render_template("topic_list.html", topics=self.topics_with_counts())

    def topics_with_counts(self) -> list[tuple[Topic, int]]:
        """Each topic with the number of facts filed under it."""
        return [(topic, len(self.index.facts_on(topic.id))) for topic in self.factbase.topics]

    def where_shown(self, facts: Iterable[Fact]) -> list[tuple[str, str]]:
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

    # Generated pages -----------------------------------------------------------------------

    def page(self, kind: PageKind, subject: str | None, page: PageCitations) -> str:
        """The Markdown of a generated page (about subject, for a page per subject), its citations
        numbered on page; its reference list is the caller's to add, once the page is complete."""
        return kind.render(self, subject, page)
