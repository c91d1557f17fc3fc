"""mkdocs serve on 127.0.0.1 picks up an edit to data/ without a restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import copy_project, mkdocs_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_text(url: str, text: str, seconds: float) -> bool:
    """Poll a page until it contains text; False if it never does in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    return False


def test_editing_a_statement_shows_on_its_page_after_the_automatic_rebuild(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    facts = project / "data" / "facts" / "regulation.yaml"
    before = "Many countries are struggling with how to regulate facial recognition"
    after = "Many countries are wrestling with how to regulate facial recognition"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/topics/regulation/"
    try:
        assert wait_for_text(url, before, seconds=90), "the served page never showed the statement"
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace("are struggling with how", "are wrestling with how", 1), encoding="utf-8")
        assert wait_for_text(url, after, seconds=90), "the edit never reached the served page"
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Traceback" not in output, output
