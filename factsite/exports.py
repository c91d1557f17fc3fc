"""The downloads: the fact base as JSON with its schema, and the sources as CSL-JSON, BibTeX and RIS.

Built at build time from the same FactBase the pages use. The stored texts are never exported:
the site quotes the reports, it does not republish them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from factbase import CREDIT_LINE, Citation, FactBase, Location, QuotedShare, ResolvedDate, Source
from factbase.queries import FactIndex
from factbase.selectors import select_quote
from factsite import download_model as model
from factsite.reference_formats import bibtex, csl_items, ris

# The Atom feed of new facts and corrections (factsite.feed), at the site's root.
FEED = "feed.xml"
# The offline edition's zip, when a build offers it on the downloads page.
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


@dataclass(frozen=True)
class Download:
    """One downloadable file: where it goes in the site, what it is, and how it is written from
    the fact base and its own address on the hosted site."""

    path: str
    title: str
    description: str
    write: Callable[[FactBase, str], str]


def _paragraph(number: int) -> int | str:
    return "credit line" if number == CREDIT_LINE else number


def _selector(factbase: FactBase, location: Location, quote: str) -> model.TextQuoteSelector:
    """A W3C Web Annotation TextQuoteSelector: the exact words, with the least context that
    finds them once in the capture."""
    selector = select_quote(factbase.source(location.source_id), location, quote)
    return model.TextQuoteSelector("TextQuoteSelector", selector.exact, selector.prefix, selector.suffix)


def _citation(factbase: FactBase, citation: Citation) -> model.Citation:
    return model.Citation(
        source=citation.source_id,
        paragraph=_paragraph(citation.paragraph),
        quote=citation.quote,
        selector=_selector(factbase, citation.location, citation.quote),
        also_in=[
            model.SameWords(
                source=location.source_id,
                paragraph=_paragraph(location.paragraph),
                selector=_selector(factbase, location, citation.quote),
            )
            for location in citation.also_in
        ],
    )


def _source(source: Source, share: QuotedShare | None) -> model.Source:
    return model.Source(
        id=source.id,
        role=source.role,
        copy_of=source.copy_of,
        quote_budget=source.quote_budget,
        publisher=source.publisher,
        title=source.title,
        published=source.published.isoformat(),
        timestamp_as_shown=source.timestamp_as_shown,
        dateline=source.dateline,
        credit_line=source.credit_line,
        url=source.url,
        url_note=source.url_note,
        paragraphs=len(source.article.paragraphs),
        quoted_share=None
        if share is None
        else model.QuotedShare(
            body_words=share.body_words, reproduced_words=share.reproduced_words, quoted_words=share.quoted_words
        ),
    )


def _when(when: ResolvedDate | None) -> model.When | None:
    if when is None:
        return None
    return model.When(
        reported_as=when.reported_as,
        start=when.start.isoformat(),
        end=when.end.isoformat(),
        precision=when.precision,
        note=when.note,
    )


def fact_base_document(factbase: FactBase) -> model.FactBaseDocument:
    """The fact base as the facts.json download holds it."""
    index = FactIndex(factbase)
    return model.FactBaseDocument(
        sources=[_source(source, factbase.quoted_share(source.id)) for source in factbase.sources],
        topics=[
            model.Topic(
                id=topic.id,
                title=topic.title,
                summary=topic.summary,
                introduction=list(topic.introduction),
                sections=[model.Section(id=s.id, title=s.title) for s in topic.sections],
            )
            for topic in factbase.topics
        ],
        facts=[
            model.Fact(
                id=fact.id,
                topics=[p.topic + (f"/{p.section}" if p.section else "") for p in fact.placements],
                statement=fact.statement,
                prose=fact.prose,
                lead=fact.lead,
                when=_when(fact.when),
                mentions=[entity.id for entity in index.entities_in(fact)],
                added=fact.added.isoformat(),
                corrections=[correction.id for correction in index.corrections_of(fact.id)],
                citations=[_citation(factbase, c) for c in fact.citations],
            )
            for fact in factbase.facts
        ],
        entities=[
            model.Entity(
                id=e.id,
                name=e.name,
                kind=e.kind,
                aliases=list(e.aliases),
                description=e.description,
                citations=[_citation(factbase, c) for c in e.citations],
            )
            for e in factbase.entities
        ],
        figures=[
            model.Figure(
                id=f.id,
                as_written=f.as_written,
                value=f.value,
                unit=f.unit,
                counts=f.counts,
                given_by=f.given_by,
                citation=_citation(factbase, f.citation),
            )
            for f in factbase.figures
        ],
        quotations=[
            model.Quotation(
                id=q.id,
                shown=q.shown,
                complete=q.excerpt is None,
                about=q.about,
                speaker=q.speaker,
                attribution=q.attribution,
                citations=[_citation(factbase, c) for c in q.citations],
            )
            for q in factbase.quotations
        ],
        corrections=[
            model.Correction(
                id=c.id,
                date=c.date.isoformat(),
                facts=list(c.facts),
                retracted=list(c.retracted),
                change=c.change,
                reason=c.reason,
                summary=c.summary,
            )
            for c in factbase.corrections
        ],
    )


def _json(data: Any) -> str:
    # allow_nan=False: NaN and Infinity are not JSON; the loader refuses them, and this would fail loudly.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


DOWNLOADS = (
    Download(
        "downloads/facts.json",
        "Fact base (JSON)",
        "Every source’s details, topic, fact, person, figure and quotation, with every citation.",
        lambda factbase, _url: _json(msgspec.to_builtins(fact_base_document(factbase))),
    ),
    Download(
        "downloads/facts.schema.json",
        "JSON Schema of the fact base",
        "The schema facts.json validates against (JSON Schema 2020-12).",
        lambda _factbase, url: json.dumps(model.download_schema(url), indent=2, ensure_ascii=False) + "\n",
    ),
    Download(
        "downloads/sources.csl.json",
        "Sources (CSL-JSON)",
        "The captured copies, for Zotero and other citation processors.",
        lambda factbase, _url: _json(csl_items(factbase)),
    ),
    Download(
        "downloads/sources.bib",
        "Sources (BibTeX)",
        "The captured copies, for LaTeX and BibTeX-based reference managers.",
        lambda factbase, _url: bibtex(factbase),
    ),
    Download(
        "downloads/sources.ris",
        "Sources (RIS)",
        "The captured copies, for EndNote, Mendeley and other reference managers.",
        lambda factbase, _url: ris(factbase),
    ),
)


def export_files(factbase: FactBase, hosted_url: Callable[[str], str]) -> dict[str, str]:
    """Every download's site path and content; hosted_url gives each its own address on the hosted site."""
    return {download.path: download.write(factbase, hosted_url(download.path)) for download in DOWNLOADS}
