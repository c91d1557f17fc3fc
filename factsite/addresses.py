"""Where things are: the element ids pages give what other pages link to, and addresses on the
hosted site.

Every page, the feed and the JSON-LD name a fact, a quotation, a correction or a paragraph the
same way because they all ask here. The docs paths of pages are the page registry's
(factsite.pages); how a docs path becomes an address on the hosted site (with directory URLs,
or not) is the site generator's to say, so `Hosted` is given that as a function.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

from factbase import Fact, Location, Source
from factsite import pages

# The element id of a report's details on its source's page.
REPORT_ANCHOR = "report"


def fact_anchor(fact_id: str) -> str:
    """The element id a fact carries on the page that shows it in full."""
    return f"fact-{fact_id}"


def entity_anchor(entity_id: str) -> str:
    """The element id of a person, organisation, group or place on the people page. Every id made
    from data has a prefix of its kind (fact-, entity-, q-, figure-, section-, correction-…), so no
    data can take an id a template gives (ref-1, cite-text, credit-line) or another kind's."""
    return f"entity-{entity_id}"


def figure_anchor(figure_id: str) -> str:
    """The element id of a figure's row on the figures page."""
    return f"figure-{figure_id}"


def quotation_anchor(quotation_id: str) -> str:
    """The element id of a quotation on the quotes page."""
    return f"q-{quotation_id}"


def timeline_anchor(fact_id: str) -> str:
    """The element id of a dated fact's entry on the timeline."""
    return f"when-{fact_id}"


def publication_anchor(source_id: str) -> str:
    """The element id of a source's publication on the timeline."""
    return f"published-{source_id}"


def correction_anchor(correction_id: str) -> str:
    """The element id of a correction on the corrections page."""
    return f"correction-{correction_id}"


def fact_page(fact: Fact) -> str:
    """The docs path of the page that shows a fact in full: its first topic's."""
    return pages.topic_doc(fact.home.topic)


class Hosted:
    """Addresses on the hosted site, whichever edition a build makes: the offline edition's
    canonical links, feed and JSON-LD name the hosted pages too."""

    def __init__(self, site_url: str, hosted_path: Callable[[str], str]) -> None:
        self.site_url = site_url  # ends in /
        self.hosted_path = hosted_path  # docs path -> its path on the hosted site

    def page(self, docs_path: str, fragment: str | None = None) -> str:
        url = urljoin(self.site_url, self.hosted_path(docs_path))
        return f"{url}#{fragment}" if fragment else url

    def fact(self, fact: Fact) -> str:
        return self.page(fact_page(fact), fact_anchor(fact.id))

    def report(self, source: Source) -> str:
        return self.page(pages.source_doc(source.id), REPORT_ANCHOR)

    def paragraph(self, location: Location) -> str:
        return self.page(pages.source_doc(location.source_id), location.anchor)

    def correction(self, correction_id: str) -> str:
        return self.page(pages.CORRECTIONS.path, correction_anchor(correction_id))
