"""Synthetic corpora shaped like the real one, at any multiple of its size.

Each copy of the real report gets its own ids, stored texts and names: every id gains a
suffix (`-r7`), and every name of a person, organisation or place gains a tag on its last
word (`Guo BingR7`), in the stored texts and in the data alike, so quotes still verify and
each fact mentions the people of its own report only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parent.parent
REAL = PROJECT / "data"
# What a build reads besides the data and the installed plugin.
SITE_INPUTS = ("mkdocs.yml", "docs", "macros", "overrides")
ID_KEYS = {"id", "source", "speaker", "given_by", "copy_of"}
ID_LIST_KEYS = {"mentions", "introduction", "facts"}


def _read(name: str) -> Any:
    return yaml.safe_load((REAL / name).read_text(encoding="utf-8"))


class _PlainDumper(yaml.SafeDumper):
    """Writes a value shared by several entries out in full each time: data files refuse anchors."""

    def ignore_aliases(self, _data: Any) -> bool:
        return True


def _dump(path: Path, entries: list[Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(entries, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


class _Copy:
    """How one copy of the report renames ids and names."""

    def __init__(self, number: int, names: list[str]) -> None:
        self.suffix = f"-r{number}"
        self.tag = f"R{number}"
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        self._names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def text(self, value: str) -> str:
        return self._names.sub(lambda match: match.group(0) + self.tag, value)

    def id(self, value: str) -> str:
        return value + self.suffix

    def topic_ref(self, value: str) -> str:
        topic, slash, section = value.partition("/")
        return self.id(topic) + slash + section

    def entry(self, value: Any, key: str | None = None) -> Any:
        """An entry (or any value in it) renamed for this copy."""
        if isinstance(value, dict):
            return {k: self.entry(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key == "topics":
                return [self.topic_ref(v) for v in value]
            if key in ID_LIST_KEYS:
                return [self.id(v) for v in value]
            if key == "sections":
                return value
            return [self.entry(v) for v in value]
        if isinstance(value, str):
            if key in ID_KEYS:
                return self.id(value)
            if key == "text":
                return value.replace(".txt", f"{self.suffix}.txt")
            if key in ("paragraph", "published", "url", "url_note"):
                return value
            return self.text(value)
        return value


def generate(destination: Path, copies: int) -> dict[str, int]:
    """Write a project with `copies` copies of the real corpus to destination; return its counts."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_INPUTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)

    sources, topics = _read("sources.yaml"), _read("topics.yaml")
    entities, figures, quotations = _read("entities.yaml"), _read("figures.yaml"), _read("quotations.yaml")
    corrections = _read("corrections.yaml") if (REAL / "corrections.yaml").is_file() else []
    facts = [
        fact
        for path in sorted((REAL / "facts").glob("*.yaml"))
        for fact in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    names = [name for entity in entities for name in [entity["name"], *entity.get("aliases", [])]]
    texts = {path.name: path.read_text(encoding="utf-8") for path in (REAL / "texts").glob("*.txt")}

    data = destination / "data"
    out: dict[str, list[Any]] = {
        "sources": [],
        "topics": [],
        "entities": [],
        "figures": [],
        "quotations": [],
        "corrections": [],
    }
    for number in range(1, copies + 1):
        copy = _Copy(number, names)
        for name, text in texts.items():
            target = data / "texts" / name.replace(".txt", f"{copy.suffix}.txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(copy.text(text), encoding="utf-8")
        kinds = {"sources": sources, "topics": topics, "entities": entities, "figures": figures}
        for kind, entries in {**kinds, "quotations": quotations, "corrections": corrections}.items():
            out[kind].extend(copy.entry(entry) for entry in entries)
        _dump(data / "facts" / f"report-{number}.yaml", [copy.entry(fact) for fact in facts])
    for kind, entries in out.items():
        _dump(data / f"{kind}.yaml", entries)
    # The home page cites facts by id: point it at the first copy's.
    index = destination / "docs" / "index.md"
    home = index.read_text(encoding="utf-8")
    for fact in facts:
        home = home.replace(f'"{fact["id"]}"', f'"{fact["id"]}-r1"')
    for source in sources:
        home = home.replace(f"sources/{source['id']}.md", f"sources/{source['id']}-r1.md")
    index.write_text(home, encoding="utf-8")
    return {
        "sources": len(out["sources"]),
        "facts": len(facts) * copies,
        "topics": len(out["topics"]),
        "entities": len(out["entities"]),
    }
