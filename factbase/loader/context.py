"""What every step of loading shares: where data/ is, the problems found so far, and what has loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from factbase.collector import ID_CUTOFF, Checked, Collector, check_entry, did_you_mean, entry_name, item_line
from factbase.datafiles import DataFiles, scan
from factbase.kinds import ID_PATTERN, describe
from factbase.model import Source, Topic
from factbase.specs import Spec
from factbase.textindex import Corpus
from factbase.yamlfile import LineList, LineMap, Origin, YamlFileError, read_yaml

T = TypeVar("T")
Entries = list[tuple[LineMap, Origin]]


# How many "did you mean" hints one check gives: each compares a name with every id of its kind,
# and a hint is help for the first few typos, not for a file of them.
HINTS = 20


def declared_ids(entries: Entries | None) -> set[str] | None:
    """The ids entries declare, sound or not; None when references to them cannot be checked:
    their file could not be read, or an entry's id is malformed (`reg/ulation`, or `404`, which
    YAML reads as a number), so that a reference to no declared id may mean that entry.

    A reference to a declared id is never reported: if that entry is broken, its own problem
    is the one to fix. Nor is one that might mean a malformed id: that id's problem is.
    """
    if entries is None:
        return None
    ids = [entry["id"] for entry, _ in entries if "id" in entry]
    if not all(isinstance(identifier, str) and ID_PATTERN.match(identifier) for identifier in ids):
        return None
    return set(ids)


class Loader:
    """The shared state of one load of data/."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.collector = Collector()
        self.files: DataFiles = scan(data_dir)
        for problem in self.files.problems:
            self.collector.add(problem.origin, problem.message)
        # What loaded, and what was declared (None: its file was unreadable, so do not check
        # references to it). Filled in by each step in turn.
        self.sources: dict[str, Source] = {}
        self.source_ids: set[str] | None = None
        self.topics: dict[str, Topic] = {}
        self.topic_ids: set[str] | None = None
        self.entity_ids: set[str] | None = None
        self.fact_ids: set[str] | None = None
        # Every paragraph of every loaded source, for the own-words rule; set once sources load.
        self.corpus: Corpus | None = None
        self.copies: dict[str, list[Source]] = {}  # each report's loaded copies, by the original's id
        self._hints = 0

    def add(self, origin: Origin, message: str) -> None:
        self.collector.add(origin, message)

    def hint(self, name: str, known: set[str]) -> str:
        """ " (did you mean 'x'?)" for the declared id closest to an unknown one, for the first HINTS."""
        self._hints += 1
        return did_you_mean(name, known, ID_CUTOFF) if self._hints <= HINTS else ""

    def shown(self, relative: str) -> str:
        """A path under data/ as messages show it: data/facts/x.yaml."""
        return f"{self.data_dir.name}/{relative}"

    def read(self, name: str, what: str, required: bool = True) -> Entries | None:
        """The entries of a top-level data file: [] if an optional one is absent, None if unreadable."""
        if name not in self.files.top:
            if name in self.files.rejected:
                return None
            if required:
                self.add(Origin(self.shown(name)), "is missing")
                return None
            return []
        return self.read_path(self.data_dir / name, name, what)

    def read_path(self, path: Path, relative: str, what: str) -> Entries | None:
        """The mappings listed in one YAML file with their origins; None if the file is unreadable."""
        shown = self.shown(relative)
        try:
            document = read_yaml(path, shown)
        except YamlFileError as error:
            for origin, message in error.problems:
                self.add(origin, message)
            self.collector.count_unlisted(error.more)
            return None
        if not isinstance(document, LineList):
            line = getattr(document, "line", 1)
            self.add(Origin(shown, line), f"should hold a list of {what}s, one per '- ' item")
            return None
        result = []
        for index, item in enumerate(document, start=1):
            if not isinstance(item, LineMap):
                self.add(
                    Origin(shown, item_line(document, index, document.line)),
                    f"{what} #{index} should be a mapping of keys, not {describe(item)}",
                )
                continue
            result.append((item, Origin(shown, item.line)))
        return result

    def build_all(self, entries: Entries | None, spec: Spec[Any], build: Callable[[Checked], T | None]) -> list[T]:
        """Check and build every entry of one kind; keep those wholly sound with an id of their own."""
        built: list[T] = []
        seen: dict[str, Origin] = {}
        for index, (entry, origin) in enumerate(entries or [], start=1):
            checked = check_entry(self.collector, entry, origin, spec, entry_name(spec.noun, entry, index))
            unique = self.unique_id(checked, seen)
            result = build(checked)
            if result is not None and unique and checked.sound(spec):
                built.append(result)
        return built

    def unique_id(self, checked: Checked, seen: dict[str, Origin]) -> bool:
        """True if the entry's id is well-formed and not used before (recording it as used)."""
        identifier = checked.get("id")
        if not isinstance(identifier, str) or not ID_PATTERN.match(identifier):
            return False
        here = checked.at("id")
        if identifier in seen:
            self.add(here, f"{checked.name}: id is already used at {seen[identifier]}")
            return False
        seen[identifier] = here
        return True
