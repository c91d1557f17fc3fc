"""The one-pass YAML reader gives what PyYAML's nodes give: values, types, lines, duplicate keys.

read_yaml builds LineMaps and LineLists straight from libyaml's events, resolving plain values
itself, and leaves to _LineLoader (composing PyYAML nodes) only what it does not handle. Each
document here is read both ways; a difference in a value, its type or a line fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factbase import yamlfile
from factbase.yamlfile import LineList, LineMap, read_yaml

from .conftest import FIXTURES, PROJECT

DOCUMENTS = {
    "numbers": "- [012, 0o12, 0x1F, 1_000, '1', 1:30, .inf, -.inf, +5, -0, 0, 00, 1e3, 1.5e3, 0b101, 3., 1.0]\n",
    "booleans-and-nulls": "- [yes, No, on, OFF, true, False, y, n, ~, null, Null, '', '~', 'yes']\n",
    "keys-of-every-kind": "- {yes: 1, ~: 2, 3: 4, 2019-12-02: d, 1.5: f, '': e}\n- ? \n  : z\n",
    "duplicate-keys": "- a: 1\n  a: 2\n  b: 3\n  b: 4\n  1: x\n  true: y\n  1.0: z\n",
    "dates-stay-text": "- [2019-12-02, 2019-12-02T10:00:00Z, '2019-12-02', 2001-12-14 21:59:43.10 -5]\n",
    "block-scalars": "- a: |\n    x\n    y\n  b: >-\n    z\n    w\n  c: plain\n    folded\n",
    "empty-values": "- a:\n  b:\n- \n- c\n",
    "flow-nesting": "[{a: [1, {b: c}]}, d]\n",
    "a-scalar-alone": "hello\n",
    "a-number-alone": "42\n",
    "only-a-marker": "---\n",
    "quoted-and-unicode": "- name: 'Zhōng “q” ’'\n  x: \"é\\t\\u00e9\"\n  y: 'x #y'\n  z: x#y\n",
    "explicit-ends": "%YAML 1.1\n---\n- a\n...\n",
    "tags-left-to-pyyaml": "- a: !!str 3\n  b: !!int '7'\n  c: !!float '1'\n",
}


def snapshot(value: Any) -> Any:
    """A value with everything read_yaml promises about it: types, lines, duplicate keys."""
    if isinstance(value, LineMap):
        items = [(type(key).__name__, repr(key), snapshot(item)) for key, item in value.items()]
        return ("map", value.line, dict(value.key_lines), list(value.duplicate_keys), items)
    if isinstance(value, LineList):
        return ("list", value.line, list(value.item_lines), [snapshot(item) for item in value])
    return (type(value).__name__, repr(value))


def paths() -> list[Path]:
    found = [*FIXTURES.rglob("*.yaml"), *(PROJECT / "data").rglob("*.yaml")]
    return sorted(path for path in found if path.stat().st_size < 100_000)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_one_pass_reads_as_pyyaml_does(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(DOCUMENTS[name], encoding="utf-8")
    expected = snapshot(yamlfile._compose(DOCUMENTS[name], name))
    assert snapshot(read_yaml(path, name)) == expected, f"{name}: the one-pass reader differs from PyYAML's nodes"


def test_one_pass_reads_every_readable_data_file_as_pyyaml_does() -> None:
    compared = 0
    for path in paths():
        try:
            got = snapshot(read_yaml(path, path.name))
        except yamlfile.YamlFileError:
            continue  # refused (composing a hostile shape could crash libyaml): expected.txt says how
        expected = snapshot(yamlfile._compose(path.read_text(encoding="utf-8"), path.name))
        assert got == expected, f"{path}: the one-pass reader differs from PyYAML's nodes"
        compared += 1
    assert compared > 20, "too few data files were compared to prove anything"
