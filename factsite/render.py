"""Small renderers, each turning typed objects into one piece of page content via a template."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as percent_encode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from factbase import Citation, Correction, Entity, Fact, FactBase, Figure, Location, Section, Source, Topic
from factbase.dates import describe as describe_date
from factbase.queries import FactIndex
from factbase.yamlfile import Origin
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


def trim_dashes(value: str) -> str:
    """A dateline or credit line without the dash that sets it off in the article ("– CNN’s …")."""
    return value.strip(" \u2013\u2014-")


def figure_amount(figure: Figure) -> str:
    """A figure as a reader reads it anywhere on the site: the report's hedge, the number and
    its unit ("more than 100 CCTV cameras for every 1,000 people"), never the number alone."""
    hedge = f"{figure.hedge} " if figure.hedge else ""
    return f"{hedge}{figure_value(figure.value)} {figure.unit}"


def figure_value(value: float) -> str:
    """A figure's number as a reader writes it: 850 million, 1,000, 2.5."""
    if value == int(value):
        whole = int(value)
        if whole >= 1_000_000 and whole % 100_000 == 0:
            millions = whole / 1_000_000
            return f"{millions:g} million"
        return f"{whole:,}"
    return f"{value:g}"


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


def quote_link(url: str, quote: str) -> str:
    """The publisher's address opened at a quote. The text fragment's directive follows the
    address's own fragment if it has one (`#section:~:text=…`), so that anchor is kept."""
    return f"{url}{'' if '#' in url else '#'}{text_fragment(quote)}"


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
        edition: Edition | None = None,
        entry_link: Callable[[Origin], tuple[str, str] | None] | None = None,
    ) -> None:
        self.factbase = factbase
        self.dialect = dialect
        self.edition = edition or Edition()
        self.index = FactIndex(factbase)
        self.link = link
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
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
        self.templates.filters["trim_dashes"] = trim_dashes
        self.templates.filters["figure_amount"] = figure_amount
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
            timeline_anchor=addresses.timeline_anchor,
            publication_anchor=addresses.publication_anchor,
            report_anchor=addresses.REPORT_ANCHOR,
            feed_path=FEED,
            offline_zip_path=OFFLINE_ZIP,
            unsearched=dialect.unsearched,
            unsearched_heading=dialect.unsearched_heading,
            outbound=self.outbound,
            words_at=self.words_at,
            copies_of=factbase.copies_of,
            use_letter=use_letter,
            pages=pages,
            source_by_id=factbase.source,
            entity_by_id=factbase.entity,
            topic_by_id=factbase.topic,
            Location=Location,
            # The link from a fact to its entry in data/, for editors: its address and title, or None.
            entry_link=entry_link or (lambda _origin: None),
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
        return quote_link(source.url, quote) if quote else source.url

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
        """A page's content, then the notice of any correction to the facts it shows (where news
        sites put it, at the foot of the article), then its reference list (rendered here unless
        given), if it cites anything."""
        content = content.rstrip()
        notice = self.corrections_notice(page)
        if notice:
            content = f"{content}\n\n{notice}"
        if not page.references:
            return f"{content}\n"
        heading = f"## References{self.dialect.unsearched_heading}"
        return f"{content}\n\n{heading}\n\n{reference_list or self.reference_list(page)}"

    def corrections_notice(self, page: PageCitations) -> str:
        """One notice for the whole page: on which days the facts it shows were corrected, and what
        was corrected, each linked to its entry on the corrections page; empty if none was."""
        corrections = {
            correction.id: correction
            for fact_id in page.facts_shown
            for correction in self.index.corrections_of(fact_id)
        }
        if not corrections:
            return ""
        days: dict[datetime.date, list[Correction]] = {}
        for correction in sorted(corrections.values(), key=lambda c: c.date, reverse=True):
            days.setdefault(correction.date, []).append(correction)
        return self.render_template("corrections_notice.html", days=list(days.items()))

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

    def fact_paragraph(
        self, facts: Iterable[Fact], page: PageCitations, anchored: bool = False, topic_id: str | None = None
    ) -> str:
        """Several facts run together as one paragraph of cited sentences. On a topic's page, a fact
        whose home it is reads as the topic's prose words it; anywhere else, as its statement."""
        sentences = []
        for fact in facts:
            page.show(fact.id)
            text = fact.in_prose if topic_id is not None and fact.home.topic == topic_id else fact.statement
            sentences.append((fact, text, self.markers(fact.citations, page)))
        return self.render_template(
            "fact_paragraph.html", sentences=sentences, anchored=anchored, css_class="fact-paragraph"
        )

    def lead_paragraph(self, facts: Iterable[Fact], page: PageCitations) -> str:
        """A paragraph of the home page's lead: each fact as the lead words it, cited. Every fact
        named must have a lead wording (the macro checks), so no sentence repeats a topic page's."""
        sentences = []
        for fact in facts:
            if fact.lead is None:
                raise ValueError(f"fact {fact.id!r} has no lead wording")
            page.show(fact.id)
            sentences.append((fact, fact.lead, self.markers(fact.citations, page)))
        return self.render_template(
            "fact_paragraph.html", sentences=sentences, anchored=False, css_class="lead-paragraph"
        )

    def topic_list(self) -> str:
        """The topics as a list of links with their summaries."""
        return self.render_template("topic_list.html", topics=self.factbase.topics)

    def sections(self, topic: Topic) -> list[tuple[Section | None, list[Fact]]]:
        """The subheads a topic's page shows (None for a topic without any), each with its facts
        in the order its paragraph gives them: those whose home is this topic first, in data
        order, then those filed here from other topics. Facts that open the page are not repeated."""
        opened = set(topic.introduction)
        shown = []
        placements: tuple[Section | None, ...] = topic.sections or (None,)
        for section in placements:
            filed = [f for f in self.index.facts_on(topic.id, section.id if section else None) if f.id not in opened]
            facts = sorted(filed, key=lambda fact: fact.home.topic != topic.id)
            if facts:
                shown.append((section, facts))
        return shown

    def where_shown(self, facts: Iterable[Fact]) -> list[tuple[str, str]]:
        """Links to where facts are shown, one per subhead: (URL, "Topic › Subhead")."""
        links: dict[str, str] = {}
        for fact in facts:
            for placement in fact.placements:
                topic = self.factbase.topic(placement.topic)
                # A fact that opens its topic page is shown in the introduction, above any subhead.
                in_introduction = fact.id in topic.introduction
                section = next((s for s in topic.sections if s.id == placement.section and not in_introduction), None)
                label = f"{topic.title} › {section.title}" if section else topic.title
                links.setdefault(label, self.link(pages.topic_doc(topic.id), addresses.fact_anchor(fact.id)))
        return [(url, label) for label, url in links.items()]

    # Generated pages -----------------------------------------------------------------------

    def page(self, kind: PageKind, subject: str | None, page: PageCitations) -> str:
        """The Markdown of a generated page (about subject, for a page per subject), its citations
        numbered on page; its reference list is the caller's to add, once the page is complete."""
        return kind.render(self, subject, page)
