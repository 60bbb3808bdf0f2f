"""Chapter 10, inference: the forward pass on held-out images, its guesses and its mistakes.

One held-out image at a time: its pixels, an arrow "forward pass" into the ten outputs as
horizontal bars (class names on the left, so long names fit, each value at the end of its
own bar, so values never collide). The first example's bars grow all faint (nothing chosen
yet); the guess's bar takes the output colour as "the guess" is said and the label's the
target colour as "the label" is said; a key says what the colours mean. The mistake beat
carries the same bars to the mistake's outputs, the label's and the guess's dropping to zero,
then each rising to its value as that value is said (the guess's past the label's). The
total beat checks every held-out image in held-out order: one square per image fills green
(right) or red (wrong) while the counters count, all read from the same running count of
recorded verdicts, so right + wrong is always the number checked; then the right squares
gather first, so the green share of the grid is the accuracy said, and the wrong ones, last,
are circled as their count is said.

Every beat lays its animations along its sentence's words (``at`` / ``until`` /
``through``); a spoken number (a value, a class name that is a digit, a count) is marked as
it is said.
"""

import itertools
import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
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
    VMobject,
    Write,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import class_slots
from scenes.kit.text import fitted_label, formula, label, verdict
from scenes.values.format import fmt, fmt_int
from scenes.values.inference import FORMULAS, counted

PIXELS_SIDE = 3.2
IMAGE_X = -4.7
NAMES_RIGHT = -0.55  # class names end here; bars start just right of it
NAMES_WIDTH = 2.0  # the widest a class name is drawn (long ones shortened), clear of the image
BAR_LEFT = -0.4
BAR_MAX = 3.4  # width of a bar at output 1.0
ROW_GAP = 0.53
ROWS_TOP = 1.95
BAR_HEIGHT = 0.34
VALUE_DIGITS = 3
#: A bar that is neither the guess nor the label: the output colour, faint.
OTHER_OPACITY = 0.35
NUMBER_SIZE = theme.TEX_SIZE[theme.SMALL_SIZE]
#: The total beat: counters' digits, and each held-out image's square drawn as CELL x CELL
#: a square with a gap of CELL_GAP of its cell around it (so the squares read as separate
#: images).
COUNT_SIZE = theme.TEX_SIZE[theme.BODY_SIZE]
CELL_GAP = 0.2
#: An image not checked yet; a right guess once the "wrong" ones are singled out.
UNCHECKED = theme.GRID
RIGHT_DIMMED = 0.3


def row_y(i):
    return ROWS_TOP - i * ROW_GAP


def bar_style(i, ex, known=True):
    """(colour, opacity) of output i's bar: the label's in the target colour, the guess's
    in the output colour, the others faint; before guess and label are ``known``, all
    faint (the first example's bars take their colours as the sentence names them)."""
    if not known:
        return theme.OUTPUT, OTHER_OPACITY
    if i == ex["label"]:
        return theme.TARGET, 1.0
    if i == ex["guess"]:
        return theme.OUTPUT, 1.0
    return theme.OUTPUT, OTHER_OPACITY


def bar_width(x):
    return max(float(np.clip(x, 0.0, 1.0)) * BAR_MAX, 0.02)


class OutputRows(VGroup):
    """The outputs as horizontal bars: name, bar, value (a DecimalNumber at the bar's end),
    one row per drawn class of ``slots`` (:func:`~scenes.kit.numbers.class_slots`), a ⋮ for
    an elided run.

    ``classes`` lists the drawn classes in row order; ``bar_of(c)``, ``value_of(c)`` and
    ``name_of(c)`` are class c's mobjects. ``names`` ends with the ⋮ marks."""

    def __init__(self, ex, names, slots, known=True):
        super().__init__()
        self.names, self.bars, self.values = VGroup(), VGroup(), VGroup()
        self.classes, gaps = [], VGroup()
        for row, i in enumerate(slots):
            y = row_y(row)
            if i is None:
                gaps.add(label("\u22ee", theme.SMALL_SIZE, theme.MUTED).move_to(
                    [NAMES_RIGHT - 0.2, y, 0]))
                continue
            x = ex["o"][i]
            self.classes.append(i)
            name = fitted_label(names[i], NAMES_WIDTH, theme.SMALL_SIZE, theme.TEXT)
            name.move_to([NAMES_RIGHT, y, 0], aligned_edge=RIGHT)
            color, opacity = bar_style(i, ex, known)
            bar = Rectangle(width=bar_width(x), height=BAR_HEIGHT).set_stroke(width=0)
            bar.set_fill(color, opacity).move_to([BAR_LEFT, y, 0], aligned_edge=LEFT)
            value = DecimalNumber(x, num_decimal_places=VALUE_DIGITS, font_size=NUMBER_SIZE)
            value.set_color(self.value_color(i, ex) if known else theme.MUTED)
            value.next_to(bar, RIGHT, buff=0.12)
            self.names.add(name)
            self.bars.add(bar)
            self.values.add(value)
        self.names.add(*gaps)
        self.add(self.bars, self.names, self.values)

    def bar_of(self, c):
        return self.bars[self.classes.index(c)]

    def value_of(self, c):
        return self.values[self.classes.index(c)]

    def name_of(self, c):
        return self.names[self.classes.index(c)]

    @staticmethod
    def value_color(i, ex):
        if i == ex["label"]:
            return theme.TARGET
        if i == ex["guess"]:
            return theme.OUTPUT
        return theme.MUTED


def tags(ex, rows):
    """Words right of the guess's and the label's values: ``(guess tag, label tag)``.

    A right guess has one row for both: "guess" then "= label ✓" beside it."""
    value_g, value_l = rows.value_of(ex["guess"]), rows.value_of(ex["label"])
    if ex["guess"] == ex["label"]:
        g = label("guess", theme.SMALL_SIZE, theme.OUTPUT).next_to(value_g, RIGHT, buff=0.25)
        rest = VGroup(label("= label", theme.SMALL_SIZE, theme.TARGET),
                      verdict(True, theme.SMALL_SIZE)).arrange(RIGHT, buff=0.15)
        rest.next_to(g, RIGHT, buff=0.15)
        return g, rest
    g = VGroup(label("guess", theme.SMALL_SIZE, theme.OUTPUT),
               verdict(False, theme.SMALL_SIZE)).arrange(RIGHT, buff=0.15)
    g.next_to(value_g, RIGHT, buff=0.25)
    lab = label("label", theme.SMALL_SIZE, theme.TARGET).next_to(value_l, RIGHT, buff=0.25)
    return g, lab


def image(ex):
    grid = PixelGrid(ex["img"], side_length=PIXELS_SIDE).move_to([IMAGE_X, row_y(4.5), 0])
    note = label(f"held-out image {fmt_int(ex['test_index'])}", theme.SMALL_SIZE, theme.MUTED)
    note.next_to(grid, UP, buff=theme.GAP_SMALL)
    return VGroup(grid, note)


def key():
    """What the bar colours mean."""
    entries = ((theme.OUTPUT, OTHER_OPACITY, "an output"),
               (theme.OUTPUT, 1.0, "the guess: largest output"),
               (theme.TARGET, 1.0, "the label"))
    rows = VGroup()
    for color, opacity, text in entries:
        swatch = Rectangle(width=0.4, height=BAR_HEIGHT * 0.8).set_stroke(width=0)
        swatch.set_fill(color, opacity)
        rows.add(VGroup(swatch, label(text, theme.SMALL_SIZE, theme.TEXT))
                 .arrange(RIGHT, buff=0.15))
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    return rows


class CheckGrid(VGroup):
    """Every held-out image as a square, in held-out order (left to right, top to bottom):
    unchecked, then right or wrong as the count passes it. Each state is one shape made of
    many squares (10,000 images would be 10,000 mobjects), redrawn as the count moves."""

    def __init__(self, held_right, area):
        super().__init__()
        self.right = np.asarray(held_right, dtype=bool)
        n = len(self.right)
        self.cols = math.ceil(math.sqrt(n * area.width / area.height))
        self.rows = math.ceil(n / self.cols)
        cell = min(area.width / self.cols, area.height / self.rows)
        index = np.arange(n)
        x0 = area.center[0] - cell * (self.cols - 1) / 2
        y0 = area.top - cell / 2
        self.centers = np.stack([x0 + cell * (index % self.cols),
                                 y0 - cell * (index // self.cols), np.zeros(n)], axis=1)
        h = cell * (1 - CELL_GAP) / 2
        corners = np.array([[-h, h, 0], [h, h, 0], [h, -h, 0], [-h, -h, 0], [-h, h, 0]])
        # each side a straight cubic Bezier: anchor, two handles on the line, anchor
        self.template = np.concatenate([[a, a + (b - a) / 3, a + 2 * (b - a) / 3, b]
                                        for a, b in itertools.pairwise(corners)])
        # where each image's square goes when the right ones gather first (stable: in order)
        rank = np.empty(n, int)
        rank[np.argsort(~self.right, kind="stable")] = index
        self.home, self.gathered = self.centers, self.centers[rank]
        self.unchecked = self.shape(np.ones(n, bool)).set_fill(UNCHECKED, 1.0)
        self.good = self.shape(np.zeros(n, bool)).set_fill(theme.GOOD, 1.0)
        self.bad = self.shape(np.zeros(n, bool)).set_fill(theme.BAD, 1.0)
        self.add(self.unchecked, self.good, self.bad)

    def points_of(self, mask):
        return (self.centers[mask][:, None, :] + self.template[None]).reshape(-1, 3)

    def shape(self, mask):
        return VMobject().set_points(self.points_of(mask)).set_stroke(width=0)

    def show(self, k, gather=0.0):
        """The picture after ``k`` images are checked; ``gather`` (0 to 1) moves the squares
        from held-out order to right ones first, wrong ones last, so the green share of the
        grid is the accuracy."""
        self.centers = self.home + (self.gathered - self.home) * gather
        done = np.arange(len(self.right)) < k
        self.unchecked.set_points(self.points_of(~done))
        self.good.set_points(self.points_of(done & self.right))
        self.bad.set_points(self.points_of(done & ~self.right))


class Inference(ChapterScene):
    slug = "inference"
    #: The example on screen (its image, its rows, its tags), if any.
    shown = None
    #: Whether the title card, the forward pass and the key are up.
    introduced = False

    @property
    def slots(self):
        """The drawn output rows: every class, or those the shown examples name first."""
        v = self.values
        shown = v["examples"][:1] + v["mistakes"][:1]
        return class_slots(len(v["class_names"]),
                           [c for ex in shown for c in (ex["label"], ex["guess"])])

    def intro(self, through):
        """Title card and the forward-pass formula, written while ``through`` is said, at the
        start of whichever beat comes first (the narration has "guess" only when there are
        examples and "mistake" only when there are mistakes, so the first beat depends on the
        trace)."""
        if self.introduced:
            return
        self.introduced = True
        self.title_card()
        self.f_forward = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.f_forward.shift(DOWN * 0.05)
        self.f_guess = formula(FORMULAS[1]).next_to(self.f_forward, DOWN, buff=0.2)
        self.f_guess.align_to(self.f_forward, RIGHT)
        self.key = key().next_to([IMAGE_X, row_y(4.5) - PIXELS_SIDE / 2, 0], DOWN,
                                 buff=theme.GAP)
        self.play(Write(self.f_forward), through=through)

    def bring_example(self, ex, known=True):
        """The first example: image, arrow, then the bars growing (laid out, not played);
        ``known``: bars already in their guess and label colours."""
        names = self.values["class_names"]
        pic = image(ex)
        rows = OutputRows(ex, names, self.slots, known)
        arrow = Arrow(pic[0].get_right(), [BAR_LEFT - 2.0, pic[0].get_y(), 0], buff=0.15,
                      color=theme.MUTED, stroke_width=4)
        arrow.put_start_and_end_on(pic[0].get_right() + RIGHT * 0.15,
                                   [rows.names.get_left()[0] - 0.15, pic[0].get_y(), 0])
        self.arrow = arrow
        return pic, rows, arrow

    def beat_guess(self):
        """The first held-out image through the forward pass: the image arrives as "held-out
        image" is said, the arrow as it "goes in", the bars grow (all faint: nothing is
        chosen yet); the largest value is marked as said, "guess = argmax(o)" is written
        while "is at" is said, the guess's bar takes the output colour as "the guess" is said
        and the label's colour (the same bar) as "the label" is said."""
        v, names = self.values, self.values["class_names"]
        ex = v["examples"][0]
        g_cls, l_cls = ex["guess"], ex["label"]
        self.intro(through="alone:")
        pic, rows, arrow = self.bring_example(ex, known=False)
        self.play(FadeIn(pic), FadeIn(rows.names), at="held-out", through="on")
        self.play(GrowFromEdge(arrow, LEFT), Indicate(self.f_forward, color=theme.ACCENT,
                                                      scale_factor=1.05),
                  at="goes", through="in,")
        self.play(LaggedStart(*[GrowFromEdge(b, LEFT) for b in rows.bars], lag_ratio=0.08),
                  LaggedStart(*[FadeIn(v) for v in rows.values], lag_ratio=0.08),
                  FadeIn(self.key), at="and", until=fmt(ex["o_guess"], 3))
        g, rest = tags(ex, rows)
        self.play(Indicate(rows.value_of(g_cls), color=theme.ACCENT, scale_factor=1.15),
                  Circumscribe(VGroup(rows.bar_of(g_cls), rows.value_of(g_cls)),
                               color=theme.ACCENT),
                  at=fmt(ex["o_guess"], 3), run_time=theme.LIGHT)
        self.play(Write(self.f_guess), at="is", until=names[g_cls])
        self.light(rows.name_of(g_cls), at=names[g_cls])
        self.play(rows.bar_of(g_cls).animate.set_fill(theme.OUTPUT, 1.0),
                  rows.value_of(g_cls).animate.set_color(theme.OUTPUT),
                  FadeIn(g, shift=LEFT * 0.2), at="guess;", run_time=theme.REVEAL)
        self.play(rows.bar_of(l_cls).animate.set_fill(theme.TARGET, 1.0),
                  rows.value_of(l_cls).animate.set_color(theme.TARGET),
                  FadeIn(rest, shift=LEFT * 0.2), at="label", until=names[l_cls])
        self.light(rows.name_of(l_cls), rest, at=names[l_cls])
        self.shown = (pic, rows, VGroup(g, rest))
        self.still("examples")

    def beat_mistake(self):
        """The first held-out mistake: the same bars move to its outputs while "mistakes" is
        said, the label's and the guess's dropping to zero; the label's bar rises to its
        value as the label is named, the guess's rises past it as "its label and" is said,
        each value marked as it is said."""
        v, names = self.values, self.values["class_names"]
        m = v["mistakes"][0]
        l_cls, g_cls = m["label"], m["guess"]
        self.intro(through="mistakes:")
        if self.shown is None:
            pic, rows, arrow = self.bring_example(m)
            self.play(FadeIn(pic), FadeIn(rows.names), GrowFromEdge(arrow, LEFT),
                      FadeIn(self.key), until=names[l_cls])
            self.play(LaggedStart(*[GrowFromEdge(b, LEFT) for b in rows.bars], lag_ratio=0.08),
                      LaggedStart(*[FadeIn(v) for v in rows.values], lag_ratio=0.08),
                      run_time=theme.REVEAL)
            self.add(self.f_guess)
            self.shown = (pic, rows, VGroup())
            self.light(rows.name_of(l_cls), at=names[l_cls])
        else:
            rows = self.carry_to(m, rising=(l_cls, g_cls))
            self.rise(rows, l_cls, m["o_label"],
                      Indicate(rows.name_of(l_cls), color=theme.ACCENT, scale_factor=1.15),
                      at=names[l_cls], until=fmt(m["o_label"], 3))
        _, lab = tags(m, rows)
        self.play(FadeIn(lab, shift=LEFT * 0.2), Indicate(rows.value_of(l_cls),
                                                          color=theme.ACCENT, scale_factor=1.15),
                  at=fmt(m["o_label"], 3), run_time=theme.LIGHT)
        if rows.bar_of(g_cls).width < bar_width(m["o_guess"]) - 1e-6:
            self.rise(rows, g_cls, m["o_guess"], at="at", until=fmt(m["o_guess"], 3))
        self.play(Indicate(rows.value_of(g_cls), color=theme.ACCENT, scale_factor=1.15),
                  Circumscribe(VGroup(rows.bar_of(g_cls), rows.value_of(g_cls)),
                               color=theme.ACCENT),
                  at=fmt(m["o_guess"], 3), run_time=theme.LIGHT)
        g, _ = tags(m, rows)  # beside the guess's value where its bar has risen to
        self.play(FadeIn(g, shift=LEFT * 0.2), Indicate(rows.name_of(g_cls),
                                                        color=theme.ACCENT, scale_factor=1.15),
                  at=names[g_cls], run_time=theme.LIGHT)
        self.shown = (self.shown[0], rows, VGroup(g, lab))

    def rise(self, rows, c, x, *together, **timing):
        """Play class c's bar growing from where it is to output ``x``, its value counting
        along, with the ``together`` animations, timed by ``timing`` (``at``, ``until``...)."""
        bar, value = rows.bar_of(c), rows.value_of(c)
        start_w, start_x = bar.width, float(value.get_value())
        t = ValueTracker(0.0)

        def stretch(m):
            m.stretch_to_fit_width(start_w + (bar_width(x) - start_w) * t.get_value())
            m.align_to([BAR_LEFT, 0, 0], LEFT)

        def follow(m):
            m.set_value(start_x + (x - start_x) * t.get_value())
            m.next_to(bar, RIGHT, buff=0.12)

        bar.add_updater(stretch)
        value.add_updater(follow)
        value.set_opacity(1)  # hidden while its bar was at zero (carry_to)
        self.play(t.animate.set_value(1.0), *together, **timing)
        bar.clear_updaters()
        value.clear_updaters()

    def carry_to(self, ex, rising=()):
        """The same rows move to another example's outputs: the picture changes as "mistakes"
        is said, then bars, numbers and colours move until the mistake's label is named; the
        classes in ``rising`` go to zero, their values hidden, to rise one by one as their values
        are said."""
        names = self.values["class_names"]
        pic, rows, marks = self.shown
        new_pic = image(ex)
        goal_of = {i: 0.0 if i in rising else ex["o"][i] for i in rows.classes}
        t = ValueTracker(0.0)
        drawn = list(zip(rows.classes, rows.bars, rows.values))
        starts = [float(value.get_value()) for value in rows.values]
        for (i, bar, value), start in zip(drawn, starts):
            def follow(m, i=i, bar=bar, start=start):
                m.set_value(start + (goal_of[i] - start) * t.get_value())
                m.next_to(bar, RIGHT, buff=0.12)

            def stretch(m, old=bar.width, new=bar_width(goal_of[i])):
                w = old + (new - old) * t.get_value()
                m.stretch_to_fit_width(w).align_to([BAR_LEFT, 0, 0], LEFT)

            bar.add_updater(stretch)
            value.add_updater(follow)
        colours = []
        for i, bar, value in drawn:
            color, opacity = bar_style(i, ex)
            colours.append(bar.animate.set_fill(color, opacity))
            recolour = value.animate.set_color(OutputRows.value_color(i, ex))
            # a rising class's value hides until its bar rises: no false 0.000 on screen
            colours.append(recolour.set_opacity(0) if i in rising else recolour)
        self.play(FadeOut(marks), ReplacementTransform(pic, new_pic), until="real")
        self.play(t.animate.set_value(1.0), *colours, at="real", until=names[ex["label"]])
        for i, bar, value in drawn:
            bar.clear_updaters()
            value.clear_updaters()
            value.set_value(goal_of[i]).set_color(OutputRows.value_color(i, ex))
            value.next_to(bar, RIGHT, buff=0.12)
        self.shown = (new_pic, rows, marks)
        return rows

    def beat_total(self):
        """Every held-out image checked in held-out order: one square per image turns green or
        red as the count passes it, the counters count from the same running count (right +
        wrong = checked, every frame); the right ones gather at the front while the
        accuracy is said (the green share of the grid is the accuracy), then step back as
        "and wrong" is said, and the wrong ones are circled as their count is said."""
        v = self.values
        self.intro(through="images,")
        old = [m for m in (*(self.shown or ()), getattr(self, "arrow", None),
                           getattr(self, "key", None)) if m is not None]
        n = v["n_test"]
        head = VGroup(label("all", theme.BODY_SIZE, theme.TEXT),
                      label(fmt_int(n), theme.BODY_SIZE, theme.TEXT),
                      label("held-out images, one square each, in order", theme.BODY_SIZE,
                            theme.TEXT)).arrange(RIGHT, buff=0.2)
        full = region("full")
        head.next_to(self.f_guess, DOWN, buff=theme.GAP).set_x(full.center[0])
        # the counters: each number at a fixed left edge, so growing digits push nothing
        slots = full.split(4, "x")
        words = [("checked", theme.TEXT), ("right", theme.GOOD), ("wrong", theme.BAD),
                 ("accuracy", theme.TEXT)]
        counters = VGroup()
        for (word, color), slot in zip(words, slots):
            w = label(word, theme.BODY_SIZE, color)
            w.next_to(head, DOWN, buff=theme.GAP_LARGE).set_x(slot.left + w.width / 2)
            counters.add(w)
        # one baseline: each word's first letter (none of them descends) sits on it
        base = counters[0][0].get_bottom()[1]
        for w in counters:
            w.shift(UP * (base - w[0].get_bottom()[1]))
        n_checked, n_right, n_wrong = (Integer(0, font_size=COUNT_SIZE, group_with_commas=True)
                                       for _ in range(3))
        n_right.set_color(theme.GOOD)
        n_wrong.set_color(theme.BAD)
        pct = DecimalNumber(0, num_decimal_places=1, unit=r"\%", font_size=COUNT_SIZE)
        numbers = [n_checked, n_right, n_wrong, pct]
        area = region("safe")
        grid_area = type(area)(area.left, area.bottom, area.right,
                               counters.get_bottom()[1] - theme.GAP_LARGE)
        grid = CheckGrid(v["held_right"], grid_area)
        k = ValueTracker(0)

        def update(_):
            seen, right, wrong = counted(v, round(k.get_value()))
            n_checked.set_value(seen)
            n_right.set_value(right)
            n_wrong.set_value(wrong)
            pct.set_value(100 * right / seen if seen else 0.0)
            for num, word in zip(numbers, counters):
                num.next_to(word, RIGHT, buff=0.2)
                num.shift(UP * (base - num[0].get_bottom()[1]))

        board = VGroup(*numbers)
        board.add_updater(update)
        update(None)
        self.play(*[FadeOut(m) for m in old], FadeIn(head), FadeIn(counters), FadeIn(board),
                  FadeIn(grid), until=fmt_int(n))
        self.light(head[1], at=fmt_int(n))
        # the whole held-out set, checked one by one while the sentence says so
        grid.add_updater(lambda m: grid.show(round(k.get_value())))
        self.play(k.animate.set_value(n), rate_func=lambda t: t, at="held-out",
                  until=fmt_int(v["n_right"]))
        board.clear_updaters()
        grid.clear_updaters()
        seen, right, wrong = counted(v, n)
        assert (seen, right, wrong) == (n, v["n_right"], v["n_mistakes"])
        self.light(n_right, at=fmt_int(v["n_right"]))
        # the right ones gather first: the green share of the grid is the accuracy
        gather = ValueTracker(0.0)
        grid.add_updater(lambda m: grid.show(n, gather.get_value()))
        self.play(gather.animate.set_value(1.0), Indicate(pct, color=theme.ACCENT),
                  at="times,", until="and")
        grid.clear_updaters()
        self.play(grid.good.animate.set_fill(opacity=RIGHT_DIMMED),
                  Indicate(counters[2], color=theme.ACCENT), at="and",
                  until=fmt_int(v["n_mistakes"]))
        self.play(Indicate(n_wrong, color=theme.ACCENT, scale_factor=1.15),
                  Circumscribe(grid.bad, color=theme.ACCENT), at=fmt_int(v["n_mistakes"]),
                  through="times.")
        self.still("mistakes" if v["mistakes"] else "total")
