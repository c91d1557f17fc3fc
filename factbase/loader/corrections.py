"""The corrections log: each change to facts the site had published, dated, with what and why."""

from __future__ import annotations

import datetime

from factbase.collector import Checked
from factbase.loader.citations import own_words_verified, quoted_words_verified
from factbase.loader.context import Loader
from factbase.loader.references import references_exist
from factbase.model import Citation, Correction, Fact, Source
from factbase.specs import CORRECTION, CORRECTIONS_FILE, FACTS_DIR


def load_corrections(loader: Loader, facts: list[Fact]) -> list[Correction]:
    """The corrections in data/corrections.yaml (optional), newest first."""
    entries = loader.read(CORRECTIONS_FILE, "correction", required=False)
    by_id = {fact.id: fact for fact in facts}
    withdrawn: dict[str, Checked] = {}  # each retracted fact id: the correction that retracted it
    # A withdrawn fact is gone from the data: the earliest report is the least it came after.
    first = min(loader.sources.values(), key=lambda source: source.published, default=None)
    corrections = loader.build_all(
        entries, CORRECTION, lambda checked: _build(loader, checked, by_id, withdrawn, first)
    )
    return sorted(corrections, key=lambda correction: correction.date, reverse=True)


def _build(
    loader: Loader, entry: Checked, facts: dict[str, Fact], withdrawn: dict[str, Checked], first: Source | None
) -> Correction | None:
    facts_ok = references_exist(loader, entry, "facts", loader.fact_ids, f"{FACTS_DIR}/")
    if not (facts_ok and entry.sound(CORRECTION)):
        return None
    data = entry.values(CORRECTION)
    named = data.get("facts", [])
    retracted = data.get("retracted", [])
    if not named and not retracted:
        loader.add(
            entry.origin,
            f"{entry.name} names no fact: list the facts it changed under 'facts', "
            "or those it took off the site under 'retracted'",
        )
        return None
    if len(set(named + retracted)) < len(named + retracted):
        loader.add(entry.at("retracted" if entry.has("retracted") else "facts"), f"{entry.name} lists a fact twice")
        return None
    still_there = [fact_id for fact_id in retracted if loader.fact_ids is not None and fact_id in loader.fact_ids]
    for fact_id in still_there:
        loader.add(
            entry.at("retracted"),
            f"{entry.name} lists {fact_id!r} as retracted, but it is still in data/{FACTS_DIR}/; "
            "take the fact out, or list it under 'facts' if it was changed, not withdrawn",
        )
    if still_there:
        return None
    # Which ids were ever published, data alone cannot say (git history can); what it can say is
    # that a fact is withdrawn once, and not before there was a report for it to come from.
    twice = [fact_id for fact_id in retracted if fact_id in withdrawn]
    for fact_id in twice:
        earlier = withdrawn[fact_id]
        loader.add(
            entry.at("retracted"),
            f"{entry.name} lists {fact_id!r} as retracted, but {earlier.name} ({earlier.at('retracted')}) "
            "retracted it already; a fact is withdrawn once",
        )
    withdrawn.update((fact_id, entry) for fact_id in retracted if fact_id not in withdrawn)
    if twice:
        return None
    corrected = [facts[fact_id] for fact_id in named if fact_id in facts]
    if len(corrected) < len(named):
        return None  # a fact it names did not load: that fact's own problem is reported
    date = datetime.date.fromisoformat(data["date"])
    for fact in corrected:
        if date < fact.added:
            loader.add(
                entry.at("date"),
                f"{entry.name}: dated {date.isoformat()}, before fact {fact.id!r} was added "
                f"({fact.added.isoformat()}); a correction comes after what it corrects",
            )
            return None
    if first is not None and date < first.published:
        loader.add(
            entry.at("date"),
            f"{entry.name}: dated {date.isoformat()}, before the report it corrects was published "
            f"({first.published.isoformat()}, source {first.id!r}); a correction comes after what it corrects",
        )
        return None
    # The change and its reason are the site's own words about what the report says: quote marks hold
    # the words of the paragraphs the corrected facts cite, and nothing else copies them.
    citations: tuple[Citation, ...] = tuple(citation for fact in corrected for citation in fact.citations)
    written = [key for key in ("change", "reason", "summary") if key in entry.entry]
    checks = [
        *(quoted_words_verified(loader, entry, key, citations) for key in written),
        own_words_verified(loader, entry, CORRECTION),
    ]
    if not all(checks):
        return None
    return Correction(
        id=data["id"],
        date=date,
        facts=tuple(named),
        change=data["change"],
        reason=data["reason"],
        origin=entry.origin,
        retracted=tuple(retracted),
        summary=data.get("summary"),
    )
