"""Chapter 11, beyond the reference: why a bend, ReLU, softmax, cross-entropy, and runs compared.

The picture never goes blank: each beat clears what the last one showed while it brings its
own. Linear layers collapse into one (the formula rewrites itself); ReLU's kinked graph takes
the example's real hidden pre-activations as dots; softmax and sigmoid columns come from the
same logits; cross-entropy is read off the -log p curve at the label's probability; the
gradient is p - l written out. The comparison runs: a table of exactly what differs from
chapter 9's run beside their held-out accuracy per epoch; the optimizers as dots with their
standard errors (ties drawn as ties); their step sizes with a legend; the follow-up video's
quoted figures beside ours. Without the runs, the chapter says they are missing.
"""

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circumscribe,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Line,
    Rectangle,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import TextTable, VectorColumn
from scenes.kit.plots import LinePlot, log_ticks, nice_ticks
from scenes.kit.text import backdrop, formula, headed, label
from scenes.values.beyond import FORMULAS, TIE_STANDARD_ERRORS
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_shape

DIGITS = 3
TABLE_SIZE = 20
ROW_GAP = 0.4
RUN_COLORS = theme.RUN_COLORS


def source_note(ex, names):
    """Where the example's numbers come from, said on screen (two lines)."""
    if ex["source"] == "softmax_network":
        return ("ReLU + softmax network", f"held-out image {fmt_int(ex['test_index'])}",
                f"label {names[ex['label']]}")
    return ("reference network", f"recorded step {fmt_int(ex['step'])}",
            f"label {names[ex['label']]}")


def index_labels(column, names):
    return VGroup(*[label(names[i], theme.TINY_SIZE, theme.MUTED).next_to(t, LEFT, buff=0.35)
                    for i, t in column.entries.items()])


def log_tick_text(t):
    """A power of ten written out: 0.01, 0.1, 1, 10."""
    return fmt(t, max(0, -round(math.log10(t))))


class Beyond(ChapterScene):
    slug = "beyond"

    def clear_to(self, *extra):
        """Fade out whatever the last beat left (but the title), in the same play as ``extra``."""
        old = [m for m in self.mobjects if m is not self.card]
        self.play(*[FadeOut(m) for m in old], *extra, run_time=theme.REVEAL)

    # --- why a bend --------------------------------------------------------------------------

    def beat_linear(self):
        """Two linear layers multiply into one matrix: the formula rewrites itself, with shapes."""
        sizes = self.values["sizes"]
        self.card = self.title_card()
        big = theme.FORMULA_SIZE + 16
        chain = formula(r"W_2", r"\,(W_1\, x)", r"=", r"(W_2\, W_1)", r"\, x", r"=", r"W",
                        r"\, x", size=big).move_to(UP * 0.9)
        n_in, n_hid, n_out = sizes[0], sizes[1], sizes[-1]
        product = VGroup(label(fmt_shape((n_out, n_hid)), theme.BODY_SIZE, theme.TEXT),
                         label("\u00d7", theme.BODY_SIZE, theme.MUTED),
                         label(fmt_shape((n_hid, n_in)), theme.BODY_SIZE, theme.TEXT))
        product.arrange(RIGHT, buff=0.2).next_to(chain[3], DOWN, buff=0.6)
        result = VGroup(label("=", theme.BODY_SIZE, theme.MUTED),
                        label(fmt_shape((n_out, n_in)), theme.BODY_SIZE, theme.ACCENT))
        result.arrange(RIGHT, buff=0.2).next_to(product, RIGHT, buff=0.2)
        shapes = VGroup(product, result)
        note = label("no squashing between the layers: one layer in disguise", theme.BODY_SIZE,
                     theme.MUTED).next_to(shapes, DOWN, buff=0.7).set_x(0)
        self.play(Write(chain[:2]), run_time=theme.REVEAL)
        self.play(FadeIn(chain[2]), TransformFromCopy(chain[:2], chain[3:5]), FadeIn(product),
                  run_time=theme.REVEAL)
        self.play(FadeIn(chain[5]), TransformFromCopy(chain[3:5], chain[6:8]), FadeIn(result),
                  FadeIn(note), run_time=theme.REVEAL)
        self.play(Indicate(chain[6:8], color=theme.ACCENT), run_time=theme.REVEAL)
        single = chain
        self.linear = (single, shapes, note)

    # --- ReLU -----------------------------------------------------------------------------

    def beat_relu(self):
        """ReLU's kinked graph; the example's real pre-activations drop onto it as dots."""
        ex, names = self.values["example"], self.values["class_names"]
        single, shapes, note = self.linear
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
        graph = VGroup(Line(axes.c2p(lo, 0), axes.c2p(0, 0)),
                       Line(axes.c2p(0, 0), axes.c2p(hi, hi))).set_stroke(theme.CURVE, 5)
        dots = VGroup(*[Dot(axes.c2p(x, 0), radius=0.07, color=theme.NEUTRAL) for x in h])
        self.play(FadeOut(shapes), FadeOut(note), FadeOut(single), Write(bent),
                  FadeIn(self.img), FadeIn(self.note), run_time=theme.REVEAL)
        self.play(Create(axes), Create(graph), run_time=theme.REVEAL)
        self.play(FadeIn(dots), run_time=theme.REVEAL * 0.6)
        moves = []
        for d, x in zip(dots, h):
            color = theme.POSITIVE if x > 0 else theme.NEGATIVE
            moves.append(d.animate.move_to(axes.c2p(x, max(x, 0.0))).set_color(color))
        self.play(*moves, run_time=theme.REVEAL * 1.5)
        count = VGroup(label(fmt_int(ex["n_relu_zero"]), theme.HEADING_SIZE, theme.NEGATIVE),
                       label(f"of {fmt_int(ex['n_hid'])} hidden pre-activations become zero",
                             theme.BODY_SIZE, theme.TEXT)).arrange(RIGHT, buff=0.2)
        count.next_to(bent, DOWN, buff=0.35).align_to(bent, LEFT)
        zeros = VGroup(*[d for d, x in zip(dots, h) if x <= 0])
        self.play(FadeIn(count), Indicate(zeros, color=theme.ACCENT, scale_factor=1.6),
                  run_time=theme.REVEAL)
        self.relu_shown = (bent, axes, graph, dots, count)

    # --- softmax --------------------------------------------------------------------------

    def beat_softmax(self):
        """Logits; their sigmoids and their softmax come from them, with both sums."""
        ex, names = self.values["example"], self.values["class_names"]
        n = len(ex["z"])
        f_soft = formula(FORMULAS[1]).move_to([3.6, 0.2, 0])
        z = VectorColumn(ex["z"], max_shown=n, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP)
        s = VectorColumn(ex["sigmoid_o"], max_shown=n, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP, color=theme.MUTED)
        p = VectorColumn(ex["softmax_p"], max_shown=n, digits=DIGITS, size=theme.SMALL_SIZE,
                         row_gap=ROW_GAP, color=theme.OUTPUT)
        hz, hs, hp = headed(z, "logits z"), headed(s, "sigmoid(z)"), headed(p, "softmax(z)")
        cols = VGroup(hz, hs, hp).arrange(RIGHT, buff=0.55, aligned_edge=UP)
        cols.to_edge(LEFT, buff=SAFE_BUFF + 1.75).align_to([0, 1.8, 0], UP)
        idx = index_labels(z, names)
        sums = VGroup(label(f"sum {fmt(ex['sigmoid_sum'], 2)}", theme.SMALL_SIZE,
                            theme.MUTED).next_to(s, DOWN, buff=0.12),
                      label(f"sum {fmt(ex['softmax_sum'], 2)}", theme.SMALL_SIZE,
                            theme.ACCENT).next_to(p, DOWN, buff=0.12))
        self.play(*[FadeOut(m) for m in self.relu_shown], Write(f_soft), FadeIn(hz),
                  FadeIn(idx), run_time=theme.REVEAL)
        self.play(TransformFromCopy(z.rows, s.rows), FadeIn(s.brackets), FadeIn(hs[0]),
                  run_time=theme.REVEAL)
        self.play(TransformFromCopy(z.rows, p.rows), FadeIn(p.brackets), FadeIn(hp[0]),
                  run_time=theme.REVEAL)
        self.play(FadeIn(sums), run_time=theme.REVEAL * 0.6)
        self.play(Indicate(sums[0], color=theme.ACCENT), run_time=theme.REVEAL)
        self.soft = {"f": f_soft, "z": hz, "s": hs, "p": hp, "idx": idx, "sums": sums,
                     "pcol": p, "scol": s}

    # --- cross-entropy --------------------------------------------------------------------

    def beat_ce(self):
        """Label and guess marked in the probabilities; CE read off the -log p curve."""
        ex = self.values["example"]
        sm = self.soft
        p = sm["pcol"]
        lab_box = SurroundingRectangle(p.entries[ex["label"]], color=theme.TARGET, buff=0.06)
        marks = [lab_box]
        if not ex["correct"]:
            marks.append(SurroundingRectangle(p.entries[ex["guess"]], color=theme.OUTPUT,
                                              buff=0.06))
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
        ce = VGroup(formula(FORMULAS[2], size=theme.FORMULA_SIZE),
                    label(f"= \u2212log {fmt(ex['p_label'], 3)} = {fmt(ex['ce'], 2)}",
                          theme.BODY_SIZE, theme.ACCENT)).arrange(DOWN, aligned_edge=LEFT,
                                                                  buff=0.2)
        ce.next_to(plot, UP, buff=0.35).align_to([1.7, 0, 0], LEFT)
        verdict_text = (f"guess {self.values['class_names'][ex['guess']]}: "
                        + ("right" if ex["correct"] else "a mistake"))
        verdict = label(verdict_text, theme.SMALL_SIZE, theme.GOOD if ex["correct"] else theme.BAD)
        verdict.next_to(self.note, DOWN, buff=0.08).align_to(self.note, RIGHT)
        self.play(FadeOut(sm["s"]), FadeOut(sm["sums"][0]), FadeOut(sm["f"]),
                  *[Create(m) for m in marks],
                  FadeIn(verdict), run_time=theme.REVEAL)
        self.play(Write(ce[0]), FadeIn(plot), Create(curve), run_time=theme.REVEAL)
        self.play(TransformFromCopy(p.entries[ex["label"]], ce[1]), Create(guide), FadeIn(dot),
                  run_time=theme.REVEAL)
        self.play(Indicate(dot, color=theme.ACCENT, scale_factor=1.8), run_time=theme.REVEAL)
        self.ce_shown = (plot, curve, dot, guide, ce)
        self.ce_marks = VGroup(*marks)
        self.verdict = verdict
        self.still("softmax")

    def beat_grad(self):
        """p - l written out: the probabilities minus the one-hot label, row by row."""
        ex = self.values["example"]
        sm = self.soft
        p = sm["pcol"]
        n = len(ex["z"])
        onehot = [1.0 if i == ex["label"] else 0.0 for i in range(n)]
        grad = [a - b for a, b in zip(ex["softmax_p"], onehot)]
        l_col = VectorColumn(onehot, max_shown=n, digits=0, size=theme.SMALL_SIZE, row_gap=ROW_GAP,
                             color=theme.TARGET)
        g_col = VectorColumn(grad, max_shown=n, digits=DIGITS, size=theme.SMALL_SIZE,
                             row_gap=ROW_GAP)
        for i, t in g_col.entries.items():
            t.set_color(theme.POSITIVE if grad[i] >= 0 else theme.NEGATIVE)
        hl, hg = headed(l_col, "label l"), headed(g_col, "p \u2212 l")
        minus = label("\u2212", theme.HEADING_SIZE, theme.TEXT)
        equals = label("=", theme.HEADING_SIZE, theme.TEXT)
        row = VGroup(minus, hl, equals, hg).arrange(RIGHT, buff=0.35, aligned_edge=UP)
        shift = sm["s"].get_left() - sm["p"].get_left()
        moved_p = sm["p"].copy().shift(shift)
        row.next_to(moved_p, RIGHT, buff=0.35).align_to(moved_p, UP)
        minus.set_y(p.get_y())
        equals.set_y(p.get_y())
        f_grad = formula(FORMULAS[3]).next_to(row, RIGHT, buff=0.5).set_y(p.get_y() - 0.2)
        same = label("the reference's o \u2212 l", theme.TINY_SIZE, theme.MUTED)
        same.next_to(f_grad, DOWN, buff=0.3).align_to(f_grad, LEFT)
        self.play(*[FadeOut(m) for m in self.ce_shown],
                  VGroup(sm["p"], self.ce_marks).animate.shift(shift), run_time=theme.REVEAL)
        self.play(FadeIn(minus), FadeIn(hl), run_time=theme.REVEAL * 0.6)
        self.play(FadeIn(equals), TransformFromCopy(p.rows, g_col.rows), FadeIn(g_col.brackets),
                  FadeIn(hg[0]), run_time=theme.REVEAL)
        self.play(Write(f_grad), FadeIn(same),
                  Indicate(g_col.entries[ex["label"]], color=theme.ACCENT), run_time=theme.REVEAL)

    # --- without the comparison runs -------------------------------------------------------

    def beat_missing(self):
        """Without comparison runs in the trace: say what is not shown, invent no number."""
        v = self.values
        head = label(v["missing_note"], theme.BODY_SIZE, theme.BAD)
        lines = VGroup(
            label("not shown: sigmoid + MSE against ReLU + softmax + CE,", theme.SMALL_SIZE,
                  theme.MUTED),
            label("the optimizers' race (SGD, momentum, Adagrad, RMSProp, Adam)",
                  theme.SMALL_SIZE, theme.MUTED),
            label("and their effective step sizes", theme.SMALL_SIZE, theme.MUTED))
        lines.arrange(DOWN, buff=0.15)
        group = VGroup(head, lines).arrange(DOWN, buff=0.5)
        self.clear_to(FadeIn(group))
        self.still("missing")

    # --- the recorded comparison ---------------------------------------------------------

    def beat_loss_race(self):
        """What differs from chapter 9's run, row by row, and each run's held-out accuracy."""
        v = self.values
        rows = v["settings"]
        ref = rows[0]
        header = ["run", "gradient", "init", "each step", "rate", "held-out"]
        keys = ["gradient", "init", "step", "learn_rate"]
        body = []
        for r in rows:
            body.append([r["title"], r["gradient"], r["init"], r["step"],
                         fmt(r["learn_rate"], 2 if r["learn_rate"] < 0.1 else 1),
                         fmt_pct(r["test_acc"][-1])])
        table = TextTable(header, body, size=TABLE_SIZE, col_gap=0.35, row_gap=0.46)
        table.to_edge(UP, buff=1.35).set_x(0)
        for i, r in enumerate(rows):
            table.cells[(i, 0)].set_color(RUN_COLORS[i])
            for c, k in enumerate(keys, start=1):
                same = r[k] == ref[k]
                table.cells[(i, c)].set_color(theme.MUTED if (same and i) else theme.TEXT
                                              if i == 0 else theme.ACCENT)
            table.cells[(i, 5)].set_color(RUN_COLORS[i])
        diff_key = label(f"yellow: differs from {ref['title']} \u00b7 all: same data, network "
                         f"size, {fmt_int(v['runs']['epochs'])} epochs", theme.TINY_SIZE,
                         theme.MUTED)
        diff_key.next_to(table, DOWN, buff=0.2).align_to(table, LEFT)
        epochs = list(range(1, v["runs"]["epochs"] + 1))
        plot = LinePlot((epochs[0] - 0.2, epochs[-1] + 0.2), (0, 1),
                        [(e, fmt_int(e)) for e in epochs],
                        [(t, fmt_pct(t, 0)) for t in nice_ticks(0, 1, 4)],
                        "epoch", "held-out accuracy", 8.0, 2.3)
        plot.to_edge(DOWN, buff=SAFE_BUFF + 0.05).set_x(0.4)
        lines, dots = [], []
        for i, r in enumerate(rows):
            lines.append(plot.series(epochs, r["test_acc"], color=RUN_COLORS[i]))
            dots.append(plot.dots(epochs, r["test_acc"], color=RUN_COLORS[i], radius=0.06))
        self.clear_to(FadeIn(table.head), FadeIn(table.rule), FadeIn(plot))
        for i in range(len(rows)):
            self.play(FadeIn(table.rows[i], shift=DOWN * 0.1), Create(lines[i]),
                      FadeIn(dots[i]), run_time=theme.REVEAL)
        self.play(FadeIn(diff_key), Circumscribe(table.rows[1], color=theme.ACCENT),
                  run_time=theme.REVEAL)

    def beat_opt_race(self):
        """The optimizers' held-out accuracies as dots with standard errors: ties drawn as ties."""
        v = self.values
        runs = v["runs"]
        opt, se = runs["opt"], runs["se"]
        accs = [r["test_acc"][-1] for r in opt]
        best = max(accs)
        lo = min(accs) - 3 * se
        hi = best + 3 * se
        ticks = nice_ticks(lo, hi, 4)
        lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
        width, left = 7.0, -1.6
        top, gap = 1.9, 0.62

        def x_of(a):
            return left + (a - lo) / (hi - lo) * width

        axis = Line([x_of(lo), top - len(opt) * gap, 0], [x_of(hi), top - len(opt) * gap, 0])
        axis.set_stroke(theme.MUTED, 1.5)
        tick_labels = VGroup(*[label(fmt_pct(t, 1), theme.TINY_SIZE, theme.MUTED)
                               .next_to([x_of(t), axis.get_y(), 0], DOWN, buff=0.15)
                               for t in ticks if lo <= t <= hi])
        band = Rectangle(width=x_of(best) - x_of(best - TIE_STANDARD_ERRORS * se),
                         height=len(opt) * gap).set_stroke(width=0).set_fill(theme.ACCENT, 0.15)
        band.move_to([x_of(best), top - (len(opt) - 1) * gap / 2 - gap / 2 + 0.3, 0],
                     aligned_edge=RIGHT)
        band.stretch_to_fit_height(len(opt) * gap).align_to([0, top + gap / 2 - 0.05, 0], UP)
        backdrop(band)
        names, marks = VGroup(), VGroup()
        for i, r in enumerate(opt):
            y = top - i * gap
            name = label(f"{r['title']}, rate {r['learn_rate']:g}",
                         theme.SMALL_SIZE, RUN_COLORS[i])
            name.move_to([left - 0.4, y, 0], aligned_edge=RIGHT)
            a = r["test_acc"][-1]
            whisker = Line([x_of(a - se), y, 0], [x_of(a + se), y, 0]).set_stroke(RUN_COLORS[i],
                                                                                  4)
            dot = Dot([x_of(a), y, 0], radius=0.09, color=RUN_COLORS[i])
            value = label(fmt_pct(a), theme.TINY_SIZE, RUN_COLORS[i]).next_to(
                whisker, RIGHT, buff=0.15)
            if value.get_right()[0] > x_of(hi) + 0.9:
                value.next_to(whisker, LEFT, buff=0.15)
            names.add(name)
            marks.add(VGroup(whisker, dot, value))
        caption = VGroup(
            label(f"held-out accuracy after {fmt_int(runs['epochs'])} epochs on "
                  f"{fmt_int(runs['n_test'])} images", theme.SMALL_SIZE, theme.MUTED),
            label(f"bars: \u00b1 one standard error, {fmt(100 * se, 1)} points",
                  theme.SMALL_SIZE, theme.MUTED),
            label("shaded: within two standard errors of the best, a tie", theme.SMALL_SIZE,
                  theme.ACCENT)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        caption.next_to(tick_labels, DOWN, buff=0.35).set_x(0)
        note = label("ReLU + softmax + CE network, the same initial weights for all",
                     theme.SMALL_SIZE, theme.TEXT).to_edge(UP, buff=1.35).set_x(0)
        self.clear_to(FadeIn(note), FadeIn(names), Create(axis), FadeIn(tick_labels))
        self.play(*[GrowFromEdge(m, LEFT) for m in marks], run_time=theme.REVEAL)
        self.play(FadeIn(band), FadeIn(caption), run_time=theme.REVEAL)
        self.still("race")

    def beat_steps(self):
        """The optimizers' effective step sizes (log scale), a legend, and SGD's decay named."""
        runs = self.values["runs"]
        lo = 10.0 ** math.floor(math.log10(runs["step_size_min"]))
        hi = 10.0 ** math.ceil(math.log10(runs["step_size_max"]))
        steps = runs["probe_step"]
        plot = LinePlot((steps[0], steps[-1]), (lo, hi),
                        [(t, fmt_int(t)) for t in nice_ticks(0, steps[-1], 4) if t >= steps[0]],
                        [(t, log_tick_text(t)) for t in log_ticks(lo, hi)],
                        "minibatch step", "effective step size |update| / |gradient| (log)",
                        6.0, 3.6, log_y=True)
        plot.to_edge(LEFT, buff=SAFE_BUFF + 0.5).shift(DOWN * 0.45)
        slines = [plot.series(steps, r["step_size"], color=RUN_COLORS[i])
                  for i, r in enumerate(runs["opt"])]
        legend = VGroup()
        for i, r in enumerate(runs["opt"]):
            swatch = Line(ORIGIN3, RIGHT * 0.45).set_stroke(RUN_COLORS[i], 5)
            legend.add(VGroup(swatch, label(r["title"], theme.SMALL_SIZE, RUN_COLORS[i]))
                       .arrange(RIGHT, buff=0.15))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        legend.next_to(plot.axes, RIGHT, buff=0.5).align_to(plot.axes, UP)
        sgd = runs["opt"][0]
        decay = VGroup(
            label(f"SGD: rate {fmt(sgd['learn_rate'], 1)} \u2192 {fmt(runs['sgd_step_last'], 3)}",
                  theme.SMALL_SIZE, RUN_COLORS[0]),
            label("by the learning-rate", theme.SMALL_SIZE, RUN_COLORS[0]),
            label(f"decay, {fmt(runs['decay'], 3)} per step", theme.SMALL_SIZE, RUN_COLORS[0]),
            label("the others adapt", theme.SMALL_SIZE, theme.MUTED),
            label("their own steps", theme.SMALL_SIZE, theme.MUTED))
        decay.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        decay.next_to(legend, DOWN, buff=0.5).align_to(legend, LEFT)
        self.clear_to(FadeIn(plot), FadeIn(legend))
        self.play(*[Create(line) for line in slines], run_time=theme.REVEAL * 1.5)
        self.play(Indicate(slines[0], color=theme.ACCENT, scale_factor=1.0), FadeIn(decay),
                  run_time=theme.REVEAL)
        self.still("steps")

    def beat_claims(self):
        """The follow-up video's quoted figures beside the accuracies measured here."""
        v = self.values
        runs, ref = v["runs"], v["settings"][0]
        entries = [("follow-up video, MNIST (quoted)", v["follow_up"]["MNIST"], 2, theme.MUTED),
                   ("follow-up video, Fashion-MNIST (quoted)", v["follow_up"]["Fashion-MNIST"],
                    0, theme.MUTED),
                   (f"{ref['title']} (measured here)", ref["test_acc"][-1], 1,
                    RUN_COLORS[0]),
                   ("best ReLU run (measured here)", runs["best_relu_acc"], 1,
                    RUN_COLORS[2])]
        bar_left, bar_max, gap = 0.6, 4.3, 0.75
        # a full bar and its value (e.g. 100.0%) stay inside the safe area (x 6.4)
        widest = max(label(fmt_pct(acc, digits), theme.BODY_SIZE).width
                     for _, acc, digits, _ in entries)
        bar_max = min(bar_max, 6.35 - bar_left - 0.15 - widest)
        rows = VGroup()
        for i, (text, acc, digits, color) in enumerate(entries):
            y = 1.2 - i * gap
            name = label(text, theme.SMALL_SIZE, theme.TEXT).move_to([bar_left - 0.3, y, 0],
                                                                     aligned_edge=RIGHT)
            bar = Rectangle(width=bar_max * acc, height=0.4).set_stroke(width=0)
            bar.set_fill(color, 0.9).move_to([bar_left, y, 0], aligned_edge=LEFT)
            value = label(fmt_pct(acc, digits), theme.BODY_SIZE, color).next_to(bar, RIGHT,
                                                                                buff=0.15)
            rows.add(VGroup(name, bar, value))
        size = "-".join(fmt_int(n) for n in v["sizes"])
        caption = VGroup(
            label(f"ours: {size} networks, {fmt_int(runs['epochs'])} epochs on {v['dataset']}",
                  theme.SMALL_SIZE, theme.MUTED),
            label("theirs: their own network, training and data", theme.SMALL_SIZE,
                  theme.MUTED)).arrange(DOWN, buff=0.12)
        caption.next_to(rows, DOWN, buff=0.5).set_x(0)
        self.clear_to(*[FadeIn(r[0]) for r in rows])
        self.play(*[GrowFromEdge(r[1], LEFT) for r in rows], *[FadeIn(r[2]) for r in rows],
                  FadeIn(caption), run_time=theme.REVEAL * 1.5)
        self.still("claims")


ORIGIN3 = np.zeros(3)
