"""The citation picker: under mkdocs serve, a source's page shows its stored text, and selecting
words in it offers a citation that the loader verifies, or says why the selection cannot be a
quote. A built site, hosted or offline, never shows the stored text whole."""

from __future__ import annotations

import shutil
import textwrap
import zipfile
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
import yaml
from playwright.sync_api import Browser, Page

from factbase import CREDIT_LINE, DataError, load_factbase
from factbase.loader.citations import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS
from mkdocs_factsite.serve import PICKER_SCRIPT, TEMPLATES

from .conftest import SITES, scenario
from .test_offline import build_offline
from .test_serve import serving, wait_until

SOURCE = "tiny-news"
PICKER_TEMPLATE = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True).get_template(
    "picker.html"
)


def stored_paragraphs() -> list[str]:
    """The stored text's paragraphs (and credit line), as the loader reads them."""
    article = load_factbase(SITES / "tiny" / "data").source(SOURCE).article
    return [paragraph.text for paragraph in [*article.paragraphs, article.credit] if paragraph is not None]


def select(page: Page, paragraph: str, first: str, last: str, last_paragraph: str | None = None) -> str:
    """Select from the start of `first` to the end of `last` (in another paragraph if given), and
    return what the picker then says: its message and the citation it offers, if any."""
    page.evaluate(
        """([paragraph, first, last, lastParagraph]) => {
            const words = (number) => document.querySelector(
                `.factsite-picker-paragraph[data-paragraph="${number}"] .factsite-picker-words`).firstChild;
            const start = words(paragraph), end = words(lastParagraph);
            const from = start.data.indexOf(first);
            const range = document.createRange();
            range.setStart(start, from);
            const after = start === end ? from + first.length - last.length : 0;
            range.setEnd(end, end.data.indexOf(last, after) + last.length);
            document.querySelector('.factsite-picker-message').textContent = '';
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [paragraph, first, last, last_paragraph or paragraph],
    )
    # selectionchange is dispatched asynchronously
    page.wait_for_function("document.querySelector('.factsite-picker-message').textContent !== ''")
    return str(page.eval_on_selector(".factsite-picker-result", "element => element.innerText"))


def offered_citation(said: str) -> dict[str, object]:
    """The citation the picker offers, as YAML reads it."""
    yaml_text = said.split("citations:", 1)[1].strip()
    [citation] = yaml.safe_load(yaml_text)
    assert isinstance(citation, dict), said
    return citation


def verifies(data: Path, offered: str, tmp_path: Path) -> None:
    """The loader accepts a fact citing what the picker offered; else this fails with its problems."""
    copy = tmp_path / "data"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    citation = textwrap.indent(offered.split("citations:", 1)[1].strip(), "    ")
    (copy / "facts" / "picked.yaml").write_text(
        "- id: picked-by-an-editor\n  added: 2024-05-07\n  topics: [objections]\n"
        "  statement: An editor chose this citation in the browser.\n  citations:\n" + citation + "\n",
        encoding="utf-8",
    )
    try:
        load_factbase(copy)
    except DataError as error:
        pytest.fail(f"the picker offered a citation the loader refuses:\n{offered}\n{error}")


@pytest.mark.slow
def test_selected_words_become_a_citation_the_loader_verifies(browser: Browser, tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    with serving(project) as server:
        url = f"http://127.0.0.1:{server.port}/sources/{SOURCE}/"
        assert wait_until(lambda: server.shows(f"sources/{SOURCE}/", "factsite-picker"), 90), server.output
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.click(".factsite-picker summary")
        # A selection that catches a comma and spaces at its ends: the quote leaves them out.
        said = select(page, "4", "better spent", "roads,")
        assert offered_citation(said) == {"source": SOURCE, "paragraph": 4, "quote": "better spent on roads"}, said
        verifies(project / "data", said, tmp_path)
        # Curly quotes and an apostrophe are kept as the text has them; the credit line is named so.
        said = select(page, "2", "“It will", "next year,”")
        assert offered_citation(said)["quote"] == "It will open next year", said
        verifies(project / "data", said, tmp_path)
        said = select(page, "credit line", "Tiny News’s", "reporting")
        assert offered_citation(said) == {
            "source": SOURCE,
            "paragraph": "credit line",
            "quote": "Tiny News’s Ann Lee contributed reporting",
        }, said
        verifies(project / "data", said, tmp_path)
        # What cannot be a quote is said plainly, and no citation is offered.
        for words, why in [
            (("1", "seven to two.", "“It will", "2"), "crosses paragraphs"),
            (("4", "etter spent on", "on"), "cuts a word"),
            (("4", "on roads", "roads"), "at least 3"),
        ]:
            said = select(page, words[0], words[1], words[2], words[3] if len(words) > 3 else None)
            assert why in said, said
            assert "source:" not in said, said
            assert page.is_hidden(".factsite-picker-yaml")
        context.close()
    assert not errors, errors
    assert all(request.startswith("http://127.0.0.1:") for request in requests), requests


def test_no_built_site_shows_the_stored_text_whole(tiny_site: Path, tmp_path: Path) -> None:
    paragraphs = stored_paragraphs()
    long_ones = [text for text in paragraphs if len(text.split()) >= 8]
    assert long_ones, "the scenario's stored text has no paragraph long enough to tell"
    project = scenario("tiny", tmp_path / "project")
    result = build_offline(project, tmp_path / "dist" / "offline-edition.zip")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "dist" / "offline-edition.zip") as archive:
        offline = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
    hosted = {str(path): path.read_text("utf-8", "replace") for path in tiny_site.rglob("*") if path.is_file()}
    for edition, files in (("hosted", hosted), ("offline", offline)):
        for name, text in files.items():
            assert "factsite-picker" not in text, f"{edition}: {name} has the citation picker"
            for paragraph in long_ones:
                assert paragraph not in text, f"{edition}: {name} shows a stored paragraph whole: {paragraph!r}"


# Words of letters beyond the Basic Multilingual Plane (a CJK Extension B name, mathematical
# letters): two UTF-16 units each in the browser, one character to the loader.
ASTRAL = "The 𠀀𠀁 family and 𝐁𝐨𝐥𝐝 letters signed the petition"


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (len("The 𠀀"), len(ASTRAL), "cuts a word"),  # begins between 𠀀 and 𠀁
        (0, len("The 𠀀𠀁 family and 𝐁𝐨𝐥"), "cuts a word"),  # ends between 𝐥 and 𝐝
        (len("The "), len("The 𠀀𠀁 family and 𝐁𝐨𝐥𝐝"), 'quote: "𠀀𠀁 family and 𝐁𝐨𝐥𝐝"'),
    ],
    ids=["start", "end", "whole"],
)
def test_a_selection_among_letters_beyond_the_bmp_is_judged_by_whole_characters(
    browser: Browser, start: int, end: int, said: str
) -> None:
    paragraph = SimpleNamespace(number=1, text=ASTRAL)
    picker = PICKER_TEMPLATE.render(
        source=SimpleNamespace(id=SOURCE),
        paragraphs=[paragraph],
        credit_line=CREDIT_LINE,
        min_words=MIN_QUOTE_WORDS,
        max_words=MAX_QUOTE_WORDS,
        script="picker.js",
    )
    page = browser.new_context().new_page()
    page.set_content(f"<article>{picker}</article>")
    page.add_script_tag(path=str(PICKER_SCRIPT))
    page.click(".factsite-picker summary")
    # Offsets in UTF-16 units, as the DOM counts them.
    units = [len(ASTRAL[:start].encode("utf-16-le")) // 2, len(ASTRAL[:end].encode("utf-16-le")) // 2]
    page.evaluate(
        """([start, end]) => {
          const words = document.querySelector('.factsite-picker-words').firstChild;
          const range = document.createRange();
          range.setStart(words, start);
          range.setEnd(words, end);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        units,
    )
    page.wait_for_timeout(200)
    shown = page.inner_text(".factsite-picker-result")
    assert said in shown, shown
    page.context.close()
