"""The sources and the pages as references: CSL-JSON, BibTeX and RIS for the reference downloads,
and "Cite this page" for every page, each escaped for its own format."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from factbase import FactBase


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
