"""Chapter 12, one neuron: three inputs, one sigmoid, learning [0, 0, 1, 1] for real.

Left, the four training rows (x1, x2, x3, the target y and the neuron's output o); middle,
the neuron itself, its inputs named x1, x2, x3 and each edge carrying its weight; below,
the iteration count and the mean error, and on the right the error curve. Training plays
through every recorded iteration (numbers count as numbers, edges follow the weights) and
rests on each snapshot; the unseen input then flows into the trained neuron.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Circumscribe,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    Line,
    Rectangle,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import NetworkDiagram
from scenes.kit.plots import LinePlot, log_ticks, nice_ticks
from scenes.kit.text import attach, backdrop, formula, label
from scenes.values.format import fmt, fmt_int
from scenes.values.one_neuron import FORMULAS

O_DIGITS, W_DIGITS, ERR_DIGITS = 3, 2, 4
NUMBER_SIZE = theme.FORMULA_SIZE - 6
PLOT_WIDTH, PLOT_HEIGHT = 4.1, 1.65
IN_X, OUT_X = -0.8, 3.3
IN_YS = (1.6, 0.35, -0.9)
RADIUS = 0.3
#: Where along its edge (from the input) a weight's label sits.
W_AT = 0.32
TABLE_LEFT, TABLE_TOP = -6.3, 1.75
ROW_GAP, COL_GAP = 0.5, 0.62
#: Seconds to run from one shown snapshot to the next, and to rest on it.
RUN, REST = 1.2, 1.4


def number(x, digits, color=theme.TEXT, size=NUMBER_SIZE):
    d = DecimalNumber(x, num_decimal_places=digits, font_size=size)
    return d.set_color(color)


class OneNeuron(ChapterScene):
    slug = "one_neuron"

    # --- pieces -----------------------------------------------------------------------------

    def build_table(self):
        """Header x1 x2 x3 y o and the four rows; the o column is numbers that can change."""
        v = self.values
        n_in = len(v["x"][0])
        heads = [f"x{j + 1}" for j in range(n_in)] + ["y", "o"]
        colors = [theme.MUTED] * n_in + [theme.TARGET, theme.OUTPUT]
        xs = [TABLE_LEFT + 0.25 + c * COL_GAP for c in range(n_in + 1)]
        xs.append(xs[-1] + COL_GAP + 0.35)
        self.col_x = xs
        head = VGroup(*[label(h, theme.BODY_SIZE, c).move_to([x, TABLE_TOP, 0])
                        for h, x, c in zip(heads, xs, colors)])
        rows, o_cells = VGroup(), VGroup()
        for r, (xr, y, o) in enumerate(zip(v["x"], v["y"], v["o"][0])):
            yy = TABLE_TOP - (r + 1) * ROW_GAP
            cells = VGroup(*[label(fmt(x, 0), theme.BODY_SIZE, theme.TEXT).move_to([xs[c], yy, 0])
                             for c, x in enumerate(xr)])
            cells.add(label(fmt(y, 0), theme.BODY_SIZE, theme.TARGET).move_to([xs[n_in], yy, 0]))
            rows.add(cells)
            o_cells.add(number(o, O_DIGITS, theme.OUTPUT).move_to([xs[-1], yy, 0]))
        rule = Line([TABLE_LEFT, TABLE_TOP - ROW_GAP / 2, 0],
                    [xs[-1] + 0.5, TABLE_TOP - ROW_GAP / 2, 0]).set_stroke(theme.GRID, 1.5)
        self.head, self.rows, self.o_cells, self.rule = head, rows, o_cells, rule
        self.n_in = n_in

    def build_neuron(self):
        """Input circles named x1..x3, the output circle, and an edge per weight with its value."""
        v = self.values
        w0 = v["w"][0]
        self.inputs = VGroup(*[Circle(radius=RADIUS).set_stroke(theme.NEURON_STROKE, 2)
                               .move_to([IN_X, y, 0]) for y in IN_YS[:self.n_in]])
        self.output = Circle(radius=RADIUS * 1.3).set_stroke(theme.NEURON_STROKE, 2)
        self.output.move_to([OUT_X, IN_YS[1], 0])
        self.in_names = VGroup(*[label(f"x{j + 1}", theme.BODY_SIZE, theme.TEXT)
                                 .next_to(c, LEFT, buff=0.2) for j, c in enumerate(self.inputs)])
        self.out_name = label("o", theme.BODY_SIZE, theme.OUTPUT).next_to(self.output, UP,
                                                                          buff=0.15)
        self.scale = max(abs(w) for ws in v["w"] for w in ws)
        self.edges = VGroup(*[Line(c.get_right(), self.output.get_left()) for c in self.inputs])
        self.w_labels = VGroup()
        for j, edge in enumerate(self.edges):
            NetworkDiagram.style_edge(edge, w0[j], self.scale)
            d = number(w0[j], W_DIGITS, self.sign_color(w0[j]))
            attach(d, edge)
            self.w_labels.add(d)
        self.w_names = VGroup(*[attach(label(f"w{j + 1} =", theme.SMALL_SIZE, theme.MUTED), e)
                                for j, e in enumerate(self.edges)])
        self.w_backs = VGroup(*[backdrop(Rectangle(width=1.75, height=0.42).set_stroke(width=0)
                                         .set_fill(theme.BACKGROUND, 1.0))
                                for _ in self.w_labels])
        for j in range(self.n_in):
            self.place_weight(j)

    def place_weight(self, j):
        """Weight j's "wj = value" on its backdrop, centred on its edge."""
        at = self.edges[j].point_from_proportion(W_AT)
        name, d, back = self.w_names[j], self.w_labels[j], self.w_backs[j]
        name.move_to(at + LEFT * 0.38)
        d.next_to(name, RIGHT, buff=0.12)
        back.move_to(VGroup(name, d))

    @staticmethod
    def sign_color(w):
        return theme.POSITIVE if w >= 0 else theme.NEGATIVE

    def build_status(self):
        v = self.values
        self.iter_word = label("iteration", theme.BODY_SIZE, theme.MUTED)
        self.iter_num = Integer(v["iters"][0], font_size=NUMBER_SIZE, group_with_commas=True)
        self.err_word = label("mean error", theme.BODY_SIZE, theme.MUTED)
        self.err_num = number(v["err"][0], ERR_DIGITS, theme.ACCENT)
        top = TABLE_TOP - (len(v["x"]) + 1) * ROW_GAP - 0.35
        self.iter_word.move_to([TABLE_LEFT, top, 0], aligned_edge=LEFT)
        self.err_word.move_to([TABLE_LEFT, top - 0.55, 0], aligned_edge=LEFT)
        self.place_status()

    def place_status(self):
        x = self.err_word.get_right()[0] + 0.3
        self.iter_num.move_to([x, self.iter_word.get_y(), 0], aligned_edge=LEFT)
        self.err_num.move_to([x, self.err_word.get_y(), 0], aligned_edge=LEFT)

    def build_plot(self):
        v = self.values
        iters = v["iters"][1:]
        plot = LinePlot((iters[0], iters[-1]), (0, max(v["err"])),
                        [(t, fmt_int(t)) for t in log_ticks(iters[0], iters[-1])],
                        [(t, fmt(t, 1)) for t in nice_ticks(0, max(v["err"]), 3)],
                        "iteration (log scale)", "mean error", PLOT_WIDTH, PLOT_HEIGHT,
                        log_x=True)
        plot.to_corner(DOWN + RIGHT, buff=SAFE_BUFF)
        # its title over the right end, where the curve is low: clear of the w3 label's line
        plot.y_title.align_to(plot.axes, RIGHT)
        self.plot = plot

    def show_record(self, k):
        """Every changing number and edge set to recorded iteration ``k`` (a row of the trace)."""
        v = self.values
        k = int(k)
        self.iter_num.set_value(v["iters"][k])
        self.err_num.set_value(v["err"][k])
        for cell, o in zip(self.o_cells, v["o"][k]):
            cell.set_value(o)
        for j, (edge, d) in enumerate(zip(self.edges, self.w_labels)):
            w = v["w"][k][j]
            NetworkDiagram.style_edge(edge, w, self.scale)
            d.set_value(w)
            d.set_color(self.sign_color(w))
            self.place_weight(j)
        self.place_status()

    # --- beats ------------------------------------------------------------------------------

    def beat_setup(self):
        """The neuron's formula, its three named inputs, and the four rows with their targets."""
        self.title_card()
        self.build_table()
        self.build_neuron()
        self.f_o = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.play(Write(self.f_o), FadeIn(self.head), FadeIn(self.rule),
                  FadeIn(VGroup(*[VGroup(*row[:self.n_in]) for row in self.rows])),
                  run_time=theme.REVEAL)
        self.play(FadeIn(self.inputs), FadeIn(self.in_names), FadeIn(self.output),
                  FadeIn(self.out_name), run_time=theme.REVEAL)
        targets = VGroup(*[row[self.n_in] for row in self.rows])
        self.play(FadeIn(targets, shift=LEFT * 0.2), run_time=theme.REVEAL)
        self.play(Indicate(VGroup(*[row[0] for row in self.rows]), color=theme.ACCENT),
                  Indicate(targets, color=theme.ACCENT), run_time=theme.REVEAL)

    def beat_bias(self):
        """x3 is 1 in every row: its weight is added to every sum, a bias (chapter 2's)."""
        v = self.values
        j, value = v["bias_input"]
        column = VGroup(self.head[j], *[row[j] for row in self.rows])
        box = SurroundingRectangle(column, color=theme.ACCENT, buff=0.1)
        note = label(f"x{j + 1} = {fmt(value, 0)} in every row: w{j + 1} is the bias "
                     f"({v['bias_chapter']})", theme.SMALL_SIZE, theme.ACCENT)
        note.move_to([0, 0, 0]).next_to(self.inputs[j], DOWN, buff=0.35)
        note.align_to([IN_X - 0.9, 0, 0], LEFT)
        self.bias_note = note
        self.play(Create(box), run_time=theme.REVEAL)
        self.play(TransformFromCopy(column[1:], self.in_names[j]), FadeIn(note),
                  Indicate(self.inputs[j], color=theme.ACCENT), run_time=theme.REVEAL)
        self.play(box.animate.set_stroke(opacity=0), run_time=theme.REVEAL * 0.5)
        self.remove(box)

    def beat_start(self):
        """The random starting weights on the edges, the outputs they give, the mean error."""
        self.build_status()
        self.play(*[Create(e) for e in self.edges], run_time=theme.REVEAL)
        self.play(FadeIn(self.w_backs), FadeIn(self.w_labels), FadeIn(self.w_names), FadeIn(self.o_cells),
                  FadeIn(self.head[-1]), FadeIn(self.iter_word), FadeIn(self.iter_num),
                  FadeIn(self.err_word), FadeIn(self.err_num), run_time=theme.REVEAL)
        self.play(Indicate(self.w_labels, color=theme.ACCENT), Indicate(self.err_num),
                  run_time=theme.REVEAL)

    def beat_learn(self):
        """The update rule; every recorded iteration plays, resting on each snapshot."""
        v = self.values
        self.f_w = formula(FORMULAS[1]).next_to(self.f_o, DOWN, buff=0.25)
        self.f_w.align_to(self.f_o, RIGHT)
        self.build_plot()
        iters, errs = v["iters"][1:], v["err"][1:]
        t = ValueTracker(0.0)
        gone = [FadeOut(self.bias_note)] if getattr(self, "bias_note", None) else []
        self.play(Write(self.f_w), FadeIn(self.plot), *gone, run_time=theme.REVEAL)

        def curve():
            k = int(t.get_value())
            if k < 2:
                return VGroup()
            return self.plot.series(iters[:k], errs[:k], color=theme.ACCENT)

        def marker():
            k = int(t.get_value())
            if k < 1:
                return VGroup()
            return Dot(self.plot.c2p(iters[k - 1], errs[k - 1]), radius=0.07,
                       color=theme.ACCENT)

        line, dot = always_redraw(curve), always_redraw(marker)
        numbers = VGroup(self.iter_num, self.err_num, self.o_cells, self.w_labels)
        numbers.add_updater(lambda _: self.show_record(t.get_value()))
        self.add(line, dot, numbers)
        for row in v["snapshots"][1:]:
            self.play(t.animate.set_value(row + 0.001), run_time=RUN, rate_func=lambda a: a)
            self.wait(REST)
        numbers.clear_updaters()
        self.show_record(len(v["iters"]) - 1)
        self.line, self.dot = line, dot
        self.still("learned")

    def beat_end(self):
        """The final weights, the dominant first one, and the final error, pointed at."""
        v = self.values
        first = int(np.argmax(np.abs(v["w"][-1])))
        self.play(Indicate(self.w_labels[first], color=theme.ACCENT, scale_factor=1.3),
                  self.edges[first].animate.set_stroke(width=theme.EDGE_MAX_WIDTH * 1.6),
                  run_time=theme.REVEAL)
        self.play(Circumscribe(VGroup(self.err_word, self.err_num), color=theme.ACCENT),
                  Indicate(self.iter_num), run_time=theme.REVEAL)

    def beat_new(self):
        """The unseen input flows into the trained neuron; its output is the answer."""
        v = self.values
        yy = TABLE_TOP - (len(v["x"]) + 1) * ROW_GAP
        drop = 1.45  # below the status lines
        yy -= drop
        cells = VGroup(*[label(fmt(x, 0), theme.BODY_SIZE, theme.ACCENT)
                         .move_to([self.col_x[c], yy, 0]) for c, x in enumerate(v["new_x"])])
        never = label("new input, never seen", theme.SMALL_SIZE, theme.MUTED)
        never.next_to(cells, DOWN, buff=0.2).align_to(cells, LEFT)
        self.play(FadeIn(cells, shift=UP * 0.2), FadeIn(never), run_time=theme.REVEAL)
        copies = VGroup(*[c.copy() for c in cells])
        targets = VGroup(*[c.copy().move_to(node) for c, node in zip(cells, self.inputs)])
        self.play(*[TransformFromCopy(c, t) for c, t in zip(copies, targets)],
                  *[node.animate.set_fill(theme.NEURON_FILL, float(x))
                    for node, x in zip(self.inputs, v["new_x"])],
                  run_time=theme.REVEAL)
        self.remove(*targets)
        answer = number(v["new_o"], ERR_DIGITS, theme.OUTPUT, size=theme.FORMULA_SIZE + 4)
        answer.next_to(self.output, RIGHT, buff=0.3)
        self.play(*[Indicate(e, color=theme.ACCENT) for e in self.edges],
                  self.output.animate.set_fill(theme.NEURON_FILL, float(v["new_o"])),
                  run_time=theme.REVEAL)
        self.play(TransformFromCopy(self.output, answer), run_time=theme.REVEAL)
        self.still("answer")
