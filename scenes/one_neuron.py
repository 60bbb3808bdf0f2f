"""One neuron, the smallest learner: three inputs, one sigmoid, learning [0, 0, 1, 1] for real.

Left, the four training rows (x1, x2, x3, the target l and the neuron's output o); middle,
the neuron itself, its inputs named x1, x2, x3 and each edge carrying its weight beside it;
below the table, the iteration count and the cost e. As the targets are read, each row's
inputs fill the neuron's inputs and its x1 is copied into the target column (the rule the
neuron must learn). The cost e is built as said: each row's (o - l)^2, averaged into e.

One iteration is worked by hand in the panel along the bottom: the sum, which drops onto a
sigmoid drawn below the neuron (the curve's height there is o); the target's level on that
plot, with l - o as the gap up to it; o(1 - o) as the tangent's slope, travelling to where the
curve is steep and where it is flat; each row's push d; each weight's change, its input
column and the d column marked together (X^T d). Then every recorded iteration plays along
the narration (numbers count as numbers, edges follow the weights, the cost curve grows), and
an unseen input flows into the trained neuron.

Every beat lays its animations along its sentence (:mod:`scenes.timing`): each number is
marked or changes as it is said; a soft band (:func:`band`) walks along what is read.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    ChangeDecimalToValue,
    Circle,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Integer,
    LaggedStart,
    Line,
    Rectangle,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from nnmath.activations import sigmoid
from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import NetworkDiagram
from scenes.kit.plots import LinePlot, SigmoidPlot, log_ticks, nice_ticks
from scenes.kit.text import backdrop, formula, label
from scenes.values.format import fmt, fmt_int
from scenes.values.one_neuron import D_DIGITS, E_DIGITS, FORMULAS, O_DIGITS, W_DIGITS

NUMBER_SIZE = theme.FORMULA_SIZE - 6
PANEL_SIZE = theme.TEX_SIZE[theme.BODY_SIZE]
PLOT_WIDTH, PLOT_HEIGHT = 3.3, 1.45
IN_X, OUT_X = -0.25, 3.7
IN_YS = (1.75, 0.35, -1.05)
RADIUS = 0.3
#: Where along its edge (from the input) a weight's label sits, and on which side of the
#: edge (+1 above, -1 below): never on the edge itself.
W_AT = (0.42, 0.3, 0.25)
W_SIDE = (1, 1, -1)
TABLE_LEFT, TABLE_TOP = -6.3, 1.75
ROW_GAP, COL_GAP = 0.5, 0.62
#: The worked iteration's panel: the y of its three lines.
PANEL_YS = (-2.05, -2.7, -3.35)
#: The sigmoid's plot of the worked step, below the neuron: size and centre.
SIG_WIDTH, SIG_HEIGHT = 4.2, 1.6
SIG_AT = (3.0, -2.45, 0)


def number(x, digits, color=theme.TEXT, size=NUMBER_SIZE):
    d = DecimalNumber(x, num_decimal_places=digits, font_size=size)
    return d.set_color(color)


def pieces(parts, colors=None, size=PANEL_SIZE):
    """A row of formulas, one per part, side by side on a shared middle line."""
    colors = list(colors or []) + [None] * len(parts)
    row = VGroup(*[formula(p, size=size, color=c or theme.TEXT)
                   for p, c in zip(parts, colors)])
    return row.arrange(RIGHT, buff=0.12)


def band(mobject):
    """A soft "spoken now" band behind ``mobject`` (a table column, a weight): text sits on
    it, and it moves from one thing to the next as the narration does."""
    return backdrop(SurroundingRectangle(mobject, buff=0.06).set_stroke(width=0)
                    .set_fill(theme.ACCENT, 0.16))


class OneNeuron(ChapterScene):
    slug = "one_neuron"

    # --- pieces -----------------------------------------------------------------------------

    def build_table(self):
        """Header x1 x2 x3 l o d and the four rows; the o and d columns are numbers."""
        v = self.values
        n_in = len(v["x"][0])
        heads = [f"x{j + 1}" for j in range(n_in)] + ["l", "o", "d"]
        colors = [theme.MUTED] * n_in + [theme.TARGET, theme.OUTPUT, theme.TEXT]
        xs = [TABLE_LEFT + 0.2 + c * COL_GAP for c in range(n_in + 1)]
        xs.append(xs[-1] + COL_GAP + 0.45)
        xs.append(xs[-1] + 1.05)
        self.col_x = xs
        head = VGroup(*[label(h, theme.BODY_SIZE, c).move_to([x, TABLE_TOP, 0])
                        for h, x, c in zip(heads, xs, colors)])
        rows, o_cells, d_cells = VGroup(), VGroup(), VGroup()
        for r, (xt, yt, o, d) in enumerate(zip(v["x_texts"], v["y_texts"], v["o"][0], v["d"])):
            yy = TABLE_TOP - (r + 1) * ROW_GAP
            cells = VGroup(*[label(t, theme.BODY_SIZE, theme.TEXT).move_to([xs[c], yy, 0])
                             for c, t in enumerate(xt)])
            cells.add(label(yt, theme.BODY_SIZE, theme.TARGET).move_to([xs[n_in], yy, 0]))
            rows.add(cells)
            o_cells.add(number(o, O_DIGITS, theme.OUTPUT).move_to([xs[n_in + 1], yy, 0]))
            d_cells.add(number(d, D_DIGITS, theme.TEXT).move_to([xs[n_in + 2], yy, 0]))
        rule = Line([TABLE_LEFT, TABLE_TOP - ROW_GAP / 2, 0],
                    [xs[-2] + 0.5, TABLE_TOP - ROW_GAP / 2, 0]).set_stroke(theme.GRID, 1.5)
        self.head, self.rows, self.o_cells, self.d_cells, self.rule = (head, rows, o_cells,
                                                                       d_cells, rule)
        self.n_in = n_in

    def column(self, j):
        """Column j's cells (x_j for j < n_in, then l)."""
        return VGroup(*[row[j] for row in self.rows])

    def build_neuron(self):
        """Input circles named x1..x3, the output circle, and an edge per weight (muted until
        the weights are shown), each weight's "wj = value" beside its edge."""
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
        self.edges.set_stroke(theme.MUTED, theme.EDGE_MIN_WIDTH * 2, opacity=0.6)
        self.w_labels = VGroup(*[number(w0[j], W_DIGITS, self.sign_color(w0[j]))
                                 for j in range(self.n_in)])
        self.w_names = VGroup(*[label(f"w{j + 1} =", theme.SMALL_SIZE, theme.MUTED)
                                for j in range(self.n_in)])
        for j in range(self.n_in):
            self.place_weight(j)

    def place_weight(self, j):
        """Weight j's "wj = value" beside its edge (above or below it, never on it)."""
        edge = self.edges[j]
        start, end = edge.get_start(), edge.get_end()
        u = (end - start) / np.linalg.norm(end - start)
        normal = np.array([-u[1], u[0], 0.0]) * W_SIDE[j]
        at = start + (end - start) * W_AT[j]
        name, d = self.w_names[j], self.w_labels[j]
        d.next_to(name, RIGHT, buff=0.12)
        pair = VGroup(name, d)
        pair.move_to(at)
        # push the pair off the edge until its box clears it
        half = np.array([pair.width / 2, pair.height / 2, 0])
        reach = abs(normal[0]) * half[0] + abs(normal[1]) * half[1]
        pair.shift(normal * (reach + 0.08))

    @staticmethod
    def sign_color(w):
        return theme.POSITIVE if w >= 0 else theme.NEGATIVE

    def build_status(self):
        v = self.values
        self.iter_word = label("iteration", theme.BODY_SIZE, theme.MUTED)
        self.iter_num = Integer(v["iters"][0], font_size=NUMBER_SIZE, group_with_commas=True)
        self.err_word = formula(FORMULAS[2] + " =", size=PANEL_SIZE, color=theme.MUTED)
        self.err_num = number(v["e"][0], E_DIGITS, theme.TEXT)
        top = TABLE_TOP - (len(v["x"]) + 1) * ROW_GAP - 0.2
        self.iter_word.move_to([TABLE_LEFT, top, 0], aligned_edge=LEFT)
        self.err_word.move_to([TABLE_LEFT, top - 0.6, 0], aligned_edge=LEFT)
        self.place_status()

    def place_status(self):
        self.iter_num.next_to(self.iter_word, RIGHT, buff=0.25)
        self.err_num.next_to(self.err_word, RIGHT, buff=0.2)

    def build_plot(self):
        v = self.values
        iters, e = v["iters"][1:], v["e"]
        plot = LinePlot((iters[0], iters[-1]), (0, max(e)),
                        [(t, fmt_int(t)) for t in log_ticks(iters[0], iters[-1])],
                        [(t, fmt(t, 1)) for t in nice_ticks(0, max(e), 3)],
                        "iteration (log scale)", "cost e", PLOT_WIDTH, PLOT_HEIGHT,
                        log_x=True)
        plot.to_corner(DOWN + RIGHT, buff=SAFE_BUFF)
        plot.y_title.align_to(plot.axes, RIGHT)
        self.plot = plot

    def show_record(self, k):
        """Every changing number and edge set to recorded iteration ``k`` (a row of the trace)."""
        v = self.values
        k = int(k)
        self.iter_num.set_value(v["iters"][k])
        self.err_num.set_value(v["e"][k])
        for cell, o in zip(self.o_cells, v["o"][k]):
            cell.set_value(o)
        for j, (edge, d) in enumerate(zip(self.edges, self.w_labels)):
            w = v["w"][k][j]
            NetworkDiagram.style_edge(edge, w, self.scale)
            d.set_value(w)
            d.set_color(self.sign_color(w))
            self.place_weight(j)
        self.place_status()

    def panel_line(self, parts, y, colors=None):
        """A line of the worked iteration's panel, left-aligned: one formula per part, so
        each number is its own piece of text (it can fly, light and be checked alone)."""
        line = pieces(parts, colors)
        return line.move_to([TABLE_LEFT, y, 0], aligned_edge=LEFT)

    # --- beats ------------------------------------------------------------------------------

    def beat_setup(self):
        """The neuron appears as its inputs are named; its edges; the table's rows; the first
        input's column; the targets, one by one as they are said."""
        v = self.values
        self.title_card()
        self.build_table()
        self.build_neuron()
        self.f_o = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.play(LaggedStart(*[FadeIn(VGroup(c, n), shift=RIGHT * 0.2)
                                for c, n in zip(self.inputs, self.in_names)], lag_ratio=0.4),
                  through=f"x{self.n_in},")
        self.play(FadeIn(self.output), FadeIn(self.out_name),
                  LaggedStart(*[Create(e) for e in self.edges], lag_ratio=0.3),
                  Write(self.f_o), until="must")
        self.play(FadeIn(self.head[:self.n_in]), FadeIn(self.rule),
                  LaggedStart(*[FadeIn(VGroup(*row[:self.n_in]), shift=RIGHT * 0.2)
                                for row in self.rows], lag_ratio=0.3), until="first")
        self.play(Indicate(self.column(0), color=theme.ACCENT),
                  Indicate(VGroup(self.inputs[0], self.in_names[0]), color=theme.ACCENT),
                  through="input,")
        # "the targets l": the target column is marked as it is named
        self.l_band = backdrop(Rectangle(width=COL_GAP * 0.9,
                                         height=ROW_GAP * (len(self.rows) + 1) - 0.1)
                               .set_stroke(width=0).set_fill(theme.TARGET, 0.15))
        self.l_band.move_to([self.col_x[self.n_in], TABLE_TOP - len(self.rows) * ROW_GAP / 2, 0])
        self.play(FadeIn(self.head[self.n_in], shift=DOWN * 0.1), FadeIn(self.l_band),
                  at="targets", until=v["y_texts"][0])
        # each target as it is said: the row's inputs fill the neuron's inputs, and the
        # row's first input is copied across into the target column
        texts = v["y_texts"]
        for r, text in enumerate(texts):
            cell = self.rows[r][self.n_in]
            arrive = (TransformFromCopy(self.rows[r][0], cell) if v["x"][r][0] == v["y"][r]
                      else FadeIn(cell, shift=LEFT * 0.2, scale=1.3))
            fills = [node.animate.set_fill(theme.NEURON_FILL, float(x))
                     for node, x in zip(self.inputs, v["x"][r])]
            self.wait_for(text)
            seconds = (self.seconds_to(texts[r + 1]) if r + 1 < len(texts)
                       else self.seconds_left())
            self.play(arrive, *fills, run_time=max(theme.MIN_RUN, seconds))

    def beat_bias(self):
        """x3's column is boxed, its 1s lit row by row; they flow into x3's input; its edge
        lights as "added to every sum" and the note names it a bias."""
        j, value = self.values["bias_input"]
        col = self.column(j)
        box = SurroundingRectangle(VGroup(self.head[j], col), color=theme.ACCENT, buff=0.1)
        self.play(Create(box), *[node.animate.set_fill(opacity=0) for node in self.inputs],
                  FadeOut(self.l_band),
                  until=fmt(value, 0))
        # "is 1 in every row": each row's value flies into the input, which fills
        drops = [c.copy().set_color(theme.ACCENT).move_to(self.inputs[j]) for c in col]
        self.play(LaggedStart(*[TransformFromCopy(c, d) for c, d in zip(col, drops)],
                              lag_ratio=0.35),
                  self.inputs[j].animate.set_fill(theme.NEURON_FILL, float(value)),
                  at=fmt(value, 0), through="row,")
        self.remove(*drops)
        # "its weight is added to every sum": the edge carries it to the output
        self.play(self.edges[j].animate.set_stroke(theme.ACCENT, theme.EDGE_MAX_WIDTH, 1.0),
                  Indicate(self.output, color=theme.ACCENT), at="weight", through="sum:")
        note = label(f"x{j + 1} = {fmt(value, 0)}: w{j + 1} acts as a bias", theme.SMALL_SIZE,
                     theme.ACCENT)
        note.move_to([TABLE_LEFT, PANEL_YS[0], 0], aligned_edge=LEFT)
        self.bias_note = note
        self.play(FadeIn(note, shift=UP * 0.2), at="bias,", until="next")
        self.play(box.animate.set_stroke(opacity=0),
                  self.edges[j].animate.set_stroke(theme.MUTED, theme.EDGE_MIN_WIDTH * 2, 0.6),
                  at="next", through="subject.")
        self.remove(box)

    def beat_start(self):
        """The edges take their starting weights; the outputs fill in; the cost e appears with
        its definition, the o and l columns lit as "o minus l" is said."""
        v = self.values
        self.build_status()
        self.play(FadeOut(self.bias_note),
                  *[e.animate.set_stroke(**self.edge_style(v["w"][0][j]))
                    for j, e in enumerate(self.edges)],
                  LaggedStart(*[FadeIn(VGroup(n, d), scale=1.3)
                                for n, d in zip(self.w_names, self.w_labels)], lag_ratio=0.4),
                  FadeIn(self.iter_word), FadeIn(self.iter_num),
                  *[node.animate.set_fill(opacity=0) for node in self.inputs], through="weights")
        self.play(FadeIn(self.head[self.n_in + 1], shift=DOWN * 0.1),
                  self.output.animate.set_fill(theme.NEURON_FILL, 0.3),
                  LaggedStart(*[FadeIn(c, shift=LEFT * 0.2, scale=1.3) for c in self.o_cells],
                              lag_ratio=0.4), at="outputs", through="o;")
        self.play(Write(self.err_word), at="cost", until="o minus l")
        # "o minus l squared": each row's o and l make its (o - l)^2, in the column where the
        # worked step's d goes later
        x_sq = self.col_x[self.n_in + 2]
        sq_head = formula("(o - l)^2", size=PANEL_SIZE, color=theme.MUTED)
        sq_head.move_to([x_sq, TABLE_TOP, 0])
        sq = VGroup(*[label(t, theme.BODY_SIZE, theme.TEXT).move_to([x_sq, c.get_y(), 0])
                      for t, c in zip(v["sq_texts"], self.o_cells)])
        self.play(FadeIn(sq_head, shift=DOWN * 0.1),
                  LaggedStart(*[TransformFromCopy(VGroup(o, row[self.n_in]), q)
                                for o, row, q in zip(self.o_cells, self.rows, sq)],
                              lag_ratio=0.35), at="o minus l", through="squared,")
        # "is 0.2790": the four squares are averaged into e
        flies = [q.copy() for q in sq]
        self.play(FadeIn(self.err_num, scale=1.3),
                  *[f.animate.move_to(self.err_num).set_opacity(0) for f in flies],
                  at=v["e_texts"][0], run_time=1.0)
        self.remove(*flies)
        self.light(self.err_num)
        self.squares = VGroup(sq_head, sq)

    def edge_style(self, w):
        s = min(abs(float(w)) / self.scale, 1.0)
        return {"color": self.sign_color(w),
                "width": theme.EDGE_MIN_WIDTH + (theme.EDGE_MAX_WIDTH - theme.EDGE_MIN_WIDTH) * s,
                "opacity": 0.25 + theme.EDGE_OPACITY * s}

    def beat_sum(self):
        """The worked row is framed; its inputs light and fill the input circles; each input
        times its weight lands in the panel, the sum appears, and the sigmoid gives o."""
        v = self.values
        k = v["row"]
        row = self.rows[k]
        self.row_box = SurroundingRectangle(VGroup(row, self.o_cells[k], self.d_cells[k]),
                                            color=theme.ACCENT, buff=0.08, stroke_width=2)
        self.play(Create(self.row_box), FadeOut(self.squares, shift=RIGHT * 0.2), through="row:")
        self.play(LaggedStart(*[AnimationGroup(
            Indicate(row[c], color=theme.ACCENT, scale_factor=1.4),
            self.inputs[c].animate.set_fill(theme.NEURON_FILL, float(v["x"][k][c])))
            for c in range(self.n_in)], lag_ratio=0.5), through="inputs")
        parts, colors = [], []
        for c in range(self.n_in):
            w = v["w0_texts"][c]
            parts += [v["x_texts"][k][c], r"\times", w if not w.startswith("-") else f"({w})"]
            colors += [None, theme.MUTED, self.sign_color(v["w"][0][c])]
            if c < self.n_in - 1:
                parts.append("+")
                colors.append(theme.MUTED)
        parts += ["=", v["sum_text"]]
        colors += [theme.MUTED, None]
        line = self.panel_line(parts, PANEL_YS[0], colors)
        xs = [line[3 * c + c] for c in range(self.n_in)]
        ws = [line[3 * c + c + 2] for c in range(self.n_in)]
        ops = VGroup(*[p for i, p in enumerate(line[:-2]) if p not in xs and p not in ws])
        self.play(*[TransformFromCopy(row[c], xs[c]) for c in range(self.n_in)],
                  *[TransformFromCopy(self.w_labels[c], ws[c]) for c in range(self.n_in)],
                  FadeIn(ops), at="times", until=v["sum_text"])
        self.play(FadeIn(line[-2:], shift=LEFT * 0.2, scale=1.2),
                  *[Indicate(e, color=theme.ACCENT) for e in self.edges],
                  at=v["sum_text"], run_time=0.8)
        line_o = self.panel_line([r"o = \sigma(", v["sum_text"], ") =", v["out_text"]],
                                 PANEL_YS[1], [theme.OUTPUT, None, theme.OUTPUT, theme.OUTPUT])
        # "and the sigmoid gives o": the curve is drawn; the sum drops onto it at its x, and
        # the curve's height there is o
        plot = self.build_sigmoid(float(v["sum"][k]))
        self.play(Create(plot.axes), Create(plot.curve), at="and", until="sigmoid")
        rise = plot.guides[0]
        self.play(TransformFromCopy(line[-1], line_o[1]), FadeIn(line_o[0]), FadeIn(line_o[2]),
                  Create(rise), FadeIn(plot.dot, scale=2), at="sigmoid", until=v["out_text"])
        self.play(FadeIn(line_o[3], scale=1.3), Create(plot.guides[1]),
                  self.output.animate.set_fill(theme.NEURON_FILL, float(v["out"][k])),
                  Indicate(self.o_cells[k], color=theme.ACCENT), at=v["out_text"], run_time=0.8)
        self.line_sum, self.line_o, self.sig = line, line_o, plot

    def build_sigmoid(self, s_k):
        """The sigmoid on axes wide enough for this row's sum, below the neuron: its guides
        mark the sum (x) and the output o (height)."""
        span = max(5.0, abs(s_k) + 1.0)
        plot = SigmoidPlot(s_k, (-span, span, span), width=SIG_WIDTH, height=SIG_HEIGHT)
        plot.axes.y_axis.remove(plot.axes.y_axis.numbers)  # the target's level is named instead
        plot.move_to(SIG_AT)
        self.span = span
        return plot

    def beat_miss(self):
        """The target lights and its level is drawn on the sigmoid's plot; l - o grows as an
        arrow from the point up (or down) to it; o(1 - o) is the tangent's slope there, and
        the tangent travels to mid-curve (steep) and out to a flat end as "how much the
        sigmoid can still move" is said."""
        v = self.values
        k = v["row"]
        plot, l_k = self.sig, float(v["y"][k])
        axes = plot.axes
        level = DashedLine(axes.c2p(-self.span, l_k), axes.c2p(self.span, l_k),
                           dash_length=0.1).set_stroke(theme.TARGET, 2.5)
        level_name = label(f"l = {v['y_texts'][k]}", theme.SMALL_SIZE, theme.TARGET)
        level_name.next_to(level.get_left(), DOWN, buff=0.1).align_to(level, LEFT)
        self.play(Indicate(self.rows[k][self.n_in], color=theme.ACCENT, scale_factor=1.4),
                  Create(level), FadeIn(level_name), at=v["y_texts"][k], until="l minus")
        miss = pieces([r"l - o =", v["miss_text"]])
        miss.move_to([TABLE_LEFT, PANEL_YS[2], 0], aligned_edge=LEFT)
        gap = Arrow(plot.dot.get_center(), axes.c2p(plot.x, l_k), buff=0.04,
                    max_tip_length_to_length_ratio=0.2).set_color(theme.ACCENT)
        self.play(FadeIn(miss[0]), FadeOut(plot.guides), GrowArrow(gap), at="l minus",
                  until=v["miss_text"])
        self.play(FadeIn(miss[1], scale=1.3), Indicate(self.o_cells[k], color=theme.ACCENT),
                  Indicate(gap, color=theme.ACCENT), at=v["miss_text"], through="off;")
        squash = pieces([r"o\,(1 - o) =", v["squash_text"]])
        squash.next_to(miss, RIGHT, buff=theme.GAP_LARGE)
        s_k = plot.x
        at_x = ValueTracker(s_k)
        dx = 0.3 * self.span

        def tangent():
            x = at_x.get_value()
            y = float(sigmoid(x))
            g = y * (1 - y)
            a = axes.c2p(x - dx, y - g * dx)
            b = axes.c2p(x + dx, y + g * dx)
            return Line(a, b).set_stroke(theme.ACCENT, 5)

        def dot():
            x = at_x.get_value()
            return Dot(axes.c2p(x, float(sigmoid(x))), radius=0.1, color=theme.ACCENT)

        self.remove(plot.dot)
        tan, pt = always_redraw(tangent), always_redraw(dot)
        self.add(pt)
        self.play(FadeIn(squash[0]), FadeOut(gap), Create(tan), at="o times",
                  until=v["squash_text"])
        self.play(FadeIn(squash[1], scale=1.3), Indicate(pt, scale_factor=1.8),
                  at=v["squash_text"], run_time=0.6)
        self.play(at_x.animate.set_value(0.0), until="sigmoid")
        self.play(at_x.animate.set_value(self.span - dx), at="sigmoid", through="move.")
        self.sig_plot = VGroup(plot.axes, plot.curve, level, level_name, tan, pt)
        self.miss, self.squash, self.at_x, self.s_k = miss, squash, at_x, s_k

    def beat_push(self):
        """The product d of the two appears; every row's d fills the table's new column; the
        update rule appears with its circled dots lit."""
        v = self.values
        k = v["row"]
        line_d = self.panel_line([r"d = ", v["miss_text"], r"\times", v["squash_text"], "=",
                                  v["d_texts"][k]], PANEL_YS[2],
                                 [None, None, theme.MUTED, None, theme.MUTED, None])
        # the products have done their work: the lines move up to make room for d
        rise = UP * (PANEL_YS[0] - PANEL_YS[1])
        self.play(FadeOut(self.line_sum), self.line_o.animate.shift(rise),
                  self.miss.animate.shift(rise), self.squash.animate.shift(rise),
                  until="push,")
        self.play(FadeIn(line_d[0]), FadeIn(line_d[2]), FadeIn(line_d[4]),
                  TransformFromCopy(self.miss[1], line_d[1]),
                  TransformFromCopy(self.squash[1], line_d[3]),
                  self.at_x.animate.set_value(self.s_k), until=v["d_texts"][k])
        self.play(FadeIn(line_d[5], scale=1.3), at=v["d_texts"][k], run_time=0.6)
        self.light(line_d[5])
        fills = [TransformFromCopy(line_d[5], self.d_cells[r]) if r == k
                 else FadeIn(self.d_cells[r], shift=LEFT * 0.2, scale=1.3)
                 for r in range(len(self.d_cells))]
        self.play(FadeIn(self.head[self.n_in + 2], shift=DOWN * 0.1),
                  LaggedStart(*fills, lag_ratio=0.4), at="every", through="one,")
        self.f_w = formula(r"w \leftarrow w +", r"X^{\top}", r"\big(", r"(l - o)", r"\odot", "o",
                           r"\odot", r"(1 - o)", r"\big)")
        self.f_w.next_to(self.f_o, DOWN, buff=0.3).align_to(self.f_o, RIGHT)
        self.play(Write(self.f_w), at="multiplied", until="circled")
        dots = VGroup(self.f_w[4], self.f_w[6])
        self.play(dots.animate.set_color(theme.ACCENT), Indicate(self.d_cells, color=theme.ACCENT),
                  at="circled", through="rule.")
        self.line_d = line_d

    def beat_step(self):
        """Each weight's column of inputs lights with the d column and its change appears
        (X^T d); each change flies into its weight, which counts to its new value as said."""
        v = self.values
        gone = VGroup(self.line_o, self.miss, self.squash, self.sig_plot, self.line_d)
        self.play(FadeOut(gone), self.f_w[4].animate.set_color(theme.TEXT),
                  self.f_w[6].animate.set_color(theme.TEXT), until="inputs")
        self.steps = VGroup()
        for j in range(self.n_in):
            step = pieces([rf"\Delta w_{{{j + 1}}} =", v["step_texts"][j]])
            step.move_to([TABLE_LEFT + j * 4.3, PANEL_YS[0], 0], aligned_edge=LEFT)
            step[0].set_color(theme.MUTED)
            self.steps.add(step)
        # "its inputs times d, summed over the rows": column j and the d column are marked
        # together while weight j's change appears
        each = max(theme.MIN_RUN, self.seconds_to("X") / self.n_in)
        d_band = band(VGroup(self.head[self.n_in + 2], self.d_cells))
        x_band = band(VGroup(self.head[0], self.column(0)))
        for j in range(self.n_in):
            col = self.column(j)
            mark = ([FadeIn(d_band), FadeIn(x_band)] if j == 0
                    else [Transform(x_band, band(VGroup(self.head[j], col)))])
            self.play(*mark, LaggedStart(*[Indicate(VGroup(col[r], self.d_cells[r]),
                                                    color=theme.ACCENT, scale_factor=1.2)
                                           for r in range(len(col))], lag_ratio=0.25),
                      FadeIn(self.steps[j][0]),
                      TransformFromCopy(self.d_cells, self.steps[j][1]), run_time=each)
        # "X transposed times d": all the input columns at once, X, against d
        every_col = VGroup(self.head[:self.n_in], *[self.column(c) for c in range(self.n_in)])
        self.play(Transform(x_band, band(every_col)),
                  Indicate(self.f_w[1], color=theme.ACCENT, scale_factor=1.3), at="X",
                  until="and")
        # "and becomes ...": each change flies into its weight, marked as it is read
        pairs = [VGroup(n, d) for n, d in zip(self.w_names, self.w_labels)]
        self.w_mark = band(pairs[0])
        for j, text in enumerate(v["w1_texts"]):
            w = v["w_next"][j]
            fly = self.steps[j][1].copy()
            mark = ([FadeOut(x_band), FadeOut(d_band), FadeIn(self.w_mark)] if j == 0
                    else [Transform(self.w_mark, band(pairs[j]))])
            self.play(fly.animate.move_to(self.w_labels[j]).set_opacity(0), *mark, until=text)
            self.remove(fly)
            self.wait_for(text)
            last = j == self.n_in - 1
            self.play(ChangeDecimalToValue(self.w_labels[j], w),
                      self.edges[j].animate.set_stroke(**self.edge_style(w)),
                      run_time=max(0.5, self.seconds_left()) if last else 0.5)
            self.w_labels[j].set_color(self.sign_color(w))

    def beat_learn(self):
        """The worked step's pieces go and the outputs move to iteration 1; then every recorded
        iteration plays along the sentence: outputs, weights, edges, the cost and its curve on
        a log scale all follow the trace."""
        v = self.values
        self.build_plot()
        # "That one step lowers e from 0.2790 to 0.2134": the worked step's pieces go, the cost
        # is marked at its old value, then the outputs and e move to iteration 1
        self.play(FadeOut(self.steps), FadeOut(self.d_cells), FadeOut(self.head[self.n_in + 2]),
                  FadeOut(self.w_mark), FadeOut(self.row_box), FadeIn(self.plot),
                  *[node.animate.set_fill(opacity=0) for node in self.inputs],
                  self.output.animate.set_fill(opacity=0.3), until=v["e_texts"][0])
        self.light(self.err_num, at=v["e_texts"][0])
        self.play(*[cell.animate.set_value(o) for cell, o in zip(self.o_cells, v["o"][1])],
                  self.iter_num.animate.set_value(v["iters"][1]),
                  self.err_num.animate.set_value(v["e"][1]), at="to", until=v["e_texts"][1])
        self.light(self.err_num, at=v["e_texts"][1])
        iters, errs = v["iters"][1:], v["e"][1:]
        t = ValueTracker(1.0)

        def curve():
            k = int(t.get_value())
            if k < 2:
                return VGroup()
            return self.plot.series(iters[:k], errs[:k], color=theme.ACCENT)

        def marker():
            k = max(1, int(t.get_value()))
            return Dot(self.plot.c2p(iters[k - 1], errs[k - 1]), radius=0.07,
                       color=theme.ACCENT)

        line, dot = always_redraw(curve), always_redraw(marker)
        numbers = VGroup(self.iter_num, self.err_num, self.o_cells, self.w_labels)
        numbers.add_updater(lambda _: self.show_record(t.get_value()))
        self.add(line, dot, numbers)
        last = len(v["iters"]) - 1
        self.play(t.animate.set_value(last + 0.001), rate_func=linear, until="This")
        numbers.clear_updaters()
        self.show_record(last)
        self.line, self.dot = line, dot
        # "This rule makes e small, so its push keeps o times one minus o; the digit network
        # makes C small, and there that factor cancels": the factor is marked in the rule,
        # and a note on the digit network's cost takes the empty corner
        factor = VGroup(*self.f_w[5:8])
        ours = label("this rule makes e small", theme.SMALL_SIZE, theme.MUTED)
        digits = label("the digit network makes C small:", theme.SMALL_SIZE, theme.MUTED)
        cancels = label("there o(1 \u2212 o) cancels", theme.SMALL_SIZE, theme.MUTED)
        note = VGroup(ours, digits, cancels).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        note.to_corner(DOWN + LEFT, buff=SAFE_BUFF)
        self.play(FadeIn(ours, shift=UP * 0.1), at="This", until="keeps")
        self.play(factor.animate.set_color(theme.ACCENT), at="keeps", run_time=theme.LIGHT)
        box = SurroundingRectangle(factor, color=theme.ACCENT, buff=0.06)
        self.play(Create(box), at="times", until="digit")
        self.play(FadeIn(digits, shift=UP * 0.1), at="digit", until="there")
        self.play(FadeIn(cancels, shift=UP * 0.1), at="there", run_time=theme.MIN_RUN)
        self.cost_note = note
        self.still("learned")
        self.play(factor.animate.set_color(theme.TEXT), FadeOut(box),
                  run_time=max(theme.MIN_RUN, self.seconds_left()))

    def beat_end(self):
        """A band walks along what is read: the iteration count, the weights, each final
        weight as said, the dominant one (its edge thickens), and the cost e at the end of
        its curve."""
        v = self.values
        pairs = [VGroup(n, d) for n, d in zip(self.w_names, self.w_labels)]
        mark = band(VGroup(self.iter_word, self.iter_num))
        self.play(FadeIn(mark), Indicate(self.iter_num, color=theme.ACCENT),
                  FadeOut(self.cost_note), at=v["iterations_text"], until="weights")
        self.play(Transform(mark, band(VGroup(*pairs))), at="weights",
                  until=v["w_end_texts"][0])
        for j, text in enumerate(v["w_end_texts"]):
            self.play(Transform(mark, band(pairs[j])), Indicate(self.w_labels[j],
                                                                color=theme.ACCENT),
                      at=text, run_time=0.5)
        first = int(np.argmax(np.abs(v["w"][-1])))
        self.play(Transform(mark, band(pairs[first])),
                  Indicate(pairs[first], color=theme.ACCENT, scale_factor=1.3),
                  self.edges[first].animate.set_stroke(width=theme.EDGE_MAX_WIDTH * 1.6),
                  at="dominates", until=v["e_texts"][-1])
        self.play(Transform(mark, band(VGroup(self.err_word, self.err_num))),
                  Indicate(self.err_num, color=theme.ACCENT), Indicate(self.dot, scale_factor=2),
                  at=v["e_texts"][-1], run_time=0.8)
        self.end_mark = mark

    def beat_new(self):
        """The unseen input's numbers appear as said and each flows into its input, which
        fills; the sum and the sigmoid give its answer, which matches the first input: both
        are marked as "copies the first input" is said."""
        v = self.values
        yy = PANEL_YS[1]
        cells = VGroup(*[label(t, theme.BODY_SIZE, theme.ACCENT).move_to([self.col_x[c], yy, 0])
                         for c, t in enumerate(v["new_x_texts"])])
        never = label("new input, never seen", theme.SMALL_SIZE, theme.MUTED)
        never.next_to(cells, DOWN, buff=0.2).align_to(cells, LEFT)
        texts = v["new_x_texts"]
        self.play(FadeOut(self.end_mark), until=texts[0])
        for c, text in enumerate(texts):
            drop = cells[c].copy().move_to(self.inputs[c])
            self.wait_for(text)
            seconds = self.seconds_to(texts[c + 1]) if c + 1 < len(texts) else 0.8
            self.play(FadeIn(cells[c], shift=UP * 0.2, scale=1.3), TransformFromCopy(cells[c], drop),
                      self.inputs[c].animate.set_fill(theme.NEURON_FILL, float(v["new_x"][c])),
                      run_time=max(theme.MIN_RUN, seconds))
            self.remove(drop)
        self.play(FadeIn(never, shift=UP * 0.1), at="input", through="saw,")
        calc = pieces([r"o = \sigma(", v["new_sum_text"], ") =", v["new_o_text"]],
                      [theme.OUTPUT, None, theme.OUTPUT, theme.OUTPUT])
        calc.move_to([self.col_x[self.n_in + 1] - 0.4, yy, 0], aligned_edge=LEFT)
        on = [e for e, x in zip(self.edges, v["new_x"]) if x != 0]
        self.play(*[Indicate(e, color=theme.ACCENT) for e in on],
                  FadeIn(calc[0]), FadeIn(calc[2]), TransformFromCopy(
                      self.w_labels[int(np.argmax(np.abs(v["new_x"])))], calc[1]),
                  until=v["new_o_text"])
        self.play(FadeIn(calc[3], scale=1.3),
                  self.output.animate.set_fill(theme.NEURON_FILL, float(v["new_o"])),
                  at=v["new_o_text"], run_time=0.8)
        if v["new_copies"] is not None:
            c = v["new_copies"]
            self.play(FadeIn(band(self.column(c))), FadeIn(band(cells[c])), FadeIn(band(calc[3])),
                      Indicate(calc[3], color=theme.ACCENT), at="copies", through="input.")
        self.still("answer")
