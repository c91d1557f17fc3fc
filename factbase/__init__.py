"""The fact base: sources, topics and facts read from data/, checked, as immutable objects.

Pure Python: nothing here knows about MkDocs or any other site generator.
"""

from __future__ import annotations

from factbase.article import CREDIT_LINE, Article, Paragraph
from factbase.collector import DataError, Problem
from factbase.loader import load_factbase
from factbase.model import (
    Citation,
    Correction,
    Entity,
    Fact,
    FactBase,
    Figure,
    Location,
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
]
