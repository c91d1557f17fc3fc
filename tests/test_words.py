"""One word rule (factbase.words), read alike by the tokeniser, the whole-word check and the names."""

from __future__ import annotations

import pytest

from factbase.names import NameIndex
from factbase.words import JOINERS, find_whole_words, keys, tokenise


@pytest.mark.parametrize("joiner", JOINERS)
def test_every_joiner_makes_one_word_for_the_tokeniser_and_the_whole_word_check(joiner: str) -> None:
    text = f"The Sci{joiner}Tech firms"
    assert [word.text for word in tokenise(text)] == ["the", f"sci{'-' if joiner in '‐‑-' else chr(39)}tech", "firms"]
    assert keys(text) == [word.text for word in tokenise(text)]
    assert find_whole_words(text, "Tech firms") == -1, "a quote may not begin inside a joined word"
    assert find_whole_words(text, f"Sci{joiner}Tech firms") == 4


def test_an_underscore_parts_words_for_the_tokeniser_and_the_whole_word_check() -> None:
    text = "The Sci_Tech firms"
    assert [word.text for word in tokenise(text)] == ["the", "sci", "tech", "firms"]
    assert find_whole_words(text, "Tech firms") == 8


@pytest.mark.parametrize(
    "text",
    [
        "ΟΔΟΣ.ΑΒ and ΟΔΟΣ ΑΒ",  # a final sigma lowers by its context
        "İstanbul’s mayor",  # İ lowers to two characters
        "People’s Daily, hyper‑securitized",
        "",
    ],
)
def test_a_text_lowered_at_once_gives_the_keys_of_each_word_lowered_alone(text: str) -> None:
    assert keys(text) == [word.text for word in tokenise(text)]


def test_a_name_is_found_by_the_parts_of_its_words_and_not_inside_another() -> None:
    names = NameIndex({"Guo Bing": ["guo-bing"], "Sci-Tech": ["sci-tech"]})
    assert names.ids_in("Guo Bing’s lawsuit against Sci‑Tech and Sci-Tech") == ["guo-bing", "sci-tech", "sci-tech"]
    assert names.ids_in("Guo Bingo and Sci Tech") == ["sci-tech"]
