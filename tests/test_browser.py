"""The built site in a real browser: Debian's Chromium, driven by Playwright, checked by axe.

Chromium is launched so that it cannot resolve any host but 127.0.0.1, and every request a
page makes is recorded. A missing browser fails these tests; it never skips them.
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

from factsite.pages import topic_doc

from .conftest import PROJECT
from .test_site import ALL_PAGES, REAL

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
ARTIFACTS = PROJECT / "test-artifacts"


def url_path(docs_path: str) -> str:
    """The URL path of a docs page (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, with its 404 page for anything missing, as a host would."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    handler = functools.partial(_SiteHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (.ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """One page load with everything it requested and every error it logged."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.failed_responses: list[tuple[str, int]] = []
        page.on(
            "response",
            lambda response: (
                self.failed_responses.append((response.url, response.status)) if response.status >= 400 else None
            ),
        )
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console {message.type}: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.errors.append(f"request failed: {request.url}"))

    def open(self, url: str) -> Visit:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self


def visit(browser: Browser, url: str, **context: object) -> Visit:
    page = browser.new_context(**context).new_page()  # type: ignore[arg-type]
    return Visit(page).open(url)


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
    assert "".join(REAL.fact("anonymity-removed").statement.split()) in flat
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
