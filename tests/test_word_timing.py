"""Motion follows speech: word times (estimated and from festival), the beat API that ties
animations to words, and the checks built on them (holds, still share, lit while said,
teach before use)."""

import json

import pytest
from manim import FadeIn, Text, config, tempconfig

from scenes import theme, trace_source
from scenes.chapter_scene import ChapterScene
from scenes.checks import (
    MAX_HOLD,
    Segment,
    checked,
    report_of,
    still_share,
    still_stretches,
)
from scenes.kit.text import label
from scenes.timing import (
    PhraseNotFound,
    WordClock,
    estimated_clock,
    estimated_length,
    estimated_starts,
    tokens,
)

# --------------------------------------------------------------------------- word clocks


def test_the_estimate_places_each_word_after_the_weight_of_the_words_before_it():
    sentence = "It has 784 inputs."
    starts = estimated_starts(sentence)
    # weights: "It" 1, "has" 1, "784" 1 + 3/3 = 2, "inputs." 1 -> 5 words at WORDS_PER_SECOND
    wps = theme.WORDS_PER_SECOND
    assert starts == pytest.approx([0, 1 / wps, 2 / wps, 4 / wps], abs=1e-4)
    assert estimated_length(sentence) == pytest.approx(5 / wps)
    stretched = estimated_starts(sentence, length=10.0)
    assert stretched[-1] == pytest.approx(starts[-1] * 10.0 / estimated_length(sentence),
                                          abs=1e-3)


def test_phrases_are_found_in_order_and_a_missing_one_is_named():
    clock = WordClock("Row 7 is the 8th row, and row 7 again.", list(range(10)), 10.0)
    assert clock.start("row") == 0
    assert clock.start("row") == 5  # "row," the second time: punctuation dropped
    assert clock.start("row 7") == 7
    assert clock.end("again") == 10.0  # the last word ends with the speech
    with pytest.raises(PhraseNotFound, match="'8th'.*after the words already used"):
        clock.start("8th")


def test_written_starts_map_the_engines_words_back_onto_the_written_tokens():
    """An engine says "np" as "n p" and "10" as "ten": each written token takes the start
    of its first spoken word; a token the engine said its own way lies between its
    neighbours."""
    from lecture.voice import written_starts

    text = "Start from np.eye of 10 now."
    said = [("start", 0.1, 0.4), ("from", 0.4, 0.6), ("n", 0.6, 0.7), ("p", 0.7, 0.8),
            ("dot", 0.8, 0.9), ("eye", 0.9, 1.0), ("of", 1.0, 1.1), ("ten", 1.1, 1.5),
            ("now", 1.5, 1.9)]
    starts = written_starts(text, said, 2.0)
    assert len(starts) == len(tokens(text))
    by_token = dict(zip(tokens(text), starts))
    assert by_token["Start"] == 0.1 and by_token["from"] == 0.4
    assert by_token["of"] == 1.0 and by_token["10"] == 1.1 and by_token["now."] == 1.5
    assert 0.4 < by_token["np.eye"] < 1.0
    assert starts == sorted(starts)


@pytest.mark.skipif(not __import__("lecture.voice", fromlist=["x"]).engine_available("festival"),
                    reason="festival is not installed (scripts/setup.sh installs it)")
def test_festival_reports_every_word_and_its_times_land_on_the_written_tokens(tmp_path):
    from lecture import voice

    text = "The network has 784 inputs and 10 outputs."
    seconds, starts = voice.speech_timing(text, tmp_path, "festival")
    wav = voice._cache_file(text, voice.WPM, tmp_path, "festival")
    words = json.loads(voice.words_path(wav).read_text())
    names = [w for w, _, _ in words]
    # festival's own words for the spoken form: numbers in words
    assert names[:3] == ["The", "network", "has"] and "seven" in names and "ten" in names
    by_token = dict(zip(tokens(text), starts))
    assert by_token["784"] == pytest.approx(words[names.index("seven")][1], abs=1e-4)
    assert by_token["10"] == pytest.approx(words[names.index("ten")][1], abs=1e-4)
    samples, rate = voice.read_wav(wav)
    assert seconds == pytest.approx(len(samples) / rate, abs=1e-3)
    assert starts == sorted(starts) and 0 <= starts[0] and starts[-1] < seconds
    # deterministic: a second synthesis elsewhere gives the same word times
    again = voice.speech_timing(text, tmp_path / "again", "festival")
    assert again == (seconds, starts)


def test_the_speech_file_carries_word_times_that_the_scenes_read(tmp_path, monkeypatch):
    from scenes.chapter_scene import word_clock

    sentence = "Ten outputs, one per class."
    path = tmp_path / "speech.json"
    path.write_text(json.dumps({"engine": "test", "seconds": {sentence: 3.0},
                                "words": {sentence: [0.2, 0.5, 1.5, 1.9, 2.3]}}))
    monkeypatch.setenv("NNMATH_SPEECH_SECONDS", str(path))
    assert word_clock(sentence).start("class") == 2.3
    monkeypatch.delenv("NNMATH_SPEECH_SECONDS")
    assert word_clock(sentence).starts == estimated_clock(sentence).starts


# --------------------------------------------------------------------------- the beat API


def _script():
    from scenes.values import values

    return values("structure", trace_source.load()).narration


def _run(beats, tmp_path):
    """Run a probe chapter on the structure chapter's narration with the checks; ``beats``
    maps a cue id to its body (the other beats only add a text)."""

    def make(cue_id):
        def beat(self):
            if cue_id in beats:
                beats[cue_id](self)
            else:
                self.add(Text(cue_id))
            if cue_id == _script()[-1][0]:
                self.still("probe")
        return beat

    body = {"slug": "structure", **{f"beat_{c}": make(c) for c, _ in _script()}}
    cls = checked(type("Probe", (ChapterScene,), body))
    with tempconfig({"media_dir": str(tmp_path), "disable_caching": True,
                     "verbosity": "ERROR", "progress_bar": "none"}):
        scene = cls(skip_animations=True)
        scene.render()
    return scene, report_of(scene)


def _first():
    return _script()[0]


def test_an_animation_starts_on_its_word_and_stretches_to_another(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    monkeypatch.delenv("NNMATH_SPEECH_SECONDS", raising=False)
    cue, sentence = _first()
    toks = tokens(sentence)
    first_word, later_word = toks[2], toks[6]
    clock = estimated_clock(sentence)
    seen = {}

    def beat(self):
        self.play(FadeIn(Text("a")), at=first_word, run_time=0.5)
        seen["started"] = self.time - 0.5
        self.play(FadeIn(Text("b")), until=later_word)
        seen["ended"] = self.time

    _scene, report = _run({cue: beat}, tmp_path)
    beat_start = report.beats[0].start
    frame = 1 / config.frame_rate  # the chapter's clock counts whole frames
    assert seen["started"] - beat_start == pytest.approx(clock.start(first_word), abs=frame)
    assert seen["ended"] - beat_start == pytest.approx(clock.start(later_word), abs=frame)


def test_a_beat_that_only_waits_holds_and_the_hold_names_the_words(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    cue, sentence = _first()
    _, report = _run({}, tmp_path)  # every beat adds a text at once, then holds
    holds = {b: (s, w) for b, s, w in report.holds()}
    seconds, words = holds[cue]
    assert seconds > MAX_HOLD and words.split() == tokens(sentence)
    assert report.too_still() and report.still_share() > 0.9


def test_motion_laid_along_the_sentence_has_no_hold(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    cue, sentence = _first()
    toks = tokens(sentence)

    def beat(self):
        for k in range(0, len(toks), 4):  # something arrives every four words
            # large enough for freezedetect to see (a small digit's fade is below its noise)
            self.play(FadeIn(Text(f"{k}", font_size=144).shift(0.3 * k * 0.1)),
                      until=toks[min(k + 4, len(toks) - 1)])

    _, report = _run({cue: beat}, tmp_path)
    assert cue not in [b for b, _, _ in report.holds()]


def test_still_stretches_and_share_count_only_what_nothing_moves_in():
    segs = [Segment(0, 1, True), Segment(1, 4, False), Segment(4, 5, True),
            Segment(5, 6.5, False), Segment(6.5, 7, True), Segment(7, 10, False)]
    assert still_stretches(segs, 0, 10) == [(1, 4), (5, 6.5), (7, 10)]
    # freezedetect's d=2: the 1.5 s stretch does not count; (3 + 3) / 10
    assert still_share(segs, 10) == pytest.approx(0.6)
    assert still_stretches(segs, 2, 4.5) == [(2, 4)]


def test_a_number_is_lit_only_when_marked_as_it_is_said(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    cue, sentence = _first()
    number = next(t.rstrip(",.:;") for t in tokens(sentence) if t.rstrip(",.:;").isdigit()
                  and estimated_clock(sentence).start(t) > 1.5)

    def shown_only(self):
        self.play(FadeIn(label(number)), run_time=0.5)

    def lit(self):
        mob = label(number)
        self.play(FadeIn(mob), run_time=0.5)
        self.light(mob, at=number)

    _, unlit_report = _run({cue: shown_only}, tmp_path / "a")
    assert (cue, number) in [(b, n) for b, n, _ in unlit_report.unlit()]
    _, lit_report = _run({cue: lit}, tmp_path / "b")
    assert (cue, number) not in [(b, n) for b, n, _ in lit_report.unlit()]


def test_a_term_shown_before_the_beat_that_teaches_it_is_reported(tmp_path, monkeypatch):
    monkeypatch.delenv("NNMATH_TRACE", raising=False)
    cue, _ = _first()

    def early(self):
        self.play(FadeIn(label("sigmoid")), run_time=0.5)

    _, report = _run({cue: early}, tmp_path)
    assert (cue, "sigmoid", "forward/sigmoid") in report.untaught()
    _, clean = _run({}, tmp_path / "clean")
    assert "sigmoid" not in [t for _, t, _ in clean.untaught()]
