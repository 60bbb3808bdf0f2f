"""ReLU and softmax: what each changes in our network, and whether it helps.

The picture never goes blank: each beat clears what the last one showed while it brings its
own. Linear layers collapse into one (the formula rewrites itself as "collapse" and "one
matrix" are said); ReLU's kinked graph takes a ReLU network's real hidden pre-activations as
dots, the positive ones rising as "keeps positive inputs" is said and the rest pinned at zero,
the side of the graph left of zero shaded as "zeroes the rest" is said; the softmax and
sigmoid columns come from the same logits, each as it is named, a band sweeping down each
column as "add up to" is said, its sum appearing where the sweep ends; for cross-entropy the
formula and the -log p curve come as its name is said, the label's row is boxed and its
probability carried into the formula, the rows the sentence does not name step back, and the
label's point climbs the curve from p = 1 (cost 0) to the label's probability; the gradient
p - l is written out row by row.

Then the fair comparison, on one screen: an accuracy plot (left) and a table of the three
runs (right), each row named by what changed. The rows slide in as the runs are named, under
"same starting weights" and "same images"; each row's tried learning rates grow as small bars
(their accuracy on the kept-aside images) and the best one's rate is carried into the rate
column; the three curves (real online accuracy, window by window) are drawn together as the
sentence says how each change starts and ends against ours, the first and last epoch shaded
as said; then each run's held-out accuracy slides onto an axis as it is said, and on each change's
strip a band of luck (two standard errors of that change's gap to ours, either side of ours)
grows about a dashed line at ours: a change outside its band really differs. Last,
the caveat: the ReLU run's hidden neurons as a row of squares, the dead ones (zero on every
held-out image, counted in the trace) greyed and crossed as their count is said. Without the
runs, the chapter says they are missing.

Every beat lays its animations along its sentence's words (``at`` / ``until`` /
``through``); a spoken number is marked as it is said.
"""

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    LaggedStart,
    Line,
    MoveAlongPath,
    Rectangle,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene, mark
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import VectorColumn, class_slots
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, fitted_label, formula, headed, label
from scenes.values.activations import FORMULAS
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_rate, fmt_shape

DIGITS = 3
ROW_GAP = 0.4
NAME_WIDTH = 1.3  # class names left of the logits column (long ones shortened)
RUN_COLORS = theme.RUN_COLORS
#: The accuracy plot of the comparison (scene units) ...
PLOT_WIDTH, PLOT_HEIGHT = 5.0, 4.4
#: ... and the runs beside it: the step between runs, the tallest bar of the rates tried (an
#: accuracy of 1).
ROW_STEP = 1.25
SPARK_HEIGHT = 0.45
#: How far below its run's name a strip (the rates tried, then the held-out dot) sits.
STRIP_DROP = 0.55


def source_note(ex, names):
    """Where the example's numbers come from, said on screen (three short lines)."""
    if ex["source"] == "softmax_network":
        return ("ReLU network", f"held-out image {fmt_int(ex['test_index'])}",
                f"label {names[ex['label']]}")
    return ("reference network", f"recorded step {fmt_int(ex['step'])}",
            f"label {names[ex['label']]}")


def shown_rows(n, *must):
    """The class rows a column draws (ascending): all ``n`` when they fit, else the label's,
    the guess's and the first ones, ⋮ rows counted in the kit's ``MAX_CLASS_ROWS``."""
    return [c for c in class_slots(n, must) if c is not None]


def index_labels(column, names):
    """The class names beside a column's rows; ``.of[class]`` is the name of that class."""
    right = column.brackets.get_left()[0] - 0.15  # clear of the bracket, whatever the widths
    of = {i: fitted_label(names[i], NAME_WIDTH, theme.TINY_SIZE, theme.MUTED).move_to(
        [right, t.get_y(), 0], aligned_edge=RIGHT) for i, t in column.entries.items()}
    group = VGroup(*of.values())
    group.of = of
    return group



def add_up(column, total):
    """A column adding up: a shaded band sweeps down its entries, top to bottom, and the
    sum appears below it as the sweep ends. Returns ``(band, animations to play)``."""
    band = SurroundingRectangle(column.rows, color=theme.ACCENT, buff=0.08)
    band.set_stroke(width=0).set_fill(theme.ACCENT, 0.18)
    backdrop(band)
    return band, [GrowFromEdge(band, UP), FadeIn(total, rate_func=lambda t: t ** 3)]


def dim_rows(columns, names, keep):
    """Animations dimming every row of ``columns`` (and its class name) but those of
    ``keep``: the rows the sentence does not name step back."""
    faded = [c.entries[i] for c in columns for i in c.entries if i not in keep]
    faded += [names.of[i] for i in names.of if i not in keep]
    return [m.animate.set_opacity(0.3) for m in faded]


class Activations(ChapterScene):
    slug = "activations"

    # --- why a bend --------------------------------------------------------------------------

    def beat_linear(self):
        """Two linear layers multiply into one matrix: the formula rewrites itself as
        "collapse" and "one matrix" are said, the shapes beside it."""
        sizes = self.values["sizes"]
        self.card = self.title_card()
        big = theme.FORMULA_SIZE + 16
        chain = formula(r"W_2", r"\,(W_1\, x)", r"=", r"(W_2\, W_1)", r"\, x", r"=", r"W",
                        r"\, x", size=big).move_to(UP * 0.5)
        n_in, n_hid, n_out = sizes[0], sizes[1], sizes[-1]
        product = VGroup(label(fmt_shape((n_out, n_hid)), theme.BODY_SIZE, theme.TEXT),
                         label("\u00d7", theme.BODY_SIZE, theme.MUTED),
                         label(fmt_shape((n_hid, n_in)), theme.BODY_SIZE, theme.TEXT))
        product.arrange(RIGHT, buff=0.2).next_to(chain[3], DOWN, buff=0.6)
        result = VGroup(label("=", theme.BODY_SIZE, theme.MUTED),
                        label(fmt_shape((n_out, n_in)), theme.BODY_SIZE, theme.ACCENT))
        result.arrange(RIGHT, buff=0.2).next_to(product, RIGHT, buff=0.2)
        layers = VGroup(label("first layer", theme.SMALL_SIZE, theme.MUTED)
                        .next_to(chain[1], DOWN, buff=0.25),
                        label("second layer", theme.SMALL_SIZE, theme.MUTED)
                        .next_to(chain[0], UP, buff=0.25))
        note = label("no bend between the layers: one layer in disguise", theme.BODY_SIZE,
                     theme.MUTED).next_to(VGroup(product, result), DOWN, buff=0.7).set_x(0)
        self.play(Write(chain[:2]), FadeIn(layers), until="two")
        self.play(mark(layers[0]), mark(layers[1]), at="two", through="layers")
        self.play(FadeIn(chain[2]), TransformFromCopy(chain[:2], chain[3:5]), FadeOut(layers),
                  at="collapse", through="one:")
        self.play(FadeIn(product, shift=UP * 0.2), mark(chain[3]), at="a matrix",
                  through="matrix is")
        self.play(FadeIn(chain[5]), TransformFromCopy(chain[3:5], chain[6:8]), FadeIn(result),
                  at="just", through="one matrix.")
        self.play(mark(chain[6:8]), FadeIn(note, shift=UP * 0.1), run_time=theme.REVEAL)

    # --- ReLU -----------------------------------------------------------------------------

    def beat_relu(self):
        """ReLU's kinked graph drawn as "bends at zero" is said; the example's real
        pre-activations, as dots on the axis, rise onto it if positive and stay at zero if
        not, each as it is said; the zeros and the whole count marked as said."""
        ex, names = self.values["example"], self.values["class_names"]
        bent = formula(FORMULAS[0]).to_edge(UP, buff=1.35).to_edge(LEFT, buff=SAFE_BUFF + 0.1)
        self.img = PixelGrid(ex["img"], side_length=1.8).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.note = VGroup(*[label(t, theme.SMALL_SIZE, theme.MUTED)
                             for t in source_note(ex, names)])
        self.note.arrange(DOWN, aligned_edge=RIGHT, buff=0.08)
        self.note.next_to(self.img, LEFT, buff=0.3).align_to(self.img, UP)
        h = np.array(ex["h_pre"])
        ticks = nice_ticks(min(h.min(), -1.0), max(h.max(), 1.0), 4)
        lo, hi, step = ticks[0], ticks[-1], ticks[1] - ticks[0]
        # the right arm spans at least one tick, even when no input is positive
        lo, hi = min(lo, h.min()), max(hi, h.max(), step)
        axes = Axes(x_range=[lo, hi, step], y_range=[0, hi, step], x_length=7.0,
                    y_length=3.6 * hi / (hi - lo) + 0.8, tips=False,
                    axis_config={"color": theme.MUTED, "include_numbers": True,
                                 "font_size": theme.AXIS_NUMBER_SIZE, "stroke_width": 1.5})
        axes.move_to([-2.2, -1.0, 0])
        left_arm = Line(axes.c2p(lo, 0), axes.c2p(0, 0)).set_stroke(theme.CURVE, 5)
        right_arm = Line(axes.c2p(0, 0), axes.c2p(hi, hi)).set_stroke(theme.CURVE, 5)
        dots = VGroup(*[Dot(axes.c2p(x, 0), radius=0.07, color=theme.NEUTRAL) for x in h])
        pos = [d for d, x in zip(dots, h) if x > 0]
        zeros = VGroup(*[d for d, x in zip(dots, h) if x <= 0])
        n_zero = label(fmt_int(ex["n_relu_zero"]), theme.HEADING_SIZE, theme.NEGATIVE)
        count = VGroup(n_zero, label("of", theme.BODY_SIZE, theme.TEXT),
                       label(fmt_int(ex["n_hid"]), theme.BODY_SIZE, theme.TEXT),
                       label("hidden outputs become zero", theme.BODY_SIZE, theme.TEXT))
        count.arrange(RIGHT, buff=0.2).next_to(bent, DOWN, buff=0.35).align_to(bent, LEFT)
        for part in count[1:]:
            part.align_to(count[1], DOWN)
        self.play(*self.leave(), Write(bent), Create(axes), until="bends")
        self.play(Create(left_arm), Create(right_arm), at="bends", through="zero:")
        self.play(FadeIn(dots, scale=0.5), at="it", until="positive")
        # the positive inputs rise onto the graph's right arm (if none, that arm is pointed at)
        rise = [d.animate.move_to(axes.c2p(x, x)).set_color(theme.POSITIVE)
                for d, x in zip(pos, h[h > 0])]
        self.play(*(rise or [mark(VGroup(right_arm, bent), 1.1)]), at="positive",
                  through="inputs")
        # every input left of zero lands on zero: that whole side of the graph is shaded
        zero_side = Rectangle(width=axes.c2p(0, 0)[0] - axes.c2p(lo, 0)[0],
                              height=axes.c2p(0, hi)[1] - axes.c2p(0, 0)[1])
        zero_side.set_stroke(width=0).set_fill(theme.NEGATIVE, 0.15)
        zero_side.move_to(axes.c2p(0, 0), aligned_edge=DOWN + RIGHT)
        backdrop(zero_side)
        self.play(zeros.animate.set_color(theme.NEGATIVE), mark(left_arm, 1.0),
                  GrowFromEdge(zero_side, RIGHT), at="zeroes", through="rest;")
        self.play(FadeIn(self.img), FadeIn(self.note), at="here",
                  until=fmt_int(ex["n_relu_zero"]))
        self.play(FadeIn(n_zero), mark(zeros, 1.6), at=fmt_int(ex["n_relu_zero"]),
                  run_time=theme.LIGHT)
        self.play(FadeIn(count[1:]), mark(dots, 1.3), until=fmt_int(ex["n_hid"]))
        self.light(count[2], at=fmt_int(ex["n_hid"]))
        self.play(mark(count[3], 1.05), mark(zeros, 1.6), at="become", through="zero.")

    # --- softmax --------------------------------------------------------------------------

    def beat_softmax(self):
        """Logits as "logits" is said; softmax's column from them as "probabilities" is said,
        its sum of one; the sigmoid's column from the same logits, its sum marked as said."""
        ex, names = self.values["example"], self.values["class_names"]
        rows = shown_rows(len(ex["z"]), ex["label"], ex["guess"])
        z = VectorColumn(ex["z"], indices=rows, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP)
        p = VectorColumn(ex["softmax_p"], indices=rows, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP, color=theme.OUTPUT)
        s = VectorColumn(ex["sigmoid_o"], indices=rows, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP, color=theme.MUTED)
        hz, hp, hs = headed(z, "logits z"), headed(p, "softmax(z)"), headed(s, "sigmoid(z)")
        cols = VGroup(hz, hp, hs).arrange(RIGHT, buff=0.55, aligned_edge=UP)
        cols.to_edge(LEFT, buff=SAFE_BUFF + 1.75).align_to([0, 1.8, 0], UP)
        f_soft = formula(FORMULAS[1]).next_to(cols, RIGHT, buff=0.9).set_y(0.2)
        idx = index_labels(z, names)
        sums = VGroup(label(f"sum {fmt(ex['softmax_sum'], 2)}", theme.SMALL_SIZE,
                            theme.ACCENT).next_to(p, DOWN, buff=0.12),
                      label(f"sum {fmt(ex['sigmoid_sum'], 2)}", theme.SMALL_SIZE,
                            theme.MUTED).next_to(s, DOWN, buff=0.12))
        self.play(*self.leave(self.img, self.note), Write(f_soft), until="logits")
        self.play(FadeIn(hz), FadeIn(idx), at="logits", until="into")
        self.play(TransformFromCopy(z.rows, p.rows), FadeIn(p.brackets), FadeIn(hp[0]),
                  mark(f_soft, 1.05), at="into", through="probabilities")
        p_band, adding = add_up(p, sums[0])
        self.play(*adding, at="add", through="one;")
        self.play(TransformFromCopy(z.rows, s.rows), FadeIn(s.brackets), FadeIn(hs[0]),
                  FadeOut(p_band), at="sigmoids", through="them")
        s_band, adding = add_up(s, sums[1])
        self.play(*adding, at="would", until=fmt(ex["sigmoid_sum"], 2))
        self.light(sums[1], at=fmt(ex["sigmoid_sum"], 2))
        self.soft = {"f": f_soft, "z": hz, "s": hs, "p": hp, "idx": idx, "sums": sums,
                     "pcol": p, "scol": s, "band": s_band}

    # --- cross-entropy --------------------------------------------------------------------

    def beat_ce(self):
        """CE's formula and the -log p curve as "cross-entropy" is said; the label's row boxed
        as the label is said and its probability carried onto the curve's axis; the guess's
        row boxed as said; the label's point climbs the curve from p = 1 (cost 0) to its
        probability as "the cost" is said, and the cost marked as said."""
        ex, names = self.values["example"], self.values["class_names"]
        sm = self.soft
        p, idx = sm["pcol"], sm["idx"]
        lab_box = SurroundingRectangle(p.entries[ex["label"]], color=theme.TARGET, buff=0.06)
        guess_box = SurroundingRectangle(p.entries[ex["guess"]], color=theme.OUTPUT, buff=0.06)
        y_hi = float(max(math.ceil(1.4 * ex["ce"]), 1))
        lo_p = math.exp(-0.9 * y_hi)
        plot = LinePlot((0, 1), (0, y_hi), [(t, fmt(t, 1)) for t in nice_ticks(0, 1, 2)],
                        [(t, fmt(t, 0 if t == int(t) else 1)) for t in nice_ticks(0, y_hi, 3)],
                        "probability at the label", "\u2212log p", 4.2, 1.5)
        plot.to_corner(DOWN + RIGHT, buff=SAFE_BUFF)
        xs = np.linspace(lo_p, 1.0, 60)
        curve = plot.series(xs, -np.log(xs), color=theme.CURVE)
        dot = Dot(plot.c2p(1.0, 0.0), radius=0.09, color=theme.TARGET)
        guide = Line(plot.c2p(ex["p_label"], 0), plot.c2p(ex["p_label"], ex["ce"]))
        guide.set_stroke(theme.TARGET, 2)
        read = VGroup(label(f"= \u2212log {fmt(ex['p_label'], 3)}", theme.BODY_SIZE, theme.TEXT),
                      label(f"= {fmt(ex['ce'], 2)}", theme.BODY_SIZE, theme.ACCENT))
        read.arrange(RIGHT, buff=0.2)
        ce = VGroup(formula(FORMULAS[2], size=theme.FORMULA_SIZE), read)
        ce.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        ce.next_to(plot, UP, buff=0.35).align_to([1.7, 0, 0], LEFT)
        verdict_text = (f"guess {names[ex['guess']]}: "
                        + ("right" if ex["correct"] else "a mistake"))
        verdict = label(verdict_text, theme.SMALL_SIZE, theme.GOOD if ex["correct"] else theme.BAD)
        verdict.next_to(self.note, DOWN, buff=0.08).align_to(self.note, RIGHT)
        p_label = fmt(ex["p_label"], 3)
        self.play(FadeOut(sm["s"]), FadeOut(sm["sums"][1]), FadeOut(sm["f"]), FadeOut(sm["band"]),
                  until="cross-entropy,")
        self.play(Write(ce[0]), FadeIn(plot), Create(curve), at="cross-entropy,",
                  through="probability:")
        self.play(Create(lab_box), mark(idx.of[ex["label"]]), mark(self.note[2], 1.05),
                  FadeIn(dot), at=names[ex["label"]], until=p_label)
        # the label's probability is read off its row and written as the cost's argument
        self.play(mark(p.entries[ex["label"]]), TransformFromCopy(p.entries[ex["label"]], read[0]),
                  at=p_label, run_time=theme.REVEAL)
        spoken = {ex["label"], ex["guess"]}
        if ex["correct"]:
            self.play(*dim_rows((sm["z"][1], p), idx, spoken), FadeIn(verdict), at="right,",
                      run_time=theme.REVEAL)
        else:
            self.play(*dim_rows((sm["z"][1], p), idx, spoken), at="there",
                      until=fmt(ex["p_guess"], 3))
            self.play(Create(guess_box), mark(p.entries[ex["guess"]]),
                      at=fmt(ex["p_guess"], 3), run_time=theme.LIGHT)
            self.play(mark(idx.of[ex["guess"]]), FadeIn(verdict), at=names[ex["guess"]],
                      until="mistake,")
            self.play(mark(verdict, 1.05), at="mistake,", run_time=theme.LIGHT)
        # the dot starts where a sure right answer sits (p = 1, cost 0) and climbs the curve
        # to the label's probability: the less it got, the higher the cost
        path = plot.series(np.linspace(1.0, ex["p_label"], 40),
                           -np.log(np.linspace(1.0, ex["p_label"], 40)), color=theme.TARGET)
        self.play(MoveAlongPath(dot, path), at="so", until=fmt(ex["ce"], 2))
        self.play(FadeIn(read[1]), Create(guide), mark(dot, 1.8), at=fmt(ex["ce"], 2),
                  run_time=theme.LIGHT)
        self.ce_shown = (plot, curve, dot, guide, ce)
        self.ce_marks = VGroup(lab_box, guess_box) if not ex["correct"] else VGroup(lab_box)
        self.verdict = verdict
        self.still("softmax")

    def beat_grad(self):
        """p - l written out as "p minus l" is said: the one-hot label, then the difference row
        by row; the reference's o - l named as it is said."""
        ex = self.values["example"]
        sm = self.soft
        p = sm["pcol"]
        n = len(ex["z"])
        onehot = [1.0 if i == ex["label"] else 0.0 for i in range(n)]
        grad = [a - b for a, b in zip(ex["softmax_p"], onehot)]
        rows = sorted(p.entries)
        l_col = VectorColumn(onehot, indices=rows, digits=0, size=theme.SMALL_SIZE,
                             row_gap=ROW_GAP, color=theme.TARGET)
        g_col = VectorColumn(grad, indices=rows, digits=DIGITS, size=theme.SMALL_SIZE,
                             row_gap=ROW_GAP)
        for i, t in g_col.entries.items():
            t.set_color(theme.POSITIVE if grad[i] >= 0 else theme.NEGATIVE)
        hl, hg = headed(l_col, "label l"), headed(g_col, "p \u2212 l")
        minus = label("\u2212", theme.HEADING_SIZE, theme.TEXT)
        equals = label("=", theme.HEADING_SIZE, theme.TEXT)
        row = VGroup(minus, hl, equals, hg).arrange(RIGHT, buff=0.35, aligned_edge=UP)
        row.next_to(sm["p"], RIGHT, buff=0.35).align_to(sm["p"], UP)
        minus.set_y(p.get_y())
        equals.set_y(p.get_y())
        f_grad = formula(FORMULAS[3]).next_to(row, RIGHT, buff=0.5).set_y(p.get_y() - 0.2)
        same = label("our network: o \u2212 l", theme.SMALL_SIZE, theme.MUTED)
        same.next_to(f_grad, DOWN, buff=0.3).align_to(f_grad, RIGHT)
        undim = [m.animate.set_opacity(1.0)
                 for m in (*sm["z"][1].entries.values(), *p.entries.values(),
                           *sm["idx"].of.values())]
        self.play(*[FadeOut(m) for m in self.ce_shown], Write(f_grad), *undim, until="p")
        self.play(FadeIn(minus), FadeIn(hl), at="p", until="l,")
        self.play(FadeIn(equals), TransformFromCopy(p.rows, g_col.rows), FadeIn(g_col.brackets),
                  FadeIn(hg[0]), at="l,", run_time=theme.REVEAL)
        self.play(mark(g_col.entries[ex["label"]]), FadeIn(same, shift=UP * 0.1), at="o",
                  through="uses.")

    # --- without the comparison runs -------------------------------------------------------

    def beat_missing(self):
        """Without comparison runs in the trace: say what is not shown, invent no number."""
        self.say_runs_missing()


    # --- the fair comparison ---------------------------------------------------------------

    def comparison_layout(self):
        """The accuracy plot (left) and the runs (right), built once and shown piece by piece:
        per run, its name in its curve's colour with its chosen rate on the same line, and
        under it a strip on which first the rates it tried and then its held-out accuracy
        are drawn, every strip on one shared scale."""
        runs = self.values["runs"]
        area = region("full")
        total = runs["total"]
        # ticks at the epochs' ends: each epoch is one stretch of the plot
        x_ticks = [(t, fmt_int(t)) for t in [0] + runs["epoch_ends"] if t <= total]
        y_ticks = [(t, fmt_pct(t, 0)) for t in (0.0, 0.5, 1.0)]
        plot = LinePlot((0, total), (0, 1), x_ticks, y_ticks, "images seen",
                        "right guesses while learning", PLOT_WIDTH, PLOT_HEIGHT)
        plot.shift(RIGHT * (area.left + 0.1 - plot.get_left()[0])
                   + UP * (area.bottom + 0.1 - plot.get_bottom()[1]))
        left, right = plot.get_right()[0] + theme.GAP_LARGE, area.right
        names = VGroup(*[label(r["legend"], theme.SMALL_SIZE, RUN_COLORS[i])
                         for i, r in enumerate(runs["runs"])])
        rates = VGroup(*[label(f"rate {fmt_rate(r['learn_rate'])}", theme.SMALL_SIZE,
                               RUN_COLORS[i]) for i, r in enumerate(runs["runs"])])
        values = VGroup(*[label(fmt_pct(r["final"]), theme.SMALL_SIZE, RUN_COLORS[i])
                          for i, r in enumerate(runs["runs"])])
        strip = (left, right - max(t.width for t in values) - theme.GAP)
        top = area.top - 1.0
        ys = [top - k * ROW_STEP for k in range(len(runs["runs"]))]
        for n, t, v, y in zip(names, rates, values, ys):
            n.move_to([left, y, 0], aligned_edge=LEFT)
            t.move_to([right, y, 0], aligned_edge=RIGHT)
            v.move_to([strip[1] + theme.GAP, y - STRIP_DROP, 0], aligned_edge=LEFT)
        self.cmp = {"plot": plot, "names": names, "rates": rates, "values": values,
                    "strip": strip, "ys": ys, "left": left, "right": right,
                    "bottom": ys[-1] - STRIP_DROP - SPARK_HEIGHT / 2 - 0.1}

    def beat_runs(self):
        """The empty accuracy plot as the question is asked; "same weights" and "images" as
        captions as they are said; each run's row slides in as it is named."""
        self.comparison_layout()
        c = self.cmp
        plot, names = c["plot"], c["names"]
        same = VGroup(label("same starting weights", theme.SMALL_SIZE, theme.TEXT),
                      label("same images, same order", theme.SMALL_SIZE, theme.TEXT))
        same.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        same.move_to([c["left"], c["bottom"] - 0.6, 0], aligned_edge=UP + LEFT)
        self.same = same
        self.play(*self.leave(), Create(plot.axes), FadeIn(plot.grid), FadeIn(plot.tick_labels),
                  until="Three")
        self.play(FadeIn(plot.x_title), FadeIn(plot.y_title), at="Three", until="weights")
        self.play(FadeIn(same[0], shift=RIGHT * 0.2), at="weights", until="images:")
        self.play(FadeIn(same[1], shift=RIGHT * 0.2), at="images:", until="ours,")
        self.play(FadeIn(names[0], shift=RIGHT * 0.3), at="ours,", through="is,")
        self.play(FadeIn(names[1], shift=RIGHT * 0.3), at="ReLU,", run_time=theme.REVEAL)
        self.play(FadeIn(names[2], shift=RIGHT * 0.3), at="softmax", through="cross-entropy.")

    def beat_rates(self):
        """Under each run, the rates it tried grow as bars (height: accuracy on the kept-aside
        images) as "several tried" is said; the best bar of each takes the run's colour and
        its rate is carried up beside the run's name as "did best" leads into "kept aside"."""
        runs, c = self.values["runs"], self.cmp
        grid = runs["grid"]
        x0, x1 = c["strip"]
        slot = (x1 - x0) / len(grid)
        bars, best = VGroup(), []
        for r, y in zip(runs["runs"], c["ys"]):
            row = VGroup()
            base = y - STRIP_DROP - SPARK_HEIGHT / 2
            for k, acc in enumerate(r["grid_acc"]):
                h = max(SPARK_HEIGHT * (acc or 0.0), 0.03)  # a blown-up rate: a stub
                bar = Rectangle(width=slot * 0.7, height=h).set_stroke(width=0)
                bar.set_fill(theme.MUTED, 0.8)
                bar.move_to([x0 + (k + 0.5) * slot, base, 0], aligned_edge=DOWN)
                row.add(bar)
            bars.add(row)
            best.append(row[r["best_rate_index"]])
        ends = VGroup(label(f"rate {fmt_rate(grid[0])}", theme.TINY_SIZE, theme.MUTED),
                      label(fmt_rate(grid[-1]), theme.TINY_SIZE, theme.MUTED))
        ends[0].next_to(bars[-1][0], DOWN, buff=0.12).align_to(bars[-1][0], LEFT)
        ends[1].next_to(bars[-1][-1], DOWN, buff=0.12).align_to(bars[-1][-1], RIGHT)
        ends.set_y(min(e.get_y() for e in ends))
        aside = label("bars: accuracy on training images kept aside", theme.TINY_SIZE,
                      theme.MUTED)
        aside.move_to([c["left"], c["ys"][0] + 0.5, 0], aligned_edge=LEFT)
        self.play(*[mark(n, 1.05) for n in c["names"]], until="did")
        self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for row in bars for b in row],
                              lag_ratio=0.02), FadeIn(ends), at="did", through="tried")
        self.play(*[b.animate.set_fill(RUN_COLORS[i], 1.0) for i, b in enumerate(best)],
                  *[TransformFromCopy(b, t) for b, t in zip(best, c["rates"])],
                  at="on", until="aside.")
        self.play(FadeIn(aside, shift=DOWN * 0.1), *[mark(b, 1.3) for b in best],
                  at="aside.", run_time=theme.REVEAL)
        self.tried = VGroup(bars, ends, aside)

    def beat_race(self):
        """The three curves drawn together as training goes (the real online accuracy, window
        by window); each change's row lit as it is named; the first epoch shaded as how they
        start is said, the last as how they end is said."""
        runs, c = self.values["runs"], self.cmp
        plot = c["plot"]
        seen = np.array(runs["seen"], dtype=float)
        t = ValueTracker(seen[0])

        def drawn(i):
            acc = runs["runs"][i]["acc"]

            def draw():
                k = max(int(np.searchsorted(seen, t.get_value(), side="right")), 1)
                xs, ys = list(seen[:k]), list(acc[:k])
                if k < len(seen):  # the line runs on to the tracker between two windows
                    f = (t.get_value() - seen[k - 1]) / (seen[k] - seen[k - 1])
                    xs.append(t.get_value())
                    ys.append(acc[k - 1] + f * (acc[k] - acc[k - 1]))
                if len(xs) == 1:
                    xs, ys = xs * 2, ys * 2
                return plot.series(xs, ys, color=RUN_COLORS[i], stroke_width=3)
            return always_redraw(draw)

        curves = [drawn(i) for i in range(len(runs["runs"]))]
        self.add(*curves)

        def shade(a, b, text):
            box = Rectangle(width=plot.c2p(b, 0)[0] - plot.c2p(a, 0)[0],
                            height=plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1])
            box.set_stroke(width=0).set_fill(theme.ACCENT, 0.12)
            box.move_to(plot.c2p(a, 0), aligned_edge=DOWN + LEFT)
            backdrop(box)
            # named under the axis, level with its title: clear of every curve
            name = label(text, theme.TINY_SIZE, theme.ACCENT)
            name.move_to([plot.c2p((a + b) / 2, 0)[0], plot.x_title.get_y(), 0])
            return VGroup(box, name)

        ends = [0] + runs["epoch_ends"]  # epoch k runs from ends[k - 1] to ends[k]
        first = shade(ends[0], ends[1], f"epoch {fmt_int(1)}")
        last = shade(ends[-2], ends[-1], f"epoch {fmt_int(len(ends) - 1)}")
        spoken = [r["spoken"] for r in runs["runs"]]
        events = []
        for n, clause in enumerate(runs["race"]):
            rows = [c["names"][spoken.index(name)] for name in clause["names"]]
            events += [(clause["names"][0], [mark(r, 1.1) for r in rows]),
                       (clause["start"].split()[0], [FadeIn(first) if n == 0 else mark(first[1])]),
                       (clause["end"].split()[0], [FadeIn(last) if n == 0 else mark(last[1]),
                                                   *[mark(r, 1.1) for r in rows]])]
        self.draw_along(t, seen[-1], self.seconds_left() - theme.SENTENCE_PAUSE, events)
        for curve in curves:
            curve.clear_updaters()
        self.race = {"curves": curves, "first": first, "last": last}

    def draw_along(self, tracker, to, seconds, events):
        """Run ``tracker`` steadily to ``to`` over ``seconds`` from now (the curves it draws
        keep growing), while each event's animations play at its phrase: ``events`` are
        ``(phrase, animations)`` in spoken order. Every play carries the tracker on, so the
        drawing never pauses for a word."""
        t0, v0 = self.time, tracker.get_value()

        def value_at(time):
            return v0 + (to - v0) * min(1.0, max(0.0, (time - t0) / max(seconds, 1e-6)))

        def step(run_time, *animations):
            self.play(*animations,
                      tracker.animate(rate_func=linear).set_value(value_at(self.time + run_time)),
                      run_time=run_time)

        for phrase, animations in events:
            gap = self.seconds_until(phrase)
            if gap >= theme.MIN_RUN:
                step(gap)
            step(theme.LIGHT, *animations)
        rest = t0 + seconds - self.time
        if rest >= theme.MIN_RUN:
            step(rest)
        tracker.set_value(to)

    def beat_verdict(self):
        """The rates tried give way to a held-out accuracy axis as the held-out count is said;
        each run's dot slides to its final held-out accuracy as it is named, the number lit
        as said; the band of luck (two standard errors either side of ours) grows from our
        dot as the gap is said; the changes' rows lit with the verdict."""
        runs, c = self.values["runs"], self.cmp
        x0, x1 = c["strip"]
        finals = [r["final"] for r in runs["runs"]]
        lo, hi = min(finals + [runs["low"]]), max(finals + [runs["high"]])
        pad = 0.12 * (hi - lo)
        lo, hi = lo - pad, hi + pad
        ticks = [t for t in nice_ticks(lo, hi, 3) if lo <= t <= hi]

        def x_of(a):
            return x0 + (a - lo) / (hi - lo) * (x1 - x0)

        axis_y = c["bottom"]
        axis = Line([x0, axis_y, 0], [x1, axis_y, 0]).set_stroke(theme.MUTED, 1.5)
        digits = 0 if all(abs(100 * t - round(100 * t)) < 1e-9 for t in ticks) else 1
        widest = max(label(fmt_pct(t, digits), theme.TINY_SIZE).width for t in ticks)
        while len(ticks) > 1 and x_of(ticks[1]) - x_of(ticks[0]) < widest + theme.GAP:
            ticks = ticks[::2]  # every other tick, until the labels stand apart
        tick_labels = VGroup(*[label(fmt_pct(t, digits), theme.TINY_SIZE, theme.MUTED)
                               .next_to([x_of(t), axis_y, 0], DOWN, buff=0.12) for t in ticks])
        n_test = label(fmt_int(runs["n_test"]), theme.TINY_SIZE, theme.TEXT)
        count = VGroup(label("on", theme.TINY_SIZE, theme.MUTED), n_test,
                       label("images", theme.TINY_SIZE, theme.MUTED)).arrange(RIGHT, buff=0.1)
        for part in count[1:]:
            part.align_to(count[0], DOWN)
        head = VGroup(label("held-out accuracy", theme.TINY_SIZE, theme.MUTED), count)
        head.arrange(RIGHT, buff=0.1)
        count.align_to(head[0], DOWN)
        head.move_to([c["left"], c["ys"][0] + 0.5, 0], aligned_edge=LEFT)
        dots = VGroup(*[Dot([x_of(lo), y - STRIP_DROP, 0], radius=0.1, color=RUN_COLORS[i])
                        for i, y in enumerate(c["ys"])])
        # one band per change, on its own strip: the gap to ours that luck alone could make
        # (two standard errors of that gap), either side of ours
        bands = VGroup()
        for i, r in enumerate(runs["runs"]):
            if r["noise"] is None:
                continue
            y = c["ys"][i] - STRIP_DROP
            band = Rectangle(width=x_of(r["high"]) - x_of(r["low"]), height=SPARK_HEIGHT)
            band.set_stroke(width=0).set_fill(theme.ACCENT, 0.18)
            band.move_to([x_of(runs["base"]["final"]), y, 0])
            backdrop(band)
            bands.add(band)
        # ours' accuracy marked through each band: its middle
        x_base = x_of(runs["base"]["final"])
        spine = VGroup(*[DashedLine([x_base, b.get_top()[1], 0], [x_base, b.get_bottom()[1], 0],
                                    dash_length=0.08).set_stroke(RUN_COLORS[0], 1.5)
                         for b in bands])
        band = VGroup(bands, spine)
        said_noise = runs["said_noise"]
        noises = [label(n, theme.SMALL_SIZE, theme.TEXT) for n in said_noise]
        parts = [label("shaded: within", theme.SMALL_SIZE, theme.MUTED), noises[0]]
        for n in noises[1:]:
            parts += [label("to", theme.SMALL_SIZE, theme.MUTED), n]
        parts.append(label("points", theme.SMALL_SIZE, theme.MUTED))
        within = VGroup(*parts).arrange(RIGHT, buff=0.12)
        for part in within[1:]:
            part.align_to(within[0], DOWN)
        words = VGroup(*[m for m in parts if all(m is not n for n in noises)])
        caption = VGroup(within, label("of ours: a gap this small could be luck", theme.SMALL_SIZE,
                                       theme.MUTED)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        caption.next_to(tick_labels, DOWN, buff=0.35).align_to([c["left"], 0, 0], LEFT)
        self.play(FadeOut(self.tried), FadeOut(self.same), Create(axis), FadeIn(tick_labels),
                  FadeIn(head[0]), FadeIn(count[0]), FadeIn(count[2]), FadeIn(dots),
                  until=fmt_int(runs["n_test"]))
        self.play(FadeIn(n_test, scale=1.5), at=fmt_int(runs["n_test"]), run_time=theme.LIGHT)
        for i, r in enumerate(runs["runs"]):
            said = fmt_pct(r["final"])
            self.play(dots[i].animate.set_x(x_of(r["final"])), mark(c["names"][i], 1.05),
                      at=r["spoken"], until=said)
            self.play(FadeIn(c["values"][i], scale=1.5), at=said, run_time=theme.LIGHT)
        self.play(*[GrowFromCenter(b) for b in bands], Create(spine), FadeIn(words), at="gaps",
                  until=said_noise[0])
        self.bring_to_front(dots)
        for n, text in zip(noises, said_noise):
            self.play(FadeIn(n, scale=1.5), at=text, run_time=theme.LIGHT)
        self.play(mark(band, 1.05), FadeIn(caption[1], shift=UP * 0.1), at="luck",
                  through="alone,")
        changed = [i for i, r in enumerate(runs["runs"]) if r["verdict"] != "base"]
        self.play(LaggedStart(*[mark(VGroup(c["names"][i], dots[i], c["values"][i]), 1.1)
                                for i in changed], lag_ratio=0.3),
                  at="so", through=runs["last_word"])
        self.still("verdict")
        self.verdict = {"caption": caption, "dots": dots}

    def beat_dead(self):
        """The caveat: the luck caption gives way to the ReLU run's hidden neurons as a row of
        dots under their count, the dead ones (zero on every held-out image) turning grey and
        crossed as their count is said; the dead ones marked again as "slope of zero" is said,
        the living few as "so few" is said, and the whole comparison as "small" is said."""
        runs, c = self.values["runs"], self.cmp
        relu = runs["relu"]
        k = runs["runs"].index(relu)
        n, dead = runs["hidden"], relu["dead"]
        x0, x1 = c["left"], c["right"]
        top = self.verdict["caption"].get_top()[1]
        count = label(fmt_int(dead), theme.SMALL_SIZE, theme.NEGATIVE)
        total = label(fmt_int(n), theme.SMALL_SIZE, theme.TEXT)
        head = VGroup(count, label("of", theme.SMALL_SIZE, theme.MUTED), total,
                      label("ReLU neurons always at zero", theme.SMALL_SIZE,
                            RUN_COLORS[k])).arrange(RIGHT, buff=0.15)
        for part in head[1:]:
            part.align_to(head[0], DOWN)
        head.move_to([x0, top, 0], aligned_edge=UP + LEFT)
        step = min(0.4, (x1 - x0) / n)
        neurons = VGroup(*[Square(side_length=0.75 * step).set_stroke(width=0)
                           .set_fill(RUN_COLORS[k], 1.0) for _ in range(n)])
        for j, d in enumerate(neurons):
            d.move_to([x0 + (j + 0.5) * step, head.get_bottom()[1] - 0.2 - 0.375 * step, 0])
        # the dead ones drawn last in the row, so they read as one group
        gone, alive = VGroup(*neurons[n - dead:]), VGroup(*neurons[:n - dead])
        crosses = VGroup(*[VGroup(Line(d.get_corner(UP + LEFT), d.get_corner(DOWN + RIGHT)),
                                  Line(d.get_corner(UP + RIGHT), d.get_corner(DOWN + LEFT)))
                           .set_stroke(theme.NEGATIVE, 2).scale(1.4) for d in gone])
        words = VGroup(*head[1:])
        if dead:
            self.play(FadeOut(self.verdict["caption"]), mark(c["names"][k], 1.05), FadeIn(words),
                      LaggedStart(*[FadeIn(d, scale=0.5) for d in neurons], lag_ratio=0.05),
                      at="One", until=fmt_int(dead))
            self.play(gone.animate.set_fill(theme.MUTED, 0.35), FadeIn(crosses),
                      FadeIn(count, scale=1.5), at=fmt_int(dead), until=fmt_int(n))
            self.light(total, at=fmt_int(n))
            self.play(mark(VGroup(gone, crosses), 1.3), mark(head[3], 1.05), at="zero",
                      through="image;")
            self.play(mark(VGroup(gone, crosses), 1.3), mark(VGroup(count, head[1:3]), 1.2),
                      at="slope", through="learning,")
            self.play(mark(alive, 1.2), mark(c["names"][k], 1.1), at="loss", through="few,")
        else:
            self.play(FadeOut(self.verdict["caption"]), mark(c["names"][k], 1.05), FadeIn(words),
                      LaggedStart(*[FadeIn(d, scale=0.5) for d in neurons], lag_ratio=0.05),
                      at="One", through="learning;")
            self.play(FadeIn(count, scale=1.5), mark(neurons, 1.1), at="none",
                      until=fmt_int(n))
            self.light(total, at=fmt_int(n))
        self.play(mark(VGroup(head, neurons), 1.1), mark(c["plot"].axes, 1.05),
                  at="small", through="only.")
