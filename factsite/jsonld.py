"""Machine-readable claims: each page's JSON-LD, in the schema.org vocabulary.

A source's page describes its copy of the report as a `NewsArticle` (a syndicated copy
`isBasedOn` the original). A topic's page is an `Article` whose `citation`s are the reports it
cites and whose parts are its facts, each a `Claim` with its `appearance`s: the paragraphs of the
reports it cites, each part of its report. No claim carries a verdict or a rating: the site
reports what was reported, and does not review it. The home page describes the `WebSite`.

Ids are addresses on the hosted site (factsite.addresses), so that every page, and every build,
names each report, paragraph and claim the same way. Which pages carry which graph is the page
registry's (factsite.pages). `script_json` makes the JSON safe to place inside a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from factbase import Citation, Fact, FactBase, FactIndex, Location, Source
from factsite.addresses import Hosted
from factsite.pages import GeneratedPage

CONTEXT = "https://schema.org"
Node = dict[str, Any]


class JsonLd:
    """The JSON-LD of the pages of one site."""

    def __init__(self, factbase: FactBase, hosted: Hosted, index: FactIndex | None = None) -> None:
        self.factbase = factbase
        self.index = index or FactIndex(factbase)  # share the renderer's, built once per build
        self.hosted = hosted

    def report(self, source: Source) -> Node:
        """A captured copy of the report, as a NewsArticle."""
        node: Node = {
            "@type": "NewsArticle",
            "@id": self.hosted.report(source),
            "headline": source.title,
            "datePublished": source.published.isoformat(),
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if source.url:
            node["url"] = source.url
        if source.copy_of:
            node["isBasedOn"] = {"@id": self.hosted.report(self.factbase.source(source.copy_of))}
        return node

    def _paragraph(self, location: Location) -> Node:
        """A paragraph of a report. An original's page indexes its paragraphs, so the paragraph's
        id is its place there; a copy's page does not (it sends readers to the original's), so a
        copy's paragraph is named, and part of its report, but has no address of its own."""
        source = self.factbase.source(location.source_id)
        node: Node = {"@type": "CreativeWork"}
        if source.copy_of is None:
            node["@id"] = self.hosted.paragraph(location)
        node["name"] = f"{source.publisher}, {location.label}"
        node["isPartOf"] = {"@id": self.hosted.report(source)}
        return node

    def claim(self, fact: Fact) -> Node:
        """A fact as a Claim: its statement, and where the reports it cites make it."""
        node: Node = {
            "@type": "Claim",
            "@id": self.hosted.fact(fact),
            "text": fact.statement,
            "dateCreated": fact.added.isoformat(),
            "appearance": [self._paragraph(location) for location in self.locations(fact)],
        }
        corrections = self.index.corrections_of(fact.id)
        if corrections:
            node["dateModified"] = corrections[0].date.isoformat()
        return node

    def locations(self, fact: Fact) -> list[Location]:
        """Where a fact's cited words stand: each paragraph it cites, and the same words in other copies."""
        return list(dict.fromkeys(location for citation in fact.citations for location in _locations(citation)))

    def page(self, page: GeneratedPage | None, page_url: str, site_name: str) -> Node | None:
        """The JSON-LD of a page, or None for a page whose kind describes nothing of its own."""
        if page is None or page.kind.linked_data is None or page.subject is None:
            return None
        return {"@context": CONTEXT, "@graph": page.kind.linked_data(self, page.subject, page_url, site_name)}

    def home(self, site_name: str, description: str) -> Node:
        return {
            "@context": CONTEXT,
            "@type": "WebSite",
            "@id": self.hosted.site_url,
            "url": self.hosted.site_url,
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
