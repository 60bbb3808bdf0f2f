"""The downhill chapter: how a step makes the cost small.

The axes of this image's cost arrive with the question; the followed weight (from hidden
neuron c to the label's output) is named as it is said; then a tracker sweeps the weight and
a dot rides the curve it traces (the forward pass re-run at each value), the weight and cost
readouts following, and the cost's name and formula (e's cousin, the log cost C, or e itself
for a run that steps on e's slope) are written over the plot as it is named. Back at today's
value the tangent is drawn; as "how fast the cost changes" is said the weight moves on and
back while the tangent's rise over its run grows as a triangle; the slope is read out. The
code's step, minus the learning rate times the slope, is built as it is said while its arrow
grows from the dot, drawn a stated round number of times longer ("arrow drawn 100x longer")
when the true step is too small to see, and the curve below it flashes as "downhill" is said.
One sentence shows why the curve is C and not e: the slope is renamed "slope of C" and
e's slope, along the same weight at the same value, arrives beside it at the same size, both
said and lit (the step is the rate times C's slope, not e's); it gives way to e's own readout
as the rule runs on. The arrow then shrinks to its true length, the first step's sum
becomes the rule of every step, and the rule runs on, the ball rolling down with its trail,
tangent and a step counter, the slope shrinking as the curve flattens; for "falls from ... to"
the ball goes back up and rolls down again, C and e counting down. Two weights: the
landscape, large and shaded by cost (dark low, light high, with its key), its lines of equal
cost drawn one by one; an arrow shows the first step of both weights (its magnification
stated) and a ball steps across the lines into the dark, its trail behind it. Last, every
weight's step for this image (minus the learning rate times its slope: blue raised, red
lowered, as the training chapter colours what training added, its key arriving with the
pictures and lit as "blue" and "red" are said; a picture per hidden neuron, a block for the
outputs) and the counts from the layer sizes, named the gradient, with the step's rule for
all of them. Last, why every neuron's picture looks like the image: the image returns and a
copy flies onto each picture, fading to that neuron's colours (its steps are the pixels
times one number for it), the frames flashing as "blank pixels get no step" is said. Every number is
the code's (:mod:`scenes.values.downhill`); numbers are written with the true minus sign.
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
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    Line,
    Rectangle,
    ShowPassingFlash,
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
from scenes.chapter_scene import ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import fade_out, fitted_label, formula, label
from scenes.values.downhill import COST_DIGITS, W_DIGITS, signed
from scenes.values.format import fmt, fmt_int

#: Colour of the cost curve and its lines of equal cost (a cost has no sign).
COST_COLOR = theme.NEUTRAL
#: The tangent spans this share of the plot's width.
TANGENT_SHARE = 0.3


def decimals(text):
    """How many decimals a number's text has: the readout shows what is said."""
    return len(text.split(".")[1]) if "." in text else 0


def ticks(lo, hi, n, digits):
    return [(x, signed(fmt(x, digits))) for x in nice_ticks(lo, hi, n) if lo <= x <= hi]


#: The landscape's shading, low cost to high: dark to light grey (a cost has no sign, so not
#: the sign colours), the ball and its path in the accent colour on top; in SHADES bands.
SHADE_LOW, SHADE_HIGH = np.array([22, 28, 36]), np.array([178, 190, 204])
SHADES = 20


def shade_color(t):
    """The ramp's colour at ``t`` (0 low .. 1 high), as a hex string."""
    rgb = SHADE_LOW + float(np.clip(t, 0, 1)) * (SHADE_HIGH - SHADE_LOW)
    return "#" + "".join(f"{round(float(c)):02x}" for c in rgb)


def shade_cells(costs, lo, hi, width, height):
    """``costs`` (rows bottom to top) as cells ``width`` by ``height`` in all, each in the
    colour of its band of the range ``lo``..``hi`` (one shape per band keeps thousands of
    cells cheap to draw). Returns a VGroup of the bands, its lower left corner at the
    origin."""
    c = np.asarray(costs, dtype=float)
    rows, cols = c.shape
    band = np.clip(((c - lo) / max(hi - lo, 1e-300) * SHADES).astype(int), 0, SHADES - 1)
    w, h = width / cols, height / rows
    out = VGroup()
    for k in range(SHADES):
        rr, cc = np.nonzero(band == k)
        if len(rr) == 0:
            continue
        shape = VMobject()
        for r, col in zip(rr, cc):
            p = np.array([col * w, r * h, 0.0])
            corners = [p, p + RIGHT * w, p + RIGHT * w + UP * h, p + UP * h, p]
            shape.start_new_path(corners[0])
            shape.add_points_as_corners(corners[1:])
        shape.set_stroke(width=0).set_fill(shade_color((k + 0.5) / SHADES), opacity=1.0)
        out.add(shape)
    return out


def readout(name, value, digits, color=theme.TEXT):
    """A name over a number that can follow a tracker."""
    number = DecimalNumber(value, num_decimal_places=digits, color=color,
                           font_size=theme.TEX_SIZE[theme.BODY_SIZE])
    return VGroup(label(name, theme.SMALL_SIZE, theme.MUTED), number).arrange(
        DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)


#: Brightness levels a slope's cell is drawn in (per sign): one shape per level keeps the
#: thousands of cells cheap to draw.
LEVELS = 8


def slope_cells(grad, cell, scale=None):
    """A matrix of steps as cells of side ``cell``, row by row: blue raised (positive), red
    lowered (negative), as the training chapter draws what training added; brighter the
    larger (square root of its share of ``scale``, by default the largest, in :data:`LEVELS`
    steps), nothing drawn where a step is 0; on a black frame. Returns a VGroup (frame,
    shapes)."""
    g = np.asarray(grad, dtype=float)
    rows, cols = g.shape
    frame = Rectangle(width=cols * cell, height=rows * cell).set_stroke(theme.GRID, 1)
    frame.set_fill(theme.PIXEL_OFF, 1.0)
    top_left = frame.get_corner(UP + LEFT)
    scale = np.abs(g).max() if scale is None else scale
    share = np.sqrt(np.minimum(np.abs(g) / max(scale, 1e-300), 1.0))
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
    """Each row of steps (one hidden neuron's weights from the pixels) as a square picture
    of the image's shape (a row of ``n`` becomes ceil(sqrt(n)) wide), ``side`` across, all
    on one brightness scale (the largest step of them all)."""
    n = grad_rows.shape[1]
    scale = np.abs(grad_rows).max()
    width = int(np.ceil(np.sqrt(n)))
    height = int(np.ceil(n / width))
    out = VGroup()
    for row in grad_rows:
        padded = np.zeros(width * height)
        padded[:n] = row
        out.add(slope_cells(padded.reshape(height, width), side / width, scale))
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
        sym = v["cost_symbol"]
        # the cost's name and formula over the plot: what the curve's height is
        self.cost_f = formula(v["cost_tex"], size=theme.FORMULA_SIZE)
        y_name = "log cost C" if sym == "C" else "cost e"
        plot = LinePlot((ws[0], ws[-1]), (lo - pad, hi + pad),
                        ticks(ws[0], ws[-1], 4, 1), ticks(lo - pad, hi + pad, 4, 1),
                        "value of the weight", y_name, main.width - 1.2,
                        main.height - 2.1)
        plot.move_to(main.center).shift(RIGHT * 0.4)
        plot.shift(UP * (main.top - self.cost_f.height - theme.GAP_SMALL
                         - plot.get_top()[1]))
        self.cost_f.next_to(plot.y_title, UP, buff=theme.GAP_SMALL).align_to(plot.axes, LEFT)
        curve = plot.series(ws, cs, color=COST_COLOR)
        self.wt = wt = ValueTracker(ws[0])

        def cost_at(w):
            return float(np.interp(w, ws, cs))

        dot = Dot(radius=0.1, color=theme.ACCENT)
        dot.add_updater(lambda m: m.move_to(plot.c2p(wt.get_value(), cost_at(wt.get_value()))))
        dot.update()
        self.w_read = readout("weight", ws[0], W_DIGITS)
        self.c_read = readout(f"cost {sym}", cost_at(ws[0]), COST_DIGITS, COST_COLOR)
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
                  until="log cost" if sym == "C" else "cost the code", rate_func=linear)
        # "e's cousin, the log cost C": its name on the axis lit, its formula written
        self.play(Write(self.cost_f), Indicate(plot.y_title, color=theme.ACCENT),
                  at="log cost" if sym == "C" else "cost the code", through="curve.")
        self.plot, self.curve, self.dot, self.head = plot, curve, dot, head
        self.reads = reads
        self.cost_at = cost_at

    def beat_slope(self):
        """The weight comes back to today's value as it is said; the tangent there grows as
        "slope" is said; as "how fast the cost changes as the weight moves" is said the weight
        moves on and back, the readouts following, while the tangent's rise over its run is
        drawn as a triangle growing along it; the slope's value appears, lit; the tangent is
        lit as "this tangent" is said, the triangle fading."""
        v = self.values
        plot, wt = self.plot, self.wt
        self.play(wt.animate.set_value(v["w0"]), at="Right now", until=v["w0_text"])
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
        s_read = readout("slope", round(v["slope0"], decimals(v["slope0_text"])),
                         decimals(v["slope0_text"]), theme.ACCENT)
        s_read.next_to(self.w_read, DOWN, buff=theme.GAP).align_to(self.w_read, LEFT)
        self.s_read = s_read
        self.play(Create(tan), at="slope", through="there")
        # "how fast the cost changes as the weight moves": the weight moves on along the
        # curve and back, both readouts following, while the tangent's rise over its run
        # grows beside it
        run = ValueTracker(0.0)
        w0, c0, g0 = v["w0"], v["cost0"], v["slope0"]

        def triangle():
            d = max(run.get_value(), 1e-6 * half)
            pts = [plot.c2p(w0, c0), plot.c2p(w0 + d, c0), plot.c2p(w0 + d, c0 + g0 * d),
                   plot.c2p(w0, c0)]
            return VMobject().set_points_as_corners(np.array(pts)).set_fill(
                theme.ACCENT, 0.3).set_stroke(theme.ACCENT, 2)

        tri = always_redraw(triangle)
        self.add(tri)
        self.w_read[1].add_updater(lambda m: m.set_value(wt.get_value()))
        self.c_read[1].add_updater(lambda m: m.set_value(self.cost_at(wt.get_value())))
        self.play(wt.animate.set_value(w0 + half * 0.8), run.animate.set_value(half * 0.8),
                  Indicate(self.c_read[0]), Indicate(self.w_read[0]), at="how fast",
                  until="moves,")
        self.play(wt.animate.set_value(w0), through="moves,")
        for m in (self.w_read[1], self.c_read[1]):
            m.clear_updaters()
        self.w_read[1].set_value(w0)
        self.c_read[1].set_value(c0)
        self.play(FadeIn(s_read[0]), FadeIn(s_read[1], scale=1.3), at=v["slope0_text"],
                  run_time=theme.LIGHT)
        self.remove(tri)
        tri = triangle()
        self.add(tri)
        self.play(Indicate(tan, color=theme.ACCENT), Indicate(s_read[1], color=theme.ACCENT),
                  FadeOut(tri), at="this", through="tangent.")
        self.remove(tan)
        self.tangent = always_redraw(tangent)
        self.add(self.tangent)
        self.still("slope")

    def make_arrow(self, w_from, length):
        """A horizontal arrow from the curve's point at ``w_from``, ``length`` weight units
        long (its sign the direction), at that point's height."""
        p = self.plot.c2p(w_from, self.cost_at(w_from))
        q = self.plot.c2p(w_from + length, self.cost_at(w_from))
        if abs(q[0] - p[0]) < 1e-3:
            q = p + RIGHT * 1e-3 * np.sign(length or 1)
        return Arrow(p, q, buff=0, color=theme.GOOD, stroke_width=6,
                     max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=40)

    def beat_step(self):
        """The step built as it is said: minus, the learning rate, times the slope carried
        down, the result; the arrow of the step grows from the dot as "times the slope" and
        the step are said (drawn a stated round number of times longer when the true step is
        too small to see), and the curve below it flashes as "downhill" is said."""
        v = self.values
        side = region("side")
        parts = [label(t, theme.SMALL_SIZE, c) for t, c in (
            ("step = \u2212", theme.TEXT), (v["rate_text"], theme.TEXT),
            ("\u00d7", theme.MUTED), (f"({v['slope0_text']})", theme.ACCENT),
            ("=", theme.MUTED), (v["step_text"], theme.GOOD))]
        # two rows, "step = - rate x" over "(slope) = step", so long numbers still fit
        first = VGroup(*parts[:3]).arrange(RIGHT, buff=0.1)
        second = VGroup(*parts[3:]).arrange(RIGHT, buff=0.1)
        first.next_to(self.s_read, DOWN, buff=theme.GAP).align_to([side.left, 0, 0], LEFT)
        rate_cap = label("learning rate", theme.TINY_SIZE, theme.MUTED)
        rate_cap.next_to(parts[1], DOWN, buff=0.08).align_to(parts[1], LEFT)
        second.next_to(rate_cap, DOWN, buff=0.1).align_to([side.left, 0, 0], LEFT)
        zoom = (f"arrow drawn {v['zoom_text']}\u00d7 longer" if v["zoom"] > 1
                else "arrow: its true length")
        zoom_cap = label(zoom, theme.TINY_SIZE, theme.GOOD)
        zoom_cap.next_to(second, DOWN, buff=theme.GAP_SMALL).align_to([side.left, 0, 0], LEFT)
        line = VGroup(first, second)
        length = ValueTracker(1e-9 * np.sign(v["step_w"]))
        arrow = always_redraw(lambda: self.make_arrow(v["w0"], length.get_value()))
        self.play(FadeIn(parts[0], shift=RIGHT * 0.5), Indicate(self.dot, scale_factor=1.8),
                  at="step", until="learning")
        self.play(FadeIn(parts[1]), FadeIn(rate_cap), at="learning", until=v["rate_text"])
        self.light(parts[1], at=v["rate_text"])
        self.add(arrow)
        # "times the slope: 0.00577": the slope flies in, and the arrow of the step grows
        self.play(FadeIn(parts[2]), TransformFromCopy(self.s_read[1], parts[3]),
                  length.animate.set_value(0.4 * v["zoom"] * v["step_w"]), at="times",
                  until=v["step_text"])
        self.play(FadeIn(parts[4]), FadeIn(parts[5], shift=LEFT * 0.2),
                  length.animate.set_value(v["zoom"] * v["step_w"]), FadeIn(zoom_cap),
                  at=v["step_text"], until="downhill")
        # "downhill": the way the arrow points, the curve goes down
        w_end = v["w0"] + v["zoom"] * v["step_w"]
        ahead = np.linspace(v["w0"], w_end, 40)
        down = self.plot.series(ahead, [self.cost_at(w) for w in ahead], color=theme.GOOD,
                                stroke_width=8)
        self.play(ShowPassingFlash(down, time_width=0.6), Indicate(parts[5], color=theme.GOOD),
                  at="downhill", run_time=theme.REVEAL * 1.5)
        arrow.clear_updaters()
        self.step_line, self.step_arrow, self.zoom_cap = VGroup(line, rate_cap), arrow, zoom_cap

    def beat_why(self):
        """Why this curve and not e, shown: the slope's name becomes "slope of C" and the
        tangent flashes as "C's slope" is said, its value lit; e's slope along the same weight
        at the same value arrives beside it, at the same size, as "not e's slope" is said, lit
        with its value (the step is C's slope times the rate, not e's); the formula and the
        curve lit as "we draw C" is said."""
        v = self.values
        name_c = label("slope of C", theme.SMALL_SIZE, theme.MUTED).move_to(
            self.s_read[0], aligned_edge=LEFT)
        dec = decimals(v["e_slope0_text"])
        self.e_slope = readout("slope of e", round(v["e_slope0"], dec), dec, theme.TEXT)
        self.e_slope.align_to(self.s_read, UP).align_to([self.col_x[1], 0, 0], LEFT)
        self.play(ShowPassingFlash(self.tangent.copy().clear_updaters().set_stroke(
                      theme.ACCENT, 9), time_width=0.6),
                  Transform(self.s_read[0], name_c),
                  Indicate(self.cost_f, color=theme.ACCENT, scale_factor=1.05),
                  at="follows", until=v["slope0_text"])
        self.light(self.s_read[1], at=v["slope0_text"])
        self.play(FadeIn(self.e_slope, shift=LEFT * 0.3), at="not", until=v["e_slope0_text"])
        self.light(self.e_slope[1], at=v["e_slope0_text"])
        self.play(ShowPassingFlash(self.curve.copy().set_stroke(theme.ACCENT, 8),
                                   time_width=0.5),
                  Indicate(self.cost_f, color=theme.ACCENT, scale_factor=1.05),
                  at="that is", through="draw C.")

    def add_e_read(self):
        """e's readout, beside the slope (made once, shown by the beat that names e)."""
        if getattr(self, "e_read", None) is None:
            self.e_read = readout("squared error e", self.values["e0"], COST_DIGITS + 1,
                                  theme.TEXT)
            self.e_read.align_to(self.s_read, UP).align_to([self.col_x[1], 0, 0], LEFT)
        return self.e_read

    def beat_again(self):
        """The arrow shrinks to the step's true size as "too small to see" is said, its caption
        saying so; the step counter arrives with the count; the first step's sum becomes the
        rule of every step; then the ball rolls down the curve, the rule applied again and
        again, its trail, tangent and readouts following; the slope lit as it shrinks."""
        v = self.values
        plot = self.plot
        side = region("side")
        steps = np.array(v["path_steps"], dtype=float)
        path = np.array(v["path"])
        slopes = np.array(v["path_slope"])
        k = ValueTracker(0)

        def at(values):
            return float(np.interp(k.get_value(), steps, values))

        if getattr(self, "e_slope", None) is not None:
            self.add_e_read()  # e's readout, made now so that it follows the roll
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
        # the arrow becomes the step's true length on the curve ("too small to see", or, with
        # a large learning rate, "step after step"), its caption saying so
        true = label("its true length: too small to see" if not v["step_visible"]
                     else "its true length", theme.TINY_SIZE, theme.GOOD)
        true.move_to(self.zoom_cap, aligned_edge=LEFT)
        self.play(Transform(self.step_arrow, self.step_arrow_true()),
                  Transform(self.zoom_cap, true),
                  at="step" if v["step_visible"] else "too small",
                  until=v["n_text"])
        self.remove(self.step_arrow)
        self.play(FadeIn(counter), at=v["n_text"], run_time=theme.LIGHT)
        # "of the same rule": the first step's sum becomes the rule of every step
        rule = VGroup(*[label(t, theme.SMALL_SIZE, c) for t, c in (
            ("each step = \u2212", theme.TEXT), (v["rate_text"], theme.TEXT),
            ("\u00d7", theme.MUTED), ("slope", theme.ACCENT))]).arrange(RIGHT, buff=0.1)
        rule.move_to(self.step_line, aligned_edge=UP + LEFT).align_to([side.left, 0, 0], LEFT)
        trail = always_redraw(lambda: plot.series(
            np.linspace(v["w0"], at(path), 30),
            [self.cost_at(w) for w in np.linspace(v["w0"], at(path), 30)],
            color=theme.ACCENT, stroke_width=7))
        self.dot.clear_updaters()
        self.dot.add_updater(lambda m: m.move_to(plot.c2p(at(path), self.cost_at(at(path)))))
        self.tan_w.add_updater(lambda m: m.set_value(at(path)))
        self.tan_g.add_updater(lambda m: m.set_value(at(slopes)))
        self.w_read[1].add_updater(lambda m: m.set_value(at(path)))
        self.c_read[1].add_updater(lambda m: m.set_value(self.cost_at(at(path))))
        self.s_read[1].add_updater(lambda m: m.set_value(at(slopes)))
        followers = [self.dot, self.tan_w, self.tan_g, self.w_read[1], self.c_read[1],
                     self.s_read[1], count, trail]
        if getattr(self, "e_read", None) is not None:  # e, beside the cost, follows too
            path_e = np.array(v["path_e"])
            self.e_read[1].add_updater(lambda m: m.set_value(at(path_e)))
            followers.append(self.e_read[1])
        self.add(self.tan_w, self.tan_g)
        # e's slope (shown by the "why" beat) gives way to e's own readout, which follows the roll
        e_slope = ([FadeOut(self.e_slope, shift=UP * 0.2), FadeIn(self.e_read, shift=UP * 0.2)]
                   if getattr(self, "e_slope", None) is not None else [])
        self.play(FadeOut(self.step_line, shift=UP * 0.2), FadeOut(self.zoom_cap),
                  FadeIn(rule, shift=UP * 0.2), *e_slope, at="same rule", until="each")
        # "each with the slope where the weight is now": the rule runs on
        self.add(trail, self.dot)
        self.play(k.animate.set_value(steps[-1]), at="each", until="shrink",
                  rate_func=linear)
        # "they shrink as the curve flattens": the flatter tangent and the smaller slope lit
        self.play(Indicate(self.s_read[1], color=theme.ACCENT),
                  ShowPassingFlash(self.curve.copy().set_stroke(theme.ACCENT, 6),
                                   time_width=0.5),
                  at="shrink", through="flattens.")
        for m in followers:
            m.clear_updaters()
        count.set_value(v["n_steps"])
        place(counter)
        self.w_read[1].set_value(v["wn"])
        self.c_read[1].set_value(v["cost_n"])
        self.s_read[1].set_value(v["slope_n"])
        if getattr(self, "e_read", None) is not None:
            self.e_read[1].set_value(v["e_n"])
        self.counter, self.rule, self.trail1, self.follow_at = counter, rule, trail, at
        self.still("rolled")

    def step_arrow_true(self):
        """The first step's arrow at its true length (a line when too short for a tip)."""
        v = self.values
        p0 = self.plot.c2p(v["w0"], v["cost0"])
        p1 = self.plot.c2p(v["w1"], v["cost0"])
        if abs(p1[0] - p0[0]) > 0.3:
            return self.make_arrow(v["w0"], v["step_w"])
        return Line(p0, p1 + (p1 - p0) * 1e-3 + RIGHT * 1e-4, color=theme.GOOD,
                    stroke_width=6)

    def beat_fall(self):
        """The ball goes back up to today's weight as "falls from" is said (the cost and e
        readouts climbing back to their first values), then rolls down again while the cost is
        said falling, both readouts counting down; the first and last costs light as said, then
        e, the trail flashing as "falls too" is said."""
        v = self.values
        plot = self.plot
        steps = np.array(v["path_steps"], dtype=float)
        path, path_e = np.array(v["path"]), np.array(v["path_e"])
        shown = getattr(self, "e_read", None) is not None
        e_read = self.add_e_read()
        k = ValueTracker(steps[-1])

        def at(values):
            return float(np.interp(k.get_value(), steps, values))

        self.dot.add_updater(lambda m: m.move_to(plot.c2p(at(path), self.cost_at(at(path)))))
        self.tan_w.add_updater(lambda m: m.set_value(at(path)))
        self.tan_g.add_updater(lambda m: m.set_value(at(v["path_slope"])))
        followers = [self.dot, self.tan_w, self.tan_g]
        for m, col in ((self.w_read[1], path), (e_read[1], path_e)):
            m.add_updater(lambda m, col=col: m.set_value(at(col)))
            followers.append(m)
        self.c_read[1].add_updater(lambda m: m.set_value(self.cost_at(at(path))))
        s_read = self.s_read[1]
        s_read.add_updater(lambda m: m.set_value(at(v["path_slope"])))
        count = self.counter[0]
        count.add_updater(lambda m: m.set_value(round(k.get_value())))
        followers += [self.c_read[1], s_read, count]
        self.add(self.tan_w, self.tan_g)
        # "falls from 7.622": back up to where the first step began, the cost readout
        # climbing back to its first value
        self.play(k.animate.set_value(0), *([] if shown else [FadeIn(e_read)]),
                  at="falls from", until=v["cost0_text"])
        self.light(self.c_read[1], self.dot, at=v["cost0_text"])
        # "to 6.958": down again, the rule's steps, both readouts falling
        self.play(k.animate.set_value(steps[-1]), until=v["cost_n_text"], rate_func=linear)
        for m in followers:
            m.clear_updaters()
        self.light(self.c_read[1], self.dot, at=v["cost_n_text"])
        self.play(Indicate(e_read[0], color=theme.ACCENT), at="and e", until="falls")
        self.play(ShowPassingFlash(self.trail1.copy().set_stroke(theme.ACCENT, 10),
                                   time_width=0.6),
                  at="falls", until=v["e_n_text"])
        self.light(e_read[1], at=v["e_n_text"])

    # --- two weights: a landscape -------------------------------------------------------------

    def beat_landscape(self):
        """The curve gives way to the landscape of two weights, large: its shading (the cost at
        every point, dark low to light high, with its key) fades in as "landscape" is said;
        the second weight is named as it is said; the lines of equal cost are drawn one after
        another."""
        v = self.values
        names = v["class_names"]
        main, side = region("main"), region("side")
        (a0, a1), (b0, b1) = v["box"]
        size = main.height - 0.6
        plot = LinePlot((a0, a1), (b0, b1), ticks(a0, a1, 4, 1), ticks(b0, b1, 4, 1),
                        f"weight into {names[v['r']]}", "", size, size)
        plot.x_title.next_to(plot.axes, DOWN, buff=0.4)
        plot.move_to(main.center).shift(RIGHT * 0.35 + DOWN * 0.2)
        up_name = fitted_label(f"weight into {names[v['q']]}", size, theme.SMALL_SIZE,
                               theme.MUTED).rotate(np.pi / 2)
        up_name.next_to(plot.tick_labels, LEFT, buff=0.15).set_y(plot.axes.get_center()[1])
        lo, hi = v["shade_lo"], v["shade_hi"]
        corner = plot.c2p(a0, b0)
        top = plot.c2p(a1, b1)
        shade = shade_cells(v["shade"], lo, hi, top[0] - corner[0], top[1] - corner[1])
        shade.move_to((corner + top) / 2)
        lines = VGroup()
        for pieces in v["contours"]:
            for piece in pieces:
                pts = [plot.c2p(x, y) for x, y in piece]
                line = VMobject().set_points_as_corners(np.array(pts))
                lines.add(line.set_stroke(theme.TEXT, 1.5, opacity=0.45))
        hid = fmt_int(v["c"])
        legend = VGroup(label(f"both from hidden {hid}", theme.SMALL_SIZE, theme.TEXT),
                        fitted_label(f"into {names[v['q']]}: largest wrong output",
                                     side.width, theme.SMALL_SIZE, theme.OUTPUT),
                        label("lines: equal cost", theme.SMALL_SIZE, theme.TEXT))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        legend.next_to(self.head, DOWN, buff=theme.GAP).align_to([side.left, 0, 0], LEFT)
        # the key: the shading's ramp, low to high, with the costs at its ends
        sym = v["cost_symbol"]
        ramp = shade_cells(np.linspace(lo, hi, SHADES)[None, :], lo, hi, side.width - 0.9,
                           0.22)
        key_name = label(f"shade: cost {sym}", theme.SMALL_SIZE, theme.TEXT)
        ends = VGroup(label(f"low {fmt(lo, COST_DIGITS - 1)}", theme.TINY_SIZE, theme.MUTED),
                      label(f"high {fmt(hi, COST_DIGITS - 1)}", theme.TINY_SIZE, theme.MUTED))
        key = VGroup(key_name, ramp).arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        ends[0].next_to(ramp, DOWN, buff=0.08).align_to(ramp, LEFT)
        ends[1].next_to(ramp, DOWN, buff=0.08).align_to(ramp, RIGHT)
        key.add(ends)
        key.next_to(legend, DOWN, buff=theme.GAP).align_to([side.left, 0, 0], LEFT)
        old = [self.plot, self.curve, self.dot, self.tangent, self.reads, self.s_read,
               self.rule, self.counter, self.e_read, self.edge, self.cost_f,
               self.trail1]
        self.play(*fade_out(self, *old), at="With", until="landscape")
        self.remove(self.tangent, self.trail1)
        self.play(FadeIn(plot), FadeIn(shade), FadeIn(key, shift=LEFT * 0.2), at="landscape",
                  until="add")
        self.play(FadeIn(up_name, shift=UP * 0.2), FadeIn(legend[0]), at="add",
                  until=names[v["q"]])
        self.play(FadeIn(legend[1], shift=LEFT * 0.2), Indicate(up_name, color=theme.ACCENT),
                  at=names[v["q"]], through="wrong one,")
        self.play(LaggedStart(*[Create(m) for m in lines], lag_ratio=0.3), FadeIn(legend[2]),
                  at="each line", through="costs.")
        self.land, self.lines, self.up_name, self.legend = plot, lines, up_name, legend
        self.shade, self.key = shade, key

    def beat_downhill(self):
        """An arrow from today's two weights points against their slopes (the first step,
        drawn a stated number of times longer) as "against their slopes" is said; then the
        ball steps from there across the lines into the darker shading, its trail drawn
        behind it and the counter running, as "downhill" is said; the last cost lit."""
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

        ball = Dot(radius=0.13, color=theme.ACCENT).move_to(where())
        ball.add_updater(lambda m: m.move_to(where()))
        trail = always_redraw(lambda: VMobject().set_points_as_corners(
            np.array([self.land.c2p(x, y) for x, y in path2[:max(2, int(np.searchsorted(
                steps, k.get_value(), side="right")))]] + [where()])).set_stroke(
            theme.ACCENT, 5))
        counter = VGroup(label("steps", theme.SMALL_SIZE, theme.MUTED),
                         Integer(0, font_size=theme.TEX_SIZE[theme.BODY_SIZE],
                                 color=theme.ACCENT))
        counter.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)
        cost = readout(f"cost {v['cost_symbol']}", costs[0], COST_DIGITS, COST_COLOR)
        reads = VGroup(counter, cost).arrange(RIGHT, buff=theme.GAP_LARGE, aligned_edge=UP)
        reads.next_to(self.key, DOWN, buff=theme.GAP).align_to([side.left, 0, 0], LEFT)
        counter[1].add_updater(lambda m: m.set_value(round(k.get_value())))
        cost[1].add_updater(lambda m: m.set_value(at(costs)))
        # the first step of both weights, -rate x (slope, slope), drawn zoom2 times longer
        g = np.array(v["slopes2"])
        d = -v["learn_rate"] * v["zoom2"] * g
        p = self.land.c2p(*path2[0])
        arrow = Arrow(p, self.land.c2p(path2[0][0] + d[0], path2[0][1] + d[1]), buff=0,
                      color=theme.GOOD, stroke_width=7, max_tip_length_to_length_ratio=0.3)
        zoom = VGroup(label("arrow: the first step,", theme.TINY_SIZE, theme.GOOD),
                      label(f"drawn {v['zoom2_text']}\u00d7 longer" if v["zoom2"] > 1
                            else "at its true length", theme.TINY_SIZE, theme.GOOD))
        zoom.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        zoom.next_to(reads, DOWN, buff=theme.GAP_SMALL).align_to([side.left, 0, 0], LEFT)
        self.play(FadeIn(ball, scale=2), FadeIn(reads), at="Each step", until="against")
        self.play(Create(arrow), FadeIn(zoom), at="against", through="once,")
        self.add(trail, ball, arrow)  # the first step's arrow stays on top of the path
        self.play(k.animate.set_value(steps[-1]), at="downhill", until="falls",
                  rate_func=linear)
        for m in (ball, counter[1], cost[1]):
            m.clear_updaters()
        counter[1].set_value(v["n_steps"])
        cost[1].set_value(v["cost2_n"])
        start = label(f"from {v['cost0_text']}", theme.SMALL_SIZE, theme.MUTED)
        start.next_to(cost[0], RIGHT, buff=theme.GAP_SMALL)
        self.play(FadeIn(start), at="the cost falls", until=v["cost2_n_text"])
        self.light(cost[1], ball, at=v["cost2_n_text"])
        self.remove(trail)
        done = VMobject().set_points_as_corners(
            np.array([self.land.c2p(x, y) for x, y in path2])).set_stroke(theme.ACCENT, 5)
        self.add(done, ball, arrow)
        self.ball, self.trail, self.reads2, self.start2 = ball, done, reads, start
        self.arrow2, self.zoom2 = arrow, zoom
        self.still("landscape")

    # --- every slope: the gradient ------------------------------------------------------------

    def beat_gradient(self):
        """The landscape gives way to every weight's step for this image as a picture (minus
        the learning rate times its slope: a cell per weight, blue raised, red lowered, as the
        training chapter draws what training added; a picture per hidden neuron, a block for
        the outputs); the counts, from the layer sizes, light as they are said; the whole is
        named the gradient, the rule of the step written, and the colours' key lit as "blue"
        and "red" are said."""
        v = self.values
        full = region("full")
        sizes = v["sizes"]
        count_w = label(" + ".join(f"{fmt_int(a)} \u00d7 {fmt_int(b)}"
                                   for a, b in zip(sizes[:-1], sizes[1:]))
                        + f" = {fmt_int(v['n_weights'])} weights", theme.BODY_SIZE)
        count_b = label(" + ".join(fmt_int(s) for s in sizes[1:])
                        + f" = {fmt_int(v['n_biases'])} biases", theme.BODY_SIZE)
        counts = VGroup(count_w, count_b).arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP)
        g_ih = np.array(v["step_w_i_h"])
        g_ho = np.array(v["step_w_h_o"])
        counts.next_to([full.left, full.top, 0], DOWN + RIGHT, buff=0).shift(DOWN * 0.1)
        # the output layer's steps, a row per output, top right beside the counts
        cell = min(0.12, (full.right - counts.get_right()[0] - 1.0) / g_ho.shape[1])
        small = slope_cells(g_ho, cell)
        cap_ho = label("into the outputs", theme.TINY_SIZE, theme.MUTED)
        right = VGroup(small, cap_ho.next_to(small, DOWN, buff=theme.GAP_SMALL))
        right.next_to([full.right, full.top, 0], DOWN + LEFT, buff=0).shift(DOWN * 0.1)
        # the hidden layer's steps, one picture per hidden neuron, across the frame below
        n_hid = g_ih.shape[0]
        n_rows = int(np.ceil(n_hid / 10))
        per_row = int(np.ceil(n_hid / n_rows))
        top = min(counts.get_bottom()[1], right.get_bottom()[1]) - theme.GAP
        # below the pictures: their caption and key, the gradient's name, the rule of the step
        below = label("gradient", theme.BODY_SIZE).height * 2 + theme.GAP * 3 + 0.45
        room_h = top - full.bottom - below
        side_len = min(1.15, full.width / per_row - 0.1, room_h / n_rows - 0.1)
        big = tiles(g_ih, side_len)
        big.arrange_in_grid(rows=n_rows, cols=per_row, buff=0.1)
        big.next_to([0, top, 0], DOWN, buff=0).set_x(0)
        cap_ih = label(f"each weight's step, \u2212{v['rate_text']} \u00d7 its slope: into "
                       "each hidden neuron, from every pixel", theme.TINY_SIZE, theme.MUTED)
        cap_ih.next_to(big, DOWN, buff=theme.GAP_SMALL).set_x(0)
        key = VGroup(label("blue: raised", theme.SMALL_SIZE, theme.POSITIVE),
                     label("red: lowered", theme.SMALL_SIZE, theme.NEGATIVE))
        key.arrange(RIGHT, buff=theme.GAP)
        key.next_to(cap_ih, DOWN, buff=theme.GAP_SMALL).set_x(0)
        pic = VGroup(big, cap_ih)
        name = label("the gradient: every slope, together", theme.BODY_SIZE, theme.ACCENT)
        name.next_to(VGroup(pic, key), DOWN, buff=theme.GAP).set_x(0)
        old = [self.land, self.shade, self.lines, self.up_name, self.legend, self.key,
               self.ball, self.trail, self.reads2, self.start2, self.head, self.arrow2,
               self.zoom2]
        self.play(*fade_out(self, *old), at="All", until=fmt_int(v["n_weights"]))
        self.play(FadeIn(count_w, shift=DOWN * 0.2), FadeIn(big), FadeIn(small),
                  FadeIn(cap_ih), FadeIn(cap_ho), FadeIn(key), at=fmt_int(v["n_weights"]),
                  run_time=theme.LIGHT)
        self.play(FadeIn(count_b, shift=DOWN * 0.2), at="and", until=fmt_int(v["n_biases"]))
        self.light(count_b, at=fmt_int(v["n_biases"]))
        self.play(FadeIn(name, shift=UP * 0.2), big.animate.scale(1.02), at="together",
                  through="gradient,")
        # "every training step moves against it": the rule of the step, for all at once
        rule = label(f"each step: every weight and bias \u2212= {v['rate_text']} \u00d7 its "
                     "slope", theme.BODY_SIZE, theme.TEXT)
        rule.next_to(name, DOWN, buff=theme.GAP).set_x(0)
        self.play(big.animate.scale(1 / 1.02), FadeIn(rule, shift=UP * 0.2),
                  Indicate(name, color=theme.ACCENT), at="every training", until="blue")
        self.play(Indicate(key[0], color=theme.POSITIVE, scale_factor=1.3), at="blue",
                  until="red")
        self.play(Indicate(key[1], color=theme.NEGATIVE, scale_factor=1.3), at="red",
                  through="down.")
        # why every picture looks like the image: the image returns between the counts and
        # the outputs' block, and a copy of it flies into each hidden neuron's picture (its
        # steps are the pixels times one number for that neuron); the pictures' blank
        # frames flash as "blank pixels get no step" is said
        gap_l, gap_r = count_w.get_right()[0], right.get_left()[0]
        img = PixelGrid(v["img"], side_length=max(0.3, min(0.9, gap_r - gap_l - 0.3)))
        img.move_to([(gap_l + gap_r) / 2, full.top - 0.1 - img.height / 2, 0])
        self.play(FadeIn(img, shift=DOWN * 0.2), at="Each hidden", until="looks")
        copies = [img.copy() for _ in big]
        self.add(*copies)
        self.play(LaggedStart(*[m.animate.scale(t.height / img.height).move_to(t)
                                for m, t in zip(copies, big)], lag_ratio=0.15),
                  at="looks", until="times")
        # "times one number for that neuron": the copies fade to reveal each neuron's steps,
        # the image's pattern in that neuron's colour and strength
        self.play(*[FadeOut(m) for m in copies], at="times", until="blank")
        # "blank pixels get no step": their cells stay black, every picture's frame flashing
        self.play(LaggedStart(*[ShowPassingFlash(t[0].copy().set_stroke(theme.ACCENT, 3),
                                                 time_width=0.5) for t in big],
                              lag_ratio=0.05),
                  at="blank", through="step.")
        self.still("gradient")
