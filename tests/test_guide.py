"""The editor's guide is complete: its field reference is fresh and it explains every error."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from mkdocs_factsite.macros import macros

from .conftest import FIXTURES, PROJECT

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
ERRORS_SECTION = GUIDE.split("## What each error means", 1)[1].split("\n## ", 1)[0]
# Every `code` in the first column of the error table is a fragment of a message it explains.
EXPLAINED = [
    fragment
    for row in ERRORS_SECTION.splitlines()
    if row.startswith("| `")
    for fragment in re.findall(r"`([^`]+)`", row.split(" | ", 1)[0])
]
MESSAGES = [
    (case.name, line)
    for case in sorted(FIXTURES.iterdir())
    if (case / "expected.txt").is_file()
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
]


def test_the_field_reference_is_generated_and_fresh() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.guide", "--check"], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("case", "message"), MESSAGES)
def test_every_error_the_loader_gives_is_explained_in_the_guide(case: str, message: str) -> None:
    assert any(fragment in message for fragment in EXPLAINED), f"CONTRIBUTING.md does not explain {case}'s {message}"


def test_the_guide_explains_something() -> None:
    assert len(EXPLAINED) > 20


def test_every_macro_is_documented_for_editors() -> None:
    section = GUIDE.split("## Writing a page by hand", 1)[1].split("\n## ", 1)[0]
    registered = macros(None)  # type: ignore[arg-type] - only the names are read, no macro is called
    assert len(registered) > 10
    for name in registered:
        assert f"{{{{ {name}(" in section, f"CONTRIBUTING.md's Writing a page by hand does not show {name}()"
