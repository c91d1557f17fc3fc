"""The corrections log and the feed, on tests/sites/tiny/ (which has one correction): a page
showing a corrected fact says so once, at its foot, linked to the entry; the log explains it with
the fact cited; every page is dated by the newest date in the data; and the Atom feed parses in a
real feed parser, lists every fact and correction, and links to places that exist."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from factbase import load_factbase
from factsite.addresses import Hosted
from factsite.feed import atom_feed
from factsite.pages import CORRECTIONS, topic_doc
from mkdocs_factsite.material import hosted_path

from .conftest import SITE_URL, SITES, article, page_path, parse, site_pages

TINY = load_factbase(SITES / "tiny" / "data")
CORRECTION = TINY.corrections[0]
RETRACTION = next(correction for correction in TINY.corrections if correction.retracted)


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The built file and fragment a relative link on page leads to."""
    parts = urlsplit(href)
    # The 404 page links from the site's root path (it is served at any depth).
    base = site if parts.path.startswith("/") else page.parent
    target = (base / parts.path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_a_page_showing_a_corrected_fact_ends_with_one_notice_linking_to_its_entry(tiny_site: Path) -> None:
    (fact_id,) = CORRECTION.facts
    page = page_path(tiny_site, topic_doc(TINY.fact(fact_id).home.topic))
    content = parse(page).select_one("article")
    assert content is not None
    sentence = content.find(id=f"fact-{fact_id}")
    assert sentence is not None
    assert "Corrected" not in sentence.get_text() and not sentence.select("a[href*='correction']"), (
        "nothing is added after a corrected sentence: the page says it once, at its foot"
    )
    (notice,) = content.select("aside.corrections-notice")
    assert notice.find_next(class_="fact-sentence") is None, "the notice stands after the article's text"
    assert notice.find_next("h2", id="references") is not None, "and before the page's references"
    text = notice.get_text(" ", strip=True)
    assert "Corrected on 9 May 2024: a correction to a fact shown here" in text, text
    (link,) = [a for a in notice.find_all("a") if "#" in a["href"]]
    target, fragment = resolve(tiny_site, page, link["href"])
    assert target == page_path(tiny_site, CORRECTIONS.path).resolve()
    assert fragment == f"correction-{CORRECTION.id}" and parse(target).find(id=fragment) is not None
    # A page that shows no corrected fact says nothing of the kind.
    for other in TINY.topics:
        shown = {fact.id for fact in TINY.facts if other.id in fact.topics}
        if not shown & set(CORRECTION.facts):
            assert not parse(page_path(tiny_site, topic_doc(other.id))).select(".corrections-notice"), other.id


def test_the_log_gives_date_facts_change_and_reason_with_the_facts_cited(tiny_site: Path) -> None:
    content = article(tiny_site, CORRECTIONS.path)
    assert next(h.get_text(" ", strip=True).removesuffix(" ¶") for h in content.find_all("h2")) == "9 May 2024"
    entry = content.find(id=f"correction-{CORRECTION.id}")
    assert entry is not None
    text = entry.get_text(" ", strip=True)
    assert CORRECTION.change in text and CORRECTION.reason in text
    for fact_id in CORRECTION.facts:
        assert TINY.fact(fact_id).statement in text
    assert entry.select("sup.citation"), "the facts a correction speaks of are cited"


def test_every_page_is_dated_by_the_newest_date_in_the_data(tiny_site: Path) -> None:
    assert TINY.updated == CORRECTION.date, "the scenario's correction is its newest date"
    for page in site_pages(tiny_site):
        soup = parse(page)
        updated = soup.select_one("p.page-updated")
        if updated is None:
            assert page.name == "404.html"
            continue
        assert "9 May 2024" in updated.get_text(), page


def test_the_feed_parses_and_lists_every_fact_and_correction(tiny_site: Path) -> None:
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.link == SITE_URL
    assert feed.feed.updated_parsed[:3] == (2024, 5, 9)
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) == len(TINY.facts) + len(TINY.corrections)
    newest = feed.entries[0]
    # Without a summary, the title is the change's first words; with one, the summary (as on the pages).
    assert newest.title.startswith(f"Correction: {CORRECTION.change[:20]}")
    assert newest.link.endswith(f"#correction-{CORRECTION.id}")
    assert CORRECTION.reason in newest.summary
    for fact in TINY.facts:
        (entry,) = [e for e in feed.entries if e.link.endswith(f"#fact-{fact.id}")]
        assert entry.title.startswith("New fact: ")
        assert fact.statement in entry.summary
        assert datetime.date(*entry.published_parsed[:3]) == fact.added
    dates = [datetime.date(*entry.published_parsed[:3]) for entry in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_a_corrected_facts_entry_is_updated_on_the_day_of_its_correction(tiny_site: Path) -> None:
    # Its words are the corrected ones: a feed reader must fetch it again, and say it changed.
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    for fact in TINY.facts:
        (entry,) = [e for e in feed.entries if e.link.endswith(f"#fact-{fact.id}")]
        corrected = fact.id in CORRECTION.facts
        assert datetime.date(*entry.updated_parsed[:3]) == (CORRECTION.date if corrected else fact.added)
        assert ("Corrected on 9 May 2024" in entry.summary) == corrected, entry.summary


def test_every_feed_link_lands_on_the_hosted_page_and_anchor(tiny_site: Path) -> None:
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL), entry.link
        parts = urlsplit(entry.link)
        target = tiny_site / parts.path.lstrip("/") / "index.html"
        assert target.is_file(), entry.link
        assert parse(target).find(id=parts.fragment) is not None, entry.link


def test_every_page_points_feed_readers_to_the_feed(tiny_site: Path) -> None:
    for page in site_pages(tiny_site):
        link = parse(page).find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, page
        target, _ = resolve(tiny_site, page, link["href"])
        assert target == (tiny_site / "feed.xml").resolve()


def test_a_corrections_summary_is_its_feed_title() -> None:
    # The summary is what the pages' notices say was corrected; a reader of the feed gets the same.
    summarised = dataclasses.replace(CORRECTION, summary="the <b>speaker</b> of the date, now the mayor")
    factbase = dataclasses.replace(TINY, corrections=(summarised, *TINY.corrections[1:]))
    feed = feedparser.parse(atom_feed(factbase, Hosted("https://owner.github.io/facial/", hosted_path), "x"))
    (entry,) = [e for e in feed.entries if e.link.endswith(f"#correction-{CORRECTION.id}")]
    assert entry.title == "Correction: the <b>speaker</b> of the date, now the mayor"


def test_two_sites_on_one_host_give_their_entries_different_ids() -> None:
    ids = {
        site: {
            entry.id
            for entry in feedparser.parse(
                atom_feed(TINY, Hosted(f"https://owner.github.io/{site}/", hosted_path), "x")
            ).entries
        }
        for site in ("facial", "other")
    }
    assert ids["facial"] and not ids["facial"] & ids["other"]
    assert all(tag.startswith("tag:owner.github.io,") and ":facial/" in tag for tag in ids["facial"])


def test_a_withdrawn_fact_keeps_its_entry_in_the_log_and_the_feed(tiny_site: Path) -> None:
    # The fact is gone from the data; what was withdrawn, and why, stays on record.
    assert not set(RETRACTION.retracted) & {fact.id for fact in TINY.facts}
    entry = article(tiny_site, CORRECTIONS.path).find(id=f"correction-{RETRACTION.id}")
    assert entry is not None
    withdrawn = entry.select_one(".correction-retracted")
    assert withdrawn is not None and all(fact_id in withdrawn.get_text() for fact_id in RETRACTION.retracted)
    assert RETRACTION.change in entry.get_text(" ", strip=True) and RETRACTION.reason in entry.get_text(" ", strip=True)
    feed = feedparser.parse((tiny_site / "feed.xml").read_bytes())
    assert any(e.link.endswith(f"#correction-{RETRACTION.id}") and RETRACTION.reason in e.summary for e in feed.entries)
