"""The glossary: every term names a beat that exists and says the term, in an order where no
term is taught by a beat that uses a term taught later; the handout carries it."""

import pytest

from scenes.chapters import CHAPTERS, by_slug
from scenes.glossary import GLOSSARY, chapter_index, used_before_taught, uses
from scenes.values import values


@pytest.fixture(scope="module")
def scripts(trace):
    return {c.slug: values(c.slug, trace) for c in CHAPTERS}


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda t: t.term)
def test_each_term_is_taught_by_a_beat_that_says_it(term, scripts):
    by_slug(term.slug)  # a chapter of the manifest
    sentences = dict(scripts[term.slug].narration)
    assert term.cue in sentences, f"{term.term}: no beat {term.slug}/{term.cue}"
    assert term.regex.search(sentences[term.cue]), (
        f"{term.term}: {term.slug}/{term.cue} does not say it: {sentences[term.cue]!r}")
    assert term.meaning.strip().endswith(".")


def test_terms_are_whole_words_and_case_blind():
    found = [t.term for t in uses("The Sigmoid squashes; a sigmoidal shape; one-hot labels.")]
    assert "sigmoid" in found and "one-hot" in found and "label" in found
    assert "layer" not in [t.term for t in uses("multilayered")]


class _Beat:
    def __init__(self, name, sentence, shown=()):
        self.name, self.sentence, self.shown = name, sentence, set(shown)


def test_a_use_in_an_earlier_chapter_or_beat_fails_and_the_title_card_does_not():
    forward = next(t for t in GLOSSARY if t.term == "sigmoid")
    earlier = CHAPTERS[chapter_index(forward.slug) - 1].slug
    beats = [_Beat("a", "We squash it with a sigmoid.")]
    assert used_before_taught(earlier, beats) == [("a", "sigmoid", "forward/sigmoid")]
    same = [_Beat("input", "The sigmoid comes later."), _Beat(forward.cue, "The sigmoid.")]
    assert [u[:2] for u in used_before_taught("forward", same)] == [("input", "sigmoid")]
    titled = [_Beat("x", "Nothing here.", shown={by_slug("one_hot").title})]
    assert used_before_taught("one_hot", titled) == []


def test_an_announcement_names_what_comes_later_without_using_it():
    """A text declared with ``scenes.kit.text.announce`` (the hook's map: later chapters'
    titles, the code they explain) is not a use; the same text shown plainly is."""
    from manim import VGroup

    from scenes.checks import displayed_texts
    from scenes.kit.text import announce, label

    backprop = next(t for t in GLOSSARY if t.term == "backpropagation")
    first = CHAPTERS[0].slug
    assert chapter_index(backprop.slug) > 0
    plain = _Beat("x", "Nothing here.", shown={"# backpropagation"})
    assert [u[1] for u in used_before_taught(first, [plain])] == ["backpropagation"]
    announced = _Beat("x", "Nothing here.", shown={"# backpropagation"})
    announced.announced = {"# backpropagation"}
    assert used_before_taught(first, [announced]) == []
    group = announce(VGroup(label("# backpropagation")))
    shown = displayed_texts([group[0]])  # a part brought in on its own stays announced
    assert [(t.text, t.announced) for t in shown] == [("# backpropagation", True)]
    assert [t.announced for t in displayed_texts([label("The cost")])] == [False]
