"""factsite on its own: citation numbering and escaping, with no MkDocs involved."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from factbase import Citation, Location, Placement, Section, load_factbase
from factbase.specs import SOURCE, TOPIC
from factsite import Dialect, PageCitations, SiteRenderer, generated_pages
from factsite.pages import PEOPLE

from .conftest import FIXTURES

VALID = load_factbase(FIXTURES / "valid" / "data")
# A site generator that knows no Markdown and no search index of its own.
PLAIN = Dialect(heading_text=Markup.escape, unsearched=Markup(""), unsearched_heading=Markup(""))


def fake_link(docs_path: str, fragment: str | None = None) -> str:
    return f"/{docs_path}" + (f"#{fragment}" if fragment else "")


def citation(paragraph: int, quote: str) -> Citation:
    return Citation("tiny-news", paragraph, quote, (), VALID.facts[0].origin)


def test_numbers_follow_first_use_and_a_paragraph_keeps_its_number() -> None:
    page = PageCitations()
    uses = [
        page.cite(citation(3, "The bridge")),
        page.cite(citation(1, "The council")),
        page.cite(citation(3, "will cost")),
        page.cite(citation(3, "The bridge")),
    ]
    assert [(reference.number, use_id) for reference, use_id in uses] == [
        (1, "ref-1-use-1"),
        (2, "ref-2-use-1"),
        (1, "ref-1-use-2"),
        (1, "ref-1-use-3"),
    ]
    first = page.references[0]
    assert first.location == Location("tiny-news", 3)
    assert first.quotes == ["The bridge", "will cost"]


def test_numbers_restart_on_a_new_page() -> None:
    PageCitations().cite(citation(3, "The bridge"))
    reference, use_id = PageCitations().cite(citation(1, "The council"))
    assert (reference.number, use_id) == (1, "ref-1-use-1")


def test_markup_and_template_syntax_in_data_stay_text() -> None:
    fact = dataclasses.replace(VALID.facts[0], statement="<script>alert(1)</script> {{ 7*7 }}")
    html = SiteRenderer(VALID, fake_link, PLAIN).fact(fact, PageCitations())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html


def test_a_note_names_publisher_and_paragraph_and_links_out_and_the_source_is_cited_in_full() -> None:
    page = PageCitations()
    renderer = SiteRenderer(VALID, fake_link, PLAIN)
    renderer.fact(VALID.fact("bridge-cost"), page)
    html = renderer.reference_list(page)
    assert 'id="ref-1"' in html
    assert '<a class="reference-paragraph" href="/sources/tiny-news.md#p3">Tiny News, paragraph 3</a>' in html
    assert '<q class="reference-quote">will cost $2 million</q>' in html
    assert (
        'href="https://tiny.example/bridge#:~:text=will%20cost%20%242%20million" '
        'rel="noopener noreferrer" referrerpolicy="no-referrer"'
        ">(see them in the copy at Tiny News)</a>"
    ) in html
    assert 'href="#ref-1-use-1" aria-label="Back to where reference 1 is cited">^</a>' in html
    assert (
        '<li id="source-tiny-news" class="bibliography-entry">Tiny News. “Council approves a bridge.” 6 May 2024.'
        in html
    )


def test_a_quote_link_keeps_the_addresss_own_fragment() -> None:
    fragment = dataclasses.replace(VALID.sources[0], url="https://tiny.example/bridge#section")
    base = dataclasses.replace(VALID, sources=(fragment,))
    page = PageCitations()
    renderer = SiteRenderer(base, fake_link, PLAIN)
    renderer.fact(base.fact("bridge-cost"), page)
    expected = "https://tiny.example/bridge#section:~:text=will%20cost%20%242%20million"
    assert f'href="{expected}"' in renderer.reference_list(page)
    assert renderer.outbound(fragment, "will cost $2 million") == expected
    plain = renderer.outbound(VALID.sources[0], "will cost $2 million")
    assert plain == "https://tiny.example/bridge#:~:text=will%20cost%20%242%20million"


def test_two_quotes_of_one_paragraph_in_one_statement_are_one_marker() -> None:
    page = PageCitations()
    uses = page.cite_all([citation(3, "will cost"), citation(1, "The council"), citation(3, "$2 million")])
    assert [(reference.number, use_id) for reference, use_id in uses] == [(1, "ref-1-use-1"), (2, "ref-2-use-1")]
    assert page.references[0].quotes == ["will cost", "$2 million"]


def test_a_paragraph_cited_by_two_statements_has_one_number_and_a_back_link_to_each() -> None:
    page = PageCitations()
    renderer = SiteRenderer(VALID, fake_link, PLAIN)
    html = renderer.fact_paragraph([VALID.fact("bridge-cost"), VALID.fact("bridge-cost")], page)
    assert html.count(">[1]</a>") == 2
    notes = renderer.reference_list(page)
    assert '^ <a class="citation-back" href="#ref-1-use-1"' in notes
    assert '>a</a> <a class="citation-back" href="#ref-1-use-2"' in notes and ">b</a>" in notes


def test_words_inside_a_longer_quote_from_the_same_paragraph_are_shown_once() -> None:
    page = PageCitations()
    page.cite(citation(3, "will cost"))
    page.cite(citation(3, "The bridge will cost $2 million."))
    page.cite(citation(3, "The bridge"))
    assert page.references[0].quotes == ["The bridge will cost $2 million."]
    assert len(page.references[0].use_ids) == 3


def test_the_people_page_places_a_fact_where_its_topic_page_shows_it() -> None:
    # Both facts are filed under the Money subhead, but one of them opens the page instead: the
    # people page must send the reader to "Bridges", not to a subhead that does not hold it.
    opening, costed = (
        dataclasses.replace(fact, placements=(Placement("bridges", "money"),), mentions=("the-mayor",))
        for fact in VALID.facts
    )
    topic = dataclasses.replace(VALID.topics[0], introduction=(opening.id,), sections=(Section("money", "Money"),))
    factbase = dataclasses.replace(VALID, topics=(topic,), facts=(opening, costed))
    people = SiteRenderer(factbase, fake_link, PLAIN).page(PEOPLE, None, PageCitations())
    mayor = people[people.index('<dt id="entity-the-mayor">') :]
    places = mayor[mayor.index('<span class="entity-links">') : mayor.index("</span>")]
    assert 'On <a href="/topics/bridges.md#fact-bridge-approved">Bridges</a>;' in places
    assert '<a href="/topics/bridges.md#fact-bridge-cost">Bridges › Money</a>.' in places


def test_quote_marks_inside_a_quote_become_single_ones() -> None:
    page = PageCitations()
    page.cite(citation(2, "“It will open next year,” the mayor said."))
    html = SiteRenderer(VALID, fake_link, PLAIN).reference_list(page)
    assert '<q class="reference-quote">‘It will open next year,’ the mayor said.</q>' in html


def test_an_id_that_would_replace_a_generated_page_is_reserved() -> None:
    """Each page the site makes of its own under topics/ or sources/ takes a name no topic or source may have."""
    own = [page.path for page in generated_pages(VALID).values() if page.subject is None]
    for folder, spec in (("topics/", TOPIC), ("sources/", SOURCE)):
        names = {path.removeprefix(folder).removesuffix(".md") for path in own if path.startswith(folder)}
        assert names, folder
        assert names == set(spec.fields["id"].reserved), folder
