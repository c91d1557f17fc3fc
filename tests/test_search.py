"""Search finds facts: every fact, person, figure, quotation and timeline entry is a record of its
own, a reader's query puts the one they want first, in Chromium through the real search box, and
the index is fetched in parts, never whole."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from factbase import FactBase
from factsite import addresses, search
from factsite.pages import FIGURES, PEOPLE, QUOTES, TIMELINE, topic_doc
from mkdocs_factsite.search import WORKER

from .conftest import Visit, serving, url_path, visit
from .test_browser import DESKTOP, PHONE, axe_violations

# A reader's query, and the entry they want first: the fact that answers it, not a page that
# happens to repeat the words.
WANTED_FIRST = [
    ("Guo Bing", "government-control", "guo-bing-lawsuit"),
    ("Sunday", "regulation", "formally-adopted-sunday"),
    ("lampposts", "government-control", "hong-kong-lampposts"),
    ("850", None, "figure-mobile-internet-users"),
    ("Xinjiang", "government-control", "xinjiang-surveillance"),
    ("subway", "background", "beijing-subway-gates"),
    ("safari park opt out", "government-control", "park-allows-opt-out"),
    ("65%", None, "figure-mobile-internet-share"),
    ("WeChat", "background", None),
]


def wanted_location(topic: str | None, anchor: str | None) -> str:
    if topic is None:
        assert anchor is not None
        return f"{url_path(FIGURES.path)}#{anchor}"
    page = url_path(topic_doc(topic))
    return f"{page}#{addresses.fact_anchor(anchor)}" if anchor else page


# The link Enter follows: in the first result, the best-scored of its links (Material's rule).
TOP = """() => {
  const item = document.querySelector('.md-search-result__item');
  if (!item) return null;
  const links = [...item.querySelectorAll('a[href]')].map(a => [a, parseFloat(a.firstElementChild.dataset.mdScore)]);
  links.sort((x, y) => y[1] - x[1]);
  return new URL(links[0][0].href).pathname.slice(1) + new URL(links[0][0].href).hash;
}"""


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


def ask(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query, delay=15)


def top_result(page: Page, wanted: str) -> str | None:
    # Results come as the reader types: wait for the wanted one, but the caller's assertion names
    # whatever came first instead.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"want => ({TOP})()?.startsWith(want)", arg=wanted, timeout=5_000)
    top: str | None = page.evaluate(TOP)
    return top


def settle(seen: Visit) -> None:
    """Wait until the page has asked for nothing new for half a second: every key's query answered."""
    while True:
        asked = len(seen.requests)
        seen.page.wait_for_timeout(500)
        if len(seen.requests) == asked:
            return


@pytest.mark.browser
def test_each_query_puts_the_entry_a_reader_wants_first(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url)
    wrong = []
    for query, topic, anchor in WANTED_FIRST:
        wanted = wanted_location(topic, anchor)
        ask(seen.page, query)
        top = top_result(seen.page, wanted)
        if top is None or (top != wanted if anchor else not top.startswith(wanted)):
            wrong.append(f"{query!r}: first is {top}, wanted {wanted}")
    assert not wrong, "\n".join(wrong)
    assert not seen.errors, seen.errors
    seen.page.context.close()


@pytest.mark.browser
def test_enter_lands_on_the_fact_and_marks_the_words(browser: Browser, site_url: str) -> None:
    seen = visit(browser, site_url)
    ask(seen.page, "Guo Bing")
    wanted = wanted_location("government-control", "guo-bing-lawsuit")
    assert top_result(seen.page, wanted) == wanted
    snippet = seen.page.inner_text(".md-search-result__item .md-search-result__article:not(:has(h1))")
    assert "Guo Bing" in snippet and "sued" in snippet
    settle(seen)  # leaving mid-fetch would abort it: a failed request
    seen.page.keyboard.press("Enter")
    page, anchor = wanted.split("#")
    seen.page.wait_for_url(lambda url: f"/{page}" in url and url.endswith(f"#{anchor}"))
    seen.page.wait_for_timeout(300)
    marked = seen.page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    assert "Guo" in marked, marked
    assert not seen.errors, seen.errors
    seen.page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("query", "topic", "anchor"), [WANTED_FIRST[3], WANTED_FIRST[0]], ids=["figure", "fact"])
def test_the_entry_a_result_lands_on_is_marked(
    browser: Browser, site_url: str, query: str, topic: str | None, anchor: str
) -> None:
    seen = visit(browser, site_url)
    ask(seen.page, query)
    wanted = wanted_location(topic, anchor)
    assert top_result(seen.page, wanted) == wanted
    settle(seen)
    seen.page.keyboard.press("Enter")
    seen.page.wait_for_url(lambda url: url.endswith("#" + wanted.split("#")[1]))
    outline = seen.page.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle")
    assert outline == "solid", f"{wanted}: the entry landed on is not marked"
    seen.page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"], ids=str)
def test_results_open_have_no_axe_violations(browser: Browser, site_url: str, scheme: str, device: str) -> None:
    seen = visit(browser, site_url, color_scheme=scheme, **(PHONE if device == "phone" else DESKTOP))
    if device == "phone":
        seen.page.click("label.md-header__button[for='__search']")
    ask(seen.page, "facial")
    seen.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    settle(seen)  # each key typed was a query: let the last one's results come before moving into them
    seen.page.keyboard.press("ArrowDown")  # the keyboard reaches the results, as in Material
    focused = seen.page.evaluate("document.activeElement.className")
    assert "md-search-result__link" in focused, focused
    assert not axe_violations(seen.page)
    seen.page.context.close()


def test_every_page_asks_the_sites_worker_which_is_shipped(built_site: Path) -> None:
    # overrides/main.html names it in place of Material's worker, by that worker's file name.
    for page in (built_site / "index.html", built_site / "topics" / "regulation" / "index.html"):
        config = json.loads(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("#__config").text)
        assert config["search"].endswith(WORKER), f"{page}: search runs on {config['search']}"
    assert (built_site / WORKER).is_file()


def test_every_entry_is_a_record_of_its_own_without_citation_furniture(built_site: Path, real: FactBase) -> None:
    folder = built_site / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [], "the whole index went out with every page"
    records = [record for chunk in sorted((folder / "r").glob("*.json")) for record in json.loads(chunk.read_text())]
    locations = {record[0] for record in records}
    wanted = [f"{url_path(topic_doc(f.home.topic))}#{addresses.fact_anchor(f.id)}" for f in real.facts]
    wanted += [f"{url_path(PEOPLE.path)}#{addresses.entity_anchor(e.id)}" for e in real.entities]
    wanted += [f"{url_path(FIGURES.path)}#{addresses.figure_anchor(f.id)}" for f in real.figures]
    wanted += [f"{url_path(QUOTES.path)}#{addresses.quotation_anchor(q.id)}" for q in real.quotations]
    wanted += [f"{url_path(TIMELINE.path)}#{addresses.timeline_anchor(f.id)}" for f in real.facts if f.when is not None]
    assert not [location for location in wanted if location not in locations]
    statements = {fact.statement for fact in real.facts}
    assert statements <= {record[4] for record in records}, "a fact's record is not its statement"
    for record in records:
        location, text = record[0], record[4]
        assert "Corrected on" not in text and "Cite this page" not in text and "References" not in text, location
        assert not re.search(r"\[\d+\]", text), f"{location}: a citation marker"
        assert not set("¶→↩^") & set(text), f"{location}: a link sign"
        # No page's record is the page's whole text: at most its description.
        assert len(text) < 1_100, location


def test_a_word_keeps_its_best_records_only_so_no_query_grows_with_the_site() -> None:
    many = [
        search.Record("fact", f"t/#fact-{n}", "t/", "T", "", f"same words {'again ' * (n % 3)}", citations=1)
        for n in range(search.POSTINGS_PER_TERM * 3)
    ]
    lists = search.postings(many)
    assert len(lists["same"]) == search.POSTINGS_PER_TERM
    weights = [weight for _record, weight in lists["again"]]
    assert weights == sorted(weights, reverse=True), "postings are not best first"
    files = search.index_files(many)
    assert all(len(search.dumps(content)) < 16_000 for content in files.values())


# Texts whose words the worker must cut exactly as the index does, or a query never finds them:
# letters outside the Basic Multilingual Plane (two UTF-16 units each in JavaScript, one code point
# in Python), a Greek word ending in sigma, a dotted capital I, long words cut at MAX_TERM.
CUT_ALIKE = [
    "𠀀𠀁 family 𠮷野家",
    "𝐁𝐨𝐥𝐝 mathematical letters",
    "ΟΔΟΣ Σ ΣΑΣ",
    "İstanbul DİYARBAKIR",
    "a" * 60 + " " + "𠀀" * 60,
    "x_y 3.5% co-operate",
]


@pytest.mark.browser
def test_the_worker_cuts_words_and_names_their_files_as_the_index_does(browser: Browser) -> None:
    page = browser.new_context().new_page()
    worker = (Path(search.__file__).parent.parent / "mkdocs_factsite" / "assets" / "search-worker.js").read_text()
    page.add_script_tag(content=worker)  # its functions, in a page instead of a worker
    for text in CUT_ALIKE:
        cut = page.evaluate("text => terms(text).map(term => [term, key(term)])", text)
        assert cut == [[term, search.term_key(term)] for term in search.terms(text)], text
    page.context.close()
