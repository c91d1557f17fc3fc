"""Which pages the fact base generates, where they live in the docs tree, and their metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factbase import FactBase

# Every kind of generated page: SiteRenderer.page renders each.
PageKind = Literal[
    "topics_index",
    "topic",
    "sources_index",
    "source",
    "versions",
    "people",
    "figures",
    "timeline",
    "quotes",
    "downloads",
    "corrections",
]

TOPICS_INDEX = "topics/index.md"
SOURCES_INDEX = "sources/index.md"
VERSIONS = "sources/versions.md"
PEOPLE = "people.md"
FIGURES = "figures.md"
TIMELINE = "timeline.md"
QUOTES = "quotes.md"
DOWNLOADS = "downloads.md"
CORRECTIONS = "corrections.md"
FEED = "feed.xml"  # the Atom feed of new facts and corrections, at the site's root
OFFLINE_ZIP = "downloads/offline-edition.zip"


@dataclass(frozen=True)
class OfflineZip:
    """The zipped offline edition a build offers on its downloads page."""

    size: int  # bytes
    sha256: str


@dataclass(frozen=True)
class Edition:
    """Which edition a build makes: the hosted site (offering the zip, if it was built first) or
    the offline edition itself."""

    offline: bool = False
    offline_zip: OfflineZip | None = None


def hosted_path(docs_path: str) -> str:
    """A page's path on the hosted site, which has directory URLs: topics/x.md -> topics/x/.

    For what must name the hosted pages however a build is made (the feed's links, the ids in
    the pages' JSON-LD), the offline edition's .html files included."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def topic_doc(topic_id: str) -> str:
    """The docs path of a topic's page."""
    return f"topics/{topic_id}.md"


def source_doc(source_id: str) -> str:
    """The docs path of a source's page."""
    return f"sources/{source_id}.md"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data: which renderer fills it, for which id, and its metadata."""

    docs_path: str
    kind: PageKind  # which SiteRenderer page it is
    subject: str | None  # the id of the topic or source, for per-item pages
    title: str
    description: str
    citation: dict[str, str] | None = None  # citation metadata of a source, for reference managers


def generated_pages(factbase: FactBase) -> dict[str, GeneratedPage]:
    """Every page generated from data, by docs path."""
    originals = [s for s in factbase.sources if s.role == "original"]
    report = originals[0].title if originals else "the report"
    pages = [
        GeneratedPage(
            TOPICS_INDEX, "topics_index", None, "Topics", f"What “{report}” reports, by subject, each statement cited."
        ),
        GeneratedPage(
            SOURCES_INDEX,
            "sources_index",
            None,
            "Sources",
            "The captured copies of the report that every fact on this site cites.",
        ),
        GeneratedPage(
            VERSIONS,
            "versions",
            None,
            "Comparing the copies",
            "How the captured copies of the report differ, word by word, in the article and around it.",
        ),
        GeneratedPage(
            PEOPLE,
            "people",
            None,
            "People, organisations and places",
            "Everyone and everywhere the report names, each described and cited from the reporting.",
        ),
        GeneratedPage(
            FIGURES,
            "figures",
            None,
            "Key figures",
            "Every number the report gives: what it counts, its unit and who gives it, cited.",
        ),
        GeneratedPage(
            TIMELINE,
            "timeline",
            None,
            "Timeline",
            "Every dated event in the report, in order, with the report’s own wording of each date.",
        ),
        GeneratedPage(
            QUOTES,
            "quotes",
            None,
            "Quotes",
            "Every direct quotation in the report, word for word, with who said or wrote it.",
        ),
        GeneratedPage(
            DOWNLOADS,
            "downloads",
            None,
            "Downloads",
            "The whole fact base as JSON with its schema, and the sources as CSL-JSON, BibTeX and RIS.",
        ),
        GeneratedPage(
            CORRECTIONS,
            "corrections",
            None,
            "Corrections",
            "Every change to a published fact that altered what it says, newest first: when, what and why.",
        ),
    ]
    for topic in factbase.topics:
        pages.append(GeneratedPage(topic_doc(topic.id), "topic", topic.id, topic.title, topic.summary))
    for source in factbase.sources:
        citation = {
            "title": source.title,
            "publisher": source.publisher,
            "publication_date": source.published.strftime("%Y/%m/%d"),
        }
        if source.url:
            citation["public_url"] = source.url
        pages.append(
            GeneratedPage(
                source_doc(source.id),
                "source",
                source.id,
                f"{source.publisher}: {source.title}",
                f"{source.publisher}’s copy of “{source.title}” ({source.published.day} "
                f"{source.published:%B %Y}): its details, and which facts cite each paragraph.",
                citation,
            )
        )
    return {page.docs_path: page for page in pages}
