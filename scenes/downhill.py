"""The downhill chapter: how a step makes the cost small.

The axes of this image's cost arrive with the question; the followed weight (from hidden
neuron c to the label's output) is named as it is said; then a tracker sweeps the weight and
a dot rides the curve it traces (the forward pass re-run at each value), the weight and cost
readouts following. Back at today's value the tangent is drawn, the weight rocks to show
"how fast the cost changes", and the slope is read out. The code's step, minus the learning
rate times the slope, is built as it is said, an arrow pointing downhill; the arrow then
shrinks to the step's true length (too small to see at the shipped rate, honestly said) and
the same rule runs on, step after step, the ball rolling down with its tangent and a step
counter, the slope shrinking as the curve flattens; the cost and e are read out as said.
Two weights: the landscape's lines of equal cost are drawn one by one, and a ball steps
across them downhill, its trail behind it. Last, every weight's slope for this image (a
picture per hidden neuron, a block for the outputs) and the counts from the layer sizes,
named the gradient, with the step's rule for all of them. Every number is the code's
(:mod:`scenes.values.downhill`).
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    Indicate,
    Integer,
    LaggedStart,
    Line,
    Rectangle,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid, weight_color
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import attach, fade_out, fitted_label, label
from scenes.values.downhill import COST_DIGITS, W_DIGITS
from scenes.values.format import fmt, fmt_int

#: Colour of the cost curve and its lines of equal cost (a cost has no sign).
COST_COLOR = theme.NEUTRAL
#: The tangent spans this share of the plot's width.
TANGENT_SHARE = 0.3


def decimals(text):
    """How many decimals a number's text has: the readout shows what is said."""
    return len(text.split(".")[1]) if "." in text else 0


def ticks(lo, hi, n, digits):
    return [(x, fmt(x, digits)) for x in nice_ticks(lo, hi, n) if lo <= x <= hi]


def readout(name, value, digits, color=theme.TEXT):
    """A name over a number that can follow a tracker."""
    number = DecimalNumber(value, num_decimal_places=digits, color=color,
                           font_size=theme.TEX_SIZE[theme.BODY_SIZE])
    return VGroup(label(name, theme.SMALL_SIZE, theme.MUTED), number).arrange(
        DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)


#: Brightness levels a slope's cell is drawn in (per sign): one shape per level keeps the
#: thousands of cells cheap to draw.
LEVELS = 8


def slope_cells(grad, cell):
    """A matrix of slopes as cells of side ``cell``, row by row: blue positive, red negative,
    brighter the larger (square root of its share of the largest, in :data:`LEVELS` steps),
    nothing drawn where a slope is 0; on a black frame. Returns a VGroup (frame, shapes)."""
    g = np.asarray(grad, dtype=float)
    rows, cols = g.shape
    frame = Rectangle(width=cols * cell, height=rows * cell).set_stroke(theme.GRID, 1)
    frame.set_fill(theme.PIXEL_OFF, 1.0)
    top_left = frame.get_corner(UP + LEFT)
    share = np.sqrt(np.abs(g) / max(np.abs(g).max(), 1e-300))
    level = np.ceil(share * LEVELS).astype(int)
    shapes = VGroup()
    for sign, color in ((1, theme.POSITIVE), (-1, theme.NEGATIVE)):
        for k in range(1, LEVELS + 1):
            rr, cc = np.nonzero((level == k) & (np.sign(g) == sign))
            if len(rr) == 0:
                continue
            shape = VMobject()
            for r, c in zip(rr, cc):
                p = top_left + np.array([c * cell, -r * cell, 0.0])
                corners = [p, p + RIGHT * cell, p + RIGHT * cell + DOWN * cell, p + DOWN * cell, p]
                shape.start_new_path(corners[0])
                shape.add_points_as_corners(corners[1:])
            shape.set_stroke(width=0).set_fill(color, opacity=k / LEVELS)
            shapes.add(shape)
    return VGroup(frame, shapes)


def tiles(grad_rows, side):
    """Each row of slopes (one hidden neuron's weights from the pixels) as a square picture
    of the image's shape (a row of ``n`` becomes ceil(sqrt(n)) wide), ``side`` across."""
    n = grad_rows.shape[1]
    width = int(np.ceil(np.sqrt(n)))
    height = int(np.ceil(n / width))
    out = VGroup()
    for row in grad_rows:
        padded = np.zeros(width * height)
        padded[:n] = row
        out.add(slope_cells(padded.reshape(height, width), side / width))
    return out


class Downhill(ChapterScene):
    slug = "downhill"

    # --- the curve of one weight --------------------------------------------------------------

    def beat_curve(self):
        """The image and the followed weight arrive as they are named; then the weight is swept
        and the cost of each value drawn as the dot rides the curve."""
        v = self.values
        names = v["class_names"]
        name = names[v["r"]]
        self.title_card()
        side, main = region("side"), region("main")
        img = PixelGrid(v["img"], side_length=1.2)
        cap = VGroup(label("first image", theme.SMALL_SIZE, theme.MUTED),
                     fitted_label(f"label {name}", side.width - img.width - 0.4,
                                  theme.SMALL_SIZE, theme.TARGET))
        cap.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        head = VGroup(img, cap).arrange(RIGHT, buff=theme.GAP)
        head.move_to([side.left + head.width / 2, side.top - head.height / 2, 0])
        hid = label(f"from hidden {fmt_int(v['c'])}", theme.SMALL_SIZE, theme.TEXT)
        out = fitted_label(f"to output {name}", side.width, theme.SMALL_SIZE, theme.TEXT)
        edge = VGroup(hid, out).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        weight_name = label("the weight", theme.SMALL_SIZE, theme.MUTED)
        self.edge = VGroup(weight_name, edge).arrange(DOWN, aligned_edge=LEFT,
                                                      buff=theme.GAP_SMALL)
        self.edge.next_to(head, DOWN, buff=theme.GAP).align_to(head, LEFT)

        ws, cs = np.array(v["curve_ws"]), np.array(v["curve_cost"])
        lo, hi = cs.min(), cs.max()
        pad = 0.08 * (hi - lo)
        plot = LinePlot((ws[0], ws[-1]), (lo - pad, hi + pad),
                        ticks(ws[0], ws[-1], 4, 1), ticks(lo - pad, hi + pad, 4, 1),
                        "value of the weight", "cost of this image", main.width - 1.2,
                        main.height - 1.5)
        plot.move_to(main.center).shift(RIGHT * 0.4 + UP * 0.1)
        curve = plot.series(ws, cs, color=COST_COLOR)
        self.wt = wt = ValueTracker(ws[0])

        def cost_at(w):
            return float(np.interp(w, ws, cs))

        dot = Dot(radius=0.1, color=theme.ACCENT)
        dot.add_updater(lambda m: m.move_to(plot.c2p(wt.get_value(), cost_at(wt.get_value()))))
        dot.update()
        self.w_read = readout("weight", ws[0], W_DIGITS)
        self.c_read = readout("cost", cost_at(ws[0]), COST_DIGITS, COST_COLOR)
        self.w_read[1].add_updater(lambda m: m.set_value(wt.get_value()))
        self.c_read[1].add_updater(lambda m: m.set_value(cost_at(wt.get_value())))
        # two columns of readouts under the weight's name: weight | cost, slope | e
        self.col_x = (side.left, side.left + 1.75)
        self.w_read.next_to(self.edge, DOWN, buff=theme.GAP).align_to([self.col_x[0], 0, 0],
                                                                       LEFT)
        self.c_read.align_to(self.w_read, UP).align_to([self.col_x[1], 0, 0], LEFT)
        reads = VGroup(self.w_read, self.c_read)
        # "How do we make the cost small?": the axes of this image's cost
        self.play(FadeIn(plot, shift=UP * 0.2), at="cost small", until="one weight")
        self.play(FadeIn(weight_name), FadeIn(hid, shift=RIGHT * 0.2), at="one weight",
                  until=fmt_int(v["c"]))
        self.light(hid, at=fmt_int(v["c"]))
        self.play(FadeIn(out, shift=RIGHT * 0.2), at="to output", until=name)
        self.light(out, at=name)
        # "re-run the network on the first image": the image and its label
        self.play(FadeIn(img, shift=RIGHT * 0.2), FadeIn(cap), FadeIn(reads),
                  at="re-run", until="many")
        # "at many values of it ... traces a curve": the weight sweeps, the cost of each
        # value is drawn under the riding dot
        self.add(dot)
        self.play(Create(curve), wt.animate.set_value(ws[-1]), at="many",
                  through="curve.", rate_func=linear)
        self.plot, self.curve, self.dot, self.head = plot, curve, dot, head
        self.reads = reads
        self.cost_at = cost_at

    def beat_slope(self):
        """The weight comes back to today's value as it is said; the tangent there grows as
        "slope" is said, the weight rocks a little to show "changes as the weight moves", and
        the slope's value appears, lit."""
        v = self.values
        plot, wt = self.plot, self.wt
        self.play(wt.animate.set_value(v["w0"]), at="Today", until=v["w0_text"])
        self.w_read[1].clear_updaters()
        self.c_read[1].clear_updaters()
        self.w_read[1].set_value(v["w0"])
        self.c_read[1].set_value(v["cost0"])
        self.light(self.w_read[1], self.dot, at=v["w0_text"])
        half = (plot.x_range[1] - plot.x_range[0]) * TANGENT_SHARE / 2
        self.tan_w = ValueTracker(v["w0"])
        self.tan_g = ValueTracker(v["slope0"])

        def tangent():
            w, g = self.tan_w.get_value(), self.tan_g.get_value()
            c = self.cost_at(w)
            return Line(plot.c2p(w - half, c - g * half), plot.c2p(w + half, c + g * half),
                        stroke_width=4, color=theme.ACCENT)

        tan = tangent()
        s_read = readout("slope", float(v["slope0_text"]), decimals(v["slope0_text"]),
                         theme.ACCENT)
        s_read.next_to(self.w_read, DOWN, buff=theme.GAP).align_to(self.w_read, LEFT)
        self.s_read = s_read
        self.play(Create(tan), at="slope", through="there")
        # "how fast the cost changes as the weight moves": the weight rocks, both readouts
        # follow
        rock = half * 0.3
        self.w_read[1].add_updater(lambda m: m.set_value(wt.get_value()))
        self.c_read[1].add_updater(lambda m: m.set_value(self.cost_at(wt.get_value())))
        self.play(wt.animate.set_value(v["w0"] + rock), Indicate(self.c_read[0]),
                  Indicate(self.w_read[0]), at="how fast", through="moves,",
                  rate_func=lambda t: np.sin(np.pi * t))
        for m in (self.w_read[1], self.c_read[1]):
            m.clear_updaters()
        self.w_read[1].set_value(v["w0"])
        self.c_read[1].set_value(v["cost0"])
        self.play(FadeIn(s_read[0]), FadeIn(s_read[1], scale=1.3), at=v["slope0_text"],
                  run_time=theme.LIGHT)
        self.play(Indicate(tan, color=theme.ACCENT), Indicate(s_read[1], color=theme.ACCENT),
                  at="this", through="tangent.")
        self.remove(tan)
        self.tangent = always_redraw(tangent)
        self.add(self.tangent)
        self.still("slope")

    def beat_step(self):
        """The step built as it is said: minus, the learning rate, times the slope carried down,
        the result; an arrow on the curve points the way it moves, against the slope."""
        v = self.values
        side = region("side")
        parts = [label(t, theme.SMALL_SIZE, c) for t, c in (
            ("first step = \u2212", theme.TEXT), (v["rate_text"], theme.TEXT),
            ("\u00d7", theme.MUTED), (f"({v['slope0_text']})", theme.ACCENT),
            ("=", theme.MUTED), (v["step_text"], theme.GOOD))]
        # two rows, "first step = - rate x" over "(slope) = step", so long numbers still fit
        first = VGroup(*parts[:3]).arrange(RIGHT, buff=0.1)
        second = VGroup(*parts[3:]).arrange(RIGHT, buff=0.1)
        first.next_to(self.s_read, DOWN, buff=theme.GAP).align_to([side.left, 0, 0], LEFT)
        rate_cap = label("learning rate", theme.TINY_SIZE, theme.MUTED)
        rate_cap.next_to(parts[1], DOWN, buff=0.08).align_to(parts[1], LEFT)
        second.next_to(rate_cap, DOWN, buff=0.1).align_to([side.left, 0, 0], LEFT)
        line = VGroup(first, second)
        direction = RIGHT if v["step_w"] > 0 else LEFT
        p = self.plot.c2p(v["w0"], v["cost0"])
        arrow = Arrow(p, p + direction * 1.2, buff=0.12, color=theme.GOOD, stroke_width=6)
        self.play(FadeIn(parts[0], shift=RIGHT * 0.2), at="step", until="learning")
        self.play(FadeIn(parts[1]), FadeIn(rate_cap), at="learning", until=v["rate_text"])
        self.light(parts[1], at=v["rate_text"])
        self.play(FadeIn(parts[2]), TransformFromCopy(self.s_read[1], parts[3]), at="times",
                  through="slope:")
        self.play(FadeIn(parts[4]), FadeIn(parts[5], shift=LEFT * 0.2), at=v["step_text"],
                  run_time=theme.LIGHT)
        self.play(Create(arrow), Indicate(self.curve, color=theme.ACCENT, scale_factor=1.0),
                  at="downhill", run_time=theme.REVEAL * 1.5)
        self.step_line, self.step_arrow = VGroup(line, rate_cap), arrow

    def beat_again(self):
        """The arrow shrinks to the step's true size as "too small to see" is said; the step
        counter arrives with the count; then the ball rolls down the curve, the rule applied
        again and again, its tangent and readouts following; the slope lit as it shrinks."""
        v = self.values
        plot = self.plot
        steps = np.array(v["path_steps"], dtype=float)
        path = np.array(v["path"])
        slopes = np.array(v["path_slope"])
        k = ValueTracker(0)

        def at(values):
            return float(np.interp(k.get_value(), steps, values))

        count = Integer(0, font_size=theme.TEX_SIZE[theme.BODY_SIZE], color=theme.ACCENT)
        of = label(f"steps of {v['n_text']}", theme.SMALL_SIZE, theme.ACCENT)
        counter = VGroup(count, of)

        def place(m):
            m.arrange(RIGHT, buff=theme.GAP_SMALL, aligned_edge=DOWN)
            m.next_to(plot.axes.get_corner(UP + RIGHT), UP, buff=0.15).align_to(plot.axes,
                                                                             RIGHT)

        place(counter)
        count.add_updater(lambda m: m.set_value(round(k.get_value())))
        count.add_updater(lambda m: place(counter))
        p0 = plot.c2p(v["w0"], v["cost0"])
        p1 = plot.c2p(v["w1"], v["cost1"])
        # the arrow becomes the step's true length on the curve ("too small to see", or, with
        # a large learning rate, "step after step")
        self.play(Transform(self.step_arrow, Line(p0, p1 + (p1 - p0) * 1e-3, color=theme.GOOD,
                                                  stroke_width=6)),
                  at="step" if v["step_visible"] else "too small",
                  until=v["n_text"])
        self.remove(self.step_arrow)
        self.play(FadeIn(counter), at=v["n_text"], run_time=theme.LIGHT)
        self.dot.clear_updaters()
        self.dot.add_updater(lambda m: m.move_to(plot.c2p(at(path), self.cost_at(at(path)))))
        self.tan_w.add_updater(lambda m: m.set_value(at(path)))
        self.tan_g.add_updater(lambda m: m.set_value(at(slopes)))
        self.w_read[1].add_updater(lambda m: m.set_value(at(path)))
        self.c_read[1].add_updater(lambda m: m.set_value(self.cost_at(at(path))))
        self.s_read[1].add_updater(lambda m: m.set_value(at(slopes)))
        self.add(self.tan_w, self.tan_g)
        # "the same rule, each with the slope where the weight is now": the rule runs on
        self.play(k.animate.set_value(steps[-1]), at="same rule", until="shrink",
                  rate_func=linear)
        # "they shrink as the curve flattens": the flatter tangent and the smaller slope lit
        self.play(Indicate(self.s_read[1], color=theme.ACCENT),
                  Indicate(self.tangent, color=theme.ACCENT, scale_factor=1.0),
                  at="shrink", through="flattens.")
        for m in (self.dot, self.tan_w, self.tan_g, self.w_read[1], self.c_read[1],
                  self.s_read[1], count):
            m.clear_updaters()
        count.set_value(v["n_steps"])
        place(counter)
        self.w_read[1].set_value(v["wn"])
        self.c_read[1].set_value(v["cost_n"])
        self.s_read[1].set_value(v["slope_n"])
        self.counter = counter
        self.still("rolled")

    def beat_fall(self):
        """The weight and the costs light as their values are said; e arrives beside the slope
        and counts down from its first value to its last as "falls too" is said."""
        v = self.values
        e_read = readout("squared error e", v["e0"], COST_DIGITS + 1, theme.TEXT)
        e_read.align_to(self.s_read, UP).align_to([self.col_x[1], 0, 0], LEFT)
        start = label(f"from {v['cost0_text']}", theme.SMALL_SIZE, theme.MUTED)
        start.next_to(self.c_read[0], RIGHT, buff=theme.GAP_SMALL)
        self.play(FadeIn(start), Indicate(self.curve, color=theme.ACCENT, scale_factor=1.0),
                  at="cost falls", until=v["cost0_text"])
        self.light(start, at=v["cost0_text"])
        self.light(self.c_read[1], self.dot, at=v["cost_n_text"])
        self.play(FadeIn(e_read), at="and e", until="falls")
        self.play(e_read[1].animate.set_value(v["e_n"]), at="falls", until=v["e_n_text"])
        self.light(e_read[1], at=v["e_n_text"])
        self.e_read, self.start = e_read, start


    # --- two weights: a landscape -------------------------------------------------------------

    def beat_landscape(self):
        """The curve gives way to the landscape of two weights; the second weight is named as
        it is said; the lines of equal cost are drawn one after another."""
        v = self.values
        names = v["class_names"]
        main, side = region("main"), region("side")
        (a0, a1), (b0, b1) = v["box"]
        size = main.height - 1.6
        plot = LinePlot((a0, a1), (b0, b1), ticks(a0, a1, 4, 1), ticks(b0, b1, 4, 1),
                        f"weight into {names[v['r']]}", "", size, size)
        plot.move_to(main.center).shift(RIGHT * 0.5)
        up_name = fitted_label(f"weight into {names[v['q']]}", 3.5, theme.SMALL_SIZE,
                               theme.MUTED)
        up_name.next_to(plot.axes, UP, buff=0.15).align_to(plot.axes, LEFT)
        levels = v["levels"]
        lines = VGroup()
        for i, pieces in enumerate(v["contours"]):
            shade = 0.35 + 0.65 * i / max(len(levels) - 1, 1)
            for piece in pieces:
                pts = [plot.c2p(x, y) for x, y in piece]
                line = VMobject().set_points_as_corners(np.array(pts))
                lines.add(line.set_stroke(COST_COLOR, 2.5, opacity=shade))
        hid = fmt_int(v["c"])
        legend = VGroup(label(f"both from hidden {hid}", theme.SMALL_SIZE, theme.TEXT),
                        fitted_label(f"into {names[v['q']]}: largest wrong output",
                                     side.width, theme.SMALL_SIZE, theme.OUTPUT),
                        label("lines: equal cost", theme.SMALL_SIZE, COST_COLOR))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        legend.move_to(side.center).align_to([side.left, 0, 0], LEFT).align_to(
            [0, side.top - 1.9], UP)
        old = [self.plot, self.curve, self.dot, self.tangent, self.reads, self.s_read,
               self.step_line, self.counter, self.e_read, self.start, self.edge]
        self.play(*fade_out(self, *old), at="With", until="landscape")
        self.remove(self.tangent)
        self.play(FadeIn(plot), at="landscape", until="add")
        self.play(FadeIn(up_name, shift=UP * 0.2), FadeIn(legend[0]), at="add",
                  until=names[v["q"]])
        self.play(FadeIn(legend[1], shift=LEFT * 0.2), Indicate(up_name, color=theme.ACCENT),
                  at=names[v["q"]], through="wrong one,")
        self.play(LaggedStart(*[Create(m) for m in lines], lag_ratio=0.3), FadeIn(legend[2]),
                  at="each line", through="costs.")
        self.land, self.lines, self.up_name, self.legend = plot, lines, up_name, legend

    def beat_downhill(self):
        """A ball steps from today's two weights across the lines, its trail drawn behind it
        and the counter running, as "both weights" and "downhill" are said; the last cost lit."""
        v = self.values
        side = region("side")
        steps = np.array(v["path_steps"], dtype=float)
        path2 = np.array(v["path2"])
        costs = np.array(v["path2_cost"])
        k = ValueTracker(0)

        def at(col):
            return float(np.interp(k.get_value(), steps, col))

        def where():
            return self.land.c2p(at(path2[:, 0]), at(path2[:, 1]))

        ball = Dot(radius=0.11, color=theme.ACCENT).move_to(where())
        ball.add_updater(lambda m: m.move_to(where()))
        trail = always_redraw(lambda: VMobject().set_points_as_corners(
            np.array([self.land.c2p(x, y) for x, y in path2[:max(2, int(np.searchsorted(
                steps, k.get_value(), side="right")))]] + [where()])).set_stroke(
            theme.ACCENT, 3))
        counter = VGroup(label("steps", theme.SMALL_SIZE, theme.MUTED),
                         Integer(0, font_size=theme.TEX_SIZE[theme.BODY_SIZE],
                                 color=theme.ACCENT))
        counter.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        cost = readout("cost", costs[0], COST_DIGITS, COST_COLOR)
        reads = VGroup(counter, cost).arrange(RIGHT, buff=theme.GAP_LARGE, aligned_edge=UP)
        reads.next_to(self.legend, DOWN, buff=theme.GAP_LARGE).align_to(
            [side.left, 0, 0], LEFT)
        counter[1].add_updater(lambda m: m.set_value(round(k.get_value())))
        cost[1].add_updater(lambda m: m.set_value(at(costs)))
        g = np.array(v["slopes2"])
        p = self.land.c2p(*path2[0])
        direction = -g / np.linalg.norm(g)
        arrow = Arrow(p, p + np.array([direction[0], direction[1], 0.0]) * 1.0, buff=0.12,
                      color=theme.GOOD, stroke_width=6)
        self.play(FadeIn(ball, scale=2), FadeIn(reads), at="Each step", until="against")
        self.play(Create(arrow), at="against", through="once,")
        self.add(trail)
        self.play(k.animate.set_value(steps[-1]), arrow.animate.set_opacity(0), at="downhill",
                  until="falls", rate_func=linear)
        for m in (ball, counter[1], cost[1]):
            m.clear_updaters()
        counter[1].set_value(v["n_steps"])
        cost[1].set_value(v["cost2_n"])
        start = label(f"from {v['cost0_text']}", theme.SMALL_SIZE, theme.MUTED)
        start.next_to(cost[1], DOWN, buff=theme.GAP_SMALL).align_to(cost, LEFT)
        self.play(FadeIn(start), at="the cost falls", until=v["cost2_n_text"])
        self.light(cost[1], ball, at=v["cost2_n_text"])
        self.remove(trail)
        done = VMobject().set_points_as_corners(
            np.array([self.land.c2p(x, y) for x, y in path2])).set_stroke(theme.ACCENT, 3)
        self.add(done)
        self.remove(arrow)
        self.ball, self.trail, self.reads2, self.start2 = ball, done, reads, start
        self.still("landscape")

    # --- every slope: the gradient ------------------------------------------------------------

    def beat_gradient(self):
        """The landscape gives way to every slope of this image as a picture (a cell per weight,
        a row per neuron); the counts, from the layer sizes, light as they are said; the whole
        picture is named the gradient."""
        v = self.values
        full = region("full")
        sizes = v["sizes"]
        count_w = label(" + ".join(f"{fmt_int(a)} \u00d7 {fmt_int(b)}"
                                   for a, b in zip(sizes[:-1], sizes[1:]))
                        + f" = {fmt_int(v['n_weights'])} weights", theme.BODY_SIZE)
        count_b = label(" + ".join(fmt_int(s) for s in sizes[1:])
                        + f" = {fmt_int(v['n_biases'])} biases", theme.BODY_SIZE)
        counts = VGroup(count_w, count_b).arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP)
        g_ih = np.array(v["grad_w_i_h"])
        g_ho = np.array(v["grad_w_h_o"])
        counts.next_to([full.left, full.top, 0], DOWN + RIGHT, buff=0).shift(DOWN * 0.1)
        # the output layer's slopes, a row per output, top right beside the counts
        cell = min(0.12, (full.right - counts.get_right()[0] - 1.0) / g_ho.shape[1])
        small = slope_cells(g_ho, cell)
        cap_ho = label("into the outputs", theme.TINY_SIZE, theme.MUTED)
        right = VGroup(small, cap_ho.next_to(small, DOWN, buff=theme.GAP_SMALL))
        right.next_to([full.right, full.top, 0], DOWN + LEFT, buff=0).shift(DOWN * 0.1)
        # the hidden layer's slopes, one picture per hidden neuron, across the frame below
        n_hid = g_ih.shape[0]
        n_rows = int(np.ceil(n_hid / 10))
        per_row = int(np.ceil(n_hid / n_rows))
        top = min(counts.get_bottom()[1], right.get_bottom()[1]) - theme.GAP
        # below the pictures: their caption, the gradient's name and the rule of the step
        below = label("gradient", theme.BODY_SIZE).height * 2 + theme.GAP * 3 + 0.45
        room_h = top - full.bottom - below
        side_len = min(1.15, full.width / per_row - 0.1, room_h / n_rows - 0.1)
        big = tiles(g_ih, side_len)
        big.arrange_in_grid(rows=n_rows, cols=per_row, buff=0.1)
        big.next_to([0, top, 0], DOWN, buff=0).set_x(0)
        cap_ih = label("into each hidden neuron, from every pixel", theme.TINY_SIZE,
                       theme.MUTED)
        cap_ih.next_to(big, DOWN, buff=theme.GAP_SMALL).align_to(big, LEFT)
        pic = VGroup(big, cap_ih)
        name = label("the gradient: every slope, together", theme.BODY_SIZE, theme.ACCENT)
        name.next_to(pic, DOWN, buff=theme.GAP).set_x(0)
        old = [self.land, self.lines, self.up_name, self.legend, self.ball, self.trail,
               self.reads2, self.start2, self.head]
        self.play(*fade_out(self, *old), at="All", until=fmt_int(v["n_weights"]))
        self.play(FadeIn(count_w, shift=DOWN * 0.2), FadeIn(big), FadeIn(small),
                  FadeIn(cap_ih), FadeIn(cap_ho), at=fmt_int(v["n_weights"]),
                  run_time=theme.LIGHT)
        self.play(FadeIn(count_b, shift=DOWN * 0.2), at="and", until=fmt_int(v["n_biases"]))
        self.light(count_b, at=fmt_int(v["n_biases"]))
        self.play(FadeIn(name, shift=UP * 0.2), big.animate.scale(1.02), at="together",
                  through="gradient,")
        # "every training step moves against it": the rule of the step, for all at once
        rule = label(f"each step: every weight and bias \u2212= {v['rate_text']} \u00d7 its slope",
                     theme.BODY_SIZE, theme.TEXT)
        rule.next_to(name, DOWN, buff=theme.GAP).set_x(0)
        self.play(big.animate.scale(1 / 1.02), FadeIn(rule, shift=UP * 0.2),
                  Indicate(name, color=theme.ACCENT), at="every training", through="it.")
        self.still("gradient")
