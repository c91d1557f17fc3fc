"""Property-based tests of the loader: whatever is in data/, the result is a FactBase or a DataError.

Random YAML documents in each data file, random bytes, and random mutations of the real data
must never raise anything else (a traceback is a bug: editors get file:line messages).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbase import DataError, FactBase, load_factbase

from .conftest import FIXTURES, PROJECT

# Derandomised everywhere: a run on a laptop finds what CI finds, and a failure reproduces.
settings.register_profile("project", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("project")

VALID = FIXTURES / "valid" / "data"
REAL = PROJECT / "data"
DATA_FILES = ["sources.yaml", "topics.yaml", "entities.yaml", "figures.yaml", "quotations.yaml", "facts/bridges.yaml"]
REAL_FILES = sorted(p.relative_to(REAL).as_posix() for p in REAL.rglob("*.yaml"))

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
# Plausible keys make it likelier that a random entry gets past the first checks.
keys = st.sampled_from(
    [
        "id",
        "topics",
        "statement",
        "citations",
        "source",
        "paragraph",
        "quote",
        "when",
        "title",
        "summary",
        "sections",
        "name",
        "kind",
        "words",
        "speaker",
        "url",
        "text",
        "published",
    ]
)
entries = st.lists(st.dictionaries(keys, documents, max_size=6), max_size=4)


@contextmanager
def data_copy(source: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data)
        yield data


def load_or_error(data: Path) -> FactBase | DataError:
    try:
        return load_factbase(data)
    except DataError as error:
        assert error.problems, "a DataError must say what is wrong"  # noqa: PT017 - checks the error it returns, not the raise
        for problem in error.problems:
            assert str(problem).startswith("data/"), problem
        return error


@given(name=st.sampled_from(DATA_FILES), document=documents | entries)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_yaml_document_in_any_file_loads_or_is_reported(name: str, document: object) -> None:
    with data_copy(VALID) as data:
        (data / name).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        load_or_error(data)


@given(name=st.sampled_from(DATA_FILES), content=st.binary(max_size=200))
def test_any_bytes_in_any_file_load_or_are_reported(name: str, content: bytes) -> None:
    with data_copy(VALID) as data:
        (data / name).write_bytes(content)
        assert isinstance(load_or_error(data), DataError | FactBase)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str]:
    """A real data file, changed at random: a line dropped, doubled or swapped, or text spliced in."""
    name = draw(st.sampled_from(REAL_FILES))
    lines = (REAL / name).read_text(encoding="utf-8").splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["drop", "double", "swap", "splice", "cut"]))
    if kind == "drop":
        del lines[index]
    elif kind == "double":
        lines.insert(index, lines[index])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "splice":
        at = draw(st.integers(0, len(lines[index])))
        insert = draw(st.text(alphabet=st.sampled_from(list(":-[]{}#\"'|>&*! \n\tabc1“”’")), max_size=8))
        lines[index] = lines[index][:at] + insert + lines[index][at:]
    else:
        lines = lines[:index]
    return name, "".join(lines)


# Pieces of YAML that reach past plain data: anchors, aliases, merge keys, tags, deep nesting,
# escapes for invisible characters, comments after values.
fragments = st.sampled_from(
    [
        "&a ",
        "*a",
        "<<: ",
        "!!python/object:os.system ",
        "!!binary ",
        "[" * 50,
        "]" * 50,
        "{",
        '"\\e\\x07\\u202e"',
        " # c",
        ".inf",
        ".nan",
        "- ",
        "\n  ",
        "\n",
        "id: x",
        "? ",
        "%YAML 1.1\n",
        "---\n",
    ]
)


@given(name=st.sampled_from(DATA_FILES), pieces=st.lists(fragments | st.text(max_size=5), max_size=12))
def test_any_yaml_features_in_any_file_load_or_are_reported(name: str, pieces: list[str]) -> None:
    with data_copy(VALID) as data:
        (data / name).write_text("".join(pieces), encoding="utf-8")
        load_or_error(data)


@given(mutation=mutations())
def test_random_mutations_of_the_real_data_load_or_are_reported(mutation: tuple[str, str]) -> None:
    name, text = mutation
    with data_copy(REAL) as data:
        (data / name).write_text(text, encoding="utf-8")
        load_or_error(data)
