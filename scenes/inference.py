"""Chapter 10, inference: the forward pass on held-out images, its guesses and its mistakes.

One held-out image at a time: its pixels, an arrow "forward pass" into the ten outputs as
horizontal bars (class names on the left, so long names fit, each value at the end of its
own bar, so values never collide). The guess's bar is in the output colour, the label's in
the target colour, the rest faint; a key says so. The mistake beat carries the same bars
to the mistake's outputs (bars and numbers move), and the total beat turns the picture into
one bar of every held-out image, right and wrong, counting up.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circumscribe,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Integer,
    LaggedStart,
    Rectangle,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    Write,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.text import attach, formula, label, verdict
from scenes.values.format import fmt_int
from scenes.values.inference import FORMULAS

PIXELS_SIDE = 2.9
IMAGE_X = -4.95
NAMES_RIGHT = -0.75  # class names end here; bars start just right of it
BAR_LEFT = -0.6
BAR_MAX = 3.7  # width of a bar at output 1.0
ROW_GAP = 0.43
ROWS_TOP = 1.75
BAR_HEIGHT = 0.28
VALUE_DIGITS = 3
#: A bar that is neither the guess nor the label: the output colour, faint.
OTHER_OPACITY = 0.35
NUMBER_SIZE = theme.AXIS_NUMBER_SIZE + 4


def row_y(i):
    return ROWS_TOP - i * ROW_GAP


def bar_style(i, ex):
    """(colour, opacity) of output i's bar: the label's in the target colour, the guess's
    in the output colour, the others faint."""
    if i == ex["label"]:
        return theme.TARGET, 1.0
    if i == ex["guess"]:
        return theme.OUTPUT, 1.0
    return theme.OUTPUT, OTHER_OPACITY


def bar_width(x):
    return max(float(np.clip(x, 0.0, 1.0)) * BAR_MAX, 0.02)


class OutputRows(VGroup):
    """Ten outputs as horizontal bars: name, bar, value (a DecimalNumber at the bar's end)."""

    def __init__(self, ex, names):
        super().__init__()
        self.names, self.bars, self.values = VGroup(), VGroup(), VGroup()
        for i, x in enumerate(ex["o"]):
            y = row_y(i)
            name = label(names[i], theme.SMALL_SIZE, theme.TEXT)
            name.move_to([NAMES_RIGHT, y, 0], aligned_edge=RIGHT)
            color, opacity = bar_style(i, ex)
            bar = Rectangle(width=bar_width(x), height=BAR_HEIGHT).set_stroke(width=0)
            bar.set_fill(color, opacity).move_to([BAR_LEFT, y, 0], aligned_edge=LEFT)
            value = DecimalNumber(x, num_decimal_places=VALUE_DIGITS, font_size=NUMBER_SIZE)
            value.set_color(self.value_color(i, ex))
            value.next_to(bar, RIGHT, buff=0.12)
            self.names.add(name)
            self.bars.add(bar)
            self.values.add(value)
        self.add(self.bars, self.names, self.values)

    @staticmethod
    def value_color(i, ex):
        if i == ex["label"]:
            return theme.TARGET
        if i == ex["guess"]:
            return theme.OUTPUT
        return theme.MUTED


def tags(ex, rows):
    """Words right of the guess's and the label's values: 'guess', 'label', with a verdict."""
    out = VGroup()
    if ex["guess"] == ex["label"]:
        t = VGroup(label("guess = label", theme.SMALL_SIZE, theme.TARGET),
                   verdict(True, theme.SMALL_SIZE)).arrange(RIGHT, buff=0.15)
        out.add(t.next_to(rows.values[ex["guess"]], RIGHT, buff=0.25))
    else:
        g = VGroup(label("guess", theme.SMALL_SIZE, theme.OUTPUT),
                   verdict(False, theme.SMALL_SIZE)).arrange(RIGHT, buff=0.15)
        out.add(g.next_to(rows.values[ex["guess"]], RIGHT, buff=0.25))
        out.add(label("label", theme.SMALL_SIZE, theme.TARGET)
                .next_to(rows.values[ex["label"]], RIGHT, buff=0.25))
    for t in out:
        t.set_y(t.get_y())
    return out


def image(ex):
    grid = PixelGrid(ex["img"], side_length=PIXELS_SIDE).move_to([IMAGE_X, row_y(4.5), 0])
    note = label(f"held-out image {fmt_int(ex['test_index'])}", theme.TINY_SIZE, theme.MUTED)
    note.next_to(grid, UP, buff=0.15)
    return VGroup(grid, note)


def key():
    """What the bar colours mean."""
    entries = ((theme.OUTPUT, OTHER_OPACITY, "an output"),
               (theme.OUTPUT, 1.0, "the guess: largest output"),
               (theme.TARGET, 1.0, "the label"))
    rows = VGroup()
    for color, opacity, text in entries:
        swatch = Rectangle(width=0.4, height=BAR_HEIGHT).set_stroke(width=0)
        swatch.set_fill(color, opacity)
        rows.add(VGroup(swatch, label(text, theme.TINY_SIZE, theme.TEXT))
                 .arrange(RIGHT, buff=0.15))
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    return rows


class Inference(ChapterScene):
    slug = "inference"
    #: The example on screen (its image, its rows, its tags), if any.
    shown = None
    #: Whether the title card, the forward pass and the key are up.
    introduced = False

    def intro(self):
        """Title card, the forward-pass formula, the argmax rule and the key, at the start of
        whichever beat comes first (the narration has "guess" only when there are examples
        and "mistake" only when there are mistakes, so the first beat depends on the trace).
        """
        if self.introduced:
            return
        self.introduced = True
        self.title_card()
        self.f_forward = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.f_forward.shift(DOWN * 0.05)
        self.f_guess = formula(FORMULAS[1]).next_to(self.f_forward, DOWN, buff=0.2)
        self.f_guess.align_to(self.f_forward, RIGHT)
        self.key = key().to_corner(DOWN + LEFT, buff=SAFE_BUFF)
        self.play(Write(self.f_forward), run_time=theme.REVEAL)

    def show_example(self, ex):
        """The first example: image, arrow, bars growing, values; then guess and label pointed at."""
        names = self.values["class_names"]
        pic = image(ex)
        rows = OutputRows(ex, names)
        arrow = Arrow(pic[0].get_right(), [BAR_LEFT - 2.0, pic[0].get_y(), 0], buff=0.15,
                      color=theme.MUTED, stroke_width=4)
        arrow.set_x((pic[0].get_right()[0] + rows.names.get_left()[0]) / 2)
        self.arrow = arrow
        self.play(FadeIn(pic), FadeIn(rows.names), run_time=theme.REVEAL)
        self.play(GrowFromEdge(arrow, LEFT), Indicate(self.f_forward, color=theme.ACCENT,
                                                      scale_factor=1.05),
                  run_time=theme.REVEAL)
        self.play(LaggedStart(*[GrowFromEdge(b, LEFT) for b in rows.bars], lag_ratio=0.08),
                  LaggedStart(*[FadeIn(v) for v in rows.values], lag_ratio=0.08),
                  FadeIn(self.key), run_time=theme.REVEAL * 1.5)
        marks = tags(ex, rows)
        self.play(Write(self.f_guess), FadeIn(marks),
                  Circumscribe(VGroup(rows.bars[ex["guess"]], rows.values[ex["guess"]]),
                               color=theme.ACCENT), run_time=theme.REVEAL)
        self.shown = (pic, rows, marks)

    def carry_to(self, ex):
        """The same rows move to another example's outputs: bars, numbers and colours."""
        names = self.values["class_names"]
        pic, rows, marks = self.shown
        new_pic = image(ex)
        target = OutputRows(ex, names)
        t = ValueTracker(0.0)
        old = [b.width for b in rows.bars]
        new = [b.width for b in target.bars]
        starts = [float(v.get_value()) for v in rows.values]
        for i, (bar, value) in enumerate(zip(rows.bars, rows.values)):
            def follow(m, i=i, bar=bar):
                a = t.get_value()
                m.set_value(starts[i] + (ex["o"][i] - starts[i]) * a)
                m.next_to(bar, RIGHT, buff=0.12)

            def stretch(m, i=i):
                w = old[i] + (new[i] - old[i]) * t.get_value()
                m.stretch_to_fit_width(w).align_to([BAR_LEFT, 0, 0], LEFT)

            bar.add_updater(stretch)
            value.add_updater(follow)
        colours = []
        for i, (bar, value) in enumerate(zip(rows.bars, rows.values)):
            color, opacity = bar_style(i, ex)
            colours.append(bar.animate.set_fill(color, opacity))
        self.play(FadeOut(marks), ReplacementTransform(pic, new_pic), run_time=theme.REVEAL)
        self.play(t.animate.set_value(1.0), *colours, run_time=theme.REVEAL * 1.5)
        for i, (bar, value) in enumerate(zip(rows.bars, rows.values)):
            bar.clear_updaters()
            value.clear_updaters()
            value.set_value(ex["o"][i]).set_color(OutputRows.value_color(i, ex))
            value.next_to(bar, RIGHT, buff=0.12)
        new_marks = tags(ex, rows)
        self.play(FadeIn(new_marks),
                  Circumscribe(VGroup(rows.bars[ex["label"]], rows.values[ex["label"]]),
                               color=theme.ACCENT),
                  run_time=theme.REVEAL)
        self.shown = (new_pic, rows, new_marks)

    def beat_guess(self):
        """The first held-out image through the forward pass: ten outputs, guess and label."""
        v = self.values
        self.intro()
        self.show_example(v["examples"][0])
        self.still("examples")

    def beat_mistake(self):
        """The first held-out mistake: the same bars move to its outputs."""
        v = self.values
        self.intro()
        if self.shown is None:
            self.show_example(v["mistakes"][0])
        else:
            self.carry_to(v["mistakes"][0])

    def beat_total(self):
        """Every held-out image: one bar split into right and wrong, the counts counting up."""
        v = self.values
        self.intro()
        old = [m for m in (*(self.shown or ()), getattr(self, "arrow", None)) if m is not None]
        if self.shown is not None:
            self.play(*[FadeOut(m) for m in old], FadeOut(self.key), run_time=theme.REVEAL)
        width, height = 11.4, 1.1
        left = -width / 2
        frac = v["n_right"] / v["n_test"]
        right_bar = Rectangle(width=max(width * frac, 0.01), height=height).set_stroke(width=0)
        right_bar.set_fill(theme.GOOD, 0.9).move_to([left, 0.0, 0], aligned_edge=LEFT)
        wrong_bar = Rectangle(width=max(width * (1 - frac), 0.01), height=height)
        wrong_bar.set_stroke(width=0).set_fill(theme.BAD, 0.9)
        wrong_bar.next_to(right_bar, RIGHT, buff=0)
        head = VGroup(label("all", theme.BODY_SIZE, theme.TEXT),
                      label(fmt_int(v["n_test"]), theme.BODY_SIZE, theme.ACCENT),
                      label("held-out images, one forward pass each", theme.BODY_SIZE,
                            theme.TEXT)).arrange(RIGHT, buff=0.2)
        head.next_to(right_bar, UP, buff=0.8).set_x(0)
        n_right = Integer(0, font_size=theme.FORMULA_SIZE + 8, group_with_commas=True)
        n_right.set_color(theme.GOOD)
        n_wrong = Integer(0, font_size=theme.FORMULA_SIZE + 8, group_with_commas=True)
        n_wrong.set_color(theme.BAD)
        word_right = label("right", theme.HEADING_SIZE, theme.GOOD)
        word_wrong = label("wrong", theme.HEADING_SIZE, theme.BAD)
        pct = DecimalNumber(0, num_decimal_places=1, unit=r"\%",
                            font_size=theme.FORMULA_SIZE + 8)
        pct.set_color(theme.BACKGROUND)
        attach(pct, right_bar)
        tracker = ValueTracker(0.0)

        def place(_):
            VGroup(n_right, word_right).arrange(RIGHT, buff=0.2).next_to(
                right_bar, DOWN, buff=0.4).align_to(right_bar, LEFT)
            VGroup(n_wrong, word_wrong).arrange(RIGHT, buff=0.2).next_to(
                wrong_bar, DOWN, buff=0.4).align_to(wrong_bar, RIGHT)
            pct.move_to(right_bar)

        n_right.add_updater(lambda m: m.set_value(round(tracker.get_value() * v["n_right"])))
        n_wrong.add_updater(lambda m: m.set_value(round(tracker.get_value() * v["n_mistakes"])))
        pct.add_updater(lambda m: m.set_value(100 * frac * tracker.get_value()))
        group = VGroup(n_right, word_right, n_wrong, word_wrong, pct)
        group.add_updater(place)
        place(None)
        self.play(FadeIn(head), GrowFromEdge(right_bar, LEFT), run_time=theme.REVEAL)
        self.add(group)
        self.play(tracker.animate.set_value(1.0), GrowFromEdge(wrong_bar, LEFT),
                  run_time=theme.REVEAL * 2)
        for m in (n_right, n_wrong, pct, group):
            m.clear_updaters()
        n_right.set_value(v["n_right"])
        n_wrong.set_value(v["n_mistakes"])
        pct.set_value(100 * frac)
        place(None)
        self.play(AnimationGroup(Indicate(pct, color=theme.TEXT), Indicate(n_wrong)),
                  run_time=theme.REVEAL)
        self.still("mistakes" if v["mistakes"] else "total")
