"""`make build` is atomic: site/ is only ever a whole, successful build."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from .conftest import PROJECT, SITES, mkdocs_env, scenario


def build_site(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "build_site.py")],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


FACTS = "data/facts/bridges.yaml"


def break_a_quote(project: Path) -> None:
    facts = project / FACTS
    text = facts.read_text(encoding="utf-8")
    assert "will cost $2 million" in text
    facts.write_text(text.replace("will cost $2 million", "costs $2 million", 1), encoding="utf-8")


def test_a_failed_build_leaves_the_previous_site_untouched_and_says_so(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    first = build_site(project)
    assert first.returncode == 0, first.stderr
    assert "built site/" in first.stdout
    before = digest(project / "site")
    assert "index.html" in before

    break_a_quote(project)  # a data error: the build stops before writing anything
    failed = build_site(project)
    assert failed.returncode != 0
    assert "build failed: site/ still holds the previous build, untouched" in failed.stderr
    assert digest(project / "site") == before
    assert not (project / ".site.building").exists()

    (project / FACTS).write_text((SITES / "tiny" / FACTS).read_text(encoding="utf-8"), encoding="utf-8")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[a broken link](no-such-page.md)\n", encoding="utf-8")
    warned = build_site(project)  # a strict-mode warning: MkDocs writes every page, then fails
    assert warned.returncode != 0
    assert "no-such-page.md" in warned.stderr
    assert digest(project / "site") == before


def test_a_first_build_that_fails_writes_no_site(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    break_a_quote(project)
    result = build_site(project)
    assert result.returncode != 0
    assert "build failed: no site/ was written" in result.stderr
    assert not (project / "site").exists()
