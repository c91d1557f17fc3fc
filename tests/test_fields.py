"""Every field the spec knows reaches the model and the facts.json download, with its value: the
guard behind CONTRIBUTING.md's "Adding a field to the data (for developers)". The typed entries,
the data files' schemas and the guide are generated from the spec and held fresh by their own
tests; mypy checks the copy into the model and into the download's records; the download's JSON
Schema is made from those records, which tests/test_downloads.py holds to the spec.

The values come from the injection scenario's data, which holds every field of every kind of entry
(a test below keeps it so), loaded here without building a site.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from factbase import FactBase, load_factbase, model
from factbase.article import CREDIT_LINE
from factbase.model import Placement
from factbase.specs import CITATION, CORRECTION, ENTITY, FACT, FIGURE, QUOTATION, SECTION, SOURCE, TOPIC, Spec
from factsite.exports import fact_base_document

from . import test_injection as injection
from .test_downloads import LEFT_OUT

# Each kind of entry, the model's class for it.
MODELS: dict[str, type] = {
    SOURCE.noun: model.Source,
    TOPIC.noun: model.Topic,
    SECTION.noun: model.Section,
    FACT.noun: model.Fact,
    CITATION.noun: model.Citation,
    ENTITY.noun: model.Entity,
    FIGURE.noun: model.Figure,
    QUOTATION.noun: model.Quotation,
    CORRECTION.noun: model.Correction,
}
# Where a key of the data stands in the model, when not under its own name (a dotted path).
RENAMED = {
    ("source", "text"): "text_path",
    ("source", "subheads"): "layout.subheads",
    ("source", "furniture"): "layout.furniture",
    ("source", "photo_captions"): "layout.photo_captions",  # Source.photo_captions: the caption lines found
    ("source", "furniture_after"): "furniture_after.1",
    ("citation", "source"): "source_id",
    ("fact", "topics"): "placements",
    ("fact", "when"): "when.reported_as",
    ("figure", "citations"): "citation",
}


def path_of(spec: Spec[Any], key: str) -> str:
    return RENAMED.get((spec.noun, key), key)


def attribute_names(model: type) -> set[str]:
    """A model class's fields and properties."""
    fields = {field.name for field in dataclasses.fields(model)}
    return fields | {name for name, value in vars(model).items() if isinstance(value, property)}


@pytest.mark.parametrize("spec", injection.all_specs(), ids=lambda spec: spec.noun)
def test_every_field_of_the_spec_has_a_place_in_the_model(spec: Spec[Any]) -> None:
    model = MODELS[spec.noun]
    missing = [key for key in spec.fields if path_of(spec, key).split(".")[0] not in attribute_names(model)]
    assert not missing, f"{spec.noun} keys the model {model.__name__} does not hold: {missing} (see CONTRIBUTING.md)"


def test_the_scenario_data_holds_every_field_of_every_kind_of_entry() -> None:
    held = {(spec.noun, key) for spec, entry in entries() for key in entry}
    every = {(spec.noun, key) for spec in injection.all_specs() for key in spec.fields}
    assert every - held == set(), "add these fields to the injection scenario's data"


def data() -> dict[str, list[dict[str, Any]]]:
    """The injection scenario's data, with a retraction (a key it has no need of)."""
    found = copy.deepcopy(injection.DATA)
    found["corrections.yaml"][0]["retracted"] = ["withdrawn-fact"]
    return found


def entries() -> Iterator[tuple[Spec[Any], dict[str, Any]]]:
    """Every entry of the data, nested ones included, with its spec."""
    return injection.entries_with_spec(data())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    folder = tmp_path_factory.mktemp("fields") / "data"
    for name, listed in data().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(listed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (folder / "texts").mkdir()
    (folder / "texts" / "orig.txt").write_text(injection.stored_text(copy=False), encoding="utf-8")
    (folder / "texts" / "copy.txt").write_text(injection.stored_text(copy=True), encoding="utf-8")
    return load_factbase(Path(folder))


def follow(value: Any, path: str) -> Any:
    for step in path.split("."):
        value = value[int(step)] if step.isdigit() else getattr(value, step)
    return value


def reaches(spec: Spec[Any], raw: dict[str, Any], modelled: Any) -> list[str]:
    """The keys of a data entry whose value the model does not hold as given."""
    wrong = []
    for key, value in raw.items():
        field = spec.fields[key]
        held = follow(modelled, path_of(spec, key))
        if field.items is not None:
            pairs = list(zip(value, held if isinstance(held, tuple) else (held,), strict=True))
            wrong += [f"{key}: {problem}" for item, each in pairs for problem in reaches(field.items, item, each)]
        elif not same(value, held):
            wrong.append(f"{key}: {value!r} became {held!r}")
    return wrong


def same(raw: Any, held: Any) -> bool:
    """True if a value from data/ is the value the model holds, in the model's own type."""
    if isinstance(raw, list):
        return isinstance(held, tuple) and len(raw) == len(held) and all(map(same, raw, held))
    if isinstance(held, datetime.date):
        return held.isoformat() == raw
    if isinstance(held, Placement):
        return raw == (f"{held.topic}/{held.section}" if held.section else held.topic)
    if raw == "credit line":
        return held == CREDIT_LINE
    return bool(raw == held)


def test_every_value_in_the_data_reaches_the_model(loaded: FactBase) -> None:
    by_kind: dict[str, tuple[Any, ...]] = {
        "source": loaded.sources,
        "topic": loaded.topics,
        "fact": loaded.facts,
        "entity": loaded.entities,
        "figure": loaded.figures,
        "quotation": loaded.quotations,
        "correction": loaded.corrections,
    }
    checked = 0
    for spec, entry in entries():
        if spec.noun not in by_kind:
            continue  # a nested entry: checked with its owner
        modelled = next(each for each in by_kind[spec.noun] if each.id == entry["id"])
        assert reaches(spec, entry, modelled) == [], f"{spec.noun} {entry['id']!r}"
        checked += 1
    assert checked == sum(len(listed) for listed in data().values())


# Where a key of the data stands in its facts.json record, when not under its own name.
EXPORTED_AS = {("fact", "when"): "when.reported_as"}


def exported_wrong(spec: Spec[Any], raw: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The keys of a data entry whose value its facts.json record does not hold as given."""
    wrong = []
    for key, value in raw.items():
        if (spec.noun, key) in LEFT_OUT:
            continue
        held: Any = record
        for step in EXPORTED_AS.get((spec.noun, key), key).split("."):
            held = held[step]
        field = spec.fields[key]
        if field.items is not None:
            wrong += [
                f"{key}: {p}"
                for item, each in zip(value, held, strict=True)
                for p in exported_wrong(field.items, item, each)
            ]
        elif value != held:
            wrong.append(f"{key}: {value!r} became {held!r}")
    return wrong


def test_every_value_in_the_data_reaches_the_download(loaded: FactBase) -> None:
    document = msgspec.to_builtins(fact_base_document(loaded))
    plural = {"source": "sources", "topic": "topics", "fact": "facts", "entity": "entities", "figure": "figures"}
    plural |= {"quotation": "quotations", "correction": "corrections"}
    checked = 0
    for spec, entry in entries():
        if spec.noun not in plural:
            continue  # a nested entry: checked with its owner
        record = next(each for each in document[plural[spec.noun]] if each["id"] == entry["id"])
        assert exported_wrong(spec, entry, record) == [], f"{spec.noun} {entry['id']!r}"
        checked += 1
    assert checked == sum(len(listed) for listed in data().values())
