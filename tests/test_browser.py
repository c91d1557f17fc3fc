"""The built site in a real browser: Debian's Chromium, driven by Playwright, checked by axe.

Chromium is launched so that it cannot resolve any host but 127.0.0.1, and every request a
page makes is recorded. A missing browser fails these tests; it never skips them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import pytest
from axe_playwright_python.sync_playwright import Axe
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from factbase import FactBase
from factsite import KINDS, generated_pages
from factsite.pages import topic_doc

from .conftest import PROJECT, serving, url_path, visit

ARTIFACTS = PROJECT / "test-artifacts"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with serving(built_site) as url:
        yield url


def test_every_page_requests_nothing_but_the_site_and_logs_no_error(
    browser: Browser, site_url: str, real_pages: list[str]
) -> None:
    for docs_path in real_pages:
        seen = visit(browser, site_url + url_path(docs_path))
        # Let the search worker load its index too.
        seen.page.wait_for_timeout(300)
        elsewhere = [
            url
            for url in seen.requests
            if urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:"))
        ]
        assert not elsewhere, f"{docs_path}: requests to other hosts: {elsewhere}"
        assert seen.requests, f"{docs_path} requested nothing at all"
        assert not seen.errors, (docs_path, seen.errors)
        assert not seen.dialogs, (docs_path, seen.dialogs)
        seen.page.context.close()


# Pages of one kind share their template and stylesheet: axe checks one of each, in each scheme.
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", *(kind.name for kind in KINDS)])
def test_a_page_of_each_kind_has_no_axe_violations(
    browser: Browser, site_url: str, real: FactBase, kind: str, scheme: str
) -> None:
    of_kind = [path for path, page in generated_pages(real).items() if page.kind.name == kind]
    docs_path = of_kind[0] if of_kind else "index.md"
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


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]


def tab_until(page: Page, condition: str, limit: int, what: str) -> None:
    """Press Tab until the JavaScript condition holds of the page, failing after limit presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"{what} is not reachable with Tab")


def outline_of(page: Page, selector: str) -> str:
    """The computed outline of the element the selector names (or of the focused one)."""
    return page.evaluate(
        """(selector) => {
            const el = selector === ":focus" ? document.activeElement : document.querySelector(selector);
            const style = getComputedStyle(el);
            return `${style.outlineStyle} ${style.outlineWidth}`;
        }""",
        selector,
    )


def test_hovering_a_marker_previews_its_note_until_esc(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("regulation")), **DESKTOP)
    page = seen.page
    marker = page.locator("a.citation-ref").first
    marker.hover()
    preview = page.locator(".citation-preview")
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("role", "tooltip")
    note_id = marker.get_attribute("href").removeprefix("#")
    note_text = page.locator(f"#{note_id} a.reference-paragraph").inner_text()
    expect(preview).to_contain_text(note_text)
    assert marker.get_attribute("aria-describedby") == preview.get_attribute("id")
    # The pointer can move onto the preview without it vanishing (WCAG 1.4.13, hoverable).
    preview.hover()
    page.wait_for_timeout(500)
    expect(preview).to_be_visible()
    assert not axe_violations(page), "axe with the preview open"
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)
    page.context.close()


def test_focusing_a_marker_with_the_keyboard_previews_its_note(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **DESKTOP)
    page = seen.page
    tab_until(page, "document.activeElement.matches('a.citation-ref')", 200, "a citation marker")
    assert outline_of(page, ":focus").startswith("solid"), "the focused marker shows no focus ring"
    preview = page.locator(".citation-preview")
    expect(preview).to_be_visible()
    assert not axe_violations(page), "axe with the keyboard preview open"
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)
    assert page.evaluate("document.activeElement.matches('a.citation-ref')"), "Esc lost the reader's place"
    page.context.close()


def tap_in_place(page: Page, locator: Locator) -> None:
    """Tap an element where it stands, as a finger does: Playwright's own tap() first scrolls it
    into view, honouring its scroll-margin, and so would move the page by itself."""
    box = locator.bounding_box()
    assert box is not None, "the element is not on the screen"
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def bottom_of(page: Page, selector: str) -> float:
    return float(page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().bottom"))


def test_a_phone_tap_opens_the_note_in_place_and_keeps_the_reading_position(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **PHONE)
    page = seen.page
    marker = page.locator("a.citation-ref").nth(3)
    marker.scroll_into_view_if_needed()
    use_id = marker.get_attribute("id")
    assert marker.get_attribute("aria-expanded") == "false", "a touch screen's marker does not say it opens"
    # The marker near the top of the screen, where the sheet cannot cover it.
    page.evaluate(
        f"window.scrollBy({{top: document.getElementById({use_id!r}).getBoundingClientRect().top - 150,"
        " behavior: 'instant'})"
    )
    before = page.evaluate("window.scrollY")
    number = marker.inner_text().strip("[]")
    tap_in_place(page, marker)
    sheet = page.get_by_role("dialog", name=f"Reference {number}")
    expect(sheet).to_be_visible()
    assert page.evaluate("window.scrollY") == before, "the tap moved the page"
    assert page.evaluate("location.hash") == "", "the tap followed the link to the list"
    expect(sheet.locator("a.reference-paragraph")).to_be_visible()
    expect(sheet).to_be_focused()
    assert marker.get_attribute("aria-expanded") == "true"
    assert marker.get_attribute("aria-controls") == sheet.get_attribute("id")
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).innerText"
    )
    assert page.locator(f"#ref-{number} a.reference-paragraph").inner_text() in described
    assert not axe_violations(page), "axe with the sheet open"
    close = sheet.get_by_role("button", name="Close")
    close.tap()
    expect(sheet).to_have_count(0)
    assert page.evaluate(f"document.activeElement.id === {use_id!r}"), "Close did not return to the marker"
    assert marker.get_attribute("aria-expanded") == "false"
    assert page.evaluate("window.scrollY") == before
    # The second control goes to the full list, to the note itself.
    tap_in_place(page, marker)
    page.get_by_role("dialog").get_by_role("link", name="All references").tap()
    page.wait_for_function(f"location.hash === '#ref-{number}'")
    expect(page.locator(f"#ref-{number}")).to_be_in_viewport()
    page.context.close()


def test_a_sheet_that_would_cover_its_marker_scrolls_just_enough_to_show_it(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **PHONE)
    page = seen.page
    marker = page.locator("a.citation-ref").nth(3)
    marker.scroll_into_view_if_needed()
    use_id = marker.get_attribute("id")
    # Put the marker at the foot of the screen, where the sheet will open.
    page.evaluate(
        f"window.scrollBy({{top: document.getElementById({use_id!r}).getBoundingClientRect().bottom - 830,"
        " behavior: 'instant'})"
    )
    before = page.evaluate("window.scrollY")
    marker_bottom = bottom_of(page, f"#{use_id}")
    tap_in_place(page, marker)
    expect(page.locator(".citation-sheet")).to_be_visible()
    sheet_top = page.evaluate("document.querySelector('.citation-sheet').getBoundingClientRect().top")
    assert bottom_of(page, f"#{use_id}") <= sheet_top, "the sheet covers the marker it shows"
    moved = page.evaluate("window.scrollY") - before
    assert 0 < moved <= marker_bottom + 8 - sheet_top + 1, f"the page moved {moved}px, more than it needed"
    page.context.close()


def test_moving_focus_out_of_a_phone_sheet_closes_it(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **PHONE)
    page = seen.page
    page.locator("a.citation-ref").nth(3).tap()
    sheet = page.locator(".citation-sheet")
    expect(sheet).to_be_visible()
    tab_until(page, "!document.activeElement.closest('.citation-sheet')", 20, "the page behind the sheet")
    expect(sheet).to_have_count(0)
    page.context.close()


def test_markers_are_at_least_24_pixels_square_to_tap_on_a_phone(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **PHONE)
    boxes = seen.page.eval_on_selector_all(
        "a.citation-ref",
        "markers => markers.map(m => {"
        " const r = m.getBoundingClientRect(); return [m.textContent, r.width, r.height]; })",
    )
    assert boxes
    small = [(text, width, height) for text, width, height in boxes if width < 24 or height < 24]
    assert not small, f"markers smaller than 24x24 CSS px: {small[:5]}"
    seen.page.context.close()
    # Markers side by side each keep their own tap area: a tap meant for one never lands on the next.
    seen = visit(browser, site_url + url_path("people.md"), **PHONE)
    overlaps = seen.page.evaluate(
        """() => {
            const found = [];
            for (const sup of document.querySelectorAll("sup.citation + sup.citation")) {
                const a = sup.previousElementSibling.querySelector("a").getBoundingClientRect();
                const b = sup.querySelector("a").getBoundingClientRect();
                const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
                if (!apart) found.push(sup.previousElementSibling.textContent + sup.textContent);
            }
            return found;
        }"""
    )
    assert seen.page.locator("sup.citation + sup.citation").count() > 0, "the page has no adjacent markers"
    assert not overlaps, f"adjacent markers whose tap areas overlap: {overlaps[:5]}"
    seen.page.context.close()


def test_adjacent_markers_are_bracketed_sorted_and_never_repeated(browser: Browser, site_url: str) -> None:
    for docs_path in (topic_doc("privacy-concerns"), "index.md", "people.md"):
        seen = visit(browser, site_url + url_path(docs_path))
        runs = seen.page.evaluate(
            """() => {
                const runs = []; let run = [];
                for (const sup of document.querySelectorAll("sup.citation")) {
                    run.push(sup.textContent);
                    const next = sup.nextSibling;
                    if (!(next && next.nodeType === 1 && next.matches("sup.citation"))) { runs.push(run); run = []; }
                }
                return runs;
            }"""
        )
        assert runs, docs_path
        for run in runs:
            assert all(text.startswith("[") and text.endswith("]") for text in run), run
            numbers = [int(text.strip("[]")) for text in run]
            assert numbers == sorted(set(numbers)), f"{docs_path}: markers {run} repeat or are out of order"
        seen.page.context.close()


def test_back_links_are_visible_focusable_and_lead_back_to_a_highlighted_marker(
    browser: Browser, site_url: str
) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")), **DESKTOP)
    page = seen.page
    back_links = page.locator("ol.references a.citation-back")
    assert back_links.count() > 0
    for index in range(back_links.count()):
        expect(back_links.nth(index)).to_be_visible()
    # Following a marker lands on its note, highlighted.
    marker = page.locator("a.citation-ref").first
    note_id = marker.get_attribute("href").removeprefix("#")
    marker.click()
    page.wait_for_function(f"location.hash === '#{note_id}'")
    assert page.evaluate(f"document.getElementById('{note_id}').matches(':target')")
    assert outline_of(page, f"#{note_id}").startswith("solid"), "the note reached is not highlighted"
    # Its back-link takes keyboard focus with a visible ring, and leads back to the marker, highlighted.
    back = page.locator(f"#{note_id} a.citation-back").first
    back.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.citation-back')")
    assert outline_of(page, ":focus").startswith("solid"), "a focused back-link shows no focus ring"
    use_id = back.get_attribute("href").removeprefix("#")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{use_id}'")
    assert outline_of(page, f"#{use_id}").startswith("solid"), "the marker returned to is not highlighted"
    expect(page.locator(f"#{use_id}")).to_be_in_viewport()
    # Coming back is not asking to see the note again.
    page.wait_for_timeout(300)
    expect(page.locator(".citation-preview")).to_have_count(0)
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("fragment", ["ref-1", "ref-1-use-1"])
def test_a_highlighted_target_keeps_its_contrast_in_both_schemes(
    browser: Browser, site_url: str, scheme: str, fragment: str
) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")) + "#" + fragment, color_scheme=scheme)
    page = seen.page
    assert page.evaluate(f"document.getElementById({fragment!r}).matches(':target')")
    assert not axe_violations(page), f"axe with #{fragment} highlighted in the {scheme} scheme"
    page.context.close()


def test_the_colour_toggle_shows_keyboard_focus(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url, **DESKTOP)
    page = seen.page
    tab_until(page, "document.activeElement.matches('form[data-md-component=palette] input')", 30, "the colour toggle")
    outline = page.evaluate(
        "(() => { const label = document.activeElement.nextElementSibling;"
        " const style = getComputedStyle(label); return `${style.outlineStyle} ${style.outlineWidth}`; })()"
    )
    assert outline.startswith("solid"), f"the focused colour toggle shows {outline}"
    page.context.close()


def test_cite_this_page_offers_text_and_bibtex_that_parses(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("regulation")), **DESKTOP)
    page = seen.page
    page.get_by_text("Cite this page").click()
    expect(page.locator(".cite-text")).to_be_visible()
    bibtex = page.locator("pre.cite-bibtex").inner_text()
    library = bibtexparser.parse_string(bibtex)
    assert not library.failed_blocks, bibtex
    assert len(library.entries) == 1, bibtex
    fields = library.entries[0].fields_dict
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert fields["url"].value == canonical
    heading = page.locator("article h1").inner_text().removesuffix("¶").strip()
    csl = json.loads(page.locator("pre.cite-csl").inner_text())
    assert csl["URL"] == canonical
    assert csl["title"] == heading
    assert fields["title"].value.replace("\\", "") == heading, bibtex
    expect(page.locator(".page-updated")).to_contain_text("Last updated")
    expect(page.locator(".cite-this-page a[rel~=license]")).to_be_visible()
    assert not axe_violations(page), "axe with Cite this page open"
    page.context.close()


def test_cite_this_page_copies_each_citation_and_says_so(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("regulation")), **DESKTOP)
    page = seen.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_text("Cite this page").click()
    for name, shown in (
        ("Copy the citation", ".cite-text"),
        ("Copy the BibTeX", "pre.cite-bibtex"),
        ("Copy the CSL-JSON", "pre.cite-csl"),
    ):
        page.get_by_role("button", name=name).click()
        expect(page.get_by_role("status")).to_have_text("Copied " + name.removeprefix("Copy ") + ".")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator(shown).inner_text()
    page.context.close()


@pytest.mark.parametrize("docs_path", ["index.md", "topics/index.md", "sources/ksl-newsradio-2019-12-02.md"])
def test_a_page_is_cited_by_its_own_title_not_its_navigation_label(
    browser: Browser, site_url: str, docs_path: str
) -> None:
    seen = visit(browser, site_url + url_path(docs_path), **DESKTOP)
    page = seen.page
    csl = json.loads(page.locator("pre.cite-csl").text_content() or "")
    with (PROJECT / "mkdocs.yml").open(encoding="utf-8") as config:
        site_name = yaml_load(config)["site_name"]
    heading = page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert csl["title"] == (site_name if docs_path == "index.md" else heading)
    assert csl["title"] not in {"Home", "Overview", "KSL NewsRadio", "CNN Business"}
    page.context.close()


# What search finds, and that its records carry no markers or lists, is tests/test_search.py's.
def test_a_search_matching_nothing_says_what_the_site_covers(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url, **DESKTOP)
    page = seen.page
    with (PROJECT / "mkdocs.yml").open(encoding="utf-8") as config:
        description = yaml_load(config)["site_description"]
    page.click("input.md-search__input")
    page.keyboard.type("zzqxv", delay=20)
    result = page.locator(".md-search-result__meta")
    expect(result).to_contain_text("No page matches")
    expect(result).to_contain_text(description)
    page.context.close()


def test_the_colour_toggle_switches_between_light_and_dark(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url, color_scheme="light")
    page = seen.page
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("form[data-md-component='palette'] label:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.click("form[data-md-component='palette'] label:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.context.close()


@pytest.mark.parametrize(
    "docs_path", ["index.md", topic_doc("privacy-concerns"), "timeline.md", "people.md", "figures.md", "quotes.md"]
)
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
    # No text of the article, opened or not (Cite this page is folded), is below 12px.
    small = page.evaluate(
        """() => [...document.querySelectorAll("article *")]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => [el.tagName + "." + el.className, parseFloat(getComputedStyle(el).fontSize)])
            .filter(([, size]) => size < 12)"""
    )
    assert not small, f"text under 12px on a phone: {small[:5]}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"phone-{docs_path.replace('/', '-').removesuffix('.md')}.png"), full_page=True
    )
    page.context.close()


def test_reference_pages_read_on_a_phone(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url + url_path("quotes.md"), **PHONE)
    page = seen.page
    colours = page.evaluate(
        """() => [getComputedStyle(document.querySelector("figure.quotation blockquote")).color,
                  getComputedStyle(document.querySelector("article p")).color]"""
    )
    assert colours[0] == colours[1], f"quotations are {colours[0]}, the text around them {colours[1]}"
    page.goto(site_url + url_path("figures.md"))
    cells = page.locator("table.figures-table td")
    assert cells.count() > 0
    for index in range(cells.count()):
        cell = cells.nth(index)
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        if cell.evaluate("td => td === td.parentElement.firstElementChild"):
            assert label == "none", f"the figure heads its card, unlabelled: {label}"
        else:
            assert cell.get_attribute("data-label") and cell.get_attribute("data-label") in label, label
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"cell {index} is cut off"
    page.context.close()


def test_a_topic_page_prints_with_its_references_and_link_addresses(
    real: FactBase, browser: Browser, site_url: str
) -> None:
    seen = visit(browser, site_url + url_path(topic_doc("privacy-concerns")))
    seen.page.emulate_media(media="print")
    pdf = seen.page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print-privacy-concerns.pdf").write_bytes(pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split())
    assert "References" in text
    assert "".join(real.fact("anonymity-eroded").in_prose.split()) in flat
    ksl_url = real.source("ksl-newsradio-2019-12-02").url
    assert "".join(ksl_url.split()) in flat, "the cited copy's address is not printed"
    assert flat.count(ksl_url) == 1, "the address is printed more than once"
    assert ":~:text=" not in flat, "a note's link into the words is printed as an address"
    # The printout says where it comes from and when: site name, page address, date.
    print_meta = seen.page.inner_text(".print-meta")
    canonical = seen.page.get_attribute("link[rel=canonical]", "href")
    assert canonical and canonical in print_meta and "last updated" in print_meta
    assert "".join(print_meta.split()) in flat, "the printout lacks the site name, address or date"
    seen.page.context.close()


def test_the_404_page_works_at_any_depth(browser: Browser, site_url: str, real_pages: list[str]) -> None:
    missing = site_url + "no/such/page/"
    seen = visit(browser, missing)
    assert "Page not found" in seen.page.inner_text("article h1")
    # It offers the ways in, and every one of them lands.
    routes = seen.page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
    assert len(routes) >= len(real_pages) // 3, routes
    for route in routes:
        assert seen.page.request.get(route).status == 200, route
    assert seen.failed_responses == [(missing, 404)], "only the missing page itself may fail"
    assert [e for e in seen.errors if "status of 404" not in e] == [], seen.errors
    # Its stylesheet loaded: the header has Material's colour, not the browser default.
    background = seen.page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    seen.page.context.close()
