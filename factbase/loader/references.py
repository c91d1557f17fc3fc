"""The reference entries: people, organisations and places; figures; quotations."""

from __future__ import annotations

from factbase.collector import Checked
from factbase.limits import echo
from factbase.loader.citations import citations_of, own_words_verified, quoted_words_verified, turn_after
from factbase.loader.context import Entries, Loader, declared_ids
from factbase.loader.wording import relative_dates_refused
from factbase.model import Entity, Figure, Quotation
from factbase.specs import ENTITIES_FILE, ENTITY, FIGURE, FIGURES_FILE, QUOTATION, QUOTATIONS_FILE
from factbase.words import find_whole_words, whole_words_in, words


def references_exist(loader: Loader, entry: Checked, key: str, known_ids: set[str] | None, file: str) -> bool:
    """Every id listed (or given) under key is declared in file; True when unchecked or absent."""
    value = entry.get(key)
    if value is None or known_ids is None or not entry.has(key):
        return True
    ids = value if isinstance(value, list) else [value]
    missing = [i for i in ids if i not in known_ids]
    for identifier in missing:
        hint = loader.hint(identifier, known_ids)
        loader.add(
            entry.at(key), f"{entry.name} refers under {key!r} to {echo(identifier)}, which is not in data/{file}{hint}"
        )
    return not missing


def read_entities(loader: Loader) -> Entries | None:
    """Read data/entities.yaml ahead of the facts, which refer to its ids."""
    entries = loader.read(ENTITIES_FILE, "entity", required=False)
    loader.entity_ids = declared_ids(entries)
    return entries


def load_entities(loader: Loader, entries: Entries | None) -> list[Entity]:
    return loader.build_all(entries, ENTITY, lambda checked: _build_entity(loader, checked))


def load_figures(loader: Loader) -> list[Figure]:
    entries = loader.read(FIGURES_FILE, "figure", required=False)
    return loader.build_all(entries, FIGURE, lambda checked: _build_figure(loader, checked))


def load_quotations(loader: Loader) -> list[Quotation]:
    entries = loader.read(QUOTATIONS_FILE, "quotation", required=False)
    return loader.build_all(entries, QUOTATION, lambda checked: _build_quotation(loader, checked))


def _build_entity(loader: Loader, entry: Checked) -> Entity | None:
    citations = citations_of(loader, entry)
    if citations is None or not entry.sound(ENTITY):
        return None
    if not (
        quoted_words_verified(loader, entry, "description", citations)
        and own_words_verified(loader, entry, ENTITY)
        and relative_dates_refused(loader, entry, "description", None)
    ):
        return None
    data = entry.values(ENTITY)
    return Entity(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        aliases=tuple(data.get("aliases", ())),
        description=data["description"],
        citations=citations,
        origin=entry.origin,
    )


def _build_figure(loader: Loader, entry: Checked) -> Figure | None:
    citations = citations_of(loader, entry)
    given_by_ok = references_exist(loader, entry, "given_by", loader.entity_ids, ENTITIES_FILE)
    if citations is None or not entry.sound(FIGURE) or not given_by_ok:
        return None
    if not any(whole_words_in(citation.quote, entry["as_written"]) for citation in citations):
        loader.add(
            entry.at("as_written"),
            f"{entry.name}: {echo(entry['as_written'])} is not in any of its quotes; "
            "write the number as the report does",
        )
        return None
    if not own_words_verified(loader, entry, FIGURE):
        return None
    data = entry.values(FIGURE)
    return Figure(
        id=data["id"],
        as_written=data["as_written"],
        value=data["value"],
        unit=data["unit"],
        counts=data["counts"],
        given_by=data.get("given_by"),
        citation=citations[0],
        origin=entry.origin,
    )


def _build_quotation(loader: Loader, entry: Checked) -> Quotation | None:
    citations = citations_of(loader, entry)
    speaker_ok = references_exist(loader, entry, "speaker", loader.entity_ids, ENTITIES_FILE)
    if citations is None or not entry.sound(QUOTATION) or not speaker_ok:
        return None
    first = citations[0]
    index = loader.sources[first.source_id].index
    paragraph = index.paragraph(first.paragraph)
    marked = f"“{entry['words']}”"
    if paragraph is None or index.find(paragraph, marked) == -1:
        loader.add(
            entry.at("words"),
            f"{entry.name}: {echo(marked)} is not in {first.location.label} of source {first.source_id!r}; "
            "give exactly the words between the report's quote marks, and cite where they stand first",
        )
        return None
    checks = [
        _excerpt_verified(loader, entry),
        quoted_words_verified(loader, entry, "attribution", citations),
        own_words_verified(loader, entry, QUOTATION),
        relative_dates_refused(loader, entry, "attribution", None),
    ]
    if not all(checks):
        return None
    data = entry.values(QUOTATION)
    return Quotation(
        id=data["id"],
        words=data["words"],
        excerpt=data.get("excerpt"),
        about=data["about"],
        speaker=data["speaker"],
        attribution=data["attribution"],
        citations=citations,
        origin=entry.origin,
    )


# Words that cannot open what is left after a cut without what came before them: a relative
# pronoun needs the person it is about ("… who will bear the burden": who will?), a verb its
# subject ("… will not only fail": what will?), a negation or a conjunction the clause it
# continues ("… not to get compensation": what is not?).
DEPENDENT_OPENINGS = frozenset(
    {"who", "whom", "whose", "which", "not", "but", "and", "or", "nor", "than"}
    | {"will", "would", "may", "might", "can", "could", "shall", "should", "must"}
    | {"is", "are", "was", "were", "has", "have", "had", "does", "do", "did"}
)


def first_word(text: str) -> str:
    """The first word of a text, as the copying rules count words (lower case)."""
    found = words(text)
    return found[0].text if found else ""


def _excerpt_verified(loader: Loader, entry: Checked) -> bool:
    """A quotation's excerpt is pieces of its words, in order, none stopping before a turn nor,
    after a cut, beginning without the words it depends on."""
    if "excerpt" not in entry.entry or not entry.has("excerpt"):
        return True
    said, at = entry["words"], entry.at("excerpt")
    pieces = [piece.strip() for piece in entry["excerpt"].split("…")]
    rest = 0
    for number, piece in enumerate(pieces):
        if not piece:
            continue
        start = find_whole_words(said[rest:], piece)
        if start == -1:
            loader.add(at, f"{entry.name}: excerpt piece {echo(piece)} is not in its words (in order, word for word)")
            return False
        first = first_word(piece)
        if number > 0 and rest + start > 0 and first in DEPENDENT_OPENINGS:
            loader.add(
                at,
                f"{entry.name}: excerpt piece {echo(piece)} begins with {first!r} after a cut, which drops what it "
                "depends on (who or what the words are about); begin the piece earlier",
            )
            return False
        turn = turn_after(said[rest:], piece)
        if turn is not None:
            loader.add(
                at,
                f"{entry.name}: excerpt piece {echo(piece)} stops just before {turn!r}, "
                "a turn that may change its meaning",
            )
            return False
        rest += start + len(piece)
    return True
