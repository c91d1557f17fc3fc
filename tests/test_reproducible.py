"""Two builds of the same commit are byte-identical, even on different days."""

from __future__ import annotations

import datetime
import filecmp
import subprocess
import sys
from pathlib import Path

from .conftest import PROJECT, mkdocs_env, scenario


def files_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_a_build_on_another_day_is_byte_identical(tiny_site: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    result = subprocess.run(
        [sys.executable, str(PROJECT / "tests" / "shifted_clock.py"), "build", "--strict", "--site-dir", str(later)],
        cwd=scenario("tiny", tmp_path / "project"),
        env={**mkdocs_env(), "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert files_of(later) == files_of(tiny_site)
    _, mismatch, errors = filecmp.cmpfiles(tiny_site, later, files_of(tiny_site), shallow=False)
    assert not mismatch and not errors, f"these differ between the two builds: {mismatch + errors}"


def test_the_shifted_clock_really_shifts_the_date_mkdocs_would_use() -> None:
    code = "import tests.shifted_clock, mkdocs.utils, datetime; print(mkdocs.utils.get_build_date())"
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    assert result.stdout.strip() > today
