"""Chapter 11, beyond the reference: why a bend, ReLU, softmax, cross-entropy, and optimizers.

The picture never goes blank: each beat clears what the last one showed while it brings its
own. Linear layers collapse into one (the formula rewrites itself as "collapse" and "one
matrix" are said); ReLU's kinked graph takes the example's real hidden pre-activations as
dots, the positive ones rising as "keeps positive inputs" is said and the rest pinned at zero,
the side of the graph left of zero shaded as "zeroes the rest" is said;
the softmax and sigmoid columns come from the same logits, each as it is named, a band
sweeping down each column as "add up to" is said, its sum appearing where the sweep ends;
for cross-entropy the rows the sentence does not name step back, and the label's point
climbs the -log p curve from p = 1 (cost 0) to the label's probability; the gradient is
p - l written out. With the comparison runs: the five optimizers, each named with one plain
line as the sentence describes it, their held-out accuracies sliding along the axis to where
they landed, one standard error opening out from each as a band, then the rate column
shaded as "learning rate" is said, the two-standard-error band growing from the best and a
line at the best's accuracy down every row, which makes them a tie. Without the runs, the
chapter says they are missing.

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
    Brace,
    Circumscribe,
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
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene, mark
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import VectorColumn, class_slots
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, fitted_label, formula, headed, label
from scenes.values.beyond import FORMULAS, TIE_STANDARD_ERRORS
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_shape

DIGITS = 3
ROW_GAP = 0.4
NAME_WIDTH = 1.3  # class names left of the logits column (long ones shortened)
RUN_COLORS = theme.RUN_COLORS
#: What each optimizer does, in the words the sentence uses (the adaptive three share one).
PLAIN = {"sgd": "straight down the slope", "momentum": "keeps part of its last step"}
ADAPTIVE = "own step size per weight"


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
    of = {i: fitted_label(names[i], NAME_WIDTH, theme.TINY_SIZE, theme.MUTED).next_to(
        t, LEFT, buff=0.35) for i, t in column.entries.items()}
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


class Beyond(ChapterScene):
    slug = "beyond"

    def leave(self, *keep):
        """FadeOuts of whatever the last beat left on screen but the title and ``keep``."""
        kept = {id(m) for m in keep}
        return [FadeOut(m) for m in self.mobjects if m is not self.card and id(m) not in kept]

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
        lo, hi = min(lo, h.min()), max(hi, h.max())
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
        self.play(*[d.animate.move_to(axes.c2p(x, x)).set_color(theme.POSITIVE)
                    for d, x in zip(pos, h[h > 0])], at="positive", through="inputs")
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
                  FadeOut(p_band), at="sigmoids", through="logits")
        s_band, adding = add_up(s, sums[1])
        self.play(*adding, at="would", until=fmt(ex["sigmoid_sum"], 2))
        self.light(sums[1], at=fmt(ex["sigmoid_sum"], 2))
        self.soft = {"f": f_soft, "z": hz, "s": hs, "p": hp, "idx": idx, "sums": sums,
                     "pcol": p, "scol": s, "band": s_band}

    # --- cross-entropy --------------------------------------------------------------------

    def beat_ce(self):
        """The label's and the guess's probabilities boxed and marked as they are said; CE's
        formula and the -log p curve as "cross-entropy" is said, the label's point on it and
        the cost marked as said."""
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
        dot = Dot(plot.c2p(ex["p_label"], ex["ce"]), radius=0.09, color=theme.TARGET)
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
                  until=names[ex["label"]])
        self.play(Create(lab_box), mark(idx.of[ex["label"]]), mark(self.note[2], 1.05),
                  at=names[ex["label"]], run_time=theme.LIGHT)
        if ex["correct"]:
            self.play(FadeIn(verdict), at="right,", run_time=theme.LIGHT)
        self.play(mark(p.entries[ex["label"]]), at=p_label, run_time=theme.LIGHT)
        spoken = {ex["label"], ex["guess"]}
        if not ex["correct"]:
            self.play(*dim_rows((sm["z"][1], p), idx, spoken), at="at", until="and")
            self.play(Create(guess_box), mark(p.entries[ex["guess"]]),
                      at=fmt(ex["p_guess"], 3), run_time=theme.LIGHT)
            self.play(mark(idx.of[ex["guess"]]), FadeIn(verdict), at=names[ex["guess"]],
                      run_time=theme.LIGHT)
            self.play(mark(verdict, 1.05), Write(ce[0]), FadeIn(plot), Create(curve),
                      at="mistake,", through="log")
        else:
            self.play(*dim_rows((sm["z"][1], p), idx, spoken), at="label,", until="so")
            self.play(Write(ce[0]), FadeIn(plot), Create(curve), at="cross-entropy,",
                      through="log")
        # the dot starts where a sure right answer sits (p = 1, cost 0) and climbs the curve
        # to the label's probability: the less it got, the higher the cost
        path = plot.series(np.linspace(1.0, ex["p_label"], 40),
                           -np.log(np.linspace(1.0, ex["p_label"], 40)), color=theme.TARGET)
        dot.move_to(plot.c2p(1.0, 0.0))
        if not ex["correct"]:
            self.play(TransformFromCopy(p.entries[ex["label"]], read[0]), FadeIn(dot),
                      at=p_label, run_time=theme.REVEAL)
        else:
            self.play(FadeIn(read[0]), FadeIn(dot), run_time=theme.REVEAL)
        self.play(MoveAlongPath(dot, path), until=fmt(ex["ce"], 2))
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
        same = label("reference: o \u2212 l", theme.SMALL_SIZE, theme.MUTED)
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
        head = label("no comparison runs in this trace", theme.BODY_SIZE, theme.BAD)
        lines = label("so none are shown", theme.SMALL_SIZE, theme.MUTED)
        VGroup(head, lines).arrange(DOWN, buff=0.5)
        self.play(*self.leave(), FadeIn(head), until="so")
        self.play(FadeIn(lines, shift=UP * 0.1), at="so", through="shown.")
        self.still("missing")

    # --- the recorded comparison ---------------------------------------------------------

    def beat_opt_race(self):
        """The five optimizers named, each with one plain line as the sentence describes it;
        then their held-out accuracies as dots, and one standard error as whiskers, marked as
        it is said."""
        runs = self.values["runs"]
        opt, se = runs["opt"], runs["se"]
        accs = [r["test_acc"][-1] for r in opt]
        best = max(accs)
        lo, hi = min(accs) - 3 * se, best + 3 * se
        ticks = nice_ticks(lo, hi, 4)
        lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
        area = region("full")
        top, gap = area.top - 1.35, 0.66
        # columns: name, rate, what it does, then the accuracy axis and the values
        x_name = area.left
        x_rate = x_name + max(label(r["title"], theme.BODY_SIZE).width for r in opt) + theme.GAP
        x_plain = x_rate + max(label(f"{r['learn_rate']:g}", theme.SMALL_SIZE).width
                               for r in opt) + theme.GAP_LARGE
        left = x_plain + max(label(t, theme.SMALL_SIZE).width
                             for t in (*PLAIN.values(), ADAPTIVE)) + theme.GAP_LARGE
        width = area.right - left - max(label(fmt_pct(a), theme.SMALL_SIZE).width
                                        for a in accs) - 0.2 - theme.GAP_SMALL

        def x_of(a):
            return left + (a - lo) / (hi - lo) * width

        names, rates, dots, whiskers, values = (VGroup() for _ in range(5))
        for i, r in enumerate(opt):
            y = top - i * gap
            names.add(label(r["title"], theme.BODY_SIZE, RUN_COLORS[i])
                      .move_to([x_name, y, 0], aligned_edge=LEFT))
            rates.add(label(f"{r['learn_rate']:g}", theme.SMALL_SIZE, theme.TEXT)
                      .move_to([x_rate, y, 0], aligned_edge=LEFT))
            a = r["test_acc"][-1]
            whisker = Rectangle(width=x_of(a + se) - x_of(a - se), height=0.3)
            whisker.set_stroke(RUN_COLORS[i], 2).set_fill(RUN_COLORS[i], 0.35)
            whisker.move_to([x_of(a), y, 0])
            dot = Dot([x_of(a), y, 0], radius=0.1, color=RUN_COLORS[i])
            value = label(fmt_pct(a), theme.SMALL_SIZE, RUN_COLORS[i])
            value.move_to([x_of(hi) + theme.GAP_SMALL, y, 0], aligned_edge=LEFT)
            dots.add(dot)
            whiskers.add(whisker)
            values.add(value)
        plain = VGroup()
        adaptive = [i for i, r in enumerate(opt) if r["name"] not in PLAIN]
        for i, r in enumerate(opt):
            if r["name"] in PLAIN:
                plain.add(label(PLAIN[r["name"]], theme.SMALL_SIZE, theme.TEXT)
                          .move_to([x_plain, names[i].get_y(), 0], aligned_edge=LEFT))
        brace = Brace(VGroup(*[names[i] for i in adaptive]), RIGHT, color=theme.MUTED)
        brace.stretch_to_fit_width(0.25).move_to([x_plain + 0.12, brace.get_y(), 0])
        shared = label(ADAPTIVE, theme.SMALL_SIZE, theme.TEXT).next_to(brace, RIGHT, buff=0.15)
        axis_y = top - len(opt) * gap + gap / 2 - 0.1
        axis = Line([x_of(lo), axis_y, 0], [x_of(hi), axis_y, 0]).set_stroke(theme.MUTED, 1.5)
        digits = 0 if all(abs(100 * t - round(100 * t)) < 1e-9 for t in ticks) else 1
        shown = [t for t in ticks if lo <= t <= hi]
        widest = max(label(fmt_pct(t, digits), theme.TINY_SIZE).width for t in shown)
        while len(shown) > 2 and x_of(shown[1]) - x_of(shown[0]) < widest + theme.GAP:
            shown = shown[::2]  # every other tick, until the labels stand apart
        tick_labels = VGroup(*[label(fmt_pct(t, digits), theme.TINY_SIZE, theme.MUTED)
                               .next_to([x_of(t), axis_y, 0], DOWN, buff=0.12)
                               for t in shown])
        n_test = label(fmt_int(runs["n_test"]), theme.SMALL_SIZE, theme.TEXT)
        measured = VGroup(label("held-out accuracy on", theme.SMALL_SIZE, theme.MUTED), n_test,
                          label("images", theme.SMALL_SIZE, theme.MUTED)).arrange(RIGHT,
                                                                                 buff=0.12)
        se_text = label(fmt(100 * se, 1), theme.SMALL_SIZE, theme.TEXT)
        bars = VGroup(label("bars: \u00b1 one standard error,", theme.SMALL_SIZE, theme.MUTED),
                      se_text, label("points", theme.SMALL_SIZE, theme.MUTED))
        bars.arrange(RIGHT, buff=0.12)
        caption = VGroup(measured, bars).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        caption.next_to(tick_labels, DOWN, buff=0.3).set_x(area.left + caption.width / 2)
        for row in (measured, bars):
            for part in row[1:]:
                part.align_to(row[0], DOWN)
        head = label("the same ReLU network, from the same start", theme.BODY_SIZE, theme.TEXT)
        head.move_to([area.left, area.top - 0.25, 0], aligned_edge=LEFT)
        header_y = top + gap * 0.8
        headers = VGroup(*[label(t, theme.SMALL_SIZE, theme.MUTED).move_to([x, header_y, 0],
                                                                           aligned_edge=LEFT)
                           for t, x in (("optimizer", x_name), ("rate", x_rate),
                                        ("each step", x_plain))])
        acc_head = label("held-out accuracy", theme.SMALL_SIZE, theme.MUTED)
        acc_head.move_to([(x_of(lo) + x_of(hi)) / 2, header_y, 0])
        self.play(*self.leave(), until="optimizers,")
        self.play(LaggedStart(*[FadeIn(m, shift=RIGHT * 0.2) for m in names], lag_ratio=0.2),
                  FadeIn(rates), FadeIn(headers), at="optimizers,", through="steps,")
        self.play(FadeIn(head), at="train", through="start:")
        self.play(FadeIn(plain[0], shift=RIGHT * 0.2), mark(names[0]), at="SGD",
                  through="slope,")
        self.play(FadeIn(plain[1], shift=RIGHT * 0.2), mark(names[1]), at="momentum",
                  through="step,")
        self.play(Create(brace), FadeIn(shared, shift=RIGHT * 0.2),
                  *[mark(names[i]) for i in adaptive], at="Adagrad,", through="size;")
        self.play(Create(axis), FadeIn(tick_labels), FadeIn(measured[0]), FadeIn(measured[2]),
                  FadeIn(acc_head), at="measured", until=fmt_int(runs["n_test"]))
        self.play(FadeIn(n_test, scale=1.3), at=fmt_int(runs["n_test"]), run_time=theme.MIN_RUN)
        self.play(mark(n_test), run_time=theme.LIGHT)
        # each run's accuracy slides along the axis from its left end to where it landed
        landed = [d.get_x() for d in dots]
        for d in dots:
            d.set_x(x_of(lo))
        self.play(LaggedStart(*[d.animate.set_x(x) for d, x in zip(dots, landed)],
                              lag_ratio=0.15),
                  LaggedStart(*[FadeIn(t) for t in values], lag_ratio=0.15),
                  at="held-out", until="off")
        # one standard error: each band opens out from its dot to either side
        self.play(*[GrowFromCenter(w) for w in whiskers], FadeIn(bars[0]), FadeIn(bars[2]),
                  at="off", until=fmt(100 * se, 1))
        self.add(dots)  # the dots in front of their bands
        self.play(FadeIn(se_text, scale=1.3), at=fmt(100 * se, 1), run_time=theme.MIN_RUN)
        self.play(mark(se_text), *[mark(w, 1.0) for w in whiskers], run_time=theme.LIGHT)
        self.play(*[mark(w, 1.25) for w in whiskers], at="chance", through="alone.")
        self.race = {"names": names, "rates": rates, "dots": dots, "whiskers": whiskers,
                     "values": values, "x_of": x_of, "top": top, "gap": gap,
                     "caption": caption}

    def beat_tie(self):
        """The rates marked as "learning rate" is said; the band of two standard errors grows
        from the best as "within two standard errors" is said; the best and any run behind
        marked as said; the tied runs pointed at as "tie" is said."""
        runs = self.values["runs"]
        opt, se = runs["opt"], runs["se"]
        race = self.race
        x_of, top, gap = race["x_of"], race["top"], race["gap"]
        accs = [r["test_acc"][-1] for r in opt]
        best = int(np.argmax(accs))
        band = Rectangle(width=x_of(accs[best]) - x_of(accs[best] - TIE_STANDARD_ERRORS * se),
                         height=len(opt) * gap).set_stroke(width=0).set_fill(theme.ACCENT, 0.15)
        band.move_to([x_of(accs[best]), top - (len(opt) - 1) * gap / 2, 0], aligned_edge=RIGHT)
        backdrop(band)
        shade = label("shaded: within two standard errors of the best, a tie",
                      theme.SMALL_SIZE, theme.ACCENT)
        shade.next_to(race["caption"], DOWN, buff=0.12).align_to(race["caption"], LEFT)
        tied = [i for i, r in enumerate(opt) if r["tie"]]
        behind = [i for i, r in enumerate(opt) if not r["tie"]]
        rate_band = SurroundingRectangle(race["rates"], color=theme.ACCENT, buff=0.12)
        rate_band.set_stroke(width=0).set_fill(theme.ACCENT, 0.18)
        backdrop(rate_band)
        self.play(GrowFromEdge(rate_band, UP),
                  LaggedStart(*[mark(r) for r in race["rates"]], lag_ratio=0.15),
                  through="rate,")
        self.play(FadeOut(rate_band), LaggedStart(*[mark(race["names"][i]) for i in tied],
                                                  lag_ratio=0.3), until="within")
        self.play(GrowFromEdge(band, RIGHT), FadeIn(shade), at="within",
                  through="errors")
        # the best's accuracy as a line down every row: the others are read against it
        best_line = DashedLine([x_of(accs[best]), top + gap * 0.45, 0],
                               [x_of(accs[best]), top - (len(opt) - 0.55) * gap, 0])
        best_line.set_stroke(theme.ACCENT, 3)
        self.play(Circumscribe(VGroup(race["dots"][best], race["values"][best]),
                               color=theme.ACCENT), Create(best_line),
                  at="best,", until=fmt_pct(accs[best]))
        self.play(mark(race["values"][best]), mark(race["dots"][best], 1.6),
                  at=fmt_pct(accs[best]), run_time=theme.LIGHT)
        self.play(LaggedStart(*[mark(VGroup(race["names"][i], race["whiskers"][i],
                                            race["dots"][i]), 1.1)
                                for i in tied], lag_ratio=0.15), at="tie",
                  run_time=theme.REVEAL)
        for i in behind:
            self.play(mark(race["values"][i]), mark(race["dots"][i], 1.6),
                      at=fmt_pct(accs[i]), run_time=theme.LIGHT)
        if behind:
            self.play(*[VGroup(race["names"][i], race["dots"][i]).animate.set_opacity(0.5)
                        for i in behind],
                      *[race["whiskers"][i].animate.set_fill(opacity=0.15).set_stroke(opacity=0.5)
                        for i in behind], at="behind.",
                      run_time=theme.REVEAL)
        self.still("race")
