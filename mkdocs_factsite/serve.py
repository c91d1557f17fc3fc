"""What `mkdocs serve` adds for editors, and only there, to the pages as written (after the quoting
budget has counted them): the problems in data/ shown on every page above the last good content,
instead of a rebuild that fails and a server that holds every request until the data is fixed;
and on each source's page its stored text, to pick a citation from.

A built site (`mkdocs build`, `make build`) never has any of it: there, a problem fails the build,
and the stored texts are only quoted, never shown whole.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from factbase import CREDIT_LINE, Source
from factbase.loader.citations import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS

TEMPLATES = Path(__file__).parent / "templates"
PICKER_SCRIPT = Path(__file__).parent / "assets" / "picker.js"
PICKER_PATH = "_editor/picker.js"  # where the served site has it

# Where a page's content begins in Material's layout; a page without one (a bare HTML file) gets
# the panel at the top of its body.
_CONTENT_STARTS = (re.compile(rb"<article\b[^>]*>"), re.compile(rb"<body\b[^>]*>"))


_TEMPLATES = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
)


class CompiledTemplates(BytecodeCache):
    """Templates compiled once under mkdocs serve and kept, in memory, from one rebuild to the next:
    MkDocs makes the theme's environment afresh for each, and the plugin its own. Jinja checks each
    against its source's checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


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
    return _TEMPLATES.get_template("problems.html").render(problems=problems)


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


def show_citation_picker(site_dir: Path, page: Path, source: Source) -> None:
    """Put a source's stored text, paragraph by paragraph, on its page, with the picker's script."""
    script = site_dir / PICKER_PATH
    if not script.exists():
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PICKER_SCRIPT, script)
    article = source.article
    picker = _TEMPLATES.get_template("picker.html").render(
        source=source,
        paragraphs=[*article.paragraphs, *([article.credit] if article.credit is not None else [])],
        credit_line=CREDIT_LINE,
        min_words=MIN_QUOTE_WORDS,
        max_words=MAX_QUOTE_WORDS,
        script=Path(os.path.relpath(script, page.parent)).as_posix(),
    )
    page.write_bytes(insert_at_content(page.read_bytes(), picker))
