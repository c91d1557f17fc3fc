"""The corrections log: each change to facts the site had published, dated, with what and why."""

from __future__ import annotations

import datetime

from factbase.collector import Checked
from factbase.loader.citations import own_words_verified, quoted_words_verified
from factbase.loader.context import Loader
from factbase.loader.references import references_exist
from factbase.model import Citation, Correction, Fact
from factbase.specs import CORRECTION, CORRECTIONS_FILE, FACTS_DIR


def load_corrections(loader: Loader, facts: list[Fact]) -> list[Correction]:
    """The corrections in data/corrections.yaml (optional), newest first."""
    entries = loader.read(CORRECTIONS_FILE, "correction", required=False)
    by_id = {fact.id: fact for fact in facts}
    corrections = loader.build_all(entries, CORRECTION, lambda checked: _build(loader, checked, by_id))
    return sorted(corrections, key=lambda correction: correction.date, reverse=True)


def _build(loader: Loader, entry: Checked, facts: dict[str, Fact]) -> Correction | None:
    facts_ok = references_exist(loader, entry, "facts", loader.fact_ids, f"{FACTS_DIR}/")
    if not (facts_ok and entry.sound(CORRECTION)):
        return None
    corrected = [facts[fact_id] for fact_id in entry["facts"] if fact_id in facts]
    if len(corrected) < len(entry["facts"]):
        return None  # a fact it names did not load: that fact's own problem is reported
    if len(set(entry["facts"])) < len(entry["facts"]):
        loader.add(entry.at("facts"), f"{entry.name} lists a fact twice")
        return None
    date = datetime.date.fromisoformat(entry["date"])
    for fact in corrected:
        if date < fact.added:
            loader.add(
                entry.at("date"),
                f"{entry.name}: dated {date.isoformat()}, before fact {fact.id!r} was added "
                f"({fact.added.isoformat()}); a correction comes after what it corrects",
            )
            return None
    # The change and its reason are the site's own words about what the report says: quote marks hold
    # the words of the paragraphs the corrected facts cite, and nothing else copies them.
    citations: tuple[Citation, ...] = tuple(citation for fact in corrected for citation in fact.citations)
    checks = [
        check(loader, entry, key, citations)
        for key in ("change", "reason")
        for check in (quoted_words_verified, own_words_verified)
    ]
    if not all(checks):
        return None
    return Correction(
        id=entry["id"],
        date=date,
        facts=tuple(entry["facts"]),
        change=entry["change"],
        reason=entry["reason"],
        origin=entry.origin,
    )
