"""Link checks over the built HTML with lychee, offline, fragments included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

LYCHEE = Path(sys.executable).parent / "lychee"


def run_lychee(site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(LYCHEE),
            "--offline",
            "--include-fragments",
            "--root-dir",
            str(site_dir.resolve()),
            "--index-files",
            "index.html",
            "--no-progress",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_lychee_finds_no_broken_link_or_anchor(built_site: Path) -> None:
    result = run_lychee(built_site)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 Errors" in output, output


def test_lychee_catches_a_broken_anchor_and_a_broken_page_link(built_site: Path, tmp_path: Path) -> None:
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    page = broken / "topics" / "regulation" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('href="#ref-1"', 'href="#ref-99"', 1)
    # A link to a paragraph of a source page, made to point at a page that is not there.
    html = html.replace('href="../../sources/cnn-business-2019-12-02/#p18"', 'href="../../sources/nowhere/#p18"', 1)
    page.write_text(html, encoding="utf-8")
    result = run_lychee(broken)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "#ref-99" in output and "sources/nowhere" in output, output
