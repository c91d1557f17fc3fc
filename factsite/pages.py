"""The page registry: every kind of page generated from the fact base, in one table.

Each kind says where its pages go, what each is called and says of itself, how it is rendered
(a function that fills its template in factsite/templates/), whether it describes anything in
JSON-LD, and where it sits in the navigation. The site generator's adapter makes the pages,
their macros and the navigation from this table; nothing else lists the pages.

To add a kind of page: write its render function and its entry in KINDS here, its template,
and a test (CONTRIBUTING.md walks through it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from factbase import Correction, Entity, Fact, FactBase
from factbase.versions import compare
from factsite.citations import PageCitations
from factsite.exports import DOWNLOADS

if TYPE_CHECKING:
    from factsite.jsonld import JsonLd, Node
    from factsite.render import SiteRenderer

ENTITY_KIND_TITLES = {"person": "People", "group": "Groups", "organisation": "Organisations", "place": "Places"}


@dataclass(frozen=True)
class Description:
    """What a page is called and says of itself, as its head, the navigation and reference
    managers read it. Plain text: the adapter escapes it for wherever it goes."""

    title: str
    description: str
    nav_title: str | None = None  # the navigation's label, where shorter than the title
    citation: dict[str, str] | None = None  # citation metadata of a source, for reference managers


# render(site, subject, citations) -> the page's Markdown; subject is the id of a page per subject
Render = Callable[["SiteRenderer", "str | None", PageCitations], str]
# linked_data(jsonld, subject, page_url, site_name) -> the nodes of the page's JSON-LD graph
LinkedData = Callable[["JsonLd", str, str, str], "list[Node]"]


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page. Its macro is `<name>_page()`, or `<name>_page(id)` for a kind
    with a page per subject (a topic, a source)."""

    name: str
    path: str  # the docs path; "{id}" stands for the subject's id on a page per subject
    render: Render
    describe: Callable[[FactBase, str | None], Description]
    subjects: Callable[[FactBase], Sequence[str]] | None = None  # the ids with a page, for a page per subject
    linked_data: LinkedData | None = None
    section: str | None = None  # the name of the kind whose section of the navigation it is listed in

    @property
    def per_subject(self) -> bool:
        return self.subjects is not None

    @property
    def macro(self) -> str:
        return f"{self.name}_page"

    def page_path(self, subject: str | None = None) -> str:
        """The docs path of this kind's page (about subject, for a page per subject)."""
        if self.per_subject != (subject is not None):
            raise ValueError(f"a {self.name} page is {'about one subject' if self.per_subject else 'about no subject'}")
        return self.path.format(id=subject) if subject is not None else self.path


def _described(title: str, description: str) -> Callable[[FactBase, str | None], Description]:
    return lambda _factbase, _subject: Description(title, description)


def _subject(subject: str | None) -> str:
    if subject is None:
        raise ValueError("a page per subject was asked for without its subject")
    return subject


# Render functions ---------------------------------------------------------------------------


def _topics_index(site: SiteRenderer, _subject: str | None, _page: PageCitations) -> str:
    contents = [(topic, [section for section, _ in site.sections(topic) if section]) for topic in site.factbase.topics]
    return site.render_template("topics_index.md", contents=contents)


def _topic(site: SiteRenderer, subject: str | None, page: PageCitations) -> str:
    """A topic's page: its opening paragraph, then a paragraph under each subhead of the facts
    filed there, each shown in full on every topic it is filed under."""
    topic = site.factbase.topic(_subject(subject))
    introduction = [site.factbase.fact(fact_id) for fact_id in topic.introduction]
    intro = site.fact_paragraph(introduction, page, anchored=True, topic_id=topic.id) if introduction else ""
    sections = []
    for section, facts in site.sections(topic):
        prose = site.fact_paragraph(facts, page, anchored=True, topic_id=topic.id)
        sections.append((section, Markup(prose)))  # noqa: S704 - output of an autoescaping template
    locations = site.index.locations_on(topic.id)
    mentioned: dict[str, Entity] = {}
    for fact in site.index.facts_on(topic.id):
        for entity in site.index.entities_in(fact):
            mentioned.setdefault(entity.id, entity)
    return site.render_template(
        "topic_page.md",
        topic=topic,
        introduction=Markup(intro),  # noqa: S704 - output of an autoescaping template
        sections=sections,
        quotations=site.index.quotations_at(locations),
        figures=site.index.figures_at(locations),
        entities=sorted(mentioned.values(), key=lambda e: e.name),
    )


def _sources_index(site: SiteRenderer, _subject: str | None, _page: PageCitations) -> str:
    return site.render_template("sources_index.md", sources=site.factbase.sources)


def _source(site: SiteRenderer, subject: str | None, page: PageCitations) -> str:
    source = site.factbase.source(_subject(subject))
    cited = site.index.citations_of(source.id)
    facts_citing = {number: list(dict.fromkeys(fact for fact, _ in pairs)) for number, pairs in cited.items()}
    if source.role == "original":
        for facts in facts_citing.values():
            for fact in facts:
                page.show(fact.id)
    return site.render_template(
        "source_page.md",
        source=source,
        other_copies=site.factbase.copies_of(source),
        share=site.factbase.quoted_share(source.id),
        facts_citing=facts_citing,
        entities_citing=site.index.entities_citing,
        locator=site.index.locator,
    )


def _versions(site: SiteRenderer, _subject: str | None, _page: PageCitations) -> str:
    comparisons = [
        compare(site.factbase.source(source.copy_of), source)
        for source in site.factbase.sources
        if source.copy_of is not None
    ]
    return site.render_template("versions.md", comparisons=comparisons)


def _people(site: SiteRenderer, _subject: str | None, page: PageCitations) -> str:
    groups = []
    for kind, title in ENTITY_KIND_TITLES.items():
        members = [
            (
                entity,
                site.markers(entity.citations, page),
                site.where_shown(site.index.facts_mentioning(entity.id)),
                site.index.quotations_by(entity.id),
                site.index.figures_given_by(entity.id),
            )
            for entity in site.factbase.entities
            if entity.kind == kind
        ]
        if members:
            groups.append((title, members))
    return site.render_template("people.md", groups=groups)


def _figures(site: SiteRenderer, _subject: str | None, page: PageCitations) -> str:
    rows = [(figure, site.markers([figure.citation], page)) for figure in site.factbase.figures]
    return site.render_template("figures.md", rows=rows)


def _timeline(site: SiteRenderer, _subject: str | None, page: PageCitations) -> str:
    events: list[tuple[datetime.date, int, object]] = []
    for fact in site.index.timeline():
        assert fact.when is not None
        page.show(fact.id)
        events.append((fact.when.start, 0, ("fact", fact, site.markers(fact.citations, page))))
    for source in site.factbase.sources:
        events.append((source.published, 1, ("publication", source, None)))
    events.sort(key=lambda event: (event[0], event[1]))
    return site.render_template("timeline.md", events=[event[2] for event in events])


def _quotes(site: SiteRenderer, _subject: str | None, page: PageCitations) -> str:
    rows = [(quotation, site.markers(quotation.citations, page)) for quotation in site.factbase.quotations]
    return site.render_template("quotes.md", rows=rows)


def _downloads(site: SiteRenderer, _subject: str | None, _page: PageCitations) -> str:
    return site.render_template("downloads.md", files=DOWNLOADS, edition=site.edition)


def _corrections(site: SiteRenderer, _subject: str | None, page: PageCitations) -> str:
    """The corrections log, newest first, grouped by day; each with the facts it changed as they
    now stand, cited: the paragraphs its reason speaks of."""
    days: dict[datetime.date, list[tuple[Correction, list[tuple[Fact, Markup]]]]] = {}
    for correction in site.factbase.corrections:
        facts = [site.factbase.fact(fact_id) for fact_id in correction.facts]
        days.setdefault(correction.date, []).append(
            (correction, [(fact, site.markers(fact.citations, page)) for fact in facts])
        )
    return site.render_template("corrections.md", days=list(days.items()))


# JSON-LD ------------------------------------------------------------------------------------


def _topic_linked_data(ld: JsonLd, topic_id: str, page_url: str, site_name: str) -> list[Node]:
    """A topic's page: an Article citing the reports, each of its facts a Claim."""
    topic = ld.factbase.topic(topic_id)
    facts = ld.index.facts_on(topic.id)  # every fact the page shows, each one claim wherever shown
    cited = dict.fromkeys(ld.factbase.source(location.source_id) for fact in facts for location in ld.locations(fact))
    article: dict[str, Any] = {
        "@type": "Article",
        "@id": page_url,
        "url": page_url,
        "headline": topic.title,
        "description": topic.summary,
        "isPartOf": {"@type": "WebSite", "@id": ld.hosted.site_url, "name": site_name},
        "citation": [{"@id": ld.hosted.report(source)} for source in cited],
        "hasPart": [ld.claim(fact) for fact in facts],
    }
    if ld.factbase.updated is not None:
        article["dateModified"] = ld.factbase.updated.isoformat()
    return [article, *(ld.report(source) for source in cited)]


def _source_linked_data(ld: JsonLd, source_id: str, _page_url: str, _site_name: str) -> list[Node]:
    """A source's page: its copy of the report, and the original a syndicated copy is based on."""
    source = ld.factbase.source(source_id)
    graph = [ld.report(source)]
    if source.copy_of:
        graph.append(ld.report(ld.factbase.source(source.copy_of)))
    return graph


# The registry -------------------------------------------------------------------------------


def _describe_topics(factbase: FactBase, _subject: str | None) -> Description:
    originals = [s for s in factbase.sources if s.role == "original"]
    report = originals[0].title if originals else "the report"
    return Description("Topics", f"What “{report}” reports, by subject, each statement cited.")


def _describe_topic(factbase: FactBase, subject: str | None) -> Description:
    topic = factbase.topic(_subject(subject))
    return Description(topic.title, topic.summary)


def _describe_source(factbase: FactBase, subject: str | None) -> Description:
    source = factbase.source(_subject(subject))
    citation = {
        "title": source.title,
        "publisher": source.publisher,
        "publication_date": source.published.strftime("%Y/%m/%d"),
    }
    if source.url:
        citation["public_url"] = source.url
    return Description(
        f"{source.publisher}: {source.title}",
        f"{source.publisher}’s copy of “{source.title}” ({source.published.day} "
        f"{source.published:%B %Y}): its details, and which facts cite each paragraph.",
        nav_title=source.publisher,
        citation=citation,
    )


TOPICS_INDEX = PageKind("topics", "topics/index.md", _topics_index, _describe_topics)
TOPIC = PageKind(
    "topic",
    "topics/{id}.md",
    _topic,
    _describe_topic,
    subjects=lambda factbase: [topic.id for topic in factbase.topics],
    linked_data=_topic_linked_data,
    section="topics",
)
PEOPLE = PageKind(
    "people",
    "people.md",
    _people,
    _described(
        "People, organisations and places",
        "Everyone and everywhere the report names, each described and cited from the reporting.",
    ),
)
FIGURES = PageKind(
    "figures",
    "figures.md",
    _figures,
    _described("Key figures", "Every number the report gives: what it counts, its unit and who gives it, cited."),
)
TIMELINE = PageKind(
    "timeline",
    "timeline.md",
    _timeline,
    _described("Timeline", "Every dated event in the report, in order, with the report’s own wording of each date."),
)
QUOTES = PageKind(
    "quotes",
    "quotes.md",
    _quotes,
    _described("Quotes", "Every direct quotation in the report, word for word, with who said or wrote it."),
)
SOURCES_INDEX = PageKind(
    "sources",
    "sources/index.md",
    _sources_index,
    _described("Sources", "The captured copies of the report that every fact on this site cites."),
)
VERSIONS = PageKind(
    "versions",
    "sources/versions.md",
    _versions,
    _described(
        "Comparing the copies",
        "How the captured copies of the report differ, word by word, in the article and around it.",
    ),
    section="sources",
)
SOURCE = PageKind(
    "source",
    "sources/{id}.md",
    _source,
    _describe_source,
    subjects=lambda factbase: [source.id for source in factbase.sources],
    linked_data=_source_linked_data,
    section="sources",
)
DOWNLOADS_PAGE = PageKind(
    "downloads",
    "downloads.md",
    _downloads,
    _described(
        "Downloads", "The whole fact base as JSON with its schema, and the sources as CSL-JSON, BibTeX and RIS."
    ),
)
CORRECTIONS = PageKind(
    "corrections",
    "corrections.md",
    _corrections,
    _described(
        "Corrections",
        "Every change to a published fact that altered what it says, newest first: when, what and why.",
    ),
)

# In the navigation's order: a kind with a section is listed in the section its index heads.
KINDS: tuple[PageKind, ...] = (
    TOPICS_INDEX,
    TOPIC,
    PEOPLE,
    FIGURES,
    TIMELINE,
    QUOTES,
    SOURCES_INDEX,
    VERSIONS,
    SOURCE,
    DOWNLOADS_PAGE,
    CORRECTIONS,
)


def topic_doc(topic_id: str) -> str:
    """The docs path of a topic's page."""
    return TOPIC.page_path(topic_id)


def source_doc(source_id: str) -> str:
    """The docs path of a source's page."""
    return SOURCE.page_path(source_id)


@dataclass(frozen=True)
class GeneratedPage:
    """One page made from data: its kind, its subject (for a page per subject) and how it is described."""

    path: str
    kind: PageKind
    subject: str | None
    described: Description


def generated_pages(factbase: FactBase, kinds: Iterable[PageKind] = KINDS) -> dict[str, GeneratedPage]:
    """Every page generated from data, by docs path, in the registry's order."""
    pages: dict[str, GeneratedPage] = {}
    for kind in kinds:
        subjects: Sequence[str | None] = kind.subjects(factbase) if kind.subjects else [None]
        for subject in subjects:
            path = kind.page_path(subject)
            pages[path] = GeneratedPage(path, kind, subject, kind.describe(factbase, subject))
    return pages
