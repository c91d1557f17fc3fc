"""The built site in a real browser: Debian's Chromium, driven by Playwright, checked by axe.

Chromium is launched so that it cannot resolve any host but 127.0.0.1, and every request a
page makes is recorded. A missing browser fails these tests; it never skips them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser
from pypdf import PdfReader

from factsite.pages import topic_doc

from .conftest import ALL_PAGES, PROJECT, REAL, serving, url_path, visit

ARTIFACTS = PROJECT / "test-artifacts"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with serving(built_site) as url:
        yield url


@pytest.mark.parametrize("docs_path", ALL_PAGES)
def test_every_page_requests_nothing_but_the_site_and_logs_no_error(
    browser: Browser, site_url: str, docs_path: str
) -> None:
    seen = visit(browser, site_url + url_path(docs_path))
    # Let the search worker load its index too.
    seen.page.wait_for_timeout(300)
    elsewhere = [
        url for url in seen.requests if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:"))
    ]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert seen.requests, "the page requested nothing at all"
    assert not seen.errors, seen.errors
    assert not seen.dialogs, seen.dialogs
    seen.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("docs_path", ALL_PAGES)
def test_every_page_has_no_axe_violations(browser: Browser, site_url: str, docs_path: str, scheme: str) -> None:
    seen = visit(browser, site_url + url_path(docs_path), color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert seen.page.get_attribute("body", "data-md-color-scheme") == expected
    results = Axe().run(seen.page)
    violations = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]
    assert not violations, violations
    seen.page.context.close()


def test_searching_for_a_name_lists_the_page_that_has_it(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url)
    seen.page.click("input.md-search__input")
    seen.page.keyboard.type("Guo Bing", delay=20)
    seen.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = seen.page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert any("/people/" in href for href in hrefs), hrefs
    assert any("/topics/government-control/" in href for href in hrefs), hrefs
    seen.page.context.close()


def test_hovering_a_citation_previews_its_reference(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("regulation")))
    seen.page.hover("sup.citation a.footnote-ref")
    tooltip = seen.page.wait_for_selector(".md-tooltip2", state="visible", timeout=5_000)
    assert tooltip is not None
    text = tooltip.inner_text()
    assert "CNN Business" in text and "paragraph" in text
    seen.page.context.close()


def test_the_colour_toggle_switches_between_light_and_dark(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url, color_scheme="light")
    page = seen.page
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("form[data-md-component='palette'] label:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.click("form[data-md-component='palette'] label:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.context.close()


@pytest.mark.parametrize("docs_path", ["index.md", topic_doc("privacy-concerns"), "timeline.md", "people.md"])
def test_a_phone_sized_screen_reads_without_sideways_scrolling(browser: Browser, site_url: str, docs_path: str) -> None:
    seen = visit(
        browser,
        site_url + url_path(docs_path),
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = seen.page
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{docs_path} is {overflow}px wider than a phone"
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert font_size >= 14, f"body text is {font_size}px on a phone"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"phone-{docs_path.replace('/', '-').removesuffix('.md')}.png"), full_page=True
    )
    page.context.close()


def test_a_topic_page_prints_with_its_references_and_link_addresses(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")))
    seen.page.emulate_media(media="print")
    pdf = seen.page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print-privacy-concerns.pdf").write_bytes(pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split())
    assert "References" in text
    assert "".join(REAL.fact("anonymity-eroded").statement.split()) in flat
    ksl_url = REAL.source("ksl-newsradio-2019-12-02").url
    assert "".join(ksl_url.split()) in flat, "outbound link addresses are not printed"
    seen.page.context.close()


def test_the_404_page_works_at_any_depth(browser: Browser, site_url: str) -> None:
    missing = site_url + "no/such/page/"
    seen = visit(browser, missing)
    assert "404" in seen.page.inner_text("article")
    assert seen.failed_responses == [(missing, 404)], "only the missing page itself may fail"
    assert [e for e in seen.errors if "status of 404" not in e] == [], seen.errors
    # Its stylesheet loaded: the header has Material's colour, not the browser default.
    background = seen.page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    seen.page.context.close()
