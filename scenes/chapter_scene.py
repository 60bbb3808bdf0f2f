"""The chapter contract: a chapter is a sequence of beats, one per narration sentence.

A chapter subclasses :class:`ChapterScene`, sets ``slug`` and writes one method per beat,
``beat_<cue_id>``, in the order of its narration (``scenes.values.<slug>.narration``): the
cue id names both the sentence and the method that plays it, so the two cannot drift
apart. ``construct`` plays the beats in that order, marks each beat's start (the cue the
subtitles, the narration and the deck follow) and holds each beat until its sentence has
been spoken (:func:`speaking_seconds`), so no chapter tunes its timing with waits.
``self.still(name)`` marks a key frame. ``tear_down`` writes the marks JSON that the
render pipeline reads from ``<media_dir>/marks/<Scene>.json``.

Motion follows speech: inside a beat, animations are tied to the words of its sentence
(:mod:`scenes.timing` knows when each word is spoken), never to guessed ``run_time`` and
``wait`` values::

    self.play(FadeIn(edges), at="fully connected")       # starts when the phrase starts
    self.play(Create(curve), until="squashes")           # lasts until the word starts
    self.play(tracker.animate.set_value(1), through="784") # lasts until the word is said
    self.wait_for("zero")                                # holds until the word
    self.light(number, at="15,680")                      # marks a number as it is said
"""

import json
import math
import os
from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, UP, FadeIn, FadeOut, Indicate, Scene, VGroup, config

from nnmath.atomic import write_atomic
from scenes import theme, trace_source
from scenes.chapters import by_slug
from scenes.kit.text import label, use_sans_math
from scenes.timing import WordClock, estimated_clock, estimated_length
from scenes.values import values as chapter_values

BEAT_PREFIX = "beat_"
#: Distance from the frame's edge that keeps a corner piece inside the safe area.
SAFE_BUFF = 0.75


def beat_methods(cls):
    """The names of ``cls``'s beat methods (``beat_<cue_id>``), in definition order."""
    names = []
    for klass in reversed(cls.__mro__):
        for name, member in vars(klass).items():
            if name.startswith(BEAT_PREFIX) and callable(member) and name not in names:
                names.append(name)
    return names


class ChapterScene(Scene):
    """A chapter of the video: its trace, values, beats, and the marks it writes.

    Subclasses set ``slug`` (one of :data:`scenes.chapters.CHAPTERS`) and define one
    ``beat_<cue_id>`` method per narration sentence, in narration order. A beat whose
    sentence only some traces have (say, a note that a trace lacks some runs) is skipped
    on the others.
    """

    slug = None

    def setup(self):
        if self.slug is None:
            raise TypeError(f"{type(self).__name__}: set the class attribute 'slug'")
        self.chapter = by_slug(self.slug)
        use_sans_math()  # whatever ran before in this process (tests run many scenes)
        self.trace = trace_source.load()
        loaded = chapter_values(self.slug, self.trace)
        self.values = loaded.values
        self.narration = list(loaded.narration)
        self._sentences = dict(self.narration)
        want = [BEAT_PREFIX + cue_id for cue_id, _ in self.narration]
        have = beat_methods(type(self))
        if [name for name in have if name in want] != want:
            raise TypeError(f"{type(self).__name__}: beat methods {have} do not match the "
                            f"narration of {self.chapter.values_module} (expected {want}, "
                            "one per sentence, in order)")
        self._cues = []
        self._stills = []
        self._frames, self._fps = 0, config.frame_rate  # the rate this scene renders at

    def construct(self):
        for cue_id, _ in self.narration:
            self.play_beat(cue_id)
        self.wait(theme.SENTENCE_PAUSE)  # the last picture rests a breath before the next chapter

    # --- beats and marks ------------------------------------------------------------------

    @property
    def time(self):
        """Seconds of video so far, counted in frames: the same from a cold or a warm media
        folder (manim's own clock adds a cached animation's run time but a rendered one's
        whole frames, so beats timed with it differed with the cache)."""
        return self._frames / self._fps

    def play_beat(self, cue_id):
        """Mark beat ``cue_id``'s start, play its method, and hold until its sentence is said."""
        start = self.time
        self._cues.append({"id": cue_id, "t": round(start, 6)})
        self._beat_t0, self.clock = start, word_clock(self._sentences[cue_id])
        getattr(self, BEAT_PREFIX + cue_id)()
        remaining = start + speaking_seconds(self._sentences[cue_id]) - self.time
        if remaining > 1e-6:
            self.wait(whole_frames(remaining))

    # --- motion tied to words -------------------------------------------------------------

    def seconds_until(self, phrase, said=False, advance=True):
        """Seconds from now until ``phrase`` of this beat's sentence starts (``said``: until it
        has been said); 0 when that moment has passed. Phrases are found in order: ``advance``
        moves past the phrase, so the next search starts after it."""
        offset = (self.clock.end(phrase, advance) if said
                  else self.clock.start(phrase, advance))
        return max(0.0, self._beat_t0 + offset - self.time)

    def seconds_to(self, phrase, said=False):
        """:meth:`seconds_until` without using the phrase up: a later ``at`` can start on it."""
        return self.seconds_until(phrase, said, advance=False)

    def seconds_left(self):
        """Seconds until this beat's sentence has been said."""
        return max(0.0, self._beat_t0 + self.clock.length - self.time)

    def wait_for(self, phrase, said=False):
        """Hold the picture until ``phrase`` starts (or has been said)."""
        seconds = self.seconds_until(phrase, said)
        if seconds > 1.0 / config.frame_rate:
            self.wait(whole_frames(seconds))

    def play_steps(self, steps, at=None, until=None, through=None):
        """Play ``steps`` one after another, sharing the time from ``at`` until ``until`` starts
        (or ``through`` has been said): a walk whose every stop is seen, each step its own play.
        A step is a function returning its animations, called when its turn comes (``.animate``
        builds from the mobject as it is then, so a marker's next move starts where it stands)."""
        if at is not None:
            self.wait_for(at)
        phrase = until if until is not None else through
        for n, step in enumerate(steps):
            # the time left is shared anew at every step, so the frames' rounding does not add up
            seconds = self.seconds_to(phrase, said=until is None)
            self.play(*step(), run_time=max(theme.STEP_MIN, seconds / (len(steps) - n)))

    def play(self, *animations, at=None, until=None, through=None, **kwargs):
        """``Scene.play`` with word timing: ``at`` waits for a phrase first; ``until`` /
        ``through`` stretch the animations to end when a phrase starts / has been said
        (at least :data:`theme.MIN_RUN` seconds). ``until`` and ``through`` only look ahead:
        the next ``at`` may start on the same phrase."""
        if at is not None:
            self.wait_for(at)
        if until is not None or through is not None:
            seconds = self.seconds_to(until if until is not None else through,
                                      said=through is not None)
            kwargs["run_time"] = max(theme.MIN_RUN, seconds)
        return self.play_now(*animations, **kwargs)

    def play_now(self, *animations, **kwargs):
        """Play at once (the checks wrap this to see every animation and hold), counting the
        frames manim writes (:attr:`time`)."""
        result = super().play(*animations, **kwargs)
        self._frames += played_frames(self)
        return result

    def leave(self, *keep):
        """FadeOuts of whatever the last beat left on screen but the title card (``card``, if
        the chapter has one) and ``keep``."""
        kept = {id(m) for m in keep} | {id(getattr(self, "card", None))}
        return [FadeOut(m) for m in self.mobjects if id(m) not in kept]

    def say_runs_missing(self):
        """A beat for a trace without the comparison runs: say what is not shown, invent no
        number (the activations and optimizers chapters)."""
        head = label("no comparison runs in this trace", theme.BODY_SIZE, theme.BAD)
        lines = label("so none are shown", theme.SMALL_SIZE, theme.MUTED)
        VGroup(head, lines).arrange(DOWN, buff=0.5)
        self.play(*self.leave(), FadeIn(head), until="so")
        self.play(FadeIn(lines, shift=UP * 0.1), at="so", through="shown.")
        self.still("missing")

    def light(self, *mobjects, at=None, run_time=None):
        """Mark ``mobjects`` in the "spoken now" colour while ``at`` (a number or phrase of the
        sentence) is said: the viewer's eye is led to what the voice names."""
        return self.play(*[mark(m) for m in mobjects], at=at, run_time=run_time or theme.LIGHT)

    def still(self, name):
        """Mark the current frame as a key frame named ``name``."""
        if any(s["name"] == name for s in self._stills):
            raise ValueError(f"{type(self).__name__}: still {name!r} marked twice")
        self._stills.append({"name": str(name), "t": round(self.time, 6)})

    def marks(self):
        """The marks as written to the sidecar JSON."""
        return {"slug": self.slug, "scene": type(self).__name__,
                "duration": round(self.time, 6), "cues": list(self._cues),
                "stills": list(self._stills)}

    def tear_down(self):
        if not self._stills:
            raise ValueError(f"{type(self).__name__}: mark at least one still (self.still)")
        path = marks_path(type(self).__name__)
        write_atomic(path, json.dumps(self.marks(), indent=1, sort_keys=True) + "\n")

    # --- common pieces --------------------------------------------------------------------

    def title_card(self, *together, **timing):
        """The chapter's title, top left; returns the mobject (added, faded in).

        ``together``: the first beat's opening animations, played with the title so the
        chapter moves from its first frame; ``timing`` (``at``, ``until``, ``through``,
        ``run_time``) times them all, :data:`theme.REVEAL` seconds by default.
        No chapter number: the order lives in the manifest, so reordering the chapters
        changes no chapter's picture (the video's chapter marks carry the numbers)."""
        card = label(self.chapter.title, theme.HEADING_SIZE, theme.TEXT, weight="BOLD")
        card.to_corner(UP + LEFT, buff=SAFE_BUFF)
        self.play(FadeIn(card, shift=DOWN * 0.2), *together,
                  **(timing or {"run_time": theme.REVEAL}))
        return card


def measured_speech():
    """``({sentence: seconds}, {sentence: word starts})`` the narration engine measured, from
    the JSON file named by ``NNMATH_SPEECH_SECONDS`` (written by
    ``lecture.voice.write_speech_seconds``); both empty when narration is off."""
    path = os.environ.get("NNMATH_SPEECH_SECONDS")
    if not path:
        return {}, {}
    global _SPEECH
    if _SPEECH is None or _SPEECH[0] != path:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        _SPEECH = (path, dict(data["seconds"]), dict(data.get("words", {})))
    return _SPEECH[1], _SPEECH[2]


def measured_speech_seconds():
    """{sentence: seconds} the narration engine measured (empty when narration is off)."""
    return measured_speech()[0]


_SPEECH = None  # (path, {sentence: seconds}, {sentence: starts}) loaded once per process


def word_clock(sentence):
    """When each word of ``sentence`` is said: the engine's word times when narration is on
    and measured them, else the reading-time estimate's."""
    seconds, words = measured_speech()
    if sentence in seconds and sentence in words:
        return WordClock(sentence, list(words[sentence]), float(seconds[sentence]))
    return estimated_clock(sentence)


def speaking_seconds(sentence):
    """Seconds a sentence's beat needs: the narration engine's measured length plus a breath
    when narration is on (so the picture never idles after the voice has stopped), else the
    reading-time estimate (theme.WORDS_PER_SECOND) plus the same breath.

    Digits count extra: a number like 0.0123 takes longer to say than one word.
    """
    measured = measured_speech_seconds().get(sentence)
    if measured is None:
        return estimated_length(sentence) + theme.SENTENCE_PAUSE
    return measured + theme.SENTENCE_PAUSE


def whole_frames(seconds):
    """A hold of at least ``seconds``, in whole frames: ceil(seconds * fps) frames, asked
    for as half a frame more, since manim rounds a still wait's frames down."""
    frames = math.ceil(seconds * config.frame_rate - 1e-9)
    return (frames + 0.5) / config.frame_rate


def played_frames(scene):
    """The frames manim writes for the play that just ended, counted as its renderer does:
    a still wait holds its run time's whole frames (rounded down), anything else draws one
    frame per 1/fps step from 0 to its run time."""
    dt = 1 / config.frame_rate
    if scene.is_current_animation_frozen_frame():
        return int(scene.duration / dt)
    return len(np.arange(0, scene.duration, dt))


def mark(mob, scale=1.15):
    """The "spoken now" mark of :meth:`ChapterScene.light`, to play beside other animations."""
    return Indicate(mob, color=theme.ACCENT, scale_factor=scale)


def marks_path(scene_name):
    """``<config.media_dir>/marks/<SceneClassName>.json``."""
    return Path(config.media_dir) / "marks" / f"{scene_name}.json"

