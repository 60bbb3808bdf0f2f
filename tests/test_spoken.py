"""Numbers in the narration are spoken as words; what the screen shows stays written."""

import pytest

from lecture.spoken import number_words, spoken


@pytest.mark.parametrize("written, said", [
    ("-0.0045", "minus zero point zero zero four five"),
    ("15,680", "fifteen thousand six hundred eighty"),
    ("0.4989", "zero point four nine eight nine"),
    ("101", "one hundred one"),
    ("2,000", "two thousand"),
    ("-8.54", "minus eight point five four"),
])
def test_number_words(written, said):
    assert number_words(written) == said


@pytest.mark.parametrize("sentence, said", [
    ("All of them together sum to -0.0045.",
     "All of them together sum to minus zero point zero zero four five."),
    ("15,680 weights", "fifteen thousand six hundred eighty weights"),
    ("5,199 of 8,000, 65.0%.", ("five thousand one hundred ninety nine of eight thousand, "
     "sixty five point zero percent.")),
    ("a column of shape (784, 1)", "a column of shape (seven hundred eighty four by one)"),
    ("a flat vector of shape (784,).", "a flat vector of shape (seven hundred eighty four)."),
    ("w_i_h has shape (20, 784)", "w i h has shape (twenty by seven hundred eighty four)"),
    ("The data set is MNIST-10k:", "The data set is MNIST ten thousand:"),
    ("sigmoid + MSE reaches 18.9%", "sigmoid plus MSE reaches eighteen point nine percent"),
    ("Asked about 1, 0, 0, an input", "Asked about one, zero, zero, an input"),
    ("row 7 is the 8th row; the 21st, the 103rd",
     "row seven is the eighth row; the twenty first, the one hundred third"),
    ("inputs x1, x2, x3", "inputs x one, x two, x three"),
])
def test_spoken_sentence(sentence, said):
    assert spoken(sentence) == said


def test_every_shipped_sentence_is_spoken_without_digits():
    """No digit reaches the speech engine, and the written script itself is not changed."""
    from lecture.script import chapter_text
    from nnmath.trace import load_trace
    from scenes.chapters import CHAPTERS

    shipped_trace = load_trace("assets/trace-mnist-10k.npz")

    for chapter in CHAPTERS:
        for _, sentence in chapter_text(chapter, shipped_trace).narration:
            said = spoken(sentence)
            assert not any(ch.isdigit() for ch in said), (sentence, said)
            assert "_" not in said
