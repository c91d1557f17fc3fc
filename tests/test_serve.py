"""mkdocs serve on 127.0.0.1: picks up edits to data/, the plugin's code and the templates, and
survives a bad one."""

from __future__ import annotations

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

from .conftest import copy_packages, mkdocs_env, scenario

STATEMENT = "Some residents would rather the money went on roads"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - http://127.0.0.1 only
            return str(response.read().decode("utf-8"))
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

    def page(self, path: str) -> str | None:
        return fetch(f"http://127.0.0.1:{self.port}/{path}")

    def shows(self, path: str, text: str) -> bool:
        page = self.page(path)
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


def test_a_bad_edit_is_reported_the_server_keeps_serving_and_recovers(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    with serving(project) as server:
        assert wait_until(lambda: server.shows("topics/objections/", STATEMENT), 90), server.output
        edit(facts, "quote: better spent on roads", "quote: better spent on the roads")
        assert wait_until(lambda: "quote not found word for word in paragraph 4" in server.output, 90), server.output
        assert "data/facts/bridges.yaml:" in server.output
        assert server.process.poll() is None, "the server stopped"
        # MkDocs holds requests while the build is broken: a reader gets the last good page or
        # nothing, never a half-rendered one.
        during = server.page("topics/objections/")
        assert during is None or STATEMENT in during
        edit(facts, "quote: better spent on the roads", "quote: better spent on roads")
        edit(facts, "would rather the money went on roads", "would prefer the money to go on roads")
        assert wait_until(lambda: server.shows("topics/objections/", "would prefer the money"), 90), server.output
    assert "Traceback" not in server.output, server.output
