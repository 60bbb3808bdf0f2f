"""When each word of a sentence is spoken: the clock a beat's animations follow.

A beat's sentence is split into written tokens (whitespace-separated, as the subtitles show
them). Each token gets a start time in seconds from the sentence's start:

- with narration, from the speech engine (festival reports every word's start; the
  :mod:`lecture.voice` module maps its spoken words back onto the written tokens);
- without narration, from the reading-time estimate (:func:`estimated_starts`), the same
  model that sizes a silent beat (:func:`scenes.chapter_scene.speaking_seconds`).

:class:`WordClock` finds a phrase in the sentence and tells when it starts or ends, so a beat
can start an animation on a word, stretch it to another, or wait for one. Pure Python: the
scenes, the checks and the lecture material share it, and tests call it without manim.
"""

import re
from dataclasses import dataclass

from scenes import theme

_EDGE = re.compile(r"^[^\w\u2212+-]+|[^\w%]+$")


def tokens(sentence):
    """The sentence's written tokens: ``"Row 7, the 8th."`` -> ``["Row", "7,", "the", "8th."]``."""
    return sentence.split()


def norm(token):
    """A token as phrases are matched: lower case, surrounding punctuation dropped
    (``"(784,"`` -> ``"784"``, ``"np.eye"`` stays ``"np.eye"``)."""
    return _EDGE.sub("", token.lower())


def token_weight(token):
    """Reading weight of a token: one word, plus a third of a word per digit (0.0123 takes
    longer to say than "the")."""
    return 1.0 + sum(ch.isdigit() for ch in token) / 3.0


def estimated_length(sentence):
    """Seconds the reading-time estimate gives the sentence (without the breath after it)."""
    return sum(token_weight(t) for t in tokens(sentence)) / theme.WORDS_PER_SECOND


def estimated_starts(sentence, length=None):
    """Start of every token by the reading-time estimate, optionally stretched so the
    sentence lasts ``length`` seconds (an engine that reports only the total length)."""
    toks = tokens(sentence)
    total = estimated_length(sentence)
    scale = (length / total) if (length and total) else 1.0
    starts, t = [], 0.0
    for tok in toks:
        starts.append(round(t * scale, 4))
        t += token_weight(tok) / theme.WORDS_PER_SECOND
    return starts


class PhraseNotFound(LookupError):
    """A beat asked for a phrase its sentence does not say (after the words already used)."""


@dataclass
class WordClock:
    """The word times of one sentence; finds phrases in order.

    ``starts[i]`` is when token ``i`` starts (seconds from the sentence's start) and
    ``length`` when the speech ends. Phrases are searched from the last one found onward,
    so a word said twice is found the second time by asking twice.
    """

    sentence: str
    starts: list
    length: float

    def __post_init__(self):
        self.words = [norm(t) for t in tokens(self.sentence)]
        if len(self.starts) != len(self.words):
            raise ValueError(f"{len(self.starts)} word times for {len(self.words)} words in "
                             f"{self.sentence!r}")
        self.cursor = 0

    def find(self, phrase, advance=True):
        """Index of the first token of ``phrase`` (one or more words) at or after the cursor."""
        want = [norm(t) for t in tokens(phrase)]
        if not want or not all(want):
            raise PhraseNotFound(f"empty phrase {phrase!r}")
        for i in range(self.cursor, len(self.words) - len(want) + 1):
            if self.words[i:i + len(want)] == want:
                if advance:
                    self.cursor = i + len(want)
                return i
        said = " ".join(tokens(self.sentence)[self.cursor:])
        raise PhraseNotFound(f"{phrase!r} is not said in {self.sentence!r}"
                             + (f" after the words already used (left: {said!r})"
                                if self.cursor else ""))

    def says(self, phrase):
        """Whether ``phrase`` is still to be said (at or after the cursor)."""
        try:
            self.find(phrase, advance=False)
        except PhraseNotFound:
            return False
        return True

    def start(self, phrase, advance=True):
        """Seconds from the sentence's start until ``phrase`` begins."""
        return self.starts[self.find(phrase, advance)]

    def end(self, phrase, advance=True):
        """Seconds from the sentence's start until ``phrase`` has been said."""
        i = self.find(phrase, advance)
        last = i + len(tokens(phrase))
        return self.starts[last] if last < len(self.starts) else self.length

    def token_start(self, index):
        return self.starts[index]


def estimated_clock(sentence):
    """The reading-time estimate's clock for a sentence (narration off)."""
    return WordClock(sentence, estimated_starts(sentence), estimated_length(sentence))
