"""Chapter 12, one neuron: three inputs, one sigmoid, learning [0, 0, 1, 1] for real."""

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, Transform, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram
from scenes.kit.numbers import TextTable, VectorColumn
from scenes.kit.plots import LinePlot, log_ticks, nice_ticks
from scenes.kit.text import formula, headed, label
from scenes.values.format import fmt, fmt_int
from scenes.values.one_neuron import FORMULAS

O_DIGITS, W_DIGITS, ERR_DIGITS = 3, 3, 4
PLOT_WIDTH, PLOT_HEIGHT = 3.8, 2.4


def data_table(v, row):
    """Inputs, target and the neuron's recorded outputs at snapshot ``row``."""
    n_in = len(v["x"][0])
    header = [f"x{i + 1}" for i in range(n_in)] + ["y", "o"]
    rows = [[fmt(x, 0) for x in xs] + [fmt(y, 0), fmt(o, O_DIGITS)]
            for xs, y, o in zip(v["x"], v["y"], v["o"][row])]
    return TextTable(header, rows, colors=[theme.TEXT] * n_in + [theme.GOOD, theme.ACCENT])


def neuron(v, row):
    """The neuron as a 3-1 network whose edges show the recorded weights at ``row``."""
    w = np.asarray(v["w"][row])[None, :]
    return NetworkDiagram([w.shape[1], 1], weights=[w], layer_gap=1.8, height=2.4)


def status(v, row):
    return label(f"iteration {fmt_int(v['iters'][row])}: mean error "
                 f"{fmt(v['err'][row], ERR_DIGITS)}", theme.BODY_SIZE, theme.TEXT)


class OneNeuron(ChapterScene):
    slug = "one_neuron"

    def beat_setup(self):
        """The neuron's formula and the four inputs with their targets."""
        v = self.values
        self.title_card()
        self.f_o = formula(FORMULAS[0]).to_edge(UP, buff=1.0)
        self.table = table = data_table(v, 0).to_edge(LEFT, buff=0.6).shift(UP * 0.4)
        self.o_col = VGroup(table.head[-1], *[table.cells[(r, len(table.head) - 1)]
                                              for r in range(len(v["x"]))])
        self.play(Write(self.f_o),
                  FadeIn(VGroup(*[m for m in table.family_members_with_points()
                                  if m not in self.o_col.family_members_with_points()])),
                  run_time=theme.REVEAL)

    def beat_start(self):
        """The random starting weights, the outputs they give and the mean error."""
        v = self.values
        table = self.table
        net = neuron(v, 0).next_to(table, RIGHT, buff=0.7)
        w_col = headed(VectorColumn(v["w"][0], digits=W_DIGITS), "w")
        w_col.next_to(net, RIGHT, buff=0.3)
        state = status(v, 0).next_to(table, DOWN, buff=0.5).align_to(table, LEFT)
        self.play(FadeIn(net), FadeIn(w_col), FadeIn(self.o_col), FadeIn(state),
                  run_time=theme.REVEAL)
        self.net, self.w_col, self.state = net, w_col, state

    def beat_learn(self):
        """The update rule; weights, outputs and the error curve through the snapshots."""
        v = self.values
        table, w_col, net, state = self.table, self.w_col, self.net, self.state
        f_w = formula(FORMULAS[1], size=theme.FORMULA_SIZE * 0.7)
        f_w.next_to(self.f_o, DOWN, buff=0.2)
        iters = v["iters"][1:]
        errs = v["err"][1:]
        plot = LinePlot((iters[0], iters[-1]), (0, max(v["err"])),
                        [(t, fmt_int(t)) for t in log_ticks(iters[0], iters[-1])],
                        [(t, fmt(t, 1)) for t in nice_ticks(0, max(v["err"]), 3)],
                        "iteration (log scale)", "mean error", PLOT_WIDTH, PLOT_HEIGHT,
                        log_x=True)
        plot.to_edge(RIGHT, buff=0.5).shift(DOWN * 1.0)
        self.play(Write(f_w), FadeIn(plot), run_time=theme.REVEAL)
        shown = 0
        for row in v["snapshots"][1:]:
            new_table = data_table(v, row).move_to(table)
            new_w = headed(VectorColumn(v["w"][row], digits=W_DIGITS), "w").move_to(w_col)
            new_net = neuron(v, row).move_to(net)
            curve = plot.series(iters[:row], errs[:row], color=theme.NEGATIVE)
            anims = [Transform(table, new_table), Transform(w_col, new_w),
                     Transform(net, new_net),
                     Transform(state, status(v, row).move_to(state, aligned_edge=LEFT))]
            self.play(*anims, Create(curve), run_time=theme.REVEAL)
            shown = row
        self.still("learned")
        assert shown == len(v["iters"]) - 1

    def beat_new(self):
        """The trained neuron's answer for an input it never saw."""
        v = self.values
        new_in = ", ".join(fmt(x, 0) for x in v["new_x"])
        answer = label(f"new input [{new_in}]  \u2192  o = {fmt(v['new_o'], ERR_DIGITS)}",
                       theme.HEADING_SIZE, theme.ACCENT)
        answer.to_corner(DOWN + LEFT, buff=0.9)
        never = label("never seen in training", theme.SMALL_SIZE, theme.MUTED)
        never.next_to(answer, DOWN, buff=0.15).align_to(answer, LEFT)
        self.play(FadeIn(answer), FadeIn(never), run_time=theme.REVEAL)
        self.still("answer")
