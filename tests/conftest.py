"""Shared fixtures: the real fact base, one strict build of the real site per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from factbase import FactBase, load_factbase

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "tests" / "fixtures"
# What a build of the site reads: copied whole when a test needs to change something.
SITE_INPUTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "factbase", "factsite")


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
def factbase() -> FactBase:
    return load_factbase(PROJECT / "data")


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
