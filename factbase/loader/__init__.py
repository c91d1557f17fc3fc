"""Turn the YAML in data/ into a checked FactBase, or report every problem at once.

Knows nothing of MkDocs. Every problem is reported as `file:line: what is wrong`, once: an
entry that refers to a broken one is not blamed for it.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factbase.collector import DataError, Problem
from factbase.loader.budget import quoted_shares
from factbase.loader.context import Loader
from factbase.loader.corrections import load_corrections
from factbase.loader.facts import load_facts
from factbase.loader.references import load_entities, load_figures, load_quotations, read_entities
from factbase.loader.sources import load_sources
from factbase.loader.topics import check_introductions, load_topics
from factbase.model import FactBase
from factbase.yamlfile import Origin

__all__ = ["DataError", "Problem", "load_factbase"]


@contextmanager
def _collector_held_off() -> Iterator[None]:
    """The cyclic garbage collector held off while loading, and on again after if it was on.

    Loading builds millions of small objects and no cycles: the collector would only scan them
    again and again, the whole heap each time it has grown by a quarter, which at 1,000 times
    the real corpus was half the time a load took (and grew faster than the data).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_factbase(data_dir: Path) -> FactBase:
    """Load and check everything in data_dir; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(Origin(data_dir.name or str(data_dir)), "is not a folder of data")])
    with _collector_held_off():
        return _load(data_dir)


def _load(data_dir: Path) -> FactBase:
    loader = Loader(data_dir)
    load_sources(loader)
    load_topics(loader)
    entity_entries = read_entities(loader)
    entities = load_entities(loader, entity_entries)
    facts = load_facts(loader)
    figures = load_figures(loader)
    quotations = load_quotations(loader)
    corrections = load_corrections(loader, facts)
    check_introductions(loader, facts)
    loaded = FactBase(
        sources=tuple(loader.sources.values()),
        topics=tuple(loader.topics.values()),
        facts=tuple(facts),
        entities=tuple(entities),
        figures=tuple(figures),
        quotations=tuple(quotations),
        corrections=tuple(corrections),
    )
    shares = quoted_shares(loader, loaded)
    if loader.collector.problems:
        raise loader.collector.error()
    return dataclasses.replace(loaded, quoted_shares=shares)
