"""The checks of what a viewer sees (``scenes.checks``) catch what they are meant to catch.

Each test plants one problem (text on text, text on an edge, text outside the safe area, text
too small, a spoken number missing from the screen, a beat that only waits) and one case that
is fine, and asserts the check tells them apart.
"""

import pytest
import numpy as np
from manim import DOWN, RIGHT, WHITE as WHITE_, Dot, Line, MathTex, Rectangle, Square, Text, VGroup

from scenes import theme
from scenes.checks import (
    MIN_BODY_PX,
    MIN_SMALL_PX,
    cap_height_px,
    displayed_texts,
    layout_problems,
    numbers_in,
    unshown_numbers,
    visible_state,
)
from scenes.kit.text import attach, backdrop, label


def kinds(mobjects):
    return [kind for kind, *_ in layout_problems(mobjects)]


def test_text_apart_inside_the_frame_and_large_enough_passes():
    a = label("input layer", theme.BODY_SIZE).move_to(2 * DOWN)
    b = label("784", theme.SMALL_SIZE).next_to(a, RIGHT, buff=0.3)
    assert kinds([a, b]) == []


def test_text_on_text_is_reported_with_both_mobjects():
    a = label("0.56", theme.SMALL_SIZE)
    b = label("0.57", theme.SMALL_SIZE).shift(RIGHT * a.width * 0.5)
    [(kind, first, second)] = layout_problems([a, b])
    assert kind == "text on text" and "'0.56'" in first and "'0.57'" in second


def test_text_on_an_edge_is_reported_unless_it_declares_the_edge_its_own():
    edge = Line(2 * LEFT_, 2 * RIGHT)
    text = label("20", theme.SMALL_SIZE)
    assert kinds([edge, text]) == ["text on a mark"]
    assert kinds([edge, attach(label("20", theme.SMALL_SIZE), edge)]) == []


def test_a_diagonal_edge_whose_box_covers_the_text_but_misses_it_passes():
    edge = Line([-3, -2, 0], [3, 2, 0])
    text = label("h", theme.SMALL_SIZE).move_to([-2.0, 1.0, 0])
    assert kinds([edge, text]) == []


def test_text_on_a_bar_is_reported_but_not_on_a_declared_backdrop():
    bar = Rectangle(width=2, height=1).set_fill(theme.BAR, 1.0).set_stroke(width=0)
    assert kinds([bar, label("7", theme.SMALL_SIZE)]) == ["text on a mark"]
    panel = backdrop(Rectangle(width=4, height=2).set_fill(theme.PANEL, 1.0))
    assert kinds([panel, label("7", theme.SMALL_SIZE)]) == []


def test_text_outside_the_safe_area_is_reported():
    text = label("edge", theme.BODY_SIZE).to_edge(RIGHT, buff=0.05)
    assert "outside the safe area" in kinds([text])


def test_small_text_is_reported_with_its_height_and_role():
    tiny = label("tick", 16)
    [(kind, _, _)] = layout_problems([tiny])
    assert kind.startswith("too small") and f"needs {MIN_SMALL_PX}" in kind
    body = label("a sentence", theme.BODY_SIZE).scale(0.8)
    [(kind, _, _)] = layout_problems([body])
    assert f"body text needs {MIN_BODY_PX}" in kind


def test_cap_height_is_measured_at_1080p():
    # an "H" at font size 48 is 0.486 scene units tall in DejaVu Sans (its cap height is
    # 0.729 em); 1080 px over 8 units makes 135 px per unit
    [shown] = displayed_texts([Text("H", font=theme.FONT, font_size=48)])
    assert cap_height_px(shown) == pytest.approx(Text("H", font=theme.FONT, font_size=48).height
                                                 * 135, rel=1e-6)
    assert 60 < cap_height_px(shown) < 70


def test_invisible_text_is_not_shown():
    hidden = label("secret 42", theme.BODY_SIZE).set_opacity(0)
    assert displayed_texts([hidden]) == []


def test_formulas_and_numbers_are_read_as_shown_text():
    texts = {t.text for t in displayed_texts([VGroup(MathTex(r"h_{pre} = 0.662"),
                                                     label("15,680 weights"))])}
    assert texts == {r"h_{pre} = 0.662", "15,680 weights"}


@pytest.mark.parametrize("text, numbers", [
    ("Only 116 pixels are not zero.", ["116"]),
    ("15,680 + 200 = 15,880 weights", ["15680", "200", "15880"]),
    ("the shape (784,) becomes (784, 1)", ["784", "784", "1"]),
    ("sigmoid of -0.0045 is 0.4989", ["0.0045", "0.4989"]),
    ("x1, x2 and w_i_h are names, 88.6% is a number", ["88.6"]),
])
def test_numbers_in_text(text, numbers):
    assert numbers_in(text) == numbers


def test_a_spoken_number_must_be_shown_with_the_same_digits():
    sentence = "The sum is 0.662 over 116 pixels."
    assert unshown_numbers(sentence, ["sum = 0.66", "+ 111 more"]) == ["0.662", "116"]
    assert unshown_numbers(sentence, ["sum = 0.662", "116 pixels"]) == []


def test_visible_state_changes_when_something_moves_or_recolours():
    dot = Dot()
    before = visible_state([dot])
    assert visible_state([dot]) == before
    dot.shift(RIGHT)
    moved = visible_state([dot])
    assert moved != before
    dot.set_color(theme.NEGATIVE)
    assert visible_state([dot]) != moved


LEFT_ = -RIGHT


def _beats_scene(beats):
    """A chapter with the structure chapter's sentences whose beat k runs ``beats[k](self)``."""
    from scenes import trace_source
    from scenes.chapter_scene import ChapterScene
    from scenes.values import values

    ids = [cid for cid, _ in values("structure", trace_source.load()).narration]
    assert len(ids) >= len(beats), "the probe needs a chapter with enough sentences"
    body = {"slug": "structure"}
    for k, cid in enumerate(ids):  # beats past the given ones only wait
        body[f"beat_{cid}"] = beats[k] if k < len(beats) else beats[-1]
    return type("BeatsProbe", (ChapterScene,), body), ids


def test_a_beat_that_only_waits_or_replays_what_is_there_does_not_move(tmp_path, monkeypatch):
    from manim import FadeIn, Indicate, tempconfig

    from scenes.checks import checked

    monkeypatch.delenv("NNMATH_TRACE", raising=False)

    def appear(self):
        self.dot = Dot()
        self.play(FadeIn(self.dot))
        self.still("probe") if not self._stills else None

    def only_wait(self):
        self.wait(1)

    def fade_in_again(self):  # the dot is already fully there: nothing changes
        self.play(FadeIn(self.dot))

    def emphasise(self):  # ends where it started, but the viewer sees it pulse
        self.play(Indicate(self.dot))

    cls, ids = _beats_scene([appear, only_wait, fade_in_again, emphasise, only_wait])
    with tempconfig({"media_dir": str(tmp_path), "disable_caching": True,
                     "verbosity": "ERROR", "progress_bar": "none"}):
        scene = checked(cls)(skip_animations=True)
        scene.render()
    moved = [r.moved for r in scene.beat_reports]
    assert moved == [True, False, False, True] + [False] * (len(ids) - 4)


# ------------------------------------------------------------------------------ motion in pixels
#
# freezedetect (n=0.001) calls a frame still when its mean absolute difference from the
# reference frame, over every yuv420p sample as a fraction of 256, is at most 0.001. The
# tests below reason about areas: a shape covering a share ``a`` of the frame that changes
# by ``dy`` luma levels (and ``du``, ``dv`` chroma levels) moves the mean by about
# a * (dy + du / 4 + dv / 4) / (1.5 * 256).


def _yuv(rgb):
    r, g, b = (np.array(rgb, float) * 255)[:3]
    return np.array([16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255,
                     128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255,
                     128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255])


def _expected_difference(area, color_a, color_b):
    from manim import config

    dy, du, dv = np.abs(_yuv(color_a) - _yuv(color_b))
    share = area / (config.frame_width * config.frame_height)
    return share * (dy + du / 4 + dv / 4) / (1.5 * 256)


def _rgb(color):
    from manim import ManimColor

    return ManimColor(color).to_rgb()


def test_a_square_differs_from_the_background_by_its_area_times_its_contrast():
    from scenes.checks import Picture, picture_difference

    square = Square(side_length=2).set_fill(WHITE_, 1).set_stroke(width=0)
    picture = Picture()
    blank = picture.image.copy()
    picture.sync([square])
    expected = _expected_difference(4.0, _rgb(WHITE_), _rgb(theme.BACKGROUND))
    assert picture_difference(blank, picture.image) == pytest.approx(expected, rel=0.05)
    assert expected > 0.01  # ten times freezedetect's tolerance: a square this big is motion


def _watch(plays):
    """Breaks of a FreezeWatch following ``plays``: (seconds, mobjects, change) triples, the
    change made to the mobjects during a play of that many seconds."""
    from scenes.checks import FreezeWatch, Picture, PlayPixels

    picture, watch, t = Picture(), FreezeWatch(), 0.0
    for seconds, mobjects, change in plays:
        picture.sync(mobjects)
        start = picture.image.copy()
        change()
        picture.sync(mobjects)
        watch.look(PlayPixels(t, t + seconds, start, picture.image.copy()))
        t += seconds
    return watch.breaks


def test_a_small_recolour_is_still_and_a_large_move_is_motion():
    # a small label: "7" at the smallest size, grey to the accent colour. Its box is
    # under 0.02 square units (its ink less): even the whole box changing from grey to the
    # accent is under a tenth of the tolerance.
    digit = label("7", theme.SMALL_SIZE, theme.MUTED).move_to(2 * LEFT_)
    box = digit.width * digit.height
    assert box < 0.05
    assert _expected_difference(box, _rgb(theme.MUTED), _rgb(theme.ACCENT)) < 0.0002
    # a 2 x 2 square moving by its own width: 8 square units change from the background to
    # white or back, far over the tolerance.
    square = Square(side_length=2).set_fill(WHITE_, 1).set_stroke(width=0).move_to(2 * RIGHT)
    assert _expected_difference(8.0, _rgb(WHITE_), _rgb(theme.BACKGROUND)) > 0.01
    scene = [digit, square]
    nothing = (lambda: None)
    recolour = _watch([(1, scene, nothing), (3, scene, lambda: digit.set_color(theme.ACCENT)),
                       (3, scene, nothing)])
    assert recolour == []
    move = _watch([(1, scene, nothing), (3, scene, lambda: square.shift(2 * RIGHT)),
                   (3, scene, nothing)])
    assert move and all(1 < t <= 4 for t in move)
    assert len(move) >= 20  # many tolerances' worth: the reference is replaced all along


def test_small_changes_add_up_until_freezedetect_sees_them():
    # a row of squares 0.2 x 0.2 (a share 0.04 / 113.8 of the frame each), each turning
    # from the background colour to white in its own play: each alone is under the
    # tolerance (freezedetect's, less what encoding adds), but the reference frame stays
    # until their sum exceeds it.
    from scenes.checks import ENCODER_NOISE, FREEZE_NOISE, FreezeWatch

    noise = FreezeWatch().noise
    assert noise == pytest.approx(FREEZE_NOISE - ENCODER_NOISE)
    one = _expected_difference(0.04, _rgb(WHITE_), _rgb(theme.BACKGROUND))
    assert noise / 4 < one < noise / 2
    squares = [Square(side_length=0.2).set_fill(theme.BACKGROUND, 1).set_stroke(width=0)
               .move_to([-5 + 1.2 * k, -2, 0]) for k in range(8)]
    plays = [(1, squares, (lambda s=s: s.set_fill(WHITE_, 1))) for s in squares]
    breaks = _watch(plays)
    first = int(np.ceil(noise / one + 1e-9))  # the play whose square takes the sum over
    assert breaks and first - 1 <= breaks[0] <= first
    assert len(breaks) < len(squares)
