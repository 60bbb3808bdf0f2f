"""Chapter 11, beyond the reference: ReLU, softmax, cross-entropy, and optimizers compared.

The comparison runs are drawn only when the trace holds them; otherwise the
chapter says on screen that they are missing and how to record them.
"""

import math

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import VectorColumn
from scenes.kit.plots import LinePlot, log_ticks, nice_ticks
from scenes.kit.text import formula, headed, label
from scenes.values.beyond import FORMULAS
from scenes.values.format import fmt, fmt_int, fmt_pct

DIGITS = 3
HIDDEN_SHOWN = 8
PLOT_WIDTH, PLOT_HEIGHT = 5.4, 3.0
ACC_RANGE = (0.0, 1.0)
#: Colours of the runs, in the trace's run order (theme colours only).
LOSS_COLORS = (theme.NEGATIVE, theme.POSITIVE)
OPT_COLORS = (theme.TEXT, theme.POSITIVE, theme.CURVE, theme.CLASS_COLORS[0], theme.ACCENT)


def source_note(ex, names):
    """Where the example's numbers come from, said on screen."""
    if ex["source"] == "softmax_network":
        return (f"ReLU + softmax network, held-out image {fmt_int(ex['test_index'])} "
                f"(label {names[ex['label']]})")
    return (f"reference network (sigmoid), recorded step {fmt_int(ex['step'])} "
            f"(label {names[ex['label']]})")


def index_labels(column, names):
    return VGroup(*[label(names[i], theme.TINY_SIZE, theme.MUTED).next_to(t, LEFT, buff=0.4)
                    for i, t in column.entries.items()])


def log_tick_text(t):
    """A power of ten written out: 0.01, 0.1, 1, 10."""
    return fmt(t, max(0, -round(math.log10(t))))


class Beyond(ChapterScene):
    slug = "beyond"

    # --- ReLU -----------------------------------------------------------------------------

    def beat_relu(self):
        """The example's image and source; ReLU zeroes the negative hidden pre-activations."""
        ex, names = self.values["example"], self.values["class_names"]
        self.title_card()
        self.note = label(source_note(ex, names), theme.SMALL_SIZE, theme.MUTED)
        self.note.to_edge(DOWN, buff=0.3)
        self.img = PixelGrid(ex["img"], side_length=1.6).to_corner(UP + RIGHT, buff=0.5)
        self.play(FadeIn(self.note), FadeIn(self.img), run_time=theme.REVEAL)

        f_relu = formula(FORMULAS[0]).to_edge(UP, buff=1.2).to_edge(LEFT, buff=0.8)
        hidden = [str(i) for i in range(ex["n_hid"])]
        pre = VectorColumn(ex["h_pre"], max_shown=HIDDEN_SHOWN, digits=DIGITS)
        post = VectorColumn(ex["relu_h"], max_shown=HIDDEN_SHOWN, digits=DIGITS,
                            color=theme.ACCENT)
        cols = VGroup(headed(pre, "hidden pre-activation"), headed(post, "ReLU"))
        cols.arrange(RIGHT, buff=0.7, aligned_edge=UP).next_to(f_relu, DOWN, buff=0.4)
        cols.align_to(f_relu, LEFT).shift(RIGHT * 0.4)
        idx = index_labels(pre, hidden)
        zeros = label(f"{fmt_int(ex['n_relu_zero'])} of {fmt_int(ex['n_hid'])} become zero",
                      theme.BODY_SIZE, theme.ACCENT).next_to(cols, RIGHT, buff=0.8)
        self.play(Write(f_relu), FadeIn(cols), FadeIn(idx), run_time=theme.REVEAL)
        self.play(FadeIn(zeros), run_time=theme.REVEAL)
        self.relu_shown = (f_relu, cols, idx, zeros)

    # --- softmax --------------------------------------------------------------------------

    def beat_softmax(self):
        """Logits, their sigmoids and their softmax, with the sums of both."""
        ex, names = self.values["example"], self.values["class_names"]
        self.play(*[FadeOut(m) for m in self.relu_shown], run_time=theme.REVEAL)
        f_soft = formula(FORMULAS[1]).to_edge(UP, buff=1.1).to_edge(LEFT, buff=0.8)
        z = VectorColumn(ex["z"], max_shown=len(ex["z"]), digits=DIGITS)
        s = VectorColumn(ex["sigmoid_o"], max_shown=len(ex["z"]), digits=DIGITS,
                         color=theme.MUTED)
        p = VectorColumn(ex["softmax_p"], max_shown=len(ex["z"]), digits=DIGITS,
                         color=theme.ACCENT)
        cols = VGroup(headed(z, "logits z"), headed(s, "sigmoid(z)"), headed(p, "softmax(z)"))
        cols.arrange(RIGHT, buff=0.6, aligned_edge=UP).next_to(f_soft, DOWN, buff=0.3)
        cols.align_to(f_soft, LEFT).shift(RIGHT * 0.4)
        idx = index_labels(z, names)
        sums = VGroup(label(f"sum {fmt(ex['sigmoid_sum'], DIGITS)}", theme.SMALL_SIZE,
                            theme.MUTED).next_to(s, DOWN, buff=0.15),
                      label(f"sum {fmt(ex['softmax_sum'], DIGITS)}", theme.SMALL_SIZE,
                            theme.ACCENT).next_to(p, DOWN, buff=0.15))
        self.play(Write(f_soft), FadeIn(cols), FadeIn(idx), run_time=theme.REVEAL)
        self.play(FadeIn(sums), run_time=theme.REVEAL)
        self.soft_cols = cols
        self.soft_shown = (f_soft, cols, idx, sums)

    # --- cross-entropy --------------------------------------------------------------------

    def beat_ce(self):
        """Cross-entropy and its gradient on the example; then the screen is cleared."""
        ex = self.values["example"]
        f_ce = formula(FORMULAS[2]).next_to(self.soft_cols, RIGHT, buff=0.8).shift(UP * 0.8)
        f_grad = formula(FORMULAS[3]).next_to(f_ce, DOWN, buff=0.4).align_to(f_ce, LEFT)
        p_label = ex["softmax_p"][ex["label"]]
        ce = label(f"CE = -log({fmt(p_label, DIGITS)}) = {fmt(ex['ce'], DIGITS)}",
                   theme.BODY_SIZE, theme.ACCENT).next_to(f_grad, DOWN, buff=0.4)
        ce.align_to(f_ce, LEFT)
        self.play(Write(f_ce), run_time=theme.REVEAL)
        self.play(FadeIn(ce), Write(f_grad), run_time=theme.REVEAL)
        self.still("softmax")

        self.play(*[FadeOut(m) for m in (*self.soft_shown, f_ce, f_grad, ce, self.note,
                                         self.img)],
                  run_time=theme.REVEAL)

    # --- without the comparison runs -------------------------------------------------------

    def beat_missing(self):
        """Without comparison runs in the trace: say what is not shown, invent no number."""
        v = self.values
        head = label(v["missing_note"], theme.BODY_SIZE, theme.BAD)
        lines = VGroup(
            label("not shown: learning curves of sigmoid + MSE vs ReLU + softmax + CE,",
                  theme.SMALL_SIZE, theme.MUTED),
            label("the optimizers' race (SGD, momentum, Adagrad, RMSProp, Adam)",
                  theme.SMALL_SIZE, theme.MUTED),
            label("and their effective step sizes", theme.SMALL_SIZE, theme.MUTED))
        lines.arrange(DOWN, buff=0.15)
        group = VGroup(head, lines).arrange(DOWN, buff=0.5)
        self.play(FadeIn(group), run_time=theme.REVEAL)
        self.still("missing")

    # --- the recorded comparison: cost/activation, optimizers, effective step sizes -------

    def acc_plot(self, runs):
        return LinePlot((0, runs["total"]), ACC_RANGE,
                        [(t, fmt_int(t)) for t in nice_ticks(0, runs["total"], 3)],
                        [(t, fmt_pct(t, 0)) for t in nice_ticks(*ACC_RANGE, 4)],
                        "images seen", "online training accuracy", PLOT_WIDTH, PLOT_HEIGHT)

    def beat_loss_race(self):
        """Sigmoid + MSE against ReLU + softmax + CE, online accuracy while training."""
        runs = self.values["runs"]
        loss = self.acc_plot(runs).to_edge(LEFT, buff=0.8)
        lines = [loss.series(runs["seen"], r["acc"], color=c)
                 for r, c in zip(runs["loss"], LOSS_COLORS)]
        legend = loss.legend([(f"{r['title']}: held-out {fmt_pct(r['test_acc'][-1])}", c)
                              for r, c in zip(runs["loss"], LOSS_COLORS)], corner=RIGHT)
        lr = label(f"SGD, learning rate {fmt(runs['loss_learn_rate'], 2)}, batch "
                   f"{fmt_int(runs['batch_size'])}", theme.TINY_SIZE, theme.MUTED)
        lr.next_to(loss, UP, buff=0.2)
        self.play(FadeIn(loss), FadeIn(lr), run_time=theme.REVEAL)
        self.play(*[Create(line) for line in lines], FadeIn(legend), run_time=theme.REVEAL * 2)
        self.loss, self.loss_lines, self.loss_legend, self.loss_lr = loss, lines, legend, lr

    def beat_opt_race(self):
        """Five optimizers from the same start, online accuracy while training."""
        runs = self.values["runs"]
        opt = self.acc_plot(runs).to_edge(RIGHT, buff=0.6)
        olines = [opt.series(runs["seen"], r["acc"], color=c)
                  for r, c in zip(runs["opt"], OPT_COLORS)]
        olegend = opt.legend([(f"{r['title']}: held-out {fmt_pct(r['test_acc'][-1])}", c)
                              for r, c in zip(runs["opt"], OPT_COLORS)], corner=DOWN + RIGHT)
        onote = label("ReLU + softmax + CE, same start", theme.TINY_SIZE, theme.MUTED)
        onote.next_to(opt, UP, buff=0.2)
        self.play(FadeIn(opt), FadeIn(onote), run_time=theme.REVEAL)
        self.play(*[Create(line) for line in olines], FadeIn(olegend), run_time=theme.REVEAL * 2)
        self.still("race")

    def beat_steps(self):
        """The optimizers' effective step sizes replace the loss race (log scale)."""
        runs = self.values["runs"]
        lo = 10.0 ** math.floor(math.log10(runs["step_size_min"]))
        hi = 10.0 ** math.ceil(math.log10(runs["step_size_max"]))
        steps = runs["probe_step"]
        plot = LinePlot((steps[0], steps[-1]), (lo, hi),
                        [(t, fmt_int(t)) for t in nice_ticks(0, steps[-1], 4) if t >= steps[0]],
                        [(t, log_tick_text(t)) for t in log_ticks(lo, hi)],
                        "minibatch step", "effective step size |update| / |gradient|",
                        PLOT_WIDTH, PLOT_HEIGHT, log_y=True)
        plot.move_to(self.loss)
        slines = [plot.series(steps, r["step_size"], color=c)
                  for r, c in zip(runs["opt"], OPT_COLORS)]
        self.play(FadeOut(self.loss), FadeOut(self.loss_lines[0]), FadeOut(self.loss_lines[1]),
                  FadeOut(self.loss_legend), FadeOut(self.loss_lr), run_time=theme.REVEAL)
        self.play(FadeIn(plot), run_time=theme.REVEAL)
        self.play(*[Create(line) for line in slines], run_time=theme.REVEAL * 2)
        self.still("steps")
