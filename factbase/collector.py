"""What each kind of entry may hold, and the collector that gathers every problem found."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factbase.yamlfile import LineList, LineMap, Origin, YamlFileError, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in data/, with where it is."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class DataError(Exception):
    """data/ has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        heading = f"data/ has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *map(str, problems)]))


@dataclass(frozen=True)
class Field:
    """What one key of an entry must hold, and what it is for (shown to editors)."""

    kind: str  # a key of KINDS
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()  # the only values allowed, where there is a fixed set
    items: dict[str, Field] | None = None  # for a list of mappings: what each one holds


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


# Each kind: how to check a value, and how to name it in a message.
KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "text": (_text, "non-empty text"),
    "text or null": (lambda v: v is None or _text(v), "non-empty text, or null"),
    "id": (lambda v: _text(v) and bool(ID_PATTERN.match(v)), "an id: lower-case words joined by hyphens"),
    "whole number": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "paragraph": (
        lambda v: (isinstance(v, int) and not isinstance(v, bool)) or v == "credit line",
        "a paragraph number, or 'credit line'",
    ),
    "list": (lambda v: isinstance(v, list) and bool(v), "a non-empty list"),
    "list of text": (
        lambda v: isinstance(v, list) and bool(v) and all(_text(x) for x in v),
        "a non-empty list of text",
    ),
    "list of ids": (
        lambda v: isinstance(v, list) and bool(v) and all(_text(x) and ID_PATTERN.match(x) for x in v),
        "a non-empty list of ids",
    ),
}


def describe(value: Any) -> str:
    """A value as a message names it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text ({value!r})"
    return f"{type(value).__name__} ({value!r})"


def item_line(sequence: Any, index: int) -> int:
    """The line of the index-th (1-based) item of a YAML list, or 1 if unknown."""
    if isinstance(sequence, LineList):
        return sequence.item_lines[index - 1]
    return 1


class Collector:
    """Gathers problems while the loader walks data/."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        """A path as messages show it: data/facts/x.yaml."""
        return f"{self.data_dir.name}/{path.relative_to(self.data_dir).as_posix()}"

    def add(self, origin: Origin, message: str) -> None:
        self.problems.append(Problem(origin, message))

    def at(self, entry: LineMap, origin: Origin, key: str) -> Origin:
        """The line of a key of an entry (the entry's own line if the key is absent)."""
        return Origin(origin.file, entry.key_lines.get(key, origin.line))

    def entries(self, path: Path, what: str) -> list[tuple[LineMap, Origin]] | None:
        """The mappings listed in one YAML file with their origins; None if the file is unreadable."""
        shown = self.shown(path)
        try:
            document = read_yaml(path, shown)
        except YamlFileError as error:
            self.add(error.origin, error.message)
            return None
        if not isinstance(document, list):
            line = getattr(document, "line", 1)
            self.add(Origin(shown, line), f"should hold a list of {what}s, one per '- ' item")
            return None
        result = []
        for index, item in enumerate(document, start=1):
            if not isinstance(item, LineMap):
                self.add(
                    Origin(shown, item_line(document, index)),
                    f"{what} #{index} should be a mapping of keys, not {describe(item)}",
                )
                continue
            result.append((item, Origin(shown, item.line)))
        return result

    def fields(self, entry: LineMap, origin: Origin, spec: dict[str, Field], name: str) -> set[str]:
        """Check an entry's keys and value types against a spec; return the keys that are valid.

        Every spec key is in the result when the entry is wholly sound (an absent optional key
        counts as valid). An entry with an unknown or repeated key never counts as sound.
        """
        valid: set[str] = set()
        for key, line in entry.duplicate_keys:
            self.add(Origin(origin.file, line), f"{name} has key {key!r} twice")
        for key in entry:
            if key not in spec:
                hint = difflib.get_close_matches(str(key), spec, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.add(
                    self.at(entry, origin, key),
                    f"{name} has unknown key {key!r}{suggestion}; allowed keys: {', '.join(spec)}",
                )
        for key, field in spec.items():
            if key not in entry:
                if field.required:
                    self.add(origin, f"{name} is missing required key {key!r}")
                else:
                    valid.add(key)
                continue
            check, words = KINDS[field.kind]
            if not check(entry[key]):
                self.add(self.at(entry, origin, key), f"{name}: {key!r} should be {words}, not {describe(entry[key])}")
                continue
            if field.choices and entry[key] not in field.choices:
                self.add(
                    self.at(entry, origin, key),
                    f"{name}: {key!r} should be one of {', '.join(field.choices)}, not {entry[key]!r}",
                )
                continue
            valid.add(key)
        if entry.duplicate_keys or any(key not in spec for key in entry):
            valid.discard("id")
        return valid

    def entry_name(self, what: str, entry: LineMap, index: int) -> str:
        """How messages name an entry: by its id, or by its place in the file."""
        identifier = entry.get("id")
        if isinstance(identifier, str) and identifier.strip():
            return f"{what} {identifier!r}"
        return f"{what} #{index}"

    def unique_id(self, entry: LineMap, origin: Origin, name: str, seen: dict[str, Origin]) -> bool:
        """True if the entry's id is well-formed and not used before (recording it as used)."""
        identifier = entry.get("id")
        if not isinstance(identifier, str) or not ID_PATTERN.match(identifier):
            return False
        here = self.at(entry, origin, "id")
        if identifier in seen:
            self.add(here, f"{name}: id is already used at {seen[identifier]}")
            return False
        seen[identifier] = here
        return True
