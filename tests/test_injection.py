"""Hostile data in every field at once: built, parsed, run in Chromium, downloaded and parsed back.

The scenario's data is generated here, and held to factbase.specs: every field whose kind is
free text carries a payload aimed at every format the site writes (HTML text and attributes, the
head, Markdown, Jinja, the search index, JSON, BibTeX, RIS), and every other kind must refuse
the payload outright. A free-text field added to the spec fails this test until it is injected.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from factbase.kinds import KINDS
from factbase.specs import CORRECTION, ENTITY, FACT, FIGURE, FILES, QUOTATION, SOURCE, TOPIC, Field, Spec
from factsite.render import trim_dashes

from .conftest import build, parse, scenario, serving, site_pages, visit
from .test_serve import serving as mkdocs_serving
from .test_serve import wait_until

# Each piece aims at one output; none holds more than five words, and the pieces are joined by
# the field's own tag (between Markdown table bars), so no six words of one field's payload stand
# in another's, and a payload is short enough to quote.
PIECES = (
    "\"'><xss-probe>",
    "<script>alert(1)</script>",
    "<img src onerror=alert(2)>",
    "[l](javascript:alert(3))",
    "{:onclick=alert(4)}",
    "{{7*7}}{%raw%}",
    "&lt;b&gt; *em* #",
    "},note={INJECTED},x={@misc{forged,",
    "\\%#&~^_$--''<<>>",
    "ER  - TY  - NEWS",
)
MARKER = "xss-probe"
URL = "https://hostile.example/p'onmouseover=alert(5)//?q=%22%3E%3Cxss-probe%3E&r=$(x)#frag"


def payload(tag: str) -> str:
    return f"|{tag}|".join(PIECES)


def filler(number: int) -> str:
    """A paragraph of plain words, so that quotes are a small share of the body."""
    words = "The council met again to talk about roads, parks, schools and the budget for next year"
    return f"Paragraph {number} says: {words}, and nothing in it is quoted by any entry here."


ORIGINAL, COPY = "hostile-original", "hostile-copy"
QUOTE = f"Last month {payload('text')}"
SAID = f"The mayor said “{payload('words')}”"


def stored_text(copy: bool) -> str:
    prefix = "copy" if copy else "orig"
    body = [
        f"Dateline {payload(prefix + 'dateline')} — {QUOTE} and then the meeting ended.",
        f"{SAID} to the council.",
        f"Sub {payload('subhead')}",
        filler(3) + (f" {payload('changed')}" if copy else ""),
        f"Caption {payload(prefix + 'caption')} photo line.",
        f"Furniture {payload(prefix + 'furniture')} block.",
        *(filler(n) for n in range(4, 16)),
        f"Credit {payload(prefix + 'credit')}",
        f"Copyright {payload(prefix + 'copyright')}",
        "Top stories: more furniture after the article.",
    ]
    return "\n\n".join([f"Headline {payload(prefix + 'headline')}", f"Stamp {payload(prefix + 'stamp')}", *body]) + "\n"


def source(copy: bool) -> dict[str, Any]:
    prefix = "copy" if copy else "orig"
    entry: dict[str, Any] = {
        "id": COPY if copy else ORIGINAL,
        "role": "syndicated" if copy else "original",
        **({} if copy else {"quote_budget": 30}),
        "publisher": f"Publisher {payload(prefix + 'publisher')}",
        "title": f"Headline {payload(prefix + 'title')}",
        "published": "2024-05-06",
        "timestamp_as_shown": f"Stamp {payload(prefix + 'stamp')}",
        "dateline": f"Dateline {payload(prefix + 'dateline')} —",
        "credit_line": f"Credit {payload(prefix + 'credit')}",
        "url": URL if copy else None,
        "text": f"texts/{prefix}.txt",
        "subheads": [f"Sub {payload('subhead')}"],
        "furniture": [f"Furniture {payload(prefix + 'furniture')}"],
        "photo_captions": [f"Caption {payload(prefix + 'caption')}"],
        "copyright_line": f"Copyright {payload(prefix + 'copyright')}",
        "furniture_after": f"After {payload(prefix + 'after')}",
    }
    if copy:
        entry["copy_of"] = ORIGINAL
    else:
        entry["url_note"] = f"Note {payload('urlnote')}"
    return entry


def citation(paragraph: int, quote: str) -> dict[str, Any]:
    return {"source": ORIGINAL, "paragraph": paragraph, "quote": quote}


DATA: dict[str, list[dict[str, Any]]] = {
    "sources.yaml": [source(copy=False), source(copy=True)],
    "topics.yaml": [
        {
            "id": "hostile-topic",
            "title": f"Topic {payload('topic')}",
            "summary": f"Summary {payload('summary')}",
            "introduction": ["hostile-fact"],
            "sections": [{"id": "hostile-section", "title": f"Section {payload('section')}"}],
        }
    ],
    "facts/hostile.yaml": [
        {
            "id": "hostile-fact",
            "topics": ["hostile-topic/hostile-section"],
            "statement": f"Statement in April 2024 {payload('statement')}",
            "prose": f"Prose {payload('prose')}",
            "lead": f"Lead {payload('lead')}",
            "when": "Last month",
            "mentions": ["hostile-person"],
            "added": "2024-05-07",
            "citations": [citation(1, QUOTE)],
        },
        {
            "id": "hostile-fact-two",
            "topics": ["hostile-topic/hostile-section"],
            "statement": f"Second {payload('second')}",
            "added": "2024-05-07",
            "citations": [citation(2, SAID)],
        },
    ],
    "entities.yaml": [
        {
            "id": "hostile-person",
            "name": f"Name {payload('name')}",
            "kind": "person",
            "aliases": [f"Alias {payload('alias')}"],
            "description": f"Description {payload('description')}",
            "citations": [citation(2, SAID)],
        }
    ],
    "figures.yaml": [
        {
            "id": "hostile-figure",
            "as_written": payload("text"),
            "value": 2.5,
            "unit": f"Unit {payload('unit')}",
            "counts": f"Counts {payload('counts')}",
            "given_by": "hostile-person",
            "citations": [citation(1, QUOTE)],
        }
    ],
    "quotations.yaml": [
        {
            "id": "hostile-quotation",
            "words": payload("words"),
            "excerpt": payload("words"),
            "about": f"About {payload('about')}",
            "speaker": "hostile-person",
            "attribution": f"Attribution {payload('attribution')}",
            "citations": [citation(2, SAID)],
        }
    ],
    "corrections.yaml": [
        {
            "id": "hostile-correction",
            "date": "2024-05-08",
            "facts": ["hostile-fact", "hostile-fact-two"],
            "change": f"Change {payload('change')}",
            "reason": f"Reason {payload('reason')}",
            "summary": f"Summary {payload('correctionsummary')}",
        }
    ],
}
SPECS: dict[str, Spec] = {
    "sources.yaml": SOURCE,
    "topics.yaml": TOPIC,
    "facts/hostile.yaml": FACT,
    "entities.yaml": ENTITY,
    "figures.yaml": FIGURE,
    "quotations.yaml": QUOTATION,
    "corrections.yaml": CORRECTION,
}


def entries_with_spec(data: dict[str, list[dict[str, Any]]] = DATA) -> Iterator[tuple[Spec, dict[str, Any]]]:
    """Every generated entry (of DATA, or data written like it), nested ones included, with its spec."""
    stack = [(SPECS[name], entry) for name, entries in data.items() for entry in entries]
    while stack:
        spec, entry = stack.pop()
        yield spec, entry
        for key, field in spec.fields.items():
            if field.items is not None:
                stack.extend((field.items, item) for item in entry.get(key, []))


def all_specs() -> list[Spec]:
    """Every kind of entry the data files hold, nested ones included, from factbase.specs."""
    found: list[Spec] = []
    stack = [spec for spec, _ in FILES.values()]
    while stack:
        spec = stack.pop()
        if spec not in found:
            found.append(spec)
            stack.extend(field.items for field in spec.fields.values() if field.items is not None)
    return found


def test_every_data_file_is_generated() -> None:
    assert {spec.noun for spec in SPECS.values()} == {spec.noun for spec, _ in FILES.values()}


def injectable(field: Field) -> bool:
    """A field that can hold anything: free text, or a list of it, with no fixed set of values."""
    kind = field.kind.items or field.kind
    return kind.free_text and not field.choices


def test_every_free_text_field_in_the_spec_carries_the_payload() -> None:
    injected: set[tuple[str, str]] = set()
    for spec, entry in entries_with_spec():
        for key, value in entry.items():
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and MARKER in v for v in values):
                injected.add((spec.noun, key))
    required = {(spec.noun, key) for spec in all_specs() for key, field in spec.fields.items() if injectable(field)}
    assert required - injected == set(), "free-text fields the test does not inject"
    assert len(required) > 20


@pytest.mark.parametrize(
    "kind", [k for k in KINDS.values() if not (k.items or k).free_text and k.name != "list of entries"], ids=str
)
def test_every_kind_that_is_not_free_text_refuses_the_payload(kind: Any) -> None:
    for tag in ("id", "value"):
        value = [payload(tag)] if kind.items is not None else payload(tag)
        assert kind.check(value) is not None, f"{kind.name} accepts markup"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The injection scenario, built strictly; the build must succeed with the payload everywhere."""
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    site = project.parent / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def hostile_project(destination: Path) -> Path:
    """The injection scenario's project, its data written from DATA."""
    project = scenario("injection", destination)
    data = project / "data"
    for name, entries in DATA.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML: every string double-quoted, so the payload reaches the loader as written.
        path.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (data / "texts").mkdir()
    (data / "texts" / "orig.txt").write_text(stored_text(copy=False), encoding="utf-8")
    (data / "texts" / "copy.txt").write_text(stored_text(copy=True), encoding="utf-8")
    return project


def test_no_page_holds_live_markup_from_data(hostile_site: Path) -> None:
    for page in site_pages(hostile_site):
        soup = parse(page)
        assert not soup.find_all(MARKER), f"{page}: an element from data"
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in scripts if "alert(" in s.get_text()], f"{page}: a script from data"
        for tag in soup.find_all(True):
            events = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not events, f"{page}: <{tag.name}> has event handler attributes {events}"
            for name in ("href", "src", "action", "formaction"):
                assert not str(tag.get(name, "")).strip().lower().startswith("javascript:"), (page, tag)
        assert "49" not in soup.get_text().replace("2024", ""), f"{page}: template syntax from data was evaluated"


def squeeze(text: str) -> str:
    """Text as HTML shows it: runs of white space are one space."""
    return " ".join(text.split())


def text_of(site: Path, path: str) -> str:
    return squeeze(parse(site / path).get_text(" "))


def test_data_shows_as_literal_text_in_body_head_and_navigation(hostile_site: Path) -> None:
    topic = parse(hostile_site / "topics" / "hostile-topic" / "index.html")
    title = squeeze(DATA["topics.yaml"][0]["title"])
    summary = squeeze(DATA["topics.yaml"][0]["summary"])
    og = {m["property"]: squeeze(m["content"]) for m in topic.find_all("meta", attrs={"property": True})}
    assert og["og:title"] == title
    assert og["og:description"] == summary
    assert squeeze(topic.find("meta", attrs={"name": "description"})["content"]) == summary
    assert topic.title is not None and squeeze(topic.title.get_text()).startswith(title)
    nav = [squeeze(a.get_text(" ")) for a in topic.select("nav.md-nav--primary a.md-nav__link")]
    assert title in nav
    text = squeeze(topic.get_text(" "))
    section = DATA["topics.yaml"][0]["sections"][0]["title"]
    # Its home topic reads a fact as its prose wording, where it has one; the home page's lead as its lead.
    for value in (title, section, *[f.get("prose", f["statement"]) for f in DATA["facts/hostile.yaml"]]):
        assert squeeze(value) in text, value
    assert squeeze(DATA["facts/hostile.yaml"][0]["lead"]) in text_of(hostile_site, "index.html")
    people = text_of(hostile_site, "people/index.html")
    entity = DATA["entities.yaml"][0]
    assert squeeze(entity["name"]) in people and squeeze(entity["description"]) in people
    assert squeeze(DATA["quotations.yaml"][0]["words"]) in text_of(hostile_site, "quotes/index.html")
    assert squeeze(DATA["figures.yaml"][0]["unit"]) in text_of(hostile_site, "figures/index.html")
    for entry in DATA["sources.yaml"]:
        page = parse(hostile_site / "sources" / entry["id"] / "index.html")
        meta = {m["name"]: m["content"] for m in page.find_all("meta") if m.get("name", "").startswith("citation_")}
        assert meta["citation_title"] == entry["title"]
        assert meta["citation_publisher"] == entry["publisher"]
        shown = squeeze(page.get_text(" "))
        for key in ("publisher", "title", "dateline", "credit_line", "timestamp_as_shown"):
            assert squeeze(trim_dashes(entry[key])) in shown, (entry["id"], key)


def test_the_search_index_holds_data_as_plain_text_that_cannot_close_a_script(hostile_site: Path) -> None:
    # The records are plain text, escaped by the search worker where it writes HTML (the browser
    # test below types the payload into the search box); every file of the index keeps `<` as
    # \u003c, so none read as HTML, or inlined in a script (the offline edition), can open a tag.
    folder = hostile_site / "search"
    files = sorted(folder.rglob("*.json"))
    assert len(files) > 3, "the index's parts are missing"
    shown = ""
    for path in files:
        raw = path.read_text(encoding="utf-8")
        assert "<" not in raw, f"{path.relative_to(hostile_site)}: a raw < in the search index"
        if path.parent.name == "r":
            shown += json.dumps(json.loads(raw), ensure_ascii=False)
    for raw in (f"<{MARKER}", "<script", "<img"):
        assert raw in shown, f"the records lost {raw!r}: the worker, not the index, is where it is escaped"


def latex_decoder() -> LatexNodes2Text:
    """pylatexenc, taught the LaTeX2e text commands its default tables lack."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "latex2e-text-commands",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
            MacroTextSpec("textbackslash", "\\"),
        ],
    )
    return LatexNodes2Text(latex_context=context)


def balanced_as_bibtex_counts(value: str) -> bool:
    """Braces balance in every prefix as BibTeX counts them: a backslash escapes nothing."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_search_shows_each_page_title_as_the_data_writes_it(hostile_site: Path) -> None:
    # A page's record and its entries' records name the page alike: a title written with
    # "&lt;b&gt;" in it reads so in the results, not as "<b>" (unescaped once too often).
    title = DATA["topics.yaml"][0]["title"]
    page = f"topics/{DATA['topics.yaml'][0]['id']}/"
    records = [
        record for path in (hostile_site / "search" / "r").glob("*.json") for record in json.loads(path.read_text())
    ]
    on_page = [record for record in records if record[1] == page]
    assert len(on_page) > 1, f"no records on {page}"
    assert {record[2] for record in on_page} == {title}, "a record names its page otherwise than the data"


def test_every_download_parses_into_exactly_the_records_the_data_has(hostile_site: Path) -> None:
    downloads = hostile_site / "downloads"
    sources = DATA["sources.yaml"]
    original_publisher = sources[0]["publisher"]
    note = f"Syndicated copy of {original_publisher}’s report"

    document = json.loads((downloads / "facts.json").read_text(encoding="utf-8"))
    for key in ("publisher", "title", "dateline", "credit_line", "timestamp_as_shown", "url"):
        assert [s[key] for s in document["sources"]] == [s[key] for s in sources], key
    assert document["sources"][0]["url_note"] == sources[0]["url_note"]
    assert [f["statement"] for f in document["facts"]] == [f["statement"] for f in DATA["facts/hostile.yaml"]]
    assert [c["quote"] for f in document["facts"] for c in f["citations"]] == [QUOTE, SAID]
    assert document["topics"][0]["title"] == DATA["topics.yaml"][0]["title"]
    assert document["topics"][0]["sections"][0]["title"] == DATA["topics.yaml"][0]["sections"][0]["title"]
    assert [e["name"] for e in document["entities"]] == [DATA["entities.yaml"][0]["name"]]
    assert document["entities"][0]["aliases"] == DATA["entities.yaml"][0]["aliases"]
    assert document["figures"][0]["counts"] == DATA["figures.yaml"][0]["counts"]
    assert document["quotations"][0]["attribution"] == DATA["quotations.yaml"][0]["attribution"]

    items = json.loads((downloads / "sources.csl.json").read_text(encoding="utf-8"))
    assert [(i["id"], i["title"], i["publisher"], i.get("URL")) for i in items] == [
        (s["id"], s["title"], s["publisher"], s["url"]) for s in sources
    ]

    library = bibtexparser.parse_string((downloads / "sources.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == [ORIGINAL, COPY]
    decode = latex_decoder().latex_to_text
    for entry, data in zip(library.entries, sources, strict=True):
        fields = entry.fields_dict
        for field in fields.values():
            assert balanced_as_bibtex_counts(field.value), f"BibTeX itself would misread {field.key}"
        expected = {"entrysubtype", "title", "journal", "date", "year"} | ({"url", "note"} if data["url"] else set())
        assert set(fields) == expected, "the data wrote fields of its own"
        assert fields["entrysubtype"].value == "newspaper"
        assert decode(fields["title"].value) == data["title"]
        assert decode(fields["journal"].value) == data["publisher"]
        if data["url"]:
            assert fields["url"].value == data["url"]  # biblatex's url field is verbatim
            assert decode(fields["note"].value) == note

    records = rispy.loads((downloads / "sources.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [ORIGINAL, COPY]
    for record, data in zip(records, sources, strict=True):
        assert record["title"] == data["title"]
        assert record["publisher"] == data["publisher"]
        assert record.get("urls", [None])[0] == data["url"]


def test_nothing_from_data_runs_in_a_browser(browser: Browser, hostile_site: Path) -> None:
    live = f"document.querySelectorAll('{MARKER}, [onerror], [onclick], [onmouseover]').length"
    with serving(hostile_site) as url:
        for page_file in site_pages(hostile_site):
            relative = page_file.relative_to(hostile_site).as_posix().removesuffix("index.html")
            seen = visit(browser, url + relative)
            for marker in seen.page.query_selector_all("sup.citation a")[:3]:
                marker.hover()  # the preview copies the note: nothing in it may come alive either
                seen.page.wait_for_timeout(200)
                seen.page.keyboard.press("Escape")  # a preview may cover the next marker
            assert seen.page.evaluate(live) == 0, f"{relative}: markup from data is live"
            assert not seen.dialogs, f"{relative}: a script from data ran: {seen.dialogs}"
            seen.page.context.close()

        seen = visit(browser, url)
        seen.page.click("input.md-search__input")
        seen.page.keyboard.type("xss probe alert", delay=20)
        seen.page.wait_for_selector(".md-search-result__item", timeout=10_000)
        seen.page.wait_for_timeout(500)
        assert seen.page.evaluate(live) == 0, "markup from data is live in the search results"
        assert "<script>" in seen.page.inner_text(".md-search-result__list"), "the payload is not shown as text"
        assert not seen.dialogs, seen.dialogs
        seen.page.context.close()


@pytest.mark.slow
def test_nothing_from_data_runs_in_the_editors_problems_panel_or_citation_picker(
    browser: Browser, tmp_path: Path
) -> None:
    # Under mkdocs serve a source's page shows its stored text whole, and a bad save lists its
    # problems on every page, quoting the data: the payload must stay text in both.
    live = f"document.querySelectorAll('{MARKER}, [onerror], [onclick], [onmouseover]').length"
    project = hostile_project(tmp_path / "project")
    facts = project / "data" / "facts" / "hostile.yaml"
    with mkdocs_serving(project) as server:
        page = f"sources/{ORIGINAL}/"
        assert wait_until(lambda: server.shows(page, "factsite-picker"), 90), server.output
        misquoted = json.loads(facts.read_text(encoding="utf-8"))
        misquoted[1]["citations"][0]["quote"] = payload("misquote")
        facts.write_text(json.dumps(misquoted, ensure_ascii=False), encoding="utf-8")
        assert wait_until(lambda: server.shows(page, 'id="factsite-problems"', timeout=2), 60), server.output
        # Opened as an editor opens it (serve's live reload keeps a request open: no network idle).
        tab = browser.new_context().new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(f"http://127.0.0.1:{server.port}/{page}")
        tab.click(".factsite-picker summary")
        tab.wait_for_timeout(300)
        assert tab.evaluate(live) == 0, "markup from data is live in the panel or the picker"
        assert "<script>alert(1)" in tab.inner_text("#factsite-problems"), "the panel lost the payload"
        assert "<script>alert(1)" in tab.inner_text(".factsite-picker"), "the picker lost the stored text"
        assert not dialogs, dialogs
        tab.context.close()


def strings_in(value: Any) -> Iterator[str]:
    """Every string a parsed JSON value holds, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_json_ld_cannot_be_closed_and_gives_back_the_data_exactly(hostile_site: Path) -> None:
    expected = {entry["statement"] for entry in DATA["facts/hostile.yaml"]}
    expected |= {entry["publisher"] for entry in DATA["sources.yaml"]}
    found: set[str] = set()
    for page in site_pages(hostile_site):
        raw = page.read_text(encoding="utf-8")
        for block in raw.split('<script type="application/ld+json">')[1:]:
            text = block.split("</script>", 1)[0]
            assert not set("<>&") & set(text), f"{page}: markup characters written raw in JSON-LD"
            found |= set(strings_in(json.loads(text)))
    assert expected <= found, "the JSON-LD carries each hostile statement and publisher exactly as written"


def test_the_payload_is_not_shown_escaped_twice(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    assert "&lt;b&gt;" in text, "an entity written in data shows as written"
    assert "&amp;lt;" not in text and "&amp;" not in text, "a value was escaped twice"
