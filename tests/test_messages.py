"""Every message the loader can give has a fixture that produces it.

A message is any statement in the loader's modules that builds text of three words or more
inside a function. Every fixture in tests/fixtures/ is loaded with line tracing on; a message
statement no fixture reaches fails this test, naming the file and line, until a fixture for it
is added (with its expected.txt, which the guide test then holds to CONTRIBUTING.md).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, PROJECT
from .test_loader import ERROR_CASES

MODULES = sorted(
    [
        *(PROJECT / "factbase" / name for name in ("collector.py", "datafiles.py", "yamlfile.py", "kinds.py")),
        *(PROJECT / "factbase" / name for name in ("article.py", "dates.py")),
        *(PROJECT / "factbase" / "loader").glob("*.py"),
    ]
)
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _words(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_words(part) for part in node.values)
    return ""


def message_statements(path: Path) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of each statement in a function body that builds a message."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[int, tuple[int, int, str]] = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        docstring = ast.get_docstring(function, clean=False)
        for statement in ast.walk(function):
            if not isinstance(statement, ast.stmt) or statement is function:
                continue
            if isinstance(statement, (ast.FunctionDef, ast.If, ast.For, ast.While, ast.With, ast.Try)):
                continue  # their own statements are looked at one by one
            if path.name == "dates.py" and not isinstance(statement, ast.Raise):
                continue  # how a date was read is a note for the timeline, not a problem
            for node in ast.walk(statement):
                text = _words(node)
                if text and text != docstring and len(_PLACEHOLDER.sub(" ", text).split()) >= 3:
                    end = statement.end_lineno or statement.lineno
                    found[statement.lineno] = (statement.lineno, end, " ".join(text.split())[:80])
                    break
    return sorted(found.values())


def test_the_message_finder_finds_messages() -> None:
    texts = [text for path in MODULES for _, _, text in message_statements(path)]
    assert any("defines the YAML anchor" in text for text in texts)
    assert any("quote not found word for word" in text for text in texts)
    assert len(texts) > 50


# Run in a fresh interpreter, with the tracer set before factbase is imported, so that what runs
# at import time counts too.
TRACE_FIXTURES = """
import json, sys, tempfile
from pathlib import Path

watched = set(json.loads(sys.argv[1]))
executed = set()

def local(frame, event, arg):
    if event == "line":
        executed.add((frame.f_code.co_filename, frame.f_lineno))
    return local

def tracer(frame, event, arg):
    return local if frame.f_code.co_filename in watched else None

sys.settrace(tracer)
from factbase import DataError, load_factbase
from tests.test_loader import ERROR_CASES, fixture_data

for case in [*ERROR_CASES, "valid"]:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            load_factbase(fixture_data(case, Path(tmp)))
        except DataError:
            pass
sys.settrace(None)
print(json.dumps(sorted(executed)))
"""


@pytest.fixture(scope="module")
def executed_lines() -> set[tuple[str, int]]:
    """Every line of the loader's modules that importing them and loading every fixture runs."""
    watched = json.dumps([str(path) for path in MODULES])
    result = subprocess.run(
        [sys.executable, "-c", TRACE_FIXTURES, watched], cwd=PROJECT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return {(file, line) for file, line in json.loads(result.stdout)}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_every_message_has_a_fixture_that_produces_it(path: Path, executed_lines: set[tuple[str, int]]) -> None:
    missing = [
        f"{path.relative_to(PROJECT)}:{first}: {text}"
        for first, last, text in message_statements(path)
        if not any((str(path), line) in executed_lines for line in range(first, last + 1))
    ]
    assert not missing, "messages no fixture in tests/fixtures/ produces:\n" + "\n".join(missing)


def test_every_fixture_is_used() -> None:
    cases = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert cases == {*ERROR_CASES, "valid"}, "a fixture folder without expected.txt is never run"
