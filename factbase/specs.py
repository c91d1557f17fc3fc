"""What each data file holds: the one definition the checker walks and the JSON Schemas and the
editor's guide are generated from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, get_args

from factbase.kinds import (
    DATE,
    DATE_WORDING,
    ENTRIES,
    ID,
    IDS,
    NUMBER,
    PARAGRAPH,
    PLACEMENTS,
    QUOTE_BUDGET,
    STORED_TEXT,
    TEXT,
    TEXTS,
    URL,
    Kind,
)

if TYPE_CHECKING:  # generated from this module: only mypy reads it, so a new spec can be generated
    from factbase.entries import (
        CitationEntry,
        CorrectionEntry,
        EntityEntry,
        FactEntry,
        FigureEntry,
        QuotationEntry,
        SectionEntry,
        SourceEntry,
        TopicEntry,
    )

SOURCES_FILE = "sources.yaml"
TOPICS_FILE = "topics.yaml"
ENTITIES_FILE = "entities.yaml"
FIGURES_FILE = "figures.yaml"
QUOTATIONS_FILE = "quotations.yaml"
CORRECTIONS_FILE = "corrections.yaml"
FACTS_DIR = "facts"
TEXTS_DIR = "texts"

# The values a key with a fixed set of choices takes: the spec's choices and the model's types both.
Role = Literal["original", "syndicated"]
EntityKind = Literal["person", "organisation", "group", "place"]
# The entry a spec describes, once checked sound: its TypedDict in factbase/entries.py, generated
# from the specs below (python -m tools.entries), so that mypy checks every value the loader
# copies from a checked entry into the model.
Entry = TypeVar("Entry")


@dataclass(frozen=True)
class PresentWhen:
    """A key that an entry holds exactly when another of its keys has a given value."""

    key: str  # the other key
    value: str | None  # the value that calls for this key
    missing: str  # the problem when this key is absent though called for
    extra: str  # the problem when this key is present though not called for


@dataclass(frozen=True)
class Field:
    """What one key of an entry must hold, and what it is for (shown to editors)."""

    kind: Kind
    required: bool = True
    help: str = ""
    choices: tuple[str, ...] = ()  # the only values allowed, where there is a fixed set
    items: Spec[Any] | None = None  # for a list of entries: what each one holds
    present_when: PresentWhen | None = None  # for an optional key: when exactly it must be there
    # Free text that holds the report's or the capture's own words (a quote, a name, a headline, a
    # line of the page), exactly. Every other free text is the site's own words: it may not copy
    # six words in a row of any paragraph of any source outside quote marks.
    verbatim: bool = False
    # Values the key may not take, and why: an id the site's own pages already use as a path.
    reserved: tuple[str, ...] = ()
    reserved_why: str = ""

    @property
    def own_words(self) -> bool:
        """True for free text the site writes in its own words."""
        return self.kind.free_text and not self.verbatim and not self.choices


@dataclass(frozen=True)
class Spec(Generic[Entry]):
    """The keys of one kind of entry, and how messages and the guide name it."""

    noun: str  # "fact", "citation"
    fields: dict[str, Field]


CITATION: Spec[CitationEntry] = Spec(
    "citation",
    {
        "source": Field(ID, help="the id of the source in data/sources.yaml"),
        "paragraph": Field(PARAGRAPH, help="the paragraph number on the source's page, or credit line"),
        "quote": Field(
            TEXT,
            verbatim=True,
            help="the source's exact words that prove the claim: 3 to 25 whole words of that paragraph",
        ),
    },
)

SECTION: Spec[SectionEntry] = Spec(
    "section",
    {
        "id": Field(ID, help="facts are filed under topic-id/section-id"),
        "title": Field(TEXT, help="the subhead as the page shows it"),
    },
)

SOURCE: Spec[SourceEntry] = Spec(
    "source",
    {
        "id": Field(
            ID,
            help="a stable id, e.g. cnn-business-2019-12-02; the page is sources/<id>/",
            reserved=("index", "versions"),
            reserved_why="sources/index/ is the list of sources and sources/versions/ the comparison of copies",
        ),
        "role": Field(TEXT, choices=get_args(Role), help="original, or syndicated for a copy of another source"),
        "copy_of": Field(
            ID,
            required=False,
            help="for a syndicated copy: the id of the original",
            present_when=PresentWhen(
                "role",
                "syndicated",
                missing="is syndicated, so copy_of must name the source it is a copy of",
                extra="is an original, so it cannot be a copy_of another source",
            ),
        ),
        "quote_budget": Field(
            QUOTE_BUDGET,
            required=False,
            help="for an original: the most of its body the site may reproduce word for word, in per cent",
            present_when=PresentWhen(
                "role",
                "original",
                missing="is an original, so quote_budget must say how much of it the site may quote",
                extra="quote_budget is set on the original, which its copies share",
            ),
        ),
        "publisher": Field(TEXT, verbatim=True, help="who published this copy"),
        "title": Field(TEXT, verbatim=True, help="the headline as the copy gives it"),
        "published": Field(DATE, help="the publication date"),
        "timestamp_as_shown": Field(
            TEXT, required=False, verbatim=True, help="the copy's own line giving date and time"
        ),
        "dateline": Field(TEXT, verbatim=True, help="how the body begins, before its first words"),
        "credit_line": Field(TEXT, verbatim=True, help="the line that ends the article, exactly"),
        "url": Field(URL, help="the copy's confirmed address, or null"),
        "url_note": Field(
            TEXT,
            required=False,
            help="why no address is recorded (when url is null)",
            present_when=PresentWhen(
                "url",
                None,
                missing="url is null, so url_note must say why no address is recorded",
                extra="url_note is only for a source whose url is null",
            ),
        ),
        "text": Field(STORED_TEXT, help="the stored text of the capture"),
        "subheads": Field(TEXTS, required=False, verbatim=True, help="the article's subheads, exactly"),
        "furniture": Field(TEXTS, required=False, verbatim=True, help="how non-article blocks inside the body begin"),
        "photo_captions": Field(TEXTS, required=False, verbatim=True, help="how photo caption lines begin"),
        "copyright_line": Field(TEXT, required=False, verbatim=True, help="the copy's copyright line, exactly"),
        "furniture_after": Field(TEXT, required=False, help="what the page furniture after the article is"),
    },
)

TOPIC: Spec[TopicEntry] = Spec(
    "topic",
    {
        "id": Field(
            ID,
            help="a stable id; the page is topics/<id>/",
            reserved=("index",),
            reserved_why="topics/index/ is the list of topics",
        ),
        "title": Field(TEXT, help="the page title and navigation entry"),
        "summary": Field(TEXT, help="one sentence on what the topic covers"),
        "introduction": Field(
            IDS, required=False, help="facts filed under this topic that open its page, before any subhead"
        ),
        "sections": Field(ENTRIES, required=False, items=SECTION, help="subheads: each an id and a title"),
    },
)

FACT: Spec[FactEntry] = Spec(
    "fact",
    {
        "id": Field(ID, help="a stable id, unique across all facts; the fact's anchor is #fact-<id>"),
        "topics": Field(PLACEMENTS, help="topic ids, or topic/section where the topic has subheads"),
        "statement": Field(
            TEXT,
            help="the claim in plain language, in a sentence that stands on its own: subject named, date absolute",
        ),
        "prose": Field(
            TEXT,
            required=False,
            help="how the sentence reads in its home topic's paragraph, where it leans on the one before it "
            "(a transition, a name given earlier); leave it out when the statement reads well there",
        ),
        "lead": Field(
            TEXT,
            required=False,
            help="how the home page's lead says it, for a fact the lead names: never a sentence of a topic page",
        ),
        "citations": Field(ENTRIES, items=CITATION, help="the source paragraphs and exact words that support it"),
        "when": Field(
            DATE_WORDING,
            required=False,
            help="the date as the report words it, e.g. Last month; the statement gives it absolutely",
        ),
        "mentions": Field(IDS, required=False, help="entities the fact refers to without naming"),
        "added": Field(DATE, help="the day the fact was added to the site: today's date when you add it"),
    },
)

ENTITY: Spec[EntityEntry] = Spec(
    "entity",
    {
        "id": Field(ID, help="a stable id; the anchor on the people page"),
        "name": Field(TEXT, verbatim=True, help="the name as the report gives it"),
        "kind": Field(TEXT, choices=get_args(EntityKind)),
        "aliases": Field(TEXTS, required=False, verbatim=True, help="other names the report uses"),
        "description": Field(TEXT, help="a short description taken from the reporting"),
        "citations": Field(ENTRIES, items=CITATION, help="the source paragraphs and exact words that support it"),
    },
)

FIGURE: Spec[FigureEntry] = Spec(
    "figure",
    {
        "id": Field(ID, help="a stable id"),
        "as_written": Field(TEXT, verbatim=True, help="the number as the report writes it"),
        "value": Field(NUMBER, help="the number itself"),
        "unit": Field(TEXT, help="what the number is measured in"),
        "counts": Field(TEXT, help="what the number counts"),
        "given_by": Field(ID, required=False, help="the entity the report credits with it"),
        "citations": Field(ENTRIES, items=CITATION, help="the source paragraphs and exact words that support it"),
    },
)

QUOTATION: Spec[QuotationEntry] = Spec(
    "quotation",
    {
        "id": Field(ID, help="a stable id; the anchor on the quotes page is #q-<id>"),
        "words": Field(TEXT, verbatim=True, help="exactly the words between the report's quote marks"),
        "excerpt": Field(
            TEXT,
            required=False,
            verbatim=True,
            help="for a long quotation: the part the quotes page shows, pieces of its words joined by …",
        ),
        "about": Field(TEXT, help="what it is about, in a few words of your own: the link to it everywhere else"),
        "speaker": Field(
            ID,
            help="the entity who said or wrote it; a new paragraph of quotation with no new speaker continues the last",
        ),
        "attribution": Field(
            TEXT, help="in what capacity and context; with a speaker, the page names them first: do not repeat the name"
        ),
        "citations": Field(ENTRIES, items=CITATION, help="first, where the quotation stands"),
    },
)

CORRECTION: Spec[CorrectionEntry] = Spec(
    "correction",
    {
        "id": Field(ID, help="a stable id; the anchor on the corrections page is #correction-<id>"),
        "date": Field(DATE, help="the day the correction was made"),
        "facts": Field(IDS, required=False, help="the facts it corrected, as they now stand"),
        "retracted": Field(
            IDS, required=False, help="the facts it took off the site: ids no longer in data/facts/, kept here"
        ),
        "change": Field(TEXT, help="what the facts said before and what they say now, in your own words"),
        "reason": Field(TEXT, help="why: what the report says that the facts had wrong"),
        "summary": Field(
            TEXT,
            required=False,
            help="what was corrected, in a phrase: the notice at the foot of each page showing the facts links it here",
        ),
    },
)

# Each data file: the spec of its entries, and how the guide names one entry.
FILES: dict[str, tuple[Spec[Any], str]] = {
    SOURCES_FILE: (SOURCE, "source"),
    TOPICS_FILE: (TOPIC, "topic"),
    f"{FACTS_DIR}/*.yaml": (FACT, "fact"),
    ENTITIES_FILE: (ENTITY, "person, organisation, group or place"),
    FIGURES_FILE: (FIGURE, "figure"),
    QUOTATIONS_FILE: (QUOTATION, "quotation"),
    CORRECTIONS_FILE: (CORRECTION, "correction"),
}
