"""What `mkdocs serve` adds for editors, and only there: the problems in data/ shown on every page
above the last good content, instead of a rebuild that fails and a server that holds every
request until the data is fixed.

A built site (`mkdocs build`, `make build`) never has any of it: there, a problem fails the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).parent / "templates"

# Where a page's content begins in Material's layout; a page without one (a bare HTML file) gets
# the panel at the top of its body.
_CONTENT_STARTS = (re.compile(rb"<article\b[^>]*>"), re.compile(rb"<body\b[^>]*>"))


def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )


def code_stamp(folders: Iterable[Path]) -> tuple[tuple[str, int], ...]:
    """What the code and templates in these folders are, as of now: each file's path and mtime."""
    return tuple(
        sorted(
            (str(path), path.stat().st_mtime_ns)
            for folder in folders
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        )
    )


def problems_panel(problems: list[str]) -> str:
    """The panel that lists every problem, each as `file:line: message`, escaped."""
    return _templates().get_template("problems.html").render(problems=problems)


def insert_at_content(html: bytes, fragment: str) -> bytes:
    """A page's HTML with a fragment placed first in its content (or its body)."""
    found = (pattern.search(html) for pattern in _CONTENT_STARTS)
    at = next((match.end() for match in found if match is not None), 0)
    return html[:at] + fragment.encode("utf-8") + html[at:]


def show_problems(site_dir: Path, problems: list[str]) -> None:
    """Put the problems panel on every page of the site as written."""
    panel = problems_panel(problems)
    for page in site_dir.rglob("*.html"):
        page.write_bytes(insert_at_content(page.read_bytes(), panel))
