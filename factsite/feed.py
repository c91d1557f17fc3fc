"""The site's Atom feed (RFC 4287): each fact as it was added, and each correction, newest first.

Every date comes from the data (a fact's `added`, a correction's `date`), so the same data always
makes the same feed. A fact's entry gives its statement as it now stands: once the fact has been
corrected, the entry's `updated` is the day of its latest correction (its `published` stays the
day it was added) and its summary says so, so that feed readers fetch it again and nobody takes
the new words for the first ones. Links point at the hosted site's pages; the text is escaped by
ElementTree, for XML, where it is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

from factbase import FactBase, FactIndex
from factsite.addresses import Hosted
from factsite.exports import FEED
from factsite.render import first_words, long_date

ATOM = "http://www.w3.org/2005/Atom"
TITLE_WORDS = 12


@dataclass(frozen=True)
class _Entry:
    tag: str  # the entry's permanent id, a tag: URI
    title: str
    link: str
    published: datetime.date
    updated: datetime.date
    summary: str


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entries(factbase: FactBase, index: FactIndex, hosted: Hosted, authority: str, base: str) -> list[_Entry]:
    """Newest first; on one day, its corrections, then its new facts, each in data order."""
    corrections = [
        _Entry(
            f"tag:{authority},{correction.date.isoformat()}:{base}corrections/{correction.id}",
            f"Correction: {correction.summary or first_words(correction.change, TITLE_WORDS)}",
            hosted.correction(correction.id),
            correction.date,
            correction.date,
            f"{correction.change} Why: {correction.reason}",
        )
        for correction in factbase.corrections
    ]
    facts = []
    for fact in factbase.facts:
        cited = dict.fromkeys(f"{factbase.source(c.source_id).publisher}, {c.location.label}" for c in fact.citations)
        made = index.corrections_of(fact.id)  # newest first
        latest = made[0].date if made else None
        note = f" Corrected on {long_date(latest)}; the statement is given as it now stands." if latest else ""
        facts.append(
            _Entry(
                f"tag:{authority},{fact.added.isoformat()}:{base}facts/{fact.id}",
                f"New fact: {first_words(fact.statement, TITLE_WORDS)}",
                hosted.fact(fact),
                fact.added,
                latest or fact.added,  # the loader dates a correction on or after its fact
                f"{fact.statement} (Cited: {'; '.join(cited)}.){note}",
            )
        )
    ranked = [
        (entry, rank, position)
        for rank, group in enumerate((corrections, facts))
        for position, entry in enumerate(group)
    ]
    ranked.sort(key=lambda item: (-item[0].published.toordinal(), item[1], item[2]))
    return [entry for entry, _, _ in ranked]


def atom_feed(factbase: FactBase, hosted: Hosted, site_name: str, index: FactIndex | None = None) -> str:
    """The feed as XML text, linking to the hosted site. Pass the build's FactIndex to share its lookups."""
    site_url = hosted.site_url
    authority = urlsplit(site_url).hostname
    # Two sites on one host (project pages on github.io) keep apart by their path.
    folder = urlsplit(site_url).path.strip("/")
    base = f"{folder}/" if folder else ""
    if not authority:
        raise ValueError(f"the feed needs the site's absolute address, not {site_url!r}")
    ElementTree.register_namespace("", ATOM)

    def add(parent: ElementTree.Element, name: str, text: str | None = None, **attributes: str) -> None:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        element.text = text

    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    feed_url = hosted.page(FEED)
    add(feed, "id", feed_url)
    add(feed, "title", site_name)
    add(feed, "subtitle", "New facts and corrections, each cited to the paragraph of the report it comes from.")
    add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    add(feed, "link", rel="alternate", type="text/html", href=site_url)
    if factbase.updated is None:
        raise ValueError("the feed needs a dated entry in the data")
    add(feed, "updated", _timestamp(factbase.updated))
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    add(author, "name", site_name)
    for entry in _entries(factbase, index or FactIndex(factbase), hosted, authority, base):
        element = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        add(element, "id", entry.tag)
        add(element, "title", entry.title)
        add(element, "link", rel="alternate", type="text/html", href=entry.link)
        add(element, "published", _timestamp(entry.published))
        add(element, "updated", _timestamp(entry.updated))
        add(element, "summary", entry.summary, type="text")
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
