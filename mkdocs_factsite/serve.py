"""What `mkdocs serve` adds for editors, and only there, to the pages as written (after the quoting
budget has counted them): the problems in data/ shown on every page above the last good content,
instead of a rebuild that fails and a server that holds every request until the data is fixed;
and on each source's page its stored text, to pick a citation from.

MkDocs 1.6 holds every request while its last build failed, and does not start serving at all when
its first build fails. So under serve nothing may fail a build: a problem in data/ (with no last
good fact base, the pages are made from none), an error in a page's macros, a warning that strict
mode would count, each becomes a line of the panel; and should a rebuild fail all the same (a slip
in the site's own code), `guard` puts the error on every page instead of letting MkDocs hang.

A built site (`mkdocs build`, `make build`) never has any of it: there, a problem fails the build,
and the stored texts are only quoted, never shown whole.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from mkdocs.exceptions import Abort
from mkdocs.utils import CountHandler

from factbase import CREDIT_LINE, Source
from factbase.loader.citations import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS

TEMPLATES = Path(__file__).parent / "templates"
PICKER_SCRIPT = Path(__file__).parent / "assets" / "picker.js"
PICKER_PATH = "_editor/picker.js"  # where the served site has it

# Where a page's content begins in Material's layout; a page without one (a bare HTML file) gets
# the panel at the top of its body.
_CONTENT_STARTS = (re.compile(rb"<article\b[^>]*>"), re.compile(rb"<body\b[^>]*>"))


# A panel already on a page (a rebuild that failed leaves the last site as it was).
_PANEL = re.compile(rb'<div class="admonition failure factsite-problems".*?</ul>\n</div>\n', re.DOTALL)

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


def problems_panel(problems: list[str], shown: str = "last good") -> str:
    """The panel that lists every problem, each as `file:line: message`, escaped; `shown` says what
    the pages below it show: the last good data, the current data, or none."""
    return _TEMPLATES.get_template("problems.html").render(problems=problems, shown=shown)


def insert_at_content(html: bytes, fragment: str) -> bytes:
    """A page's HTML with a fragment placed first in its content (or its body)."""
    found = (pattern.search(html) for pattern in _CONTENT_STARTS)
    at = next((match.end() for match in found if match is not None), 0)
    return html[:at] + fragment.encode("utf-8") + html[at:]


def show_problems(site_dir: Path, problems: list[str], shown: str = "last good") -> None:
    """Put the problems panel on every page of the site as written, in place of any it has."""
    panel = problems_panel(problems, shown)
    for page in site_dir.rglob("*.html"):
        page.write_bytes(insert_at_content(_PANEL.sub(b"", page.read_bytes()), panel))


class BuildLog(logging.Handler):
    """Under mkdocs serve, what a build logs at WARNING or above (which strict mode would turn into
    a failed build, and a server that hangs): kept for the panel. An error in a page's macros,
    which mkdocs-macros logs as it catches it, is kept as the error itself, for the page to take."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.macro_errors: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.livereload"):  # the server's own requests, not the build's
            return
        error = sys.exc_info()[1]  # mkdocs-macros logs from inside its `except`
        if record.name.startswith("mkdocs.plugins.mkdocs_macros") and error is not None:
            self.macro_errors.append(error)
        else:
            self.warnings.append(f"{record.levelname}: {record.getMessage()}")

    def start(self) -> None:
        """Forget the last build's, and listen to MkDocs' loggers (once)."""
        self.warnings.clear()
        self.macro_errors.clear()
        mkdocs_log = logging.getLogger("mkdocs")
        if self not in mkdocs_log.handlers:
            mkdocs_log.addHandler(self)

    def take_warnings(self) -> list[str]:
        """The warnings so far, which the build then need not fail on: MkDocs counts them in a
        handler of its own and fails a strict build on any after on_post_build."""
        for handler in logging.getLogger("mkdocs").handlers:
            if isinstance(handler, CountHandler):
                handler.counts.clear()
        taken, self.warnings[:] = list(self.warnings), []
        return taken


def macro_problem(src_uri: str, error: BaseException, first_line: int) -> str:
    """An error in a page's macros as `docs/file:line: message`, the line counted in the file (the
    page's Markdown starts after its front matter, on first_line)."""
    line = getattr(error, "lineno", None)  # a syntax error knows its line; else the template's frame does
    for frame, frame_line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = frame_line
    where = f"docs/{src_uri}:{first_line + line - 1}" if isinstance(line, int) else f"docs/{src_uri}"
    message = getattr(error, "message", None) or str(error)
    return f"{where}: {type(error).__name__}: {message}"


def guard(builder: Callable[[], None], site_dir: Path, build_log: BuildLog) -> Callable[[], None]:
    """A rebuild that, should it fail all the same, puts its error on every page (a bare page
    where none is left) rather than leaving MkDocs holding every request until the next good one:
    with what the build logged, which for a failure MkDocs reports as a BuildError is the error."""

    def rebuild() -> None:
        try:
            builder()
        except (Exception, SystemExit) as error:  # any failure is shown, and printed as MkDocs would
            if isinstance(error, (SystemExit, Abort)):
                print(error, file=sys.stderr)  # noqa: T201 - as MkDocs' own rebuild loop does
            else:
                traceback.print_exc()
            problems = build_log.take_warnings()
            if not (isinstance(error, Abort) and problems):
                problems.append(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)
            for bare in ("index.html", "404.html"):
                if not (site_dir / bare).exists():
                    site_dir.mkdir(parents=True, exist_ok=True)
                    (site_dir / bare).write_text(_BARE_PAGE.format(title=html.escape(problems[-1])), encoding="utf-8")
            show_problems(site_dir, problems, shown="none")

    return rebuild


# A page whose macros failed, under serve: the panel above it says why.
MACRO_ERROR_PAGE = "*This page could not be made: the problem is listed above.*\n"

_BARE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body></body></html>\n'
)


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
