"""The fact base: sources, topics and facts read from data/, checked, as immutable objects.

Pure Python: nothing here knows about MkDocs or any other site generator.
"""

from __future__ import annotations

from pathlib import Path

from factbase.collector import DataError, Problem
from factbase.datafiles import fingerprint
from factbase.loader import load_factbase
from factbase.model import (
    CREDIT_LINE,
    Article,
    Citation,
    Correction,
    Entity,
    Fact,
    FactBase,
    Figure,
    Location,
    Paragraph,
    Placement,
    Quotation,
    QuotedShare,
    ResolvedDate,
    Section,
    Source,
    Topic,
)
from factbase.queries import FactIndex

__all__ = [
    "CREDIT_LINE",
    "Article",
    "Citation",
    "Correction",
    "DataError",
    "Entity",
    "Fact",
    "FactBase",
    "FactIndex",
    "Figure",
    "Location",
    "Paragraph",
    "Placement",
    "Problem",
    "Quotation",
    "QuotedShare",
    "ResolvedDate",
    "Section",
    "Source",
    "Topic",
    "load_factbase",
    "load_once",
]

_last_load: tuple[tuple[tuple[str, int, int, int], ...], FactBase] | None = None


def load_once(data_dir: Path) -> FactBase:
    """load_factbase, reusing the last result while no file under data_dir has changed.

    A build asks for the fact base from more than one place (the page generator and the
    macros); this keeps it to one parse per build, and a fresh parse after any edit.
    """
    global _last_load
    data_dir = Path(data_dir).resolve()
    fingerprint_now = fingerprint(data_dir)
    if _last_load is not None and _last_load[0] == fingerprint_now:
        return _last_load[1]
    factbase = load_factbase(data_dir)
    _last_load = (fingerprint_now, factbase)
    return factbase
