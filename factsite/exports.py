"""The downloads: the fact base as JSON with its schema, and the sources as CSL-JSON, BibTeX and RIS.

Built at build time from the same FactBase the pages use. The stored texts are never exported:
the site quotes the reports, it does not republish them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from factbase import CREDIT_LINE, Citation, FactBase, Location, QuotedShare, ResolvedDate, Source
from factbase.queries import FactIndex
from factbase.selectors import select_quote
from factsite import download_model as model

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
            )
            for c in factbase.corrections
        ],
    )


def csl_items(factbase: FactBase) -> list[dict[str, Any]]:
    """The sources as CSL-JSON items (no author: the captures carry no byline)."""
    items = []
    for source in factbase.sources:
        item: dict[str, Any] = {
            "id": source.id,
            "type": "article-newspaper",
            "title": source.title,
            "container-title": source.publisher,
            "publisher": source.publisher,
            "issued": {"date-parts": [[source.published.year, source.published.month, source.published.day]]},
        }
        if source.url:
            item["URL"] = source.url
        if source.copy_of:
            original = factbase.source(source.copy_of)
            item["note"] = f"Syndicated copy of {original.publisher}’s report"
        items.append(item)
    return items


# LaTeX's text commands for the characters BibTeX and LaTeX treat specially. Braces become
# commands inside a balanced group: BibTeX counts braces without regard to backslashes, so a
# lone \{ would end the field early and let the rest of the value write fields of its own.
_BIBTEX_SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}


def _single_line(value: str, what: str) -> str:
    """A value for a line-based format; the loader refuses line breaks, so one here is a bug."""
    if any(ch in value for ch in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        raise ValueError(f"{what} value {value!r} holds a line break, which the loader should have refused")
    return value


# Pairs LaTeX turns into one glyph (-- into a dash, '' into a curly quote, << into a guillemet):
# an empty group between them keeps both characters as written.
_LIGATURE_PAIRS = {("-", "-"), ("'", "'"), ("`", "`"), ("<", "<"), (">", ">"), (",", ","), ("!", "`"), ("?", "`")}


def bibtex_escape(text: str) -> str:
    """Text for a BibTeX field in braces: every special character as its LaTeX text command, and
    no two characters that LaTeX would join into one."""
    out: list[str] = []
    previous = ""
    for char in _single_line(text, "BibTeX"):
        if (previous, char) in _LIGATURE_PAIRS:
            out.append("{}")
        out.append(_BIBTEX_SPECIAL.get(char, char))
        previous = char
    return "".join(out)


def _bibtex_url(url: str) -> str:
    """A URL for biblatex's verbatim url field: written as it is, so it must hold nothing to escape."""
    if any(ch in url for ch in '{}\\"') or any(ch.isspace() for ch in url):
        raise ValueError(f"URL {url!r} holds a brace, backslash, quote or space, which the loader should have refused")
    return url


def bibtex(factbase: FactBase) -> str:
    """The sources as BibTeX newspaper articles (biblatex's @article with entrysubtype; UTF-8)."""
    # Not @online with organization: citation processors (pandoc's citeproc among them) read
    # that as a work with neither author nor container, and cite both copies by the title alone
    # ("2019a", "2019b"). The journal field is BibTeX's, and biber takes it as journaltitle.
    entries = []
    for item in csl_items(factbase):
        year, month, day = item["issued"]["date-parts"][0]
        fields = [
            ("entrysubtype", "newspaper"),
            ("title", bibtex_escape(item["title"])),
            ("journal", bibtex_escape(item["container-title"])),
            ("date", f"{year:04d}-{month:02d}-{day:02d}"),
            ("year", str(year)),
        ]
        if "URL" in item:
            fields.append(("url", _bibtex_url(item["URL"])))
        if "note" in item:
            fields.append(("note", bibtex_escape(item["note"])))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@article{{{item['id']},\n{body}\n}}\n")
    return "\n".join(entries)


def ris(factbase: FactBase) -> str:
    """The sources as RIS records."""
    records = []
    for item in csl_items(factbase):
        year, month, day = item["issued"]["date-parts"][0]
        lines = [
            ("TY", "NEWS"),
            ("ID", item["id"]),
            ("TI", item["title"]),
            ("T2", item["container-title"]),
            ("PB", item["publisher"]),
            ("PY", str(year)),
            ("DA", f"{year:04d}/{month:02d}/{day:02d}"),
        ]
        if "URL" in item:
            lines.append(("UR", item["URL"]))
        if "note" in item:
            lines.append(("N1", item["note"]))
        lines.append(("ER", ""))
        records.append("\n".join(f"{tag}  - {_single_line(value, 'RIS')}".rstrip() for tag, value in lines) + "\n")
    return "\n".join(records)


@dataclass(frozen=True)
class PageCitation:
    """How to cite one page of the site: the site as the work, with its date and address."""

    text: str
    bibtex: str
    csl_json: str


def page_citation(title: str, site_name: str, url: str, updated: datetime.date, licence: str) -> PageCitation:
    """Ready-to-copy citations of a page, each escaped for its own format."""
    when = f"{updated.day} {updated:%B %Y}"
    whole_site = title == site_name  # the home page: the site itself is the work
    text = (
        f"{site_name}. Last updated {when}. {url}"
        if whole_site
        else f"“{title}.” In {site_name}, last updated {when}. {url}"
    )
    slug = "-".join(part for part in url.rstrip("/").rsplit("/", 2)[-2:] if part and ":" not in part) or "home"
    key = "site-" + "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in slug.lower())
    fields = [
        ("title", bibtex_escape(title)),
        ("organization", bibtex_escape(site_name)),
        ("date", updated.isoformat()),
        ("url", _bibtex_url(url)),
        ("note", bibtex_escape(f"The site's own text: {licence}; quotations remain their publishers'")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    csl = {
        "id": key,
        "type": "webpage",
        "title": title,
        **({} if whole_site else {"container-title": site_name}),
        "URL": url,
        "issued": {"date-parts": [[updated.year, updated.month, updated.day]]},
        "license": licence,
    }
    return PageCitation(
        text, f"@online{{{key},\n{body}\n}}", json.dumps(csl, ensure_ascii=False, separators=(", ", ": "))
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
