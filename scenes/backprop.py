"""Backpropagation on one real step, laid along its sentences (:mod:`scenes.timing`).

Where do the slopes the downhill step needs come from? The chapter refers back to downhill
in one sentence (every weight's slope, all of them, the gradient), then: what each output
wants (a nudge up at the label, down elsewhere) becomes delta_o = o - l. Then the cost is
written for this image before its slope is used: the log cost C's formula, the label's term
-ln o (the only one holding that output), its slope -1/o, and that slope at the label's o (o
flies in from its row): the chain's first link. One weight is
followed, and its slope is told in plain words first, as a chain of slopes along its path
multiplied link by link (the cost per unit of the output x the output per unit of its sum
x the sum per unit of the weight), one row of real numbers per link, each lit on the
diagram from the cost back; the first two links merge into delta_o, so the slope is delta_o
times what fed the weight. A check on screen: the step nudges that weight by minus the
learning rate times its slope, the forward pass is re-run with only that change, and this
image's cost moves by about slope x nudge (the arithmetic steps back so the panel keeps
few lines). Text never morphs into text (a morph's middle frames are unreadable): a
number that stays moves as itself, a line that changes fades out before its successor fades
in (:meth:`Backpropagation.cross`). One layer back, the error flows as one pulse: a dot leaves each output's
delta_o and travels right to left along its edge into a hidden neuron, under an arrow
pointing left; there delta_o x weight are summed, cross the sigmoid backwards (the tangent
sweeps to the recorded input) and give delta_h. An input weight's slope is the same rule:
delta_h x the pixel that fed it, in the rows the output weight used; a blank pixel beside it
gives delta_h x 0 = 0, so its columns of ``w_i_h`` stay exactly as they were.

Many outputs (an image folder of 26 classes) are elided to the label's row, the first and
the last rows and their neighbours, an ellipsis between runs, in the diagram and in every
column beside it; long class names are shortened.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circumscribe,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    MoveAlongPath,
    ReplacementTransform,
    ShowPassingFlash,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    smooth,
)

from nnmath.activations import sigmoid
from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import NetworkDiagram, PixelGrid, weight_color
from scenes.kit.numbers import RowColumns
from scenes.kit.plots import SigmoidPlot
from scenes.kit.text import backdrop, fade_out, formula, label
from scenes.values.backprop import FORMULAS, MAX_OUT_ROWS, runs_of
from scenes.values.format import fmt, fmt_int

#: Decimals of the output-side vectors (o, l, delta_o).
VEC_DIGITS = 4
#: Where the right-hand panel (plots, lines of arithmetic) is centred.
PANEL_X = 2.4
#: The longest nudge arrow (scene units), for the output with the largest |delta_o|.
NUDGE_MAX = 0.36
#: The widest an output's name may be beside its neuron (long class names shrink or shorten).
NAME_WIDTH = 1.2
#: y of the top of the worked-out first link (under the chain's rows, which start at 2.2).
WORK_TOP = -0.2
#: What an elided row of a column shows.
DOTS = "\u22ee"


def pieces(parts, size=theme.BODY_SIZE, colors=theme.TEXT):
    """``parts`` set as one line of text, returned as one text per part, each where the whole
    line puts it: one baseline, but every number its own mobject, to mark as it is said."""
    colors = colors if isinstance(colors, (list, tuple)) else [colors] * len(parts)
    whole = label(" ".join(parts), size)
    out, i = VGroup(), 0
    for part, color in zip(parts, colors):
        n = len(part.replace(" ", ""))
        t = label(part, size, color)
        t.move_to(VGroup(*whole[i:i + n]).get_center())
        out.add(t)
        i += n
    return out


def short_name(text, width, size=theme.TINY_SIZE):
    """``text`` shortened with an ellipsis until, set at ``size``, it is at most ``width``
    wide (long class names of an image folder); never shrunk below a readable size."""
    text, cut = str(text), len(str(text))
    shown = text
    while label(shown, size).width > width and cut > 1:
        cut -= 1
        shown = text[:cut] + "\u2026"
    return shown


def short_label(text, width, size=theme.TINY_SIZE, color=theme.TEXT):
    """:func:`short_name` set as a label."""
    return label(short_name(text, width, size), size, color)


def with_gaps(runs):
    """The indices of ``runs`` in order, with None between two runs (where an ellipsis
    stands): [[0, 1], [5]] -> [0, 1, None, 5]."""
    out = []
    for k, run in enumerate(runs):
        if k:
            out.append(None)
        out += list(run)
    return out




class Backpropagation(ChapterScene):
    slug = "backprop"

    def setup(self):
        super().setup()
        v = self.values
        n_in, n_hid, n_out = v["n_in"], v["n_hid"], v["n_out"]
        # the input layer shows the lit pixel, the dark one beside it and the last pixel; its
        # edges are coloured by their real weights (the shown pixels' columns of w_i_h)
        w_in = np.zeros((n_hid, n_in))
        for j, col in v["w_i_h_shown"].items():
            w_in[:, int(j)] = col
        pixels = runs_of({v["px_dark"], v["px_lit"], n_in - 1})
        self.net = NetworkDiagram(
            [n_in, n_hid, n_out], weights=[w_in, np.array(v["w_h_o_full"])],
            activations=[v["img"], v["h"], v["o"]],
            names=[f"{fmt_int(n_in)} pixels", f"{fmt_int(n_hid)} hidden",
                   f"{fmt_int(n_out)} outputs"],
            layer_gap=1.75, height=4.6, max_shown=[4, 8, MAX_OUT_ROWS], show_counts=False,
            shown=[pixels, v["hid_runs"], v["out_runs"]], edge_layers=[0, 1])
        self.net.to_edge(LEFT, buff=SAFE_BUFF).set_y(-0.35)
        # the input edges are drawn where a beat speaks of them, not from the start
        self.in_edges = VGroup(*[e for (k, _, _), e in self.net.edges.items() if k == 0])
        self.net.edge_group.remove(*self.in_edges)
        self.in_opacity = [e.get_stroke_opacity() for e in self.in_edges]
        names = v["class_names"]
        self.out_names = VGroup(*[short_label(names[i], NAME_WIDTH, theme.TINY_SIZE,
                                              theme.TARGET if i == v["r"] else theme.MUTED)
                                  .next_to(c, RIGHT, buff=0.12)
                                  for i, c in self.net.neurons[2].items()])
        self.hid_names = VGroup(*[label(fmt_int(i), theme.TINY_SIZE, theme.ACCENT if i == v["c"]
                                        else theme.MUTED).next_to(c, LEFT, buff=0.1)
                                  for i, c in self.net.neurons[1].items()])
        #: x of the column just right of the output names (nudges, then delta_o's terms)
        self.col_x = max(self.out_names.get_right()[0] + 0.3,
                         self.net.names.get_right()[0] + theme.GAP_SMALL)
        self.right = region("full").right
        #: the output rows in the diagram's order, None where an ellipsis stands
        self.out_rows = with_gaps(v["out_runs"])

    # --- pieces -----------------------------------------------------------------------------

    def layer1_edges(self):
        return [e for (k, _, _), e in self.net.edges.items() if k == 1]

    def backward(self, edge, width=4):
        """A line along ``edge`` from its output end back to its hidden end (for a flash)."""
        return Line(edge.get_end(), edge.get_start()).set_stroke(theme.ACCENT, width)

    def ring(self, k, i):
        return self.net.neuron(k, i).copy().set_fill(opacity=0).set_stroke(theme.ACCENT, 4)

    def panel_line(self, parts, y, colors=theme.TEXT, x=None):
        """A line of arithmetic in the right-hand panel, left-aligned to its column (or to
        ``x``), at ``y``."""
        line = pieces(parts, colors=colors)
        line.move_to([0, y, 0])
        line.shift(RIGHT * ((self.col_x if x is None else x) - line.get_left()[0]))
        return line

    def wrap(self, line, tail=2):
        """A panel line too wide for the frame: its last ``tail`` pieces go to a second row,
        under its first number. Returns the line."""
        if line.get_right()[0] <= self.right:
            return line
        end = VGroup(*line[-tail:])
        end.shift(DOWN * (line.height + theme.GAP_SMALL))
        end.shift(RIGHT * (line[1].get_left()[0] - end.get_left()[0]))
        return line

    def cross(self, old, new):
        """``old`` fades out (whichever pieces it is on screen as) in the first half, ``new``
        fades in in the second: text never morphs into text (a morph's middle frames are
        unreadable) and the two never overlap."""
        return [*fade_out(self, old, rate_func=lambda t: smooth(min(1.0, 2 * t))),
                FadeIn(new, rate_func=lambda t: smooth(max(0.0, 2 * t - 1)))]

    def loosen(self, *groups):
        """Take ``groups`` off the scene as groups, leaving their parts on it: a part then
        moves into another place without its old group still drawing it there (an Indicate
        of a whole row adds the row as one group)."""
        for g in groups:
            if g in self.mobjects:
                self.remove(g)
                self.add(*g.submobjects)

    def play_now(self, *animations, **kwargs):
        """Play, then open any plain Group a LaggedStart left on the scene into its parts, so
        that :func:`fade_out` finds each part (it looks at the scene's VMobjects)."""
        result = super().play_now(*animations, **kwargs)
        for m in list(self.mobjects):
            if not isinstance(m, VMobject):
                self.remove(m)
                self.add(*[x for x in m.submobjects if x not in self.mobjects])
        return result

    # --- beats ------------------------------------------------------------------------------

    def beat_downhill(self):
        """The network; every weight's edge flashes as "the slope of every weight" is said
        (the input edges drawn too), the count of slopes arrives as it is said, "the gradient"
        gathers them, and the question stands while the input edges step back."""
        v = self.values
        n_text = v["n_weights_text"]
        count = label(f"{n_text} weights: {n_text} slopes", theme.BODY_SIZE, theme.TEXT)
        grad = label("all together: the gradient", theme.BODY_SIZE, theme.ACCENT)
        ask = label("where do they come from?", theme.BODY_SIZE, theme.TEXT)
        words = VGroup(count, grad, ask).arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP)
        words.move_to([self.col_x, 0.6, 0], aligned_edge=LEFT)
        edges = [*self.in_edges, *self.layer1_edges()]
        self.title_card()
        self.play(FadeIn(self.net), FadeIn(self.out_names), Create(self.in_edges),
                  until="slope")
        # "the slope of every weight": every drawn edge flashes, left to right
        self.play(LaggedStart(*[ShowPassingFlash(e.copy().set_stroke(theme.ACCENT, 4,
                                                                       opacity=1),
                                                 time_width=0.6) for e in edges],
                              lag_ratio=0.01), at="slope", through="weight,")
        self.play(FadeIn(count, shift=RIGHT * 0.2), at="all", until=n_text)
        self.light(count, at=n_text)
        self.play(FadeIn(grad, shift=RIGHT * 0.2),
                  *[Indicate(e, color=theme.ACCENT, scale_factor=1.0) for e in edges],
                  at="together,", through="gradient:")
        self.play(FadeIn(ask, shift=UP * 0.2), self.in_edges.animate.set_stroke(opacity=0.0),
                  at="where", through="from?")
        self.remove(self.in_edges)
        self.intro = words

    def beat_delta_o(self):
        """Every output gets a nudge arrow (up at the label, down elsewhere, length
        |delta_o|), and o - l = delta_o builds row by row on the neurons' own rows (elided
        rows, if the outputs are many, keep their ellipsis); the label's entry is lit as it is
        said."""
        v = self.values
        r = v["r"]
        name = v["class_names"][r]
        d = v["delta_o"]
        big = max(abs(x) for x in d)
        outs = self.net.neurons[2]
        shown = [i for i in self.out_rows if i is not None]
        arrows = VGroup()
        for i in shown:
            c = outs[i]
            length = 0.08 + NUDGE_MAX * abs(d[i]) / big
            y = c.get_y()
            a, b = (y - length / 2, y + length / 2) if d[i] < 0 else (y + length / 2,
                                                                      y - length / 2)
            arrows.add(Arrow([self.col_x, a, 0], [self.col_x, b, 0], buff=0,
                             color=theme.TARGET, stroke_width=5,
                             max_tip_length_to_length_ratio=0.45,
                             max_stroke_width_to_length_ratio=20))
        arrow_of = dict(zip(shown, arrows))
        ys = [outs[i].get_y() for i in shown]
        step = (ys[0] - ys[-1]) / max(len(self.out_rows) - 1, 1)

        def column(texts, colors):
            return ([DOTS if i is None else texts[i] for i in self.out_rows],
                    [theme.MUTED if i is None else colors[i] for i in self.out_rows])

        o_col = column([fmt(x, VEC_DIGITS) for x in v["o"]], [theme.OUTPUT] * len(d))
        l_col = column([fmt_int(x) for x in v["l"]],
                       [theme.TARGET if x else theme.MUTED for x in v["l"]])
        d_col = column([fmt(x, VEC_DIGITS) for x in d], [weight_color(x) for x in d])
        t = RowColumns([o_col[0], l_col[0], d_col[0]], colors=[o_col[1], l_col[1], d_col[1]],
                       heads=["o", "l", "delta_o"], ops=["-", "="], row_gap=step,
                       col_gap=0.3)
        t.next_to(arrows, RIGHT, buff=theme.GAP)
        t.shift(UP * (ys[0] - t.cells[0][0].get_y()))
        row = {i: k for k, i in enumerate(self.out_rows) if i is not None}
        self.row = row
        self.f_top = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.out_table, self.nudges = t, arrows
        self.out_ring = self.ring(2, r)
        others = [arrow_of[i] for i in shown if i != r]

        self.play(*fade_out(self, self.intro), until="output,")
        # "what each output wants": a nudge grows at every output, top to bottom
        self.play(LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.15),
                  at="output,", through="wants:")
        # "up at the label": its row (neuron, nudge, name) is marked, its nudge lit
        def stretch(rows):
            marked = VGroup(*[VGroup(outs[i], arrow_of[i], self.out_names[shown.index(i)])
                              for i in rows])
            return backdrop(SurroundingRectangle(marked, buff=0.06, color=theme.TARGET,
                                                 stroke_width=2)
                            .set_fill(theme.TARGET, 0.1).set_z_index(-1))

        wants = VGroup(stretch([r]))
        self.play(Indicate(arrow_of[r], color=theme.ACCENT, scale_factor=1.3),
                  Create(self.out_ring), FadeIn(wants[0]), at="up", until=name)
        self.light(self.out_names[shown.index(r)], at=name)
        # "and down everywhere else": the other outputs, with their nudges and names, are
        # marked as one stretch above the label and one below
        rest = [stretch(part) for part in ([i for i in shown if i < r],
                                           [i for i in shown if i > r]) if part]
        wants.add(*rest)
        self.play(LaggedStart(*[Indicate(a, color=theme.ACCENT, scale_factor=1.3)
                                for a in others], lag_ratio=0.15), *map(FadeIn, rest),
                  at="down", through="else.")
        # "delta_o is o minus l": o and l stand beside the nudges
        self.play(*fade_out(self, wants), Write(self.f_top), FadeIn(t.brackets[:2]),
                  FadeIn(t.heads[:2]),
                  FadeIn(t.cols[0]), FadeIn(t.cols[1]), FadeIn(t.ops),
                  at="delta_o", until="minus")
        # "one number per output": row by row, o and l light and delta_o slides in after
        # them (no digits morph into digits)
        self.play(FadeIn(t.brackets[2]), FadeIn(t.heads[2]),
                  LaggedStart(*[AnimationGroup(
                      Indicate(t.cells[0][k], color=theme.ACCENT, scale_factor=1.0),
                      Indicate(t.cells[1][k], color=theme.ACCENT, scale_factor=1.0),
                      FadeIn(t.cells[2][k], shift=RIGHT * 0.4))
                                for k in range(len(self.out_rows))],
                              lag_ratio=0.12), at="minus", until="label")
        self.remove(*t.cells[2])
        self.add(t.cols[2])
        num = fmt(d[r], VEC_DIGITS)
        self.play(Circumscribe(VGroup(t.cells[0][row[r]], t.cells[1][row[r]]),
                               color=theme.ACCENT), at="label", until=num)
        self.light(t.cells[2][row[r]], at=num)
        # "negative, so that output should rise": a band runs from the negative entry back
        # along its row to the label's output and its upward nudge
        self.rise = backdrop(SurroundingRectangle(VGroup(outs[r], t.cells[2][row[r]]),
                                                  buff=0.06, color=theme.TARGET, stroke_width=2)
                             .set_fill(theme.TARGET, 0.1).set_z_index(-1))
        self.play(GrowFromEdge(self.rise, RIGHT),
                  Indicate(arrow_of[r], color=theme.ACCENT, scale_factor=1.5),
                  Indicate(self.net.neuron(2, r), color=theme.ACCENT),
                  at="that", through="rise.")

    def table(self, rows, x, top):
        """Lines of arithmetic read top to bottom, one idea a line: each row ``(op, name,
        number, colour)`` on its own baseline, the operator and name left-aligned at ``x``, the
        numbers right-aligned in one column; the first row's centre at ``top``."""
        lines = VGroup(*[pieces([op, name, num], colors=[theme.MUTED, theme.MUTED, color])
                         for op, name, num, color in rows])
        lines.arrange(DOWN, buff=theme.GAP_SMALL, aligned_edge=LEFT)
        op_w = max(line[0].width for line in lines)
        name_x = x + op_w + theme.GAP_SMALL
        num_x = name_x + max(line[1].width for line in lines) + theme.GAP + max(
            line[2].width for line in lines)
        for line in lines:
            line[0].shift(RIGHT * (x - line[0].get_left()[0]))
            line[1].shift(RIGHT * (name_x - line[1].get_left()[0]))
            line[2].shift(RIGHT * (num_x - line[2].get_right()[0]))
        lines.shift(UP * (top - lines[0].get_y()))
        return lines

    def beat_cost_slope(self):
        """The cost is written before its slope is used: o, l and the nudges step back (the
        label's o stays in its row, its delta_o slides beside its output); the cost's formula
        replaces delta_o's at the top (the old one leaves first); the label's term, its slope
        and that slope at the label's o are written one under the other, o flying in from its
        row: the chain's first link, worked out."""
        v = self.values
        r = v["r"]
        t = self.out_table
        cell = t.cells[2][self.row[r]]
        self.o_cell = t.cells[0][self.row[r]]
        name_r = self.out_names[list(self.net.neurons[2]).index(r)]
        near_x = name_r.get_right()[0] + theme.GAP
        shift = near_x - cell.get_left()[0]
        self.panel_x = near_x + cell.width + theme.GAP
        # the worked slope also clears the label's o, which stays in its row through this beat
        work_x = max(self.panel_x, self.o_cell.get_right()[0] + theme.GAP)
        link = v["link_out_text"]
        named = "log cost" if v["delta_rule"] == "cross_entropy" else "cost e"
        cost_f = formula(v["cost_tex"]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        rows = [pieces(["label's term:", v["term_text"]], colors=[theme.MUTED, theme.TEXT]),
                pieces(["its slope:", v["term_slope_text"]], colors=[theme.MUTED, theme.TEXT]),
                pieces(["=", *v["term_slope_parts"], "=", link],
                       colors=[theme.MUTED, theme.TEXT, theme.OUTPUT]
                       + [theme.TEXT] * (len(v["term_slope_parts"]) - 2)
                       + [theme.MUTED, theme.ACCENT])]
        work = VGroup(*rows).arrange(DOWN, buff=theme.GAP_SMALL, aligned_edge=LEFT)
        work.move_to([work_x, WORK_TOP, 0], aligned_edge=UP + LEFT)
        # the formulas line up after the names, the worked line under them ("=" before it)
        x_f = work_x + max(rows[0][0].width, rows[1][0].width) + theme.GAP_SMALL
        for line in rows[:2]:
            line[1].shift(RIGHT * (x_f - line[1].get_left()[0]))
        rows[2].shift(RIGHT * (x_f - rows[2][1].get_left()[0]))
        self.wrap(rows[2])
        o_num = rows[2][2]
        self.remove(t.cols[0], t.cols[2])
        self.add(*t.cols[0], *t.cols[2])  # each entry its own: the label's stay
        # all but the label's o step back (its delta_o comes back in the chain); delta_o's
        # formula leaves first, then the cost's is written
        self.play(*fade_out(self, *t.cols[2],
                            *[x for x in t.cols[0] if x is not self.o_cell], t.brackets,
                            t.heads, t.cols[1], t.ops, self.f_top, self.nudges, self.rise),
                  until=named)
        self.play(Write(cost_f), at=named, until="has one")
        # "has one term with that output, minus the log of o": its term, its output, o
        self.play(FadeIn(rows[0], shift=RIGHT * 0.2), at="has one", until="that output")
        self.play(Indicate(rows[0][1], color=theme.ACCENT),
                  Indicate(self.out_ring, color=theme.ACCENT), Indicate(self.o_cell),
                  at="that output", until="whose")
        # "whose slope, the cost per output, is minus one over o"
        self.play(FadeIn(rows[1], shift=DOWN * 0.4), at="whose", until="is")
        self.play(Indicate(rows[1][1], color=theme.ACCENT, scale_factor=1.3),
                  Circumscribe(rows[1][1], color=theme.ACCENT), at="is", until="with o")
        # "with o at ...": o flies in from its row, and the slope is worked out
        self.play(FadeIn(VGroup(rows[2][0], rows[2][1], *rows[2][3:-2])),
                  TransformFromCopy(self.o_cell, o_num), at="with o", until=v["o_r_text"])
        self.light(o_num, self.o_cell, at=v["o_r_text"])
        self.play(FadeIn(rows[2][-2]), FadeIn(rows[2][-1], shift=RIGHT * 0.2), until=link)
        self.light(rows[2][-1], at=link)
        self.delta_cell, self.cost_f, self.work, self.cell_shift = cell, cost_f, work, shift
        self.still("cost_slope")

    def beat_chain(self):
        """o, l and the nudges step back; the label's delta_o slides beside its output. One
        weight is lit on the diagram, and its slope is built as a chain of slopes, link by link
        from the cost back along the path: the cost per unit of the output (the output's
        ring), the output per unit of its sum (the neuron), the sum per unit of the weight
        (the edge and the hidden value that feeds it); the rows multiply to the slope."""
        v = self.values
        r, c = v["r"], v["c"]
        name = v["class_names"][r]
        g = v["grad_rc_text"]
        chain = self.table([("", "cost per output", v["link_out_text"], theme.TEXT),
                            ("\u00d7", "output per sum", v["link_sum_text"], theme.TEXT),
                            ("\u00d7", "what fed it, h", v["h_c_text"], theme.TEXT),
                            ("=", "slope", g, theme.ACCENT)],
                           self.panel_x, 2.2)
        edge = self.net.edges[(1, r, c)]
        self.edge = edge.copy().set_stroke(theme.ACCENT, 6, opacity=1)
        self.hid_ring = self.ring(1, c)
        path = VGroup(self.backward(edge, 8))
        # the label's o and the cost's formula go, its delta_o comes back beside its output;
        # the worked-out slope stays for the chain's first link
        self.delta_cell.shift(RIGHT * self.cell_shift)
        self.play(*fade_out(self, self.o_cell, self.cost_f),
                  FadeIn(self.delta_cell, shift=RIGHT * 0.3), until="hidden")
        # "from hidden neuron c to output r": the neuron, then the edge to the label's output
        self.play(FadeIn(self.hid_names), Create(self.hid_ring), at="hidden", until=fmt_int(c))
        self.light(self.hid_names[list(self.net.neurons[1]).index(c)], at=fmt_int(c))
        self.play(Create(self.edge), at="to", through="output")
        self.light(self.out_names[list(self.net.neurons[2]).index(r)], at=name)
        # "a chain of slopes, multiplied link by link": the path lights from the cost back
        # "how much the cost moves per unit of this weight is a chain of slopes, multiplied
        # link by link": the path lights from the cost back, the chain's rows are named
        self.play(ShowPassingFlash(path[0], time_width=0.5),
                  Indicate(self.out_ring, color=theme.ACCENT), at="the slope",
                  through="chain,")
        self.play(LaggedStart(*[FadeIn(row[:2], shift=RIGHT * 0.2) for row in chain],
                              lag_ratio=0.4), at="multiplied", through="link:")
        # link 1: the cost per output, worked out in the beat before: its number flies up
        self.play(Indicate(chain[0][1], color=theme.ACCENT, scale_factor=1.1),
                  Indicate(self.out_ring, color=theme.ACCENT),
                  TransformFromCopy(self.work[2][-1], chain[0][2]), at="the cost",
                  through="output,")
        # link 2: the output per unit of its sum, at the neuron that squashes the sum
        self.play(Indicate(chain[1][1], color=theme.ACCENT, scale_factor=1.1),
                  Indicate(self.net.neuron(2, r), color=theme.ACCENT, scale_factor=1.4),
                  at="times", until=v["link_sum_text"])
        self.light(chain[1][2], at=v["link_sum_text"])
        # link 3: the sum per unit of the weight, what fed it along the edge
        self.play(Indicate(chain[2][1], color=theme.ACCENT, scale_factor=1.1),
                  ShowPassingFlash(self.edge.copy().set_stroke(width=9), time_width=0.5),
                  Indicate(self.net.neuron(1, c), color=theme.ACCENT, scale_factor=1.4),
                  at="times", until=v["h_c_text"])
        self.light(chain[2][2], at=v["h_c_text"])
        self.light(chain[3][2], at=g)
        self.chain = chain

    def beat_slope(self):
        """The first two links merge into that output's delta_o (the value beside the output
        flies in); what is left reads: a weight's slope is its output's delta_o times what fed
        the weight."""
        v = self.values
        r = v["r"]
        chain = self.chain
        line = self.table([("", "delta_o", v["d_rc_text"], weight_color(v["delta_o"][r])),
                           ("\u00d7", "what fed it, h", v["h_c_text"], theme.TEXT),
                           ("=", "slope", v["grad_rc_text"], theme.ACCENT)],
                          self.panel_x, 2.2)
        # "the first two links multiply to that output's delta_o": they merge into one row
        self.play(Indicate(VGroup(chain[0], chain[1]), color=theme.ACCENT, scale_factor=1.05),
                  at="first", until="that")
        # (the worked-out first link goes with them; the numbers that stay move to their rows)
        self.loosen(chain[2], chain[3])
        self.play(*self.cross(VGroup(chain[0], chain[1], self.work), line[0]),
                  Circumscribe(self.delta_cell, color=theme.ACCENT),
                  *self.cross(VGroup(*chain[2][:2]), VGroup(*line[1][:2])),
                  ReplacementTransform(chain[2][2], line[1][2]),
                  *self.cross(VGroup(*chain[3][:2]), VGroup(*line[2][:2])),
                  ReplacementTransform(chain[3][2], line[2][2]),
                  at="that", until=v["d_rc_text"])
        self.light(line[0][2], self.delta_cell, at=v["d_rc_text"])
        # "a weight's slope is its output's delta_o times what fed it"
        self.play(Indicate(line[2], color=theme.ACCENT, scale_factor=1.05),
                  at="a", until="times")
        self.play(Indicate(line[1], color=theme.ACCENT, scale_factor=1.05),
                  ShowPassingFlash(self.edge.copy().set_stroke(width=9), time_width=0.5),
                  Indicate(self.net.neuron(1, self.values["c"]), color=theme.ACCENT),
                  at="times", through="it.")
        self.slope_line = line
        self.delta_col = VGroup(self.delta_cell)
        self.still("output_update")

    def beat_check(self):
        """The check: the arithmetic steps back to the slope; the weight's nudge, minus the
        learning rate times the slope, is built under it; the forward pass re-run with only
        that change: the edge carries it into the label's output, this image's cost counts
        from before to after, its change and slope x nudge stand one under the other."""
        v = self.values
        before, after = v["cost_check_texts"]
        digits = len(before.split(".")[1])
        left = self.delta_cell.get_left()[0]  # the panel widens over delta_o's place
        self.f_top = formula(FORMULAS[1]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        slope_row = pieces(["slope:", v["grad_rc_text"]], colors=[theme.MUTED, theme.ACCENT])
        slope_row.move_to([left, 2.2, 0], aligned_edge=LEFT)
        nudge = pieces(["nudge:", f"-{v['learn_rate_text']}", "\u00d7",
                        f"({v['grad_rc_text']})", "=", v["nudge_text"]],
                       colors=[theme.MUTED, theme.TEXT, theme.MUTED, theme.TEXT, theme.MUTED,
                               theme.GOOD])
        nudge.next_to(slope_row, DOWN, buff=theme.GAP).align_to(slope_row, LEFT)
        head = label(v["cost_caption"], theme.BODY_SIZE, theme.MUTED)
        before_t = label(before, theme.BODY_SIZE, theme.TEXT)
        arrow = label("\u2192", theme.BODY_SIZE, theme.MUTED)
        after_t = label(after, theme.BODY_SIZE, theme.TEXT)
        row = VGroup(head, before_t, arrow, after_t).arrange(RIGHT, buff=theme.GAP_SMALL)
        if row.width > self.right - left:  # large costs (many outputs): the name above
            VGroup(*row[1:]).next_to(head, DOWN, buff=theme.GAP_SMALL).align_to(head, LEFT)
        # the new value counts from the old one while "moves" is said
        cost_t = ValueTracker(float(before))
        number = DecimalNumber(float(before), num_decimal_places=digits, color=theme.ACCENT,
                               font_size=theme.TEX_SIZE[theme.BODY_SIZE])
        number.text_role = "body"
        change = pieces(["change:", v["cost_change_text"]], colors=[theme.MUTED, theme.ACCENT])
        predicted = pieces(["slope \u00d7 nudge:", v["grad_rc_text"], "\u00d7",
                            v["nudge_text"], "=", v["predicted_change_text"]],
                           colors=[theme.MUTED, theme.TEXT, theme.MUTED, theme.TEXT,
                                   theme.MUTED, theme.ACCENT])
        if predicted.width > self.right - left:
            tail = VGroup(*predicted[4:])  # "= product" under the factors
            tail.next_to(predicted[1:4], DOWN, buff=theme.GAP_SMALL).align_to(predicted[1],
                                                                             LEFT)
        block = VGroup(row, change, predicted).arrange(DOWN, aligned_edge=LEFT,
                                                       buff=theme.GAP)
        block.next_to(nudge, DOWN, buff=theme.GAP_LARGE).align_to(nudge, LEFT)
        into_r = [self.net.edges[(1, v["r"], j)] for j in self.net.neurons[1]]

        # the arithmetic steps back to the slope alone
        self.loosen(self.slope_line[2])
        self.play(*fade_out(self, self.slope_line[0], self.slope_line[1], self.delta_col),
                  *self.cross(VGroup(*self.slope_line[2][:2]), slope_row[0]),
                  ReplacementTransform(self.slope_line[2][2], slope_row[1]),
                  Write(self.f_top), until="nudge")
        # "nudge this weight by its step": minus the learning rate times the slope
        self.play(FadeIn(nudge[:3]), FadeIn(nudge[4]), FadeIn(nudge[5]),
                  FadeIn(nudge[3], target_position=slope_row[1]),
                  ShowPassingFlash(self.edge.copy().set_stroke(theme.GOOD, 9), time_width=0.6),
                  at="nudge", until=v["nudge_text"])
        self.light(nudge[5], at=v["nudge_text"])
        # "re-run the forward pass": forward along the edges into the label's output, the
        # nudged one brightest
        self.play(LaggedStart(*[ShowPassingFlash(e.copy().set_stroke(theme.ACCENT, 4,
                                                                       opacity=1),
                                                 time_width=0.6) for e in into_r],
                              lag_ratio=0.1),
                  ShowPassingFlash(self.edge.copy().set_stroke(theme.GOOD, 9), time_width=0.6),
                  *self.net.fill_animations(2, v["o_nudged"]),
                  at="re-run", through="pass,")
        # "this image's cost": it counts down to its new value
        self.play(FadeIn(head), FadeIn(before_t), Indicate(self.out_ring, color=theme.ACCENT),
                  at="this", until="moves")
        number.move_to(after_t, aligned_edge=LEFT)
        number.add_updater(lambda m: m.set_value(cost_t.get_value()))
        self.play(FadeIn(arrow), FadeIn(number), cost_t.animate.set_value(float(after)),
                  at="moves", until=v["cost_change_text"])
        number.clear_updaters()
        self.remove(number)
        self.add(after_t)
        self.play(FadeIn(change), at=v["cost_change_text"], run_time=theme.LIGHT)
        self.play(FadeIn(predicted[0]), FadeIn(predicted[2]), FadeIn(predicted[4]),
                  TransformFromCopy(slope_row[1], predicted[1]),
                  TransformFromCopy(nudge[5], predicted[3]),
                  at="almost", until=v["predicted_change_text"])
        self.light(predicted[5], at=v["predicted_change_text"])
        self.play(Circumscribe(VGroup(change, predicted), color=theme.ACCENT),
                  run_time=max(theme.LIGHT, self.seconds_left()))
        self.still("check")
        self.downhill = VGroup(slope_row, nudge, block, self.f_top)


    def beat_back(self):
        """The error flows back as one pulse: from every output's delta_o a dot travels right
        to left along its edge into the followed hidden neuron, all together, under one long
        arrow pointing left (the other edges dimmed first, so the path reads); then each
        output's delta_o times its weight appears beside that output, and the terms fly into
        their sum."""
        v = self.values
        c = v["c"]
        outs = self.net.neurons[2]
        terms = VGroup(*[label(v["back_term_texts"][i], theme.SMALL_SIZE,
                               weight_color(v["back_terms"][i])) for i in outs])
        for i, t in zip(outs, terms):
            t.move_to([self.col_x, outs[i].get_y(), 0], aligned_edge=LEFT)
        right = max(t.get_right()[0] for t in terms)
        for t in terms:
            t.shift(RIGHT * (right - t.get_right()[0]))
        # the elided outputs' terms are counted in the sum too: an ellipsis where they stand
        gaps = VGroup(*[label(DOTS, theme.SMALL_SIZE, theme.MUTED).move_to(
            [terms.get_center()[0], d.get_y(), 0]) for d in self.net.dots
            if abs(d.get_x() - outs[v["r"]].get_x()) < 1e-3])
        head = label("delta_o \u00d7 weight", theme.SMALL_SIZE, theme.MUTED)
        head.next_to(terms, UP, buff=0.2).align_to(terms, LEFT)
        # what each output wants, delta_o, where the terms will stand: the pulse starts there
        deltas = VGroup(*[label(fmt(v["delta_o"][i], VEC_DIGITS), theme.SMALL_SIZE,
                                weight_color(v["delta_o"][i])) for i in outs])
        for i, t in zip(outs, deltas):
            t.move_to([terms.get_right()[0], outs[i].get_y(), 0], aligned_edge=RIGHT)
        d_head = label("delta_o", theme.SMALL_SIZE, theme.MUTED).move_to(head, aligned_edge=LEFT)
        total = VGroup(label(f"hidden {fmt_int(c)} collects:", theme.BODY_SIZE, theme.TEXT),
                       label(v["back_c_text"], theme.BODY_SIZE, theme.ACCENT))
        total.arrange(RIGHT, buff=0.25).next_to(terms, RIGHT, buff=1.0)
        total.shift(LEFT * max(0.0, total.get_right()[0] - self.right))
        total.set_y(self.net.neuron(1, c).get_y())
        into_c = [self.net.edges[(1, i, c)] for i in outs]
        others = [e for e in self.layer1_edges() if all(e is not x for x in into_c)]
        opacity = [e.get_stroke_opacity() for e in others]
        hid = self.net.neuron(1, c)
        # one pulse: a dot per output, each on its edge from the output back to neuron c
        paths = [VMobject().set_points_as_corners([d.get_left() + LEFT * 0.1,
                                                   outs[i].get_center(), hid.get_center()])
                 for i, d in zip(outs, deltas)]
        dots = VGroup(*[Dot(p.get_start(), radius=0.08, color=theme.ACCENT) for p in paths])
        tails = [self.backward(e, 6) for e in into_c]
        top = max(n.get_top()[1] for n in outs.values())
        way = Arrow([outs[v["r"]].get_x(), top + 0.35, 0], [hid.get_x(), top + 0.35, 0],
                    buff=0, color=theme.ACCENT, stroke_width=5)

        self.play(*fade_out(self, self.downhill), FadeIn(deltas), FadeIn(d_head),
                  *[e.animate.set_stroke(opacity=0.12) for e in others], until="error")
        self.remove(deltas)
        self.add(*deltas)  # each its own, to fade before its term appears
        # "the error flows right to left along the same edges": one pulse, from each
        # output's delta_o through its neuron and back along its edge into hidden neuron c
        self.wait_for("error")
        self.add(dots)
        self.play(*[MoveAlongPath(d, p) for d, p in zip(dots, paths)],
                  *[ShowPassingFlash(t, time_width=0.35) for t in tails],
                  GrowArrow(way), through="edges:")
        self.play(FadeOut(dots), Indicate(hid, color=theme.ACCENT, scale_factor=1.5),
                  at="hidden", until="collects")
        # "collects every output's delta_o times the weight between them": term by term,
        # each arriving as a pulse leaves its output for neuron c
        # (each delta_o fades before its term appears in its place: no digits morph)
        self.play(*self.cross(d_head, head),
                  LaggedStart(*[ShowPassingFlash(self.backward(e, 5), time_width=0.6)
                                for e in into_c], lag_ratio=0.3),
                  LaggedStart(*[AnimationGroup(*self.cross(d, t))
                                for d, t in zip(deltas, terms)], lag_ratio=0.3),
                  FadeIn(gaps), at="collects", through="weight,")
        # the terms fly into their sum
        flying = VGroup(*[t.copy() for t in terms])
        self.add(flying)
        self.play(FadeIn(total[0]), FadeOut(way),
                  LaggedStart(*[f.animate.move_to(total[1]).set_opacity(0.3)
                                for f in flying], lag_ratio=0.08),
                  until=v["back_c_text"])
        self.remove(*flying, flying)
        self.play(FadeIn(total[1]), at=v["back_c_text"], run_time=theme.LIGHT)
        self.play(Circumscribe(total, color=theme.ACCENT), through="all.")
        self.back_parts = VGroup(terms, head, gaps)
        self.back_total = total
        self.dimmed = [(e, o) for e, o in zip(others, opacity)]

    def beat_delta_h(self):
        """The sigmoid with the tangent sweeping from 0 to the recorded input (flatter and
        flatter), its slope h(1 - h) lit as said; delta_h built from the collected error and
        that slope."""
        v = self.values
        c = v["c"]
        x = v["h_pre"][c]
        reach = max(6, int(np.ceil(abs(x))) + 1)
        reach += reach % 2
        plot = SigmoidPlot(x, (-reach, reach, reach // 2), width=5.2, height=1.9)
        plot.move_to([PANEL_X + 0.3, 1.4, 0])
        span = reach * 0.3
        xt = ValueTracker(float(v["sweep_x"][0]))

        def tangent_at():
            t = xt.get_value()
            h = float(sigmoid(t))
            s = h * (1 - h)
            return Line(plot.axes.c2p(t - span, h - s * span),
                        plot.axes.c2p(t + span, h + s * span)).set_stroke(theme.ACCENT, 4)

        tangent = always_redraw(tangent_at)
        where = self.panel_line([f"hidden {fmt_int(c)}: input", v["h_pre_c_text"]], -0.45,
                                [theme.TEXT, theme.ACCENT])
        slope = self.panel_line(["slope h \u00d7 (1 - h) =", v["slope_c_text"]], -1.05,
                                [theme.TEXT, theme.ACCENT])
        dh = self.panel_line(["delta_h =", v["back_c_text"], "\u00d7", v["slope_c_text"], "=",
                              v["delta_h_c_text"]], -2.25,
                             [theme.TEXT, theme.TEXT, theme.MUTED, theme.TEXT, theme.MUTED,
                              theme.ACCENT])
        self.wrap(dh)
        self.f_top = formula(FORMULAS[3]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        target = self.panel_line([f"hidden {fmt_int(c)} collects:", v["back_c_text"]], -1.65)

        self.play(*fade_out(self, self.back_parts),
                  self.back_total[0].animate.set_color(theme.MUTED).move_to(target[0]),
                  self.back_total[1].animate.set_color(theme.TEXT).move_to(target[1]),
                  until="sigmoid")
        self.play(FadeIn(plot.axes), Create(plot.curve), at="sigmoid", through="backwards,")
        self.add(tangent)
        self.play(FadeIn(plot.dot), FadeIn(where[0]),
                  xt.animate.set_value(float(v["sweep_x"][-1])),
                  at="slope", until=v["h_pre_c_text"])
        self.play(Create(plot.guides), FadeIn(where[1]), at=v["h_pre_c_text"],
                  run_time=theme.LIGHT)
        self.play(FadeIn(slope[0]), at="h", until=v["slope_c_text"])
        # the number and the tangent's steepness it is
        self.play(FadeIn(slope[1]), Indicate(tangent, color=theme.ACCENT),
                  at=v["slope_c_text"], until="So")
        self.play(Write(self.f_top), FadeIn(dh[0]), at="delta_h", until="their")
        # "their product": the two factors fly into the line
        self.play(TransformFromCopy(self.back_total[1], dh[1]), FadeIn(dh[2]),
                  TransformFromCopy(slope[1], dh[3]), at="their",
                  until=v["delta_h_c_text"])
        self.play(FadeIn(dh[4]), FadeIn(dh[5]),
                  Indicate(self.net.neuron(1, c), color=theme.ACCENT, scale_factor=1.5),
                  at=v["delta_h_c_text"], run_time=max(theme.LIGHT, self.seconds_left()))
        tangent.clear_updaters()
        self.hid_parts = VGroup(plot, tangent, where, slope, dh, self.back_total)

    def beat_update_ih(self):
        """The input edges are drawn; the same rule one layer back: the followed hidden
        neuron's delta_h times the pixel that fed the weight (marked in the picture, its edge
        into that neuron lit) is the weight's slope, in the rows the output weight used."""
        v = self.values
        c, fed = v["c"], v["px_lit"]
        img = PixelGrid(v["img"], side_length=2.3)
        fed_box, dark_box = img.cell(fed).copy(), img.cell(v["px_dark"]).copy()
        for box in (fed_box, dark_box):
            box.set_fill(opacity=0).set_stroke(theme.ACCENT, 4).scale(1.5)
        VGroup(img, fed_box, dark_box).move_to([-0.6, 1.0, 0])
        rows = self.table([("", "delta_h", v["in_delta_h_text"], theme.TEXT),
                           ("\u00d7", "pixel", v["in_px_text"], theme.TEXT),
                           ("=", "slope", v["in_slope_text"], theme.ACCENT)],
                          img.get_right()[0] + theme.GAP_LARGE, 1.8)
        old = [self.hid_parts, self.f_top, self.edge, self.out_ring, self.out_names,
               self.hid_names]
        self.f_top = formula(FORMULAS[4]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        hid = self.net.neuron(1, c)
        self.in_edge = self.net.edges[(0, c, fed)].copy().set_stroke(theme.ACCENT, 6,
                                                                      opacity=1)
        self.in_ring = self.ring(0, fed)
        who = label(f"hidden {fmt_int(c)}", theme.BODY_SIZE, theme.MUTED)
        who.next_to(rows, UP, buff=theme.GAP).align_to(rows, LEFT)

        self.play(*fade_out(self, *old), *[e.animate.set_stroke(opacity=o)
                                           for e, o in self.dimmed], until="input")
        # "an input weight's slope is built the same way": the input edges are drawn
        for e, o in zip(self.in_edges, self.in_opacity):  # as the setup styled them
            e.set_stroke(opacity=o)
        self.play(Create(self.in_edges, lag_ratio=0.02), Write(self.f_top),
                  at="input", through="rule:")
        # "hidden neuron c's delta_h": the neuron, and the number beside it
        self.play(Indicate(hid, color=theme.ACCENT, scale_factor=1.5), FadeIn(who),
                  at="hidden", until=f"{fmt_int(c)}'s")
        self.light(who, at=f"{fmt_int(c)}'s")
        self.play(FadeIn(rows[0][:2]), at="delta_h,", until=v["in_delta_h_text"])
        self.light(rows[0][2], at=v["in_delta_h_text"])
        # "times the pixel that fed it": the picture, the pixel marked, its edge lit
        self.play(FadeIn(img), Create(fed_box), Create(self.in_ring), Create(self.in_edge),
                  FadeIn(rows[1][:2]), at="times", until=v["in_px_text"])
        self.light(rows[1][2], fed_box, at=v["in_px_text"])
        self.play(FadeIn(rows[2][:2]),
                  ShowPassingFlash(self.in_edge.copy().set_stroke(width=9), time_width=0.5),
                  until=v["in_slope_text"])
        self.light(rows[2][2], at=v["in_slope_text"])
        self.in_rows, self.img, self.dark_box = VGroup(*rows), img, dark_box

    def beat_blank(self):
        """The blank pixel beside it: delta_h times 0 is 0, so its edges carry no change, and
        the count of columns of w_i_h that stay exactly as they were."""
        v = self.values
        dark = v["px_dark"]
        rows = self.in_rows
        zero = self.table([("", "delta_h", v["in_delta_h_text"], theme.TEXT),
                           ("\u00d7", "pixel", v["in_dark_text"], theme.TEXT),
                           ("=", "slope", v["in_dark_text"], theme.ACCENT)],
                          rows[0][0].get_left()[0], rows[-1].get_y() - 1.0)
        zero.align_to(rows, LEFT)
        count = label(f"{fmt_int(v['n_w_i_h_unchanged_cols'])} of {fmt_int(v['n_in'])} "
                      "columns do not move", theme.BODY_SIZE, theme.ACCENT)
        count.to_edge(DOWN, buff=SAFE_BUFF).align_to(self.img, LEFT)
        dark_ring = self.ring(0, dark)
        from_dark = [self.net.edges[(0, i, dark)] for i in self.net.neurons[1]]
        # "a blank pixel is zero": the pixel beside the stroke, and its row of arithmetic
        self.play(Create(self.dark_box), Create(dark_ring), FadeIn(zero[0]),
                  FadeIn(zero[1]), Indicate(self.dark_box, color=theme.ACCENT),
                  at="blank", through="zero,")
        # "so its weights' slopes are zero": its edges carry no change
        self.play(FadeIn(zero[2]), Circumscribe(zero[2], color=theme.ACCENT),
                  *[Indicate(e, color=theme.MUTED, scale_factor=1.0) for e in from_dark],
                  at="so", through="zero:")
        self.play(FadeIn(count, shift=UP * 0.2), at=fmt_int(v["n_w_i_h_unchanged_cols"]),
                  through="move.")
        self.still("input_update")
