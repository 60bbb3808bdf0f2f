"""Narration text as a person would say it: numbers, shapes and code names in words.

Only what is sent to the speech engine goes through :func:`spoken`; the screen and the
subtitles keep the written form ("-0.0045", "15,680", "(784, 1)", "w_i_h").
"""

import re

from num2words import num2words

# a number as written in the narration: optional sign, digits with thousands commas, decimals
_NUMBER = r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?"
# a shape: "(20, 784)", "(784,)", "(784, 1)"
_SHAPE = re.compile(r"\((\d+(?:,\s*\d+)*),?\s*\)")
_TOKEN = re.compile(rf"(?<![\w.])({_NUMBER})(%?)(?![\w])")
_SNAKE = re.compile(r"\b([A-Za-z]+(?:_[A-Za-z]+)+)\b")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_INDEXED = re.compile(r"\b([A-Za-z])(\d+)\b")


def integer_words(n):
    """12 -> "twelve", 15680 -> "fifteen thousand six hundred eighty" (no "and", no commas)."""
    words = num2words(int(n), lang="en")
    return words.replace(",", "").replace(" and ", " ").replace("-", " ")


def ordinal_words(n):
    """8 -> "eighth", 103 -> "one hundred third" (as :func:`integer_words`, no "and")."""
    words = num2words(int(n), lang="en", to="ordinal")
    return words.replace(",", "").replace(" and ", " ").replace("-", " ")


def number_words(text):
    """A written number in words: "-0.0045" -> "minus zero point zero zero four five".

    The part after the point is read digit by digit, as people read measurements.
    """
    text = text.replace("−", "-").replace(",", "")
    sign = "minus " if text.startswith("-") else ""
    whole, _, frac = text.lstrip("+-").partition(".")
    words = sign + integer_words(int(whole))
    if frac:
        words += " point " + " ".join(integer_words(int(d)) for d in frac)
    return words


def _shape_words(match):
    dims = [d for d in match.group(1).replace(" ", "").split(",") if d]
    return "(" + " by ".join(integer_words(int(d)) for d in dims) + ")"


def spoken(sentence):
    """The sentence with every number, percentage, shape and snake_case name in words."""
    s = _SHAPE.sub(_shape_words, sentence)
    s = _SNAKE.sub(lambda m: m.group(1).replace("_", " "), s)
    s = re.sub(r"(?<=\w)-(?=\d)", " ", s)  # "MNIST-10k" -> "MNIST 10k"
    s = re.sub(r"(\d)k\b", r"\1 thousand", s)
    s = _ORDINAL.sub(lambda m: ordinal_words(m.group(1)), s)
    s = _INDEXED.sub(lambda m: f"{m.group(1)} {integer_words(m.group(2))}", s)  # x1 -> x one
    s = s.replace(" + ", " plus ")
    s = _TOKEN.sub(lambda m: number_words(m.group(1)) + (" percent" if m.group(2) else ""), s)
    return s
