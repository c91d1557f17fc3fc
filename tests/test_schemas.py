"""The JSON Schemas editors' tools use: fresh, referenced, and in agreement with the loader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from factbase.yamlfile import YamlFileError, read_yaml
from tools.schemas import SCHEMAS, SCHEMAS_DIR, schema_for

from .conftest import FIXTURES, PROJECT

DATA = PROJECT / "data"
SCHEMA_OF = {
    "sources.yaml": "sources.schema.json",
    "topics.yaml": "topics.schema.json",
    "entities.yaml": "entities.schema.json",
    "figures.yaml": "figures.schema.json",
    "quotations.yaml": "quotations.schema.json",
}
# Messages from the loader's own checks of keys and value types: a schema must agree on these.
STRUCTURAL = (
    "has unknown key",
    "is missing required key",
    "' should be ",
    "should be a mapping",
    "should hold a list",
    "is empty",
    "characters long",
    "' holds U+",
    "so copy_of must",
    "is an original, so",
    "url is null, so url_note",
    "url_note is only for",
    "a name the site's own pages use",
)


def schema_name(relative: str) -> str:
    return "facts.schema.json" if relative.startswith("facts/") else SCHEMA_OF[relative]


def data_files(root: Path) -> list[str]:
    """The files under root that the loader reads as data files (and so the schemas describe)."""
    top = [name for name in SCHEMA_OF if (root / name).is_file()]
    facts = [f"facts/{p.name}" for p in sorted((root / "facts").glob("*.yaml")) if p.is_file() and not p.is_symlink()]
    return sorted(top + facts)


def test_schemas_are_generated_from_the_specs_and_fresh() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.schemas", "--check"], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_typed_entries_are_generated_from_the_specs_and_fresh() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tools.entries", "--check"], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.content
@pytest.mark.parametrize("relative", data_files(DATA))
def test_every_data_file_names_its_schema_for_editors(relative: str) -> None:
    first_line = (DATA / relative).read_text(encoding="utf-8").splitlines()[0]
    depth = "../" * relative.count("/")
    assert first_line == f"# yaml-language-server: $schema=../{depth}schemas/{schema_name(relative)}"


@pytest.mark.content
@pytest.mark.parametrize("relative", data_files(DATA))
def test_real_data_validates_against_its_schema(relative: str) -> None:
    document = read_yaml(DATA / relative, relative)
    jsonschema.validate(document, schema_for(schema_name(relative)), cls=jsonschema.Draft202012Validator)


def test_schemas_themselves_are_valid() -> None:
    for name in SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(schema_for(name))
        assert (SCHEMAS_DIR / name).is_file()


def schema_rejects(path: Path, relative: str) -> bool | None:
    """True if the schema rejects the file, False if it accepts it, None if it is not YAML at all."""
    try:
        document = read_yaml(path, relative)
    except YamlFileError as error:
        return True if "is empty" in error.message else None
    validator = jsonschema.Draft202012Validator(schema_for(schema_name(relative)))
    return any(True for _ in validator.iter_errors(document))


def verdicts(case: str) -> dict[str, bool | None]:
    overlay = FIXTURES / case / "data"
    return {rel: schema_rejects(overlay / rel, rel) for rel in data_files(overlay)}


CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "data").is_dir() and (p / "expected.txt").is_file())
# Cases whose files are not YAML at all (bad syntax, not UTF-8): only the loader can judge them.
UNPARSEABLE = [case for case in CASES if None in verdicts(case).values()]


def test_the_unparseable_fixtures_are_the_ones_meant_to_be() -> None:
    assert UNPARSEABLE == [
        "alias-bomb",
        "comment-cuts-value",
        "deep-nesting",
        "follow-on-errors",
        "long-number",
        "merge-key",
        "not-utf8",
        "yaml-shapes",
        "yaml-syntax-error",
    ]


@pytest.mark.parametrize("case", [case for case in CASES if case not in UNPARSEABLE])
def test_schema_and_loader_agree_on_the_fixtures(case: str) -> None:
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    loader_structural = any(fragment in expected for fragment in STRUCTURAL)
    found = verdicts(case)
    assert any(found.values()) == loader_structural, found


def test_the_valid_fixture_satisfies_the_schemas() -> None:
    root = FIXTURES / "valid" / "data"
    for relative in data_files(root):
        assert schema_rejects(root / relative, relative) is False, relative
