"""mkdocs serve on 127.0.0.1: picks up edits to data/, the plugin's code and the templates, and
shows a bad one's problems on every page, above the last good content, until it is fixed; it
comes up on data that is already broken, and never holds a request (as MkDocs does while its
last build failed), whatever the save broke: data, a hand-written page's macros, the code."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from .conftest import copy_packages, mkdocs_env, run_mkdocs, scenario

STATEMENT = "Some residents would rather the money went on roads"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5) -> str | None:
    """The page at url, or the page MkDocs answers a missing one with (its 404.html); None if the
    server does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http://127.0.0.1 only
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(condition: object, seconds: float) -> bool:
    """Poll a condition (a callable) until it holds; False if it never does in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.5)
    return False


class Server:
    """A running `mkdocs serve` and everything it has printed so far."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.port = port
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def page(self, path: str, timeout: float = 5) -> str | None:
        return fetch(f"http://127.0.0.1:{self.port}/{path}", timeout)

    def shows(self, path: str, text: str, timeout: float = 5) -> bool:
        page = self.page(path, timeout)
        return page is not None and text in page


@contextmanager
def serving(project: Path) -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(process, port)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_a_statement_shows_on_its_page_after_the_automatic_rebuild(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        # Each fact links to its file on this disk (no repo_url needed), which holds its entry.
        entries = re.findall(
            r'<a class="fact-entry" href="file://([^"]+)" title="([^"]+)"', server.page("topics/objections/") or ""
        )
        assert entries, "no fact links to its entry under mkdocs serve"
        for path, title in entries:
            assert Path(unquote(path)) == facts.resolve()
            file, line = title.rsplit(":", 1)  # what the link says: the file and the entry's line
            assert file == "data/facts/bridges.yaml"
            assert facts.read_text(encoding="utf-8").splitlines()[int(line) - 1].startswith("- id: "), title
        edit(facts, "would rather the money went on roads", "would prefer the money to go on roads")
        assert wait_until(lambda: server.shows("topics/objections/", "would prefer the money"), 90), server.output
    assert "Traceback" not in server.output, server.output


def test_an_edit_to_the_plugins_code_or_a_template_is_picked_up_by_the_rebuild(tmp_path: Path) -> None:
    # MkDocs keeps the plugin for every rebuild; the plugin imports the modules it works with
    # afresh at the start of each.
    project = scenario("tiny", tmp_path / "project")
    copy_packages(project)
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        plugin_code = project / "mkdocs_factsite" / "material.py"
        edit(plugin_code, '"title": html.escape(described.title),', '"title": "edited",')
        assert wait_until(lambda: server.shows("topics/objections/", "<title>edited"), 90), server.output
        edit(project / "mkdocs_factsite" / "nav.py", "NAV_SECTION_LIMIT = 40", "NAV_SECTION_LIMIT = 0")
        assert wait_until(lambda: "has 3 pages, more than 0" in server.output, 90), server.output
        template = project / "factsite" / "templates" / "topic_page.md"
        edit(template, '<p class="topic-summary">', '<p class="topic-summary edited">')
        assert wait_until(lambda: server.shows("topics/objections/", "topic-summary edited"), 90), server.output
    assert "Traceback" not in server.output, server.output


# Three ways an editor's save breaks data/, each with what the panel then says: a misquote whose
# words are hostile markup, a YAML slip, and a save cut short halfway through the file.
BREAKAGES = {
    "misquote": (
        lambda text: text.replace("quote: better spent on roads", "quote: better <script>alert(1)</script> roads"),
        ["data/facts/bridges.yaml:35:", "&lt;script&gt;alert(1)&lt;/script&gt;", "not found word for word"],
    ),
    "yaml slip": (
        lambda text: text.replace("  statement: The mayor said", "  statement: The mayor: said", 1).replace(
            "  added: 2024-05-07\n  topics: [bridges/money]", "  added: 2024-05-07\n topics: [bridges/money]"
        ),
        ["data/facts/bridges.yaml:13: YAML syntax error"],
    ),
    "truncated": (lambda text: text[: len(text) // 2], ["data/facts/bridges.yaml:17: ", "quote whole words"]),
}
PANEL = 'id="factsite-problems"'


def assert_panel_within_2_s(server: Server, paths: tuple[str, ...], messages: list[str], case: str) -> None:
    """Each page answers within 2 s with the panel, in its content, saying every message, escaped."""
    for path in paths:
        page = server.page(path, timeout=2)
        assert page is not None, f"{case}: /{path} did not answer within 2 s"
        assert PANEL in page, f"{case}: /{path} lacks the panel"
        assert page.index(PANEL) > page.index("<article"), f"{case}: /{path} has the panel outside its content"
        for message in messages:
            assert message in page, f"{case}: /{path} does not say {message!r}"
        assert "<script>alert(1)" not in page, f"{case}: /{path} has markup unescaped"


def test_a_bad_save_shows_its_problems_on_every_page_and_the_next_good_one_clears_them(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    good = facts.read_text(encoding="utf-8")
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        for name, (break_it, messages) in BREAKAGES.items():
            assert break_it(good) != good, f"{name} no longer breaks the fixture"
            facts.write_text(break_it(good), encoding="utf-8")
            # A request that hangs (as MkDocs holds them while its last build failed) fails here.
            assert wait_until(lambda: server.shows("topics/objections/", PANEL, timeout=2), 60), (name, server.output)
            assert_panel_within_2_s(server, ("topics/objections/", "", "sources/tiny-news/"), messages, name)
            assert STATEMENT in (server.page("topics/objections/") or ""), f"{name}: the last good content is gone"
            facts.write_text(good, encoding="utf-8")
            assert wait_until(lambda: not server.shows("topics/objections/", PANEL, timeout=2), 60), server.output
            assert server.shows("topics/objections/", STATEMENT)
        # The next good edit shows as ever.
        edit(facts, "would rather the money went on roads", "would prefer the money to go on roads")
        assert wait_until(lambda: server.shows("topics/objections/", "would prefer the money"), 90), server.output
        assert server.process.poll() is None, "the server stopped"
    assert "quote not found word for word in paragraph 4" in server.output, "the terminal names the problem too"
    assert "Traceback" not in server.output, server.output
    assert "appear stuck" not in server.output, server.output


def test_mkdocs_build_still_fails_on_a_bad_save(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    edit(facts, "quote: better spent on roads", "quote: better spent on the roads")
    built = run_mkdocs(project, "build")
    assert built.returncode != 0, built.stderr
    assert "data/facts/bridges.yaml:35: " in built.stderr
    assert "problems, shown on every page" not in built.stderr


def test_serve_comes_up_on_broken_data_and_shows_its_problems_until_it_is_fixed(tmp_path: Path) -> None:
    # No fact base has ever loaded: the pages are made from none, each with the panel.
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    good = facts.read_text(encoding="utf-8")
    break_it, messages = BREAKAGES["misquote"]
    facts.write_text(break_it(good), encoding="utf-8")
    with serving(project) as server:
        assert wait_until(lambda: server.shows("", PANEL, timeout=2), 90), server.output
        # The topic's page does not exist yet: MkDocs answers with its 404 page, which has the panel too.
        assert_panel_within_2_s(server, ("", "topics/objections/", "sources/"), messages, "broken at start")
        assert "could not be made from data/" in (server.page("") or "")
        assert "names fact" not in (server.page("") or ""), "a page's facts are blamed for data that did not load"
        facts.write_text(good, encoding="utf-8")
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT, timeout=2), 60), server.output
        assert PANEL not in (server.page("topics/objections/") or "")
        assert PANEL not in (server.page("") or "")
    assert "Traceback" not in server.output, server.output
    assert "appear stuck" not in server.output, server.output


def test_code_saved_while_data_is_broken_or_with_a_slip_of_its_own_never_hangs_the_server(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    copy_packages(project)
    facts = project / "data" / "facts" / "bridges.yaml"
    good = facts.read_text(encoding="utf-8")
    break_it, messages = BREAKAGES["misquote"]
    material = project / "mkdocs_factsite" / "material.py"
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        facts.write_text(break_it(good), encoding="utf-8")
        assert wait_until(lambda: server.shows("topics/objections/", PANEL, timeout=2), 60), server.output
        # The last good fact base was made by the old code's classes: with new code, none is left.
        edit(material, '"title": html.escape(described.title),', '"title": "edited",')
        assert wait_until(lambda: server.shows("", "could not be made from data/", timeout=2), 60), server.output
        assert_panel_within_2_s(server, ("", "topics/objections/"), messages, "code saved on broken data")
        facts.write_text(good, encoding="utf-8")
        assert wait_until(lambda: server.shows("topics/objections/", "<title>edited", timeout=2), 60), server.output
        assert PANEL not in (server.page("topics/objections/") or "")
        # A slip in the code itself fails the rebuild: its error is shown, not a server that hangs.
        edit(material, "def page_meta(", "def page_meta(<script>alert(1)</script>")
        slip = ["SyntaxError: ", "material.py"]
        assert wait_until(lambda: server.shows("topics/objections/", PANEL, timeout=2), 60), server.output
        assert_panel_within_2_s(server, ("", "topics/objections/", "no-such-page/"), slip, "code slip")
        edit(material, "def page_meta(<script>alert(1)</script>", "def page_meta(")
        assert wait_until(lambda: not server.shows("topics/objections/", PANEL, timeout=2), 60), server.output
        assert server.shows("topics/objections/", STATEMENT)
    assert "appear stuck" not in server.output, server.output


# Three ways a hand-written page's macros go wrong, and a link strict mode warns of, each with what
# the panel then says.
PAGE_ERRORS = {
    "missing fact": (
        '{{ fact("no-such-<script>alert(1)</script>") }}',
        ["docs/index.md: fact() names fact &#39;no-such-&lt;script&gt;alert(1)&lt;/script&gt;&#39;"],
    ),
    "undefined": (
        "<b>{{ no_such_name }}</b>",
        ["docs/index.md:9: UndefinedError: &#39;no_such_name&#39; is undefined"],
    ),
    "syntax": ("{{ fact( }} <script>alert(1)</script>", ["docs/index.md:9: TemplateSyntaxError: unexpected"]),
    "broken link": (
        "[a link](no-such-<script>alert(1)</script>.md)",
        ["WARNING: Doc file &#39;index.md&#39; contains"],
    ),
}


def test_a_macro_error_on_a_hand_written_page_shows_in_the_panel_and_mkdocs_build_still_fails(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    index = project / "docs" / "index.md"
    good = index.read_text(encoding="utf-8")
    assert len(good.splitlines()) == 7, "the line numbers below assume the tiny site's home page has 7 lines"
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        for case, (line, messages) in PAGE_ERRORS.items():
            index.write_text(f"{good}\n{line}\n", encoding="utf-8")
            assert wait_until(lambda: server.shows("", PANEL, timeout=2), 60), (case, server.output)
            assert_panel_within_2_s(server, ("", "topics/objections/"), messages, case)
            assert STATEMENT in (server.page("topics/objections/") or ""), f"{case}: the other pages are gone"
            index.write_text(good, encoding="utf-8")
            assert wait_until(lambda: not server.shows("", PANEL, timeout=2), 60), (case, server.output)
    assert "appear stuck" not in server.output, server.output
    for case, (line, _) in PAGE_ERRORS.items():
        index.write_text(f"{good}\n{line}\n", encoding="utf-8")
        built = run_mkdocs(project, "build")
        assert built.returncode != 0, f"{case}: mkdocs build passed"
        assert "problems, shown on every page" not in built.stderr, case
