"""The site, built strictly: every page present, every fact cited, every number resolving.

Checks of the real content run on the real site (marked `content`); checks of the code run on
the tiny scenario site and the real one alike (each_site).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
from bs4 import BeautifulSoup, Tag

from factbase import FactBase
from factsite import source_doc, topic_doc
from factsite.render import nested_quotes, trim_dashes

from .conftest import (
    CNN,
    KSL,
    SITE_URL,
    Site,
    all_citations,
    article,
    nav_links,
    page_path,
    parse,
    references_of,
    site_pages,
)


def test_every_topic_has_a_page_and_a_place_in_the_navigation(each_site: Site) -> None:
    for topic in each_site.factbase.topics:
        content = article(each_site.root, topic_doc(topic.id))
        assert content.h1 is not None and content.h1.get_text(strip=True).startswith(topic.title), topic.id
        assert topic.title in nav_links(each_site.root), topic.id


def test_every_source_has_a_page(each_site: Site) -> None:
    for source in each_site.factbase.sources:
        content = article(each_site.root, source_doc(source.id))
        text = content.get_text(" ", strip=True)
        # The dateline and credit line without the dash that sets them off in the article.
        for detail in (source.publisher, source.title, trim_dashes(source.dateline), trim_dashes(source.credit_line)):
            assert detail in text, f"{source.id} page lacks {detail!r}"
        assert not re.search(r"(?:^|\s)[–—](?:\s|$)", text), f"{source.id} page shows a stray dash"
        if source.role == "original":
            for paragraph in source.article.paragraphs:
                assert content.find(id=f"p{paragraph.number}") is not None, (
                    f"{source.id}: no anchor p{paragraph.number}"
                )
        else:
            # A copy's page does not repeat the index: it sends the reader to its original's.
            assert not content.select("section.source-paragraph"), source.id
            hrefs = [a["href"] for a in content.find_all("a")]
            assert any(href.endswith(f"{source.copy_of}/") for href in hrefs), source.id


def test_a_source_page_says_honestly_when_no_url_is_recorded(built_site: Path) -> None:
    details = article(built_site, source_doc(CNN)).select_one("dl.source-details")
    assert details is not None
    assert "Not recorded." in details.get_text(" ", strip=True)
    assert not [a for a in details.find_all("a") if a["href"].startswith("http")]


def test_a_source_page_links_its_confirmed_url_privately(built_site: Path, real: FactBase) -> None:
    link = article(built_site, source_doc(KSL)).select_one("a.source-outbound")
    assert link is not None and link["href"] == real.source(KSL).url
    assert link["rel"] == ["noopener", "noreferrer"] and link["referrerpolicy"] == "no-referrer"


def test_every_fact_is_shown_in_full_on_every_topic_it_is_filed_under(each_site: Site) -> None:
    # Each page keeps the report's balance on its own: a fact is shown, cited, wherever it is filed,
    # in its prose wording on its home topic and as its self-contained statement elsewhere.
    for fact in each_site.factbase.facts:
        for placement in fact.placements:
            content = article(each_site.root, topic_doc(placement.topic))
            sentences = content.find_all(id=f"fact-{fact.id}")
            assert len(sentences) == 1, f"fact {fact.id} is shown {len(sentences)} times on {placement.topic}"
            text = sentences[0].get_text(" ", strip=True)
            wording = fact.in_prose if placement == fact.home else fact.statement
            assert wording in text, f"fact {fact.id} on {placement.topic} does not read {wording!r}"
            assert sentences[0].select("sup.citation"), f"fact {fact.id} is shown without its citations"


def test_every_fact_is_listed_under_each_paragraph_it_cites(each_site: Site) -> None:
    factbase = each_site.factbase
    for fact in factbase.facts:
        for citation in fact.citations:
            for location in (citation.location, *citation.also_in):
                if factbase.source(location.source_id).role != "original":
                    continue  # a copy's words are indexed on its original's page
                section = article(each_site.root, source_doc(location.source_id)).find(id=location.anchor)
                assert section is not None, (fact.id, location)
                hrefs = [a["href"] for a in section.find_all("a")]
                assert any(href.endswith(f"#fact-{fact.id}") for href in hrefs), (fact.id, location)


def marker_number(marker: Tag) -> int:
    text = marker.get_text(strip=True)
    assert text.startswith("[") and text.endswith("]"), f"a marker reads {text!r}, not [n]"
    return int(text[1:-1])


def test_citation_numbers_resolve_to_the_pages_own_reference_list(each_site: Site) -> None:
    for docs_path in each_site.pages:
        check_citation_numbers(article(each_site.root, docs_path), docs_path)


def check_citation_numbers(content: Tag, docs_path: str) -> None:
    markers = content.select("sup.citation a.citation-ref")
    references = references_of(content)
    first_uses: list[int] = []
    for marker in markers:
        number = marker_number(marker)
        assert marker["href"] == f"#ref-{number}", docs_path
        assert 1 <= number <= len(references), f"{docs_path}: citation {number} has no entry"
        entry = references[number - 1]
        assert entry["id"] == f"ref-{number}", f"{docs_path}: entries are numbered in order"
        backlinks = [a["href"] for a in entry.select("a.citation-back")]
        assert f"#{marker['id']}" in backlinks, f"{docs_path}: reference {number} has no back-link to {marker['id']}"
        if number not in first_uses:
            first_uses.append(number)
    assert first_uses == list(range(1, len(first_uses) + 1)), f"{docs_path}: numbers follow order of first use"
    assert len(first_uses) == len(references), f"{docs_path}: every reference is cited on the page"
    marker_ids = {marker["id"] for marker in markers}
    for entry in references:
        for backlink in entry.select("a.citation-back"):
            assert backlink["href"].removeprefix("#") in marker_ids, docs_path


def test_markers_side_by_side_are_sorted_and_never_repeated(each_site: Site) -> None:
    for docs_path in each_site.pages:
        for sup in article(each_site.root, docs_path).select("sup.citation"):
            before = sup.previous_sibling
            if before is not None and getattr(before, "name", None) == "sup":
                continue  # counted with the group it continues
            group = [sup]
            while (after := group[-1].next_sibling) is not None and getattr(after, "name", None) == "sup":
                group.append(after)
            numbers = [marker_number(s.a) for s in group]
            assert numbers == sorted(set(numbers)), f"{docs_path}: markers side by side read {numbers}"


def test_notes_are_short_and_each_source_is_cited_in_full_once(each_site: Site) -> None:
    for docs_path in each_site.pages:
        check_notes(article(each_site.root, docs_path), each_site.factbase)


def check_notes(content: Tag, factbase: FactBase) -> None:
    quotes_by_paragraph: dict[tuple[str, str], set[str]] = {}
    for citation in all_citations(factbase):
        # Shown inside quote marks of the site's own, a quote's double quote marks become single.
        shown = nested_quotes(citation.quote)
        quotes_by_paragraph.setdefault((citation.source_id, citation.location.anchor), set()).add(shown)
    cited: set[str] = set()
    for entry in references_of(content):
        backlinks = entry.select_one(".reference-backlinks")
        assert backlinks is not None and backlinks.get_text(strip=True).startswith("^")
        uses = entry.select("a.citation-back")
        expected = ["^"] if len(uses) == 1 else [chr(ord("a") + i) for i in range(len(uses))]
        assert [a.get_text(strip=True) for a in uses] == expected, "back-links read ^, or a b c"
        paragraph_link = entry.select_one("a.reference-paragraph")
        assert paragraph_link is not None
        match = re.search(r"sources/([a-z0-9-]+)/#(p\d+|credit-line)$", paragraph_link["href"])
        assert match, paragraph_link["href"]
        source = factbase.source(match.group(1))
        cited.add(source.id)
        text = entry.get_text(" ", strip=True)
        assert paragraph_link.get_text(" ", strip=True).startswith(source.publisher)
        assert source.title not in text, "a note repeats the headline; it belongs in the entry cited in full"
        assert source.url_note is None or source.url_note not in text
        shown_quotes = {q.get_text() for q in entry.select("q.reference-quote")}
        assert shown_quotes and shown_quotes <= quotes_by_paragraph[(source.id, match.group(2))]
        for link in entry.select("a.reference-outbound"):
            assert link["href"].split("#")[0] in {s.url for s in factbase.sources}
    entries = content.select("ul.bibliography > li")
    assert sorted(li["id"].removeprefix("source-") for li in entries) == sorted(cited), "each source once"
    for entry in entries:
        source = factbase.source(entry["id"].removeprefix("source-"))
        text = entry.get_text(" ", strip=True)
        for detail in (source.publisher, source.title, f"{source.published.day} {source.published:%B %Y}"):
            assert detail in text
        assert (source.url or source.url_note or "") in text
    for source in factbase.sources:
        if source.url_note:
            assert content.get_text(" ").count(source.url_note) <= 1, (
                f"the note about {source.id}'s address is repeated"
            )


def test_every_page_says_how_to_cite_it_and_its_bibtex_parses(each_site: Site) -> None:
    for docs_path in each_site.pages:
        check_cite_this_page(parse(page_path(each_site.root, docs_path)), docs_path, each_site.factbase)


def check_cite_this_page(page: BeautifulSoup, docs_path: str, factbase: FactBase) -> None:
    cite = page.select_one("details.cite-this-page")
    assert cite is not None, f"{docs_path} has no Cite this page"
    canonical = page.find("link", rel="canonical")["href"]
    title = page.find("meta", property="og:title")["content"]
    assert canonical in cite.select_one("p.cite-text").get_text()
    library = bibtexparser.parse_string(cite.select_one("pre.cite-bibtex").get_text())
    assert not library.failed_blocks and len(library.entries) == 1
    fields = library.entries[0].fields_dict
    assert fields["url"].value == canonical
    assert factbase.updated is not None and fields["date"].value == factbase.updated.isoformat()
    csl = json.loads(cite.select_one("pre.cite-csl").get_text())
    assert csl["URL"] == canonical and csl["title"] == title and csl["type"] == "webpage"
    licence = cite.select_one("p.licence a[rel~='license']")
    assert licence is not None and "creativecommons.org" in licence["href"]
    assert "remain their publishers" in cite.get_text()
    updated = page.select_one("p.page-updated")
    assert updated is not None and "Last updated" in updated.get_text()
    print_meta = page.select_one("p.print-meta")
    assert print_meta is not None and canonical in print_meta.get_text()


def test_every_page_has_a_description_open_graph_tags_and_a_canonical_link(each_site: Site) -> None:
    for docs_path in each_site.pages:
        page = parse(page_path(each_site.root, docs_path))
        description = page.find("meta", attrs={"name": "description"})
        assert description is not None and len(description["content"]) > 40, docs_path
        og = {m["property"]: m["content"] for m in page.find_all("meta", attrs={"property": True})}
        assert og["og:title"] and og["og:description"] == description["content"], docs_path
        canonical = page.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == og["og:url"], docs_path
        assert canonical["href"].startswith(SITE_URL), docs_path


def test_every_page_has_its_own_description(each_site: Site) -> None:
    descriptions = [
        parse(page_path(each_site.root, docs_path)).find("meta", attrs={"name": "description"})["content"]
        for docs_path in each_site.pages
    ]
    assert len(set(descriptions)) == len(descriptions)


def test_the_sitemap_lists_every_page(each_site: Site) -> None:
    sitemap = (each_site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for docs_path in each_site.pages:
        canonical = parse(page_path(each_site.root, docs_path)).find("link", rel="canonical")["href"]
        assert canonical in locations, docs_path


def test_every_outbound_link_keeps_the_referrer_and_opener_private(each_site: Site) -> None:
    for page in site_pages(each_site.root):
        for link in parse(page).select("article a[href^='http']"):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (page, link["href"])
            assert link.get("referrerpolicy") == "no-referrer", (page, link["href"])
