"""Shared fixtures: scenario sites, the real fact base and one strict build of the real site per
session, both loaded only by the tests that ask for them, and a browser.

Tests are marked by what they use (pytest.ini registers the markers): `content` for the checks
of the real site and its data/, `browser` for those that drive Chromium, `slow` for those that
run MkDocs. `make test` runs them all; the markers are for choosing locally, as in
`pytest -m "not browser"`.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from factbase import Citation, FactBase, load_factbase
from factsite import generated_pages

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
# What a build of the site reads besides the installed packages: copied when a test changes it.
SITE_INPUTS = ("mkdocs.yml", "mkdocs-offline.yml", "docs", "data", "macros", "overrides")


def mkdocs_env() -> dict[str, str]:
    """The environment builds run in: no hosted SITE_URL, so canonical links are predictable."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def run_mkdocs(project_dir: Path, *args: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    """Run MkDocs from the virtual environment on a project folder, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project_dir,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


SITES = PROJECT / "tests" / "sites"
# What every site needs that is not its content or the installed plugin: the configuration and
# the theme's overrides, stylesheet and scripts.
MACHINERY = ("mkdocs.yml", "mkdocs-offline.yml", "macros", "overrides", "docs/stylesheets", "docs/javascripts")


def scenario(case: str, destination: Path) -> Path:
    """A small complete site for one test: the project's configuration and theme with
    tests/sites/<case>/'s own docs/ and data/ (the mkdocs-macros-plugin pattern), so that editing
    the real content never breaks a test that is not about it. The plugin and the packages it
    runs on are installed, not copied."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in MACHINERY:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    shutil.copytree(SITES / case, destination, dirs_exist_ok=True)
    return destination


# The packages a build runs on, installed into the virtual environment.
PACKAGES = ("factbase", "factsite", "mkdocs_factsite")


def copy_packages(project: Path) -> None:
    """Copies of the installed packages in a project's folder, for a test to change: they come first
    on the path of `python -m mkdocs` run there, so the test edits the copy, not the repository."""
    for package in PACKAGES:
        shutil.copytree(PROJECT / package, project / package, ignore=shutil.ignore_patterns("__pycache__"))


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, for a test to change."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_INPUTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """A strict build (the config sets strict: true) into site_dir."""
    return run_mkdocs(project_dir, "build", "--strict", "--site-dir", str(site_dir))


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sites/tiny/ built once per session, for tests that read it and change nothing."""
    project = scenario("tiny", tmp_path_factory.mktemp("tiny") / "project")
    site = project.parent / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def inheriting(project: Path, name: str, **factsite_options: object) -> str:
    """Write project/name, a configuration that is the project's mkdocs.yml with these options of
    the factsite plugin; its name, for -f."""
    text = json.dumps({"INHERIT": "mkdocs.yml", "plugins": {"factsite": factsite_options}})
    (project / name).write_text(text, encoding="utf-8")
    return name


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(PROJECT, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build failed:\n{output}"
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "the build warned:\n" + "\n".join(warnings)
    return site_dir


# The real site's content, for the tests that are about it: loaded when first asked for, so that
# a bad entry in data/ fails those tests and no other.


@pytest.fixture(scope="session")
def real() -> FactBase:
    """The real fact base, data/."""
    return load_factbase(PROJECT / "data")


def docs_pages(project: Path, factbase: FactBase) -> list[str]:
    """Every page of a site by docs path: the hand-written ones, then those generated from data."""
    hand_written = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
    return hand_written + sorted(generated_pages(factbase))


@pytest.fixture(scope="session")
def real_pages(real: FactBase) -> list[str]:
    """Every page of the real site by docs path."""
    return docs_pages(PROJECT, real)


def all_citations(factbase: FactBase) -> list[Citation]:
    """Every citation in a fact base: of facts, people, figures and quotations."""
    return [
        *(c for fact in factbase.facts for c in fact.citations),
        *(c for entity in factbase.entities for c in entity.citations),
        *(figure.citation for figure in factbase.figures),
        *(c for quotation in factbase.quotations for c in quotation.citations),
    ]


@dataclass(frozen=True)
class Site:
    """A built site with the fact base it was built from and its pages by docs path."""

    name: str
    root: Path
    factbase: FactBase
    pages: list[str]


@pytest.fixture(scope="session", params=["tiny", pytest.param("real", marks=pytest.mark.content)])
def each_site(request: pytest.FixtureRequest) -> Site:
    """The tiny scenario site and the real site, for checks of the code that hold on any site."""
    if request.param == "real":
        factbase = request.getfixturevalue("real")
        return Site("real", request.getfixturevalue("built_site"), factbase, docs_pages(PROJECT, factbase))
    factbase = load_factbase(SITES / "tiny" / "data")
    return Site("tiny", request.getfixturevalue("tiny_site"), factbase, docs_pages(SITES / "tiny", factbase))


CONTENT_FIXTURES = {"real", "real_pages", "built_site"}
SLOW_FIXTURES = {"built_site", "tiny_site", "hostile_site", "each_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the fixtures it uses: the real site's are `content`, a browser's `browser`,
    a built site's `slow`."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & CONTENT_FIXTURES:
            item.add_marker(pytest.mark.content)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skipped test is a test not done: it fails, saying why it would have skipped."""
    report: pytest.TestReport = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: {reason}; no test may skip (a skipped test is not done)"
    return report


CNN = "cnn-business-2019-12-02"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default; the tests build without SITE_URL
KSL = "ksl-newsradio-2019-12-02"


def site_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, assets excluded."""
    return sorted(path for path in site_dir.rglob("*.html") if "assets" not in path.parts)


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(site_dir: Path, docs_path: str) -> Path:
    """Where a docs page lands in the built site (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem.removesuffix("index") / "index.html"
    return site_dir / stem / "index.html"


# The browser: Debian's Chromium, unable to reach any host but 127.0.0.1 ------------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def url_path(docs_path: str) -> str:
    """The URL path of a docs page (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site, with its 404 page for anything missing, as a host would."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site_dir: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1, as a host would serve it; yields its address."""
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed: apt-get install chromium (.ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """One page load with everything it requested and every error it logged."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.failed_responses: list[tuple[str, int]] = []
        self.dialogs: list[str] = []  # alert(), confirm(), prompt(): nothing on this site opens one
        page.on(
            "response",
            lambda response: (
                self.failed_responses.append((response.url, response.status)) if response.status >= 400 else None
            ),
        )
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dismiss)
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console {message.type}: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.errors.append(f"request failed: {request.url}"))

    def _dismiss(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Visit:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self


def visit(browser: Browser, url: str, **context: object) -> Visit:
    page = browser.new_context(**context).new_page()  # type: ignore[arg-type]
    return Visit(page).open(url)


def article(site: Path, docs_path: str) -> Tag:
    """The article element of a built page."""
    page = parse(page_path(site, docs_path))
    content = page.select_one("article.md-content__inner")
    assert content is not None, f"{docs_path} has no article"
    return content


def nav_links(site: Path) -> list[str]:
    page = parse(site / "index.html")
    return [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]


def references_of(content: Tag) -> list[Tag]:
    lists = content.select("ol.references")
    assert len(lists) <= 1, "a page has one reference list"
    return lists[0].find_all("li", recursive=False) if lists else []
