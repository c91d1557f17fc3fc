"""Questions asked of the fact base across its entries: which facts a topic files, which people a
fact names, which paragraphs are cited, and so on.

Each index is built once, on first use, so that a page asks in O(answer).
"""

from __future__ import annotations

from functools import cached_property

from factbase.article import LOCATOR_WORDS
from factbase.model import (
    Citation,
    Correction,
    Entity,
    Fact,
    FactBase,
    Figure,
    Location,
    Quotation,
)
from factbase.names import NameIndex


class FactIndex:
    """The cross-references of one fact base."""

    def __init__(self, factbase: FactBase) -> None:
        self.factbase = factbase

    @cached_property
    def _facts_by_placement(self) -> dict[tuple[str, str | None], list[Fact]]:
        index: dict[tuple[str, str | None], list[Fact]] = {}
        for fact in self.factbase.facts:
            for placement in dict.fromkeys(fact.placements):
                index.setdefault((placement.topic, None), []).append(fact)
                if placement.section is not None:
                    index.setdefault((placement.topic, placement.section), []).append(fact)
        return index

    @cached_property
    def _quotes_by_location(self) -> dict[Location, list[str]]:
        index: dict[Location, list[str]] = {}
        for citation in self.factbase.citations():
            for location in (citation.location, *citation.also_in):
                index.setdefault(location, []).append(citation.quote)
        return index

    def locator(self, location: Location) -> tuple[str, bool]:
        """A few words that find a paragraph in its article, and whether the paragraph goes on
        beyond them: the opening words of the shortest quote cited from it (so the index shows
        nothing the citations do not), or for a paragraph nothing cites, its own first words."""
        quotes = self._quotes_by_location.get(location)
        if quotes:
            words = min(quotes, key=len).split()
            return " ".join(words[:LOCATOR_WORDS]), True
        paragraph = self.factbase.source(location.source_id).article.paragraph(location.paragraph)
        if paragraph is None:
            raise KeyError(location)
        return paragraph.locator, paragraph.continues

    def facts_on(self, topic_id: str, section_id: str | None = None) -> tuple[Fact, ...]:
        """The facts filed under a topic (or one of its subheads), in data order."""
        return tuple(dict.fromkeys(self._facts_by_placement.get((topic_id, section_id), ())))

    @cached_property
    def _mentions(self) -> dict[str, tuple[str, ...]]:
        """Fact id to the entity ids it names, in statement or quotes, or lists explicitly."""
        names: dict[str, list[str]] = {}
        for entity in self.factbase.entities:
            for name in entity.names:
                names.setdefault(name, []).append(entity.id)
        index = NameIndex(names)
        found: dict[str, tuple[str, ...]] = {}
        for fact in self.factbase.facts:
            named = [i for text in (*fact.wordings, *(c.quote for c in fact.citations)) for i in index.ids_in(text)]
            found[fact.id] = tuple(dict.fromkeys([*named, *fact.mentions]))
        return found

    @cached_property
    def _facts_by_entity(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = {}
        for fact in self.factbase.facts:
            for entity_id in self._mentions[fact.id]:
                index.setdefault(entity_id, []).append(fact)
        return index

    def entities_in(self, fact: Fact) -> tuple[Entity, ...]:
        """The people, organisations, groups and places a fact mentions."""
        return tuple(self.factbase.entity(eid) for eid in self._mentions[fact.id])

    def facts_mentioning(self, entity_id: str) -> tuple[Fact, ...]:
        """The facts that mention an entity, in data order."""
        return tuple(self._facts_by_entity.get(entity_id, ()))

    def quotations_by(self, entity_id: str) -> tuple[Quotation, ...]:
        """The quotations whose speaker is this entity."""
        return tuple(q for q in self._quotations_by_speaker.get(entity_id, ()))

    @cached_property
    def _quotations_by_speaker(self) -> dict[str | None, list[Quotation]]:
        index: dict[str | None, list[Quotation]] = {}
        for quotation in self.factbase.quotations:
            index.setdefault(quotation.speaker, []).append(quotation)
        return index

    @cached_property
    def _figures_by_giver(self) -> dict[str | None, list[Figure]]:
        index: dict[str | None, list[Figure]] = {}
        for figure in self.factbase.figures:
            index.setdefault(figure.given_by, []).append(figure)
        return index

    @cached_property
    def _corrections_by_fact(self) -> dict[str, list[Correction]]:
        index: dict[str, list[Correction]] = {}
        for correction in self.factbase.corrections:
            for fact_id in correction.facts:
                index.setdefault(fact_id, []).append(correction)
        return index

    def corrections_of(self, fact_id: str) -> tuple[Correction, ...]:
        """The corrections made to a fact, newest first."""
        return tuple(self._corrections_by_fact.get(fact_id, ()))

    def figures_given_by(self, entity_id: str) -> tuple[Figure, ...]:
        """The figures the report credits to this entity."""
        return tuple(self._figures_by_giver.get(entity_id, ()))

    def locations_on(self, topic_id: str) -> set[Location]:
        """Every source paragraph the facts of a topic cite, in every copy."""
        locations: set[Location] = set()
        for fact in self.facts_on(topic_id):
            for citation in fact.citations:
                locations.add(citation.location)
                locations.update(citation.also_in)
        return locations

    @cached_property
    def _quotations_by_location(self) -> dict[Location, list[Quotation]]:
        index: dict[Location, list[Quotation]] = {}
        for quotation in self.factbase.quotations:
            index.setdefault(quotation.location, []).append(quotation)
        return index

    @cached_property
    def _figures_by_location(self) -> dict[Location, list[Figure]]:
        index: dict[Location, list[Figure]] = {}
        for figure in self.factbase.figures:
            index.setdefault(figure.citation.location, []).append(figure)
        return index

    @cached_property
    def _data_order(self) -> dict[int, int]:
        """Each quotation's and figure's place in the data, by identity."""
        return {id(entry): at for at, entry in enumerate((*self.factbase.quotations, *self.factbase.figures))}

    def quotations_at(self, locations: set[Location]) -> tuple[Quotation, ...]:
        """The quotations standing in any of these paragraphs, in data order (in time that grows
        with what is found, not with every quotation there is)."""
        found = {id(q): q for location in locations for q in self._quotations_by_location.get(location, ())}
        return tuple(found[key] for key in sorted(found, key=self._data_order.__getitem__))

    def figures_at(self, locations: set[Location]) -> tuple[Figure, ...]:
        """The figures given in any of these paragraphs, in data order."""
        found = {id(f): f for location in locations for f in self._figures_by_location.get(location, ())}
        return tuple(found[key] for key in sorted(found, key=self._data_order.__getitem__))

    @cached_property
    def _citations_by_source(self) -> dict[str, dict[int, list[tuple[Fact, Citation]]]]:
        index: dict[str, dict[int, list[tuple[Fact, Citation]]]] = {}
        for fact in self.factbase.facts:
            for citation in fact.citations:
                for location in (citation.location, *citation.also_in):
                    index.setdefault(location.source_id, {}).setdefault(location.paragraph, []).append((fact, citation))
        return index

    def citations_of(self, source_id: str) -> dict[int, tuple[tuple[Fact, Citation], ...]]:
        """For each paragraph of a source, the facts that cite it and how."""
        by_paragraph = self._citations_by_source.get(source_id, {})
        return {number: tuple(pairs) for number, pairs in sorted(by_paragraph.items())}

    @cached_property
    def _entities_by_location(self) -> dict[Location, list[Entity]]:
        index: dict[Location, list[Entity]] = {}
        for entity in self.factbase.entities:
            for citation in entity.citations:
                for location in (citation.location, *citation.also_in):
                    if entity not in index.get(location, ()):
                        index.setdefault(location, []).append(entity)
        return index

    def entities_citing(self, location: Location) -> tuple[Entity, ...]:
        """The people, organisations and places whose descriptions cite a paragraph."""
        return tuple(self._entities_by_location.get(location, ()))

    def uncited_paragraphs(self) -> tuple[Location, ...]:
        """Every body paragraph of every source that no fact cites, directly or in another copy."""
        uncited: list[Location] = []
        for source in self.factbase.sources:
            cited = self._citations_by_source.get(source.id, {})
            uncited.extend(Location(source.id, p.number) for p in source.article.paragraphs if p.number not in cited)
        return tuple(uncited)

    def timeline(self) -> tuple[Fact, ...]:
        """The facts that carry a date, in date order (data order within a date)."""
        dated = [fact for fact in self.factbase.facts if fact.when is not None]
        return tuple(sorted(dated, key=lambda f: (f.when.start, f.when.end)))  # type: ignore[union-attr]
