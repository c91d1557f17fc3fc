"""Which files in data/ the loader reads, and a problem for every file it would otherwise skip.

data/ holds the top-level data files, facts/*.yaml and texts/*. Anything else there is
reported, never skipped in silence: a `.yml` file, a folder inside facts/, a symbolic link (which
could lead out of data/), a named pipe or device (which would hang or flood a read). Editors'
own files are left alone: names that start with `.` or `#`, or end with `~` (swap files,
backups, autosaves), so that saving in an editor never breaks a running `mkdocs serve`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from factbase.collector import Problem
from factbase.kinds import INVISIBLE, invisible_character
from factbase.specs import (
    CORRECTIONS_FILE,
    ENTITIES_FILE,
    FACTS_DIR,
    FIGURES_FILE,
    QUOTATIONS_FILE,
    SOURCES_FILE,
    TEXTS_DIR,
    TOPICS_FILE,
)
from factbase.yamlfile import Origin

TOP_FILES = (SOURCES_FILE, TOPICS_FILE, ENTITIES_FILE, FIGURES_FILE, QUOTATIONS_FILE, CORRECTIONS_FILE)
LAYOUT = f"{', '.join(TOP_FILES)}, {FACTS_DIR}/ and {TEXTS_DIR}/"


def is_editor_file(name: str) -> bool:
    """A file an editor keeps beside the one being edited: hidden, autosave or backup."""
    return name.startswith((".", "#")) or name.endswith("~")


def _special(mode: int) -> str:
    return "a named pipe" if stat.S_ISFIFO(mode) else "a socket, a device or another special file"


@dataclass(frozen=True)
class DataFiles:
    """The regular files the loader reads, and the problems with everything else in data/."""

    top: frozenset[str]  # the top-level data files present
    facts: tuple[Path, ...]  # data/facts/*.yaml, in name order
    texts: frozenset[str]  # data/texts/ files, as sources name them: texts/<name>
    rejected: frozenset[str]  # paths under data/ already reported as problems, as sources name them
    problems: tuple[Problem, ...]


class _Scan:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.rejected: set[str] = set()

    def shown(self, relative: str) -> str:
        """A path as a message names it, any control or invisible character in it written as an
        escape (\\x1b, \\u202e): a file name must not drive the terminal or reorder the message."""
        return INVISIBLE.sub(lambda char: ascii(char.group(0))[1:-1], f"{self.data_dir.name}/{relative}")

    def named_plainly(self, relative: str, name: str) -> bool:
        """True for a name without control or invisible characters; otherwise it is refused (named
        with escapes) and never read, so that no later message, page or link names it raw."""
        invisible = invisible_character(name)
        if invisible is not None:
            self.refuse(
                relative,
                f"has a name that holds {invisible}, which would be invisible or reorder the text "
                "of every message that names it; rename it",
            )
        return invisible is None

    def refuse(self, relative: str, message: str) -> None:
        self.problems.append(Problem(Origin(self.shown(relative)), message))
        self.rejected.add(relative)

    def regular(self, entry: os.DirEntry[str], relative: str) -> bool:
        """True for a regular file; otherwise the reason it is refused is reported."""
        if entry.is_symlink():
            self.refuse(relative, "is a symbolic link; data/ holds regular files only: put the file itself here")
            return False
        if entry.is_dir(follow_symlinks=False):
            return False
        mode = entry.stat(follow_symlinks=False).st_mode
        if not stat.S_ISREG(mode):
            self.refuse(relative, f"is {_special(mode)}; data/ holds regular files only")
            return False
        return True

    def folder(self, relative: str) -> list[os.DirEntry[str]] | None:
        path = self.data_dir / relative
        if path.is_symlink():
            self.refuse(relative, "is a symbolic link; data/ holds regular files only: put the folder itself here")
            return None
        if not path.is_dir():
            return None
        with os.scandir(path) as entries:
            return sorted((e for e in entries if not is_editor_file(e.name)), key=lambda e: e.name)


def scan(data_dir: Path) -> DataFiles:
    """Sort what is in data/ into what the loader reads and what it reports."""
    found = _Scan(data_dir)
    top: set[str] = set()
    facts: list[Path] = []
    texts: set[str] = set()
    for entry in found.folder("") or []:
        name = entry.name
        if name in (FACTS_DIR, TEXTS_DIR):
            if not entry.is_symlink() and not entry.is_dir(follow_symlinks=False):
                found.refuse(name, "should be a folder")
            continue  # a symbolic link is reported when the folder is read
        if name in TOP_FILES:
            if found.regular(entry, name):
                top.add(name)
            elif entry.is_dir(follow_symlinks=False):
                found.refuse(name, "is a folder; it should be a YAML file")
        elif name.endswith(".yml") and name.removesuffix(".yml") + ".yaml" in TOP_FILES:
            found.refuse(name, f"ends in .yml, so it would not be read: rename it to {name.removesuffix('.yml')}.yaml")
        else:
            found.refuse(name, f"is not a file the site reads; data/ holds {LAYOUT}")
    for entry in found.folder(FACTS_DIR) or []:
        relative = f"{FACTS_DIR}/{entry.name}"
        if entry.is_dir(follow_symlinks=False) and not entry.is_symlink():
            found.refuse(
                relative,
                f"is a folder; facts are read from the .yaml files directly in data/{FACTS_DIR}/, not from folders",
            )
        elif not found.regular(entry, relative) or not found.named_plainly(relative, entry.name):
            continue
        elif entry.name.endswith(".yaml"):
            facts.append(Path(entry.path))
        elif entry.name.endswith(".yml"):
            found.refuse(relative, f"ends in .yml, so it would not be read: rename it to {entry.name[:-4]}.yaml")
        else:
            found.refuse(relative, f"is not a .yaml file; data/{FACTS_DIR}/ holds only .yaml files of facts")
    for entry in found.folder(TEXTS_DIR) or []:
        relative = f"{TEXTS_DIR}/{entry.name}"
        if entry.is_dir(follow_symlinks=False) and not entry.is_symlink():
            found.refuse(relative, f"is a folder; data/{TEXTS_DIR}/ holds the stored texts only, as files")
        elif found.regular(entry, relative) and found.named_plainly(relative, entry.name):
            texts.add(relative)
    return DataFiles(frozenset(top), tuple(facts), frozenset(texts), frozenset(found.rejected), tuple(found.problems))
