"""Problems found in data/, and the walk that checks an entry against its spec, nested items included."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from factbase.kinds import describe
from factbase.limits import MAX_PROBLEMS, echo
from factbase.specs import Entry, Spec
from factbase.yamlfile import LineList, LineMap, Origin


@dataclass(frozen=True)
class Problem:
    """One thing wrong in data/, with where it is."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class DataError(Exception):
    """data/ has problems: `problems` lists the first MAX_PROBLEMS of them, `more` counts the rest."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        self.problems = tuple(problems)
        self.more = more
        count = len(problems) + more
        heading = f"data/ has {count:,} problem{'s' if count != 1 else ''}:"
        rest = [f"… and {more:,} more problem{'s' if more != 1 else ''}"] if more else []
        super().__init__("\n".join([heading, *map(str, problems), *rest]))


class Collector:
    """Gathers problems while the loader walks data/: the first MAX_PROBLEMS, and a count of the rest."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.more = 0

    def add(self, origin: Origin, message: str) -> None:
        if self.full:
            self.more += 1
        else:
            self.problems.append(Problem(origin, message))

    def count_unlisted(self, number: int) -> None:
        """Count problems found beyond the MAX_PROBLEMS a file reported (the collector is full then)."""
        self.more += number

    @property
    def full(self) -> bool:
        """True once no further problem will be listed: what would only explain one can be skipped."""
        return len(self.problems) >= MAX_PROBLEMS

    def error(self) -> DataError:
        return DataError(self.problems, self.more)


def item_line(sequence: Any, index: int, default: int) -> int:
    """The line of the index-th (1-based) item of a YAML list."""
    if isinstance(sequence, LineList):
        return sequence.item_lines[index - 1]
    return default


@dataclass
class Checked:
    """An entry checked against its spec: which values are sound, and its nested entries, checked."""

    entry: LineMap
    origin: Origin
    name: str  # how messages name it: "fact 'x'", "fact 'x', citation 2"
    valid: set[str]  # keys whose values are sound, absent optional keys included
    clean: bool  # no unknown or repeated keys
    items: dict[str, list[Checked | None]] = field(default_factory=dict)  # None: an item that is not a mapping

    def at(self, key: str) -> Origin:
        """The line of one of its keys (its own line if the key is absent)."""
        return Origin(self.origin.file, self.entry.key_lines.get(key, self.origin.line))

    def __getitem__(self, key: str) -> Any:
        return self.entry[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.entry.get(key, default)

    def has(self, key: str) -> bool:
        """True if the key is present and its value sound."""
        return key in self.entry and key in self.valid

    def values(self, spec: Spec[Entry]) -> Entry:
        """The entry, typed as its spec's TypedDict (factbase/entries.py): only once it is sound."""
        assert self.sound(spec), f"{self.name} is not sound"
        return cast(Entry, self.entry)

    def sound(self, spec: Spec[Any]) -> bool:
        """Every key present is known and sound, every required key present, every nested item too."""
        if not self.clean or self.valid != set(spec.fields):
            return False
        for key, items in self.items.items():
            item_spec = spec.fields[key].items
            assert item_spec is not None, "only fields with an items spec have checked items"
            if not all(item is not None and item.sound(item_spec) for item in items):
                return False
        return True


def check_entry(collector: Collector, entry: LineMap, origin: Origin, spec: Spec[Any], name: str) -> Checked:
    """Check an entry's keys and values against its spec, and each nested entry against its own."""
    checked = Checked(entry, origin, name, set(), clean=not entry.duplicate_keys)
    for key, line in entry.duplicate_keys:
        collector.add(Origin(origin.file, line), f"{name} has key {echo(key)} twice")
    for key in entry:
        if key not in spec.fields:
            checked.clean = False
            suggestion = did_you_mean(str(key), [str(k) for k in spec.fields])
            collector.add(
                checked.at(key),
                f"{name} has unknown key {echo(key)}{suggestion}; allowed keys: {', '.join(spec.fields)}",
            )
    for key, spec_field in spec.fields.items():
        if key not in entry:
            if spec_field.required:
                collector.add(origin, f"{name} is missing required key {key!r}")
            else:
                checked.valid.add(key)
            continue
        value = entry[key]
        problem = spec_field.kind.check(value)
        if problem is not None:
            collector.add(checked.at(key), f"{name}: {key!r} {problem}")
            continue
        if spec_field.choices and value not in spec_field.choices:
            collector.add(
                checked.at(key), f"{name}: {key!r} should be one of {', '.join(spec_field.choices)}, not {echo(value)}"
            )
            continue
        if value in spec_field.reserved:
            collector.add(
                checked.at(key),
                f"{name}: {key!r} cannot be {value!r}, a name the site's own pages use ({spec_field.reserved_why}); "
                "choose another",
            )
            continue
        checked.valid.add(key)
        if spec_field.items is not None:
            checked.items[key] = _check_items(collector, checked, key, spec_field.items)
    for key, spec_field in spec.fields.items():
        rule = spec_field.present_when
        if rule is None or rule.key not in checked.valid or rule.key not in entry:
            continue
        called_for = entry[rule.key] == rule.value
        if called_for and key not in entry:
            collector.add(checked.at(rule.key), f"{name}: {rule.missing}")
            checked.valid.discard(key)
        elif not called_for and key in entry:
            collector.add(checked.at(key), f"{name}: {rule.extra}")
            checked.valid.discard(key)
    return checked


def _check_items(collector: Collector, owner: Checked, key: str, spec: Spec[Any]) -> list[Checked | None]:
    items: list[Checked | None] = []
    for number, item in enumerate(owner.entry[key], start=1):
        name = f"{owner.name}, {spec.noun} {number}"
        if not isinstance(item, LineMap):
            line = item_line(owner.entry[key], number, owner.at(key).line or 1)
            keys = and_list(list(spec.fields))
            collector.add(
                Origin(owner.origin.file, line), f"{name} should be a mapping with {keys}, not {describe(item)}"
            )
            items.append(None)
            continue
        items.append(check_entry(collector, item, Origin(owner.origin.file, item.line), spec, name))
    return items


def and_list(words: list[str]) -> str:
    """Words as a sentence lists them: a, b and c."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def entry_name(what: str, entry: LineMap, index: int) -> str:
    """How messages name an entry: by its id, or by its place in the file."""
    identifier = entry.get("id")
    if isinstance(identifier, str) and identifier.strip() and len(identifier) <= 100:
        return f"{what} {identifier!r}"
    return f"{what} #{index}"


# An id is a slug of several words: only a near miss (a typo, a letter swapped) is worth naming.
ID_CUTOFF = 0.85


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """ " (did you mean 'x'?)" for the known name closest to a misspelt one, or "" if none is close.

    Names whose lengths alone rule them out are never compared (difflib's ratio is at most
    2 * shorter / (both lengths)), so a name of megabytes costs nothing.
    """
    near = [k for k in known if 2 * min(len(k), len(name)) >= cutoff * (len(k) + len(name))]
    hint = difflib.get_close_matches(name, near, n=1, cutoff=cutoff) if near else []
    return f" (did you mean {echo(hint[0])}?)" if hint else ""
