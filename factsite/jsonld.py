"""Machine-readable claims: each page's JSON-LD, in the schema.org vocabulary.

A source's page describes its copy of the report as a `NewsArticle` (a syndicated copy
`isBasedOn` the original). A topic's page is an `Article` whose `citation`s are the reports it
cites and whose parts are its facts, each a `Claim` with its `appearance`s: the paragraphs of the
reports it cites, each part of its report. No claim carries a verdict or a rating: the site
reports what was reported, and does not review it. The home page describes the `WebSite`.

Ids are addresses on the hosted site (with directory URLs), so that every page, and every build,
names each report, paragraph and claim the same way. `script_json` makes the JSON safe to place
inside a <script> element.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from factbase import Citation, Fact, FactBase, FactIndex, Location, Source
from factsite import pages

CONTEXT = "https://schema.org"
Node = dict[str, Any]


class JsonLd:
    """The JSON-LD of the pages of one site."""

    def __init__(self, factbase: FactBase, site_url: str, index: FactIndex | None = None) -> None:
        self.factbase = factbase
        self.index = index or FactIndex(factbase)  # share the renderer's, built once per build
        self.site_url = site_url

    def _url(self, docs_path: str, fragment: str | None = None) -> str:
        url = urljoin(self.site_url, pages.hosted_path(docs_path))
        return f"{url}#{fragment}" if fragment else url

    def report_id(self, source: Source) -> str:
        return self._url(pages.source_doc(source.id), "report")

    def report(self, source: Source) -> Node:
        """A captured copy of the report, as a NewsArticle."""
        node: Node = {
            "@type": "NewsArticle",
            "@id": self.report_id(source),
            "headline": source.title,
            "datePublished": source.published.isoformat(),
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if source.url:
            node["url"] = source.url
        if source.copy_of:
            node["isBasedOn"] = {"@id": self.report_id(self.factbase.source(source.copy_of))}
        return node

    def _paragraph(self, location: Location) -> Node:
        """A paragraph of a report. An original's page indexes its paragraphs, so the paragraph's
        id is its place there; a copy's page does not (it sends readers to the original's), so a
        copy's paragraph is named, and part of its report, but has no address of its own."""
        source = self.factbase.source(location.source_id)
        node: Node = {"@type": "CreativeWork"}
        if source.copy_of is None:
            node["@id"] = self._url(pages.source_doc(source.id), location.anchor)
        node["name"] = f"{source.publisher}, {location.label}"
        node["isPartOf"] = {"@id": self.report_id(source)}
        return node

    def claim(self, fact: Fact) -> Node:
        """A fact as a Claim: its statement, and where the reports it cites make it."""
        locations = dict.fromkeys(location for citation in fact.citations for location in _locations(citation))
        node: Node = {
            "@type": "Claim",
            "@id": self._url(pages.topic_doc(fact.home.topic), f"fact-{fact.id}"),
            "text": fact.statement,
            "dateCreated": fact.added.isoformat(),
            "appearance": [self._paragraph(location) for location in locations],
        }
        corrections = self.index.corrections_of(fact.id)
        if corrections:
            node["dateModified"] = corrections[0].date.isoformat()
        return node

    def page(self, page: pages.GeneratedPage | None, page_url: str, site_name: str) -> Node | None:
        """The JSON-LD of a page, or None for a page that describes nothing of its own."""
        if page is None:
            return None
        graph: list[Node]
        if page.kind == "source" and page.subject is not None:
            source = self.factbase.source(page.subject)
            graph = [self.report(source)]
            if source.copy_of:
                graph.append(self.report(self.factbase.source(source.copy_of)))
        elif page.kind == "topic" and page.subject is not None:
            topic = self.factbase.topic(page.subject)
            facts = self.index.facts_on(topic.id)  # every fact the page shows, each one claim wherever shown
            cited = dict.fromkeys(
                self.factbase.source(location.source_id)
                for fact in facts
                for citation in fact.citations
                for location in _locations(citation)
            )
            article: Node = {
                "@type": "Article",
                "@id": page_url,
                "url": page_url,
                "headline": topic.title,
                "description": topic.summary,
                "isPartOf": {"@type": "WebSite", "@id": self.site_url, "name": site_name},
                "citation": [{"@id": self.report_id(source)} for source in cited],
                "hasPart": [self.claim(fact) for fact in facts],
            }
            if self.factbase.updated is not None:
                article["dateModified"] = self.factbase.updated.isoformat()
            graph = [article, *(self.report(source) for source in cited)]
        else:
            return None
        return {"@context": CONTEXT, "@graph": graph}

    def home(self, site_name: str, description: str) -> Node:
        return {
            "@context": CONTEXT,
            "@type": "WebSite",
            "@id": self.site_url,
            "url": self.site_url,
            "name": site_name,
            "description": description,
        }


def _locations(citation: Citation) -> tuple[Location, ...]:
    """Where a citation's words stand: the paragraph it cites, and the same words in other copies."""
    return (citation.location, *citation.also_in)


def script_json(node: Node) -> str:
    """JSON for inside a <script> element: no <, > or & appears as itself, so no string in it can
    close the element or open a comment, and the JSON means the same once parsed."""
    text = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
