"""Backpropagation on one real step, laid along its sentences (:mod:`scenes.timing`).

What each output wants (a nudge up at the label, down elsewhere) becomes delta_o; one weight
is followed: moving it traces this image's cost as a curve, whose slope (the tangent) is its
output's delta_o times what fed it; the step moves the weight against that slope; every
weight's slope together is the gradient, and the step lowers the cost (this weight alone,
and the whole step, each computed); the error flows back right to left along the same
edges into a hidden neuron, term by term; it crosses the sigmoid backwards, times the
tangent's slope at the recorded input (the tangent sweeps there from 0); and a dark pixel's
column of ``w_i_h`` stays exactly as it was.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circumscribe,
    Create,
    FadeIn,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    ShowPassingFlash,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    config,
)

from nnmath.activations import sigmoid
from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import NetworkDiagram, PixelGrid, weight_color
from scenes.kit.numbers import MatrixView, RowColumns
from scenes.kit.plots import LinePlot, SigmoidPlot, nice_ticks
from scenes.kit.text import fade_out, formula, label
from scenes.values.backprop import FORMULAS
from scenes.values.format import fmt, fmt_int

#: Decimals of the output-side vectors (o, l, delta_o).
VEC_DIGITS = 4
#: Where the right-hand panel (plots, lines of arithmetic) is centred.
PANEL_X = 2.4
#: The longest nudge arrow (scene units), for the output with the largest |delta_o|.
NUDGE_MAX = 0.36


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


def block_view(m, rows, cols, digits):
    """A small real matrix with its true row and column numbers."""
    view = MatrixView(m, max_rows=len(m), max_cols=len(m[0]), digits=digits,
                      col_width=0.16 * max(len(fmt(x, digits)) for row in m for x in row) + 0.35)
    heads = VGroup(*[label(fmt_int(c), theme.TINY_SIZE, theme.MUTED)
                     .next_to(view.cells[(0, j)], UP, buff=0.3) for j, c in enumerate(cols)])
    sides = VGroup(*[label(fmt_int(r), theme.TINY_SIZE, theme.MUTED)
                     .next_to(view.brackets[0], LEFT, buff=0.15).set_y(view.cells[(i, 0)].get_y())
                     for i, r in enumerate(rows)])
    group = VGroup(view, heads, sides)
    group.view = view
    return group


def config_half_width():
    return config.frame_width / 2


class Backpropagation(ChapterScene):
    slug = "backprop"

    def setup(self):
        super().setup()
        v = self.values
        n_hid = v["n_hid"]
        head = [i for i in v["hid_rows"] if i < n_hid - 2]
        pixels = sorted([v["px_dark"], v["px_lit"]])
        self.net = NetworkDiagram(
            [v["n_in"], n_hid, v["n_out"]], weights=[None, np.array(v["w_h_o_full"])],
            activations=[v["img"], v["h"], v["o"]],
            names=[f"{fmt_int(v['n_in'])} pixels", f"{fmt_int(n_hid)} hidden",
                   f"{fmt_int(v['n_out'])} outputs"],
            layer_gap=1.75, height=4.6, max_shown=[4, 8, 10], show_counts=False,
            shown=[(pixels, [v["n_in"] - 1]), (head, [n_hid - 2, n_hid - 1]), None],
            edge_layers=[1])
        self.net.to_edge(LEFT, buff=SAFE_BUFF).set_y(-0.35)
        names = v["class_names"]
        self.out_names = VGroup(*[label(names[i], theme.TINY_SIZE, theme.TARGET if i == v["r"]
                                        else theme.MUTED).next_to(c, RIGHT, buff=0.12)
                                  for i, c in self.net.neurons[2].items()])
        self.hid_names = VGroup(*[label(fmt_int(i), theme.TINY_SIZE, theme.ACCENT if i == v["c"]
                                        else theme.MUTED).next_to(c, LEFT, buff=0.1)
                                  for i, c in self.net.neurons[1].items()])
        #: x of the column just right of the output names (nudges, then delta_o's terms)
        self.col_x = max(self.out_names.get_right()[0] + 0.3,
                         self.net.names.get_right()[0] + theme.GAP_SMALL)
        self.right = region("full").right

    # --- pieces -----------------------------------------------------------------------------

    def layer1_edges(self):
        return [e for (k, _, _), e in self.net.edges.items() if k == 1]

    def backward(self, edge, width=4):
        """A line along ``edge`` from its output end back to its hidden end (for a flash)."""
        return Line(edge.get_end(), edge.get_start()).set_stroke(theme.ACCENT, width)

    def ring(self, k, i):
        return self.net.neuron(k, i).copy().set_fill(opacity=0).set_stroke(theme.ACCENT, 4)

    def panel_line(self, parts, y, colors=theme.TEXT):
        """A line of arithmetic in the right-hand panel, left-aligned to its column, at ``y``."""
        line = pieces(parts, colors=colors)
        line.move_to([0, y, 0])
        line.shift(RIGHT * (self.col_x - line.get_left()[0]))
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

    def beat_delta_o(self):
        """The network after its forward pass; every output gets a nudge arrow (up at the
        label, down elsewhere, length |delta_o|), and o - l = delta_o builds row by row on the
        neurons' own rows; the label's entry is lit as it is said."""
        v = self.values
        r, n_out = v["r"], v["n_out"]
        name = v["class_names"][r]
        d = v["delta_o"]
        big = max(abs(x) for x in d)
        outs = self.net.neurons[2]
        arrows = VGroup()
        for i, c in outs.items():
            length = 0.08 + NUDGE_MAX * abs(d[i]) / big
            y = c.get_y()
            a, b = (y - length / 2, y + length / 2) if d[i] < 0 else (y + length / 2,
                                                                      y - length / 2)
            arrows.add(Arrow([self.col_x, a, 0], [self.col_x, b, 0], buff=0,
                             color=theme.TARGET, stroke_width=5,
                             max_tip_length_to_length_ratio=0.45,
                             max_stroke_width_to_length_ratio=20))
        step = abs(outs[0].get_y() - outs[1].get_y())
        t = RowColumns([[fmt(x, VEC_DIGITS) for x in v["o"]], [fmt_int(x) for x in v["l"]],
                        [fmt(x, VEC_DIGITS) for x in d]],
                       colors=[theme.OUTPUT, [theme.TARGET if x else theme.MUTED for x in v["l"]],
                               [weight_color(x) for x in d]],
                       heads=["o", "l", "delta_o"], ops=["-", "="], row_gap=step,
                       col_gap=0.3)
        t.next_to(arrows, RIGHT, buff=theme.GAP)
        t.shift(UP * (outs[0].get_y() - t.cells[0][0].get_y()))
        self.f_top = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.out_table, self.nudges = t, arrows
        self.out_ring = self.ring(2, r)

        self.title_card()
        self.play(FadeIn(self.net), FadeIn(self.out_names), until="output,")
        # "what each output wants": a nudge grows at every output, top to bottom
        self.play(LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.15),
                  at="output,", through="wants:")
        # "up at the label": its arrow and its name; the others go down
        self.play(Indicate(arrows[r], color=theme.ACCENT, scale_factor=1.3), Create(self.out_ring),
                  at="up", until=name)
        self.light(self.out_names[r], at=name)
        self.play(LaggedStart(*[Indicate(arrows[i], color=theme.ACCENT, scale_factor=1.3)
                                for i in range(n_out) if i != r], lag_ratio=0.15),
                  at="down", through="else.")
        # "delta_o is o minus l": o and l stand beside the nudges
        self.play(Write(self.f_top), FadeIn(t.brackets[:2]), FadeIn(t.heads[:2]),
                  FadeIn(t.cols[0]), FadeIn(t.cols[1]), FadeIn(t.ops),
                  at="delta_o", through="l,")
        # "one number per output": row by row, o - l becomes delta_o
        self.play(FadeIn(t.brackets[2]), FadeIn(t.heads[2]),
                  LaggedStart(*[TransformFromCopy(VGroup(t.cells[0][i], t.cells[1][i]),
                                                  t.cells[2][i]) for i in range(n_out)],
                              lag_ratio=0.12), at="one", through="output;")
        self.remove(*t.cells[2])
        self.add(t.cols[2])
        num = fmt(d[r], VEC_DIGITS)
        self.play(Circumscribe(VGroup(t.cells[0][r], t.cells[1][r]), color=theme.ACCENT),
                  at="label", until=num)
        self.light(t.cells[2][r], at=num)
        # "negative, so that output should rise": the label's nudge, again
        self.play(Indicate(arrows[r], color=theme.ACCENT, scale_factor=1.5),
                  Indicate(self.net.neuron(2, r), color=theme.ACCENT),
                  at="negative,", through="rise.")

    def beat_slope(self):
        """One weight lit on the diagram; moving it traces this image's cost (a dot riding the
        curve), which comes back to today's value; the tangent there is its slope, worked out
        as delta_o times what fed the weight, each factor lit as it is said."""
        v = self.values
        r, c = v["r"], v["c"]
        name = v["class_names"][r]
        ws, cs = v["cost_ws"], v["cost_curve"]
        lo, hi = min(cs), max(cs)
        plot = LinePlot((ws[0], ws[-1]), (lo, hi),
                        [(x, fmt(x, 1)) for x in nice_ticks(ws[0], ws[-1], 4)],
                        [(y, fmt(y, 1)) for y in nice_ticks(lo, hi, 3)],
                        "the followed weight", "cost of this image", 5.2, 1.7)
        plot.move_to([PANEL_X + 0.3, 1.25, 0])
        curve = plot.series(ws, cs, color=theme.NEUTRAL)
        w0, c0, g = v["w_rc_before"], v["cost_before"], v["grad_rc"]
        wt = ValueTracker(ws[0])
        dot = plot.dots([ws[0]], [cs[0]], color=theme.ACCENT)
        dot.add_updater(lambda m: m.move_to(plot.c2p(wt.get_value(),
                                                     float(np.interp(wt.get_value(), ws, cs)))))
        half = (ws[-1] - ws[0]) * 0.18
        tangent = Line(plot.c2p(w0 - half, c0 - g * half), plot.c2p(w0 + half, c0 + g * half))
        tangent.set_stroke(theme.ACCENT, 4)
        line = self.panel_line(["slope =", v["d_rc_text"], "\u00d7", v["h_c_text"], "=",
                                v["grad_rc_text"]], -0.55,
                               [theme.TEXT, weight_color(v["delta_o"][r]), theme.MUTED,
                                theme.TEXT, theme.MUTED, theme.ACCENT])
        caps = VGroup(label(f"delta_o of {name}", theme.TINY_SIZE, theme.MUTED)
                      .next_to(line[1], DOWN, buff=0.12),
                      label(f"h of hidden {fmt_int(c)}", theme.TINY_SIZE, theme.MUTED)
                      .next_to(line[3], DOWN, buff=0.12))
        if caps[0].get_right()[0] > caps[1].get_left()[0] - 0.15:
            caps[1].next_to(caps[0], RIGHT, buff=0.3)
        edge = self.net.edges[(1, r, c)]
        self.edge = edge.copy().set_stroke(theme.ACCENT, 6, opacity=1)
        self.hid_ring = self.ring(1, c)

        self.play(*fade_out(self, self.out_table, self.f_top, self.nudges), until="weight,")
        # "from hidden neuron c to output r": the neuron, then the edge to the label's output
        self.play(FadeIn(self.hid_names), Create(self.hid_ring), at="hidden", until=fmt_int(c))
        self.light(self.hid_names[list(self.net.neurons[1]).index(c)], at=fmt_int(c))
        self.play(Create(self.edge), at="to", through="output")
        self.light(self.out_names[r], at=name)
        # "move it, and this image's cost traces a curve": the weight swept, the dot riding
        self.play(FadeIn(plot), at="move", until="this")
        self.add(dot)
        self.play(Create(curve), wt.animate.set_value(ws[-1]), through="curve.")
        self.play(wt.animate.set_value(w0), run_time=0.8)
        dot.clear_updaters()
        # "its slope, how fast the cost changes": the tangent at today's value
        self.play(Create(tangent), Indicate(dot, color=theme.ACCENT, scale_factor=1.6),
                  at="slope,", through="changes,")
        self.play(FadeIn(line[0]), Indicate(self.out_ring, color=theme.ACCENT), at="is",
                  until=v["d_rc_text"])
        self.play(FadeIn(line[1]), FadeIn(caps[0]), Indicate(self.out_names[r], color=theme.ACCENT),
                  at=v["d_rc_text"], run_time=theme.LIGHT)
        # "times what fed the weight": a pulse from the hidden neuron along the edge
        self.play(FadeIn(line[2]), ShowPassingFlash(self.edge.copy().set_stroke(width=8),
                                                    time_width=0.5),
                  at="times", until=v["h_c_text"])
        self.play(FadeIn(line[3]), FadeIn(caps[1]),
                  Indicate(self.net.neuron(1, c), color=theme.ACCENT, scale_factor=1.4),
                  at=v["h_c_text"], run_time=theme.LIGHT)
        self.play(FadeIn(line[4]), FadeIn(line[5]), Indicate(tangent, color=theme.ACCENT),
                  at=v["grad_rc_text"], run_time=max(theme.LIGHT, self.seconds_left()))
        self.plot, self.curve, self.dot, self.tangent = plot, curve, dot, tangent
        self.slope_line, self.slope_caps = line, caps

    def beat_update_ho(self):
        """The update of the followed weight built as it is said: the learning rate, the slope
        carried down from the line above, the weight before, and after."""
        v = self.values
        g = v["grad_rc"]
        self.f_top = formula(FORMULAS[1]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        line = self.panel_line(["w:", v["w_rc_before_text"], "-", v["learn_rate_text"], "\u00d7",
                                f"({v['grad_rc_text']})"], -1.45,
                               [theme.MUTED, theme.TEXT, theme.MUTED, theme.TEXT, theme.MUTED,
                                theme.TEXT])
        result = pieces(["=", v["w_rc_after_text"]], colors=[theme.MUTED, theme.ACCENT])
        result.next_to(line, DOWN, buff=0.22).align_to(line[1], LEFT)
        result.shift(LEFT * (result[1].get_left()[0] - line[1].get_left()[0]))
        line.add(*result)
        direction = RIGHT if g < 0 else LEFT
        step = Arrow(self.dot.get_center(), self.dot.get_center() + direction * 0.9, buff=0.1,
                     color=theme.GOOD, stroke_width=5)
        # the step itself is far too small to see on the curve: the arrow says which way, the
        # line says how far
        size = label(f"a step of {v['step_rc_text']}", theme.SMALL_SIZE, theme.GOOD)
        size.next_to(result, RIGHT, buff=theme.GAP)
        self.play(Write(self.f_top), FadeIn(line[0]), at="step", through="weight")
        self.play(FadeIn(line[2]), at="minus", until=v["learn_rate_text"])
        self.play(FadeIn(line[3]), at=v["learn_rate_text"], run_time=theme.LIGHT)
        self.play(FadeIn(line[4]), TransformFromCopy(self.slope_line[5], line[5]),
                  at="times", through="slope:")
        self.play(FadeIn(line[1]), Indicate(self.edge, color=theme.ACCENT),
                  at=v["w_rc_before_text"], run_time=theme.LIGHT)
        self.play(FadeIn(line[6]), FadeIn(line[7]), at=v["w_rc_after_text"],
                  run_time=theme.LIGHT)
        # "against the slope": the step's direction on the curve, opposite the tangent's rise
        self.play(GrowArrow(step), FadeIn(size), Indicate(self.tangent, color=theme.ACCENT),
                  at="against", through="slope.")
        self.step_arrow, self.update_line = step, VGroup(line, size)
        self.still("output_update")

    def beat_downhill(self):
        """Every edge into the outputs flashes (every weight has a slope: together, the
        gradient); the step goes downhill; this image's cost before, after this weight's step
        alone, and after the whole step, each number lit as it is said."""
        v = self.values
        before, one, whole = v["cost_texts"]
        edges = self.layer1_edges()
        grad = label("gradient: every weight's slope, together", theme.SMALL_SIZE, theme.ACCENT)
        grad.move_to(self.f_top).align_to(self.f_top, RIGHT)
        alone = self.panel_line(["this weight alone:", before, "\u2192", one], -2.6,
                                [theme.MUTED, theme.TEXT, theme.MUTED, theme.ACCENT])
        every = self.panel_line(["the whole step:", before, "\u2192", whole], -3.15,
                                [theme.MUTED, theme.TEXT, theme.MUTED, theme.ACCENT])
        # "every weight has its slope": edge after edge lights; "together": back as they were
        rest = [e.copy() for e in edges]
        self.play(LaggedStart(*[e.animate.set_stroke(theme.ACCENT) for e in edges],
                              lag_ratio=0.02), through="slope,")
        self.play(*fade_out(self, self.f_top), FadeIn(grad, shift=DOWN * 0.1),
                  *[e.animate.set_stroke(r.get_stroke_color()) for e, r in zip(edges, rest)],
                  at="together", through="gradient;")
        self.play(Indicate(self.step_arrow, color=theme.ACCENT, scale_factor=1.3),
                  Indicate(self.dot, color=theme.ACCENT, scale_factor=1.6),
                  at="stepping", through="downhill.")
        self.play(FadeIn(alone[0]), Indicate(self.edge, color=theme.ACCENT), at="this",
                  until=before)
        self.play(FadeIn(alone[1]), at=before, run_time=theme.LIGHT)
        self.play(FadeIn(alone[2]), FadeIn(alone[3]), at=one, run_time=theme.LIGHT)
        # "the whole step, every weight at once": every edge again, all together
        self.play(FadeIn(every[0]), FadeIn(every[1]), FadeIn(every[2]),
                  *[ShowPassingFlash(e.copy().set_stroke(theme.ACCENT, 4, opacity=1),
                                     time_width=0.6) for e in edges],
                  at="whole", until=whole)
        self.play(FadeIn(every[3]), at=whole, run_time=theme.LIGHT)
        self.downhill = VGroup(self.plot, self.curve, self.dot, self.tangent, self.step_arrow,
                               self.slope_line, self.slope_caps, self.update_line, alone, every,
                               grad)

    def beat_back(self):
        """The error flows right to left along every edge into the hidden layer; into the
        followed hidden neuron, each output's delta_o times its weight appears beside that
        output, and the terms fly into their sum."""
        v = self.values
        c = v["c"]
        outs = self.net.neurons[2]
        terms = VGroup(*[label(t, theme.TINY_SIZE, weight_color(x)) for t, x in
                         zip(v["back_term_texts"], v["back_terms"])])
        for i, t in enumerate(terms):
            t.move_to([self.col_x, outs[i].get_y(), 0], aligned_edge=LEFT)
        right = max(t.get_right()[0] for t in terms)
        for t in terms:
            t.shift(RIGHT * (right - t.get_right()[0]))
        head = VGroup(label("delta_o \u00d7 weight", theme.TINY_SIZE, theme.MUTED),
                      label(f"into hidden {fmt_int(c)}", theme.TINY_SIZE, theme.MUTED))
        head.arrange(DOWN, buff=0.08).next_to(terms, UP, buff=0.2).align_to(terms, LEFT)
        total = VGroup(label(f"hidden {fmt_int(c)} collects:", theme.BODY_SIZE, theme.TEXT),
                       label(v["back_c_text"], theme.BODY_SIZE, theme.ACCENT))
        total.arrange(RIGHT, buff=0.25).next_to(terms, RIGHT, buff=1.0)
        total.set_y(self.net.neuron(1, c).get_y())
        into_c = [self.net.edges[(1, i, c)] for i in outs]
        others = [e for e in self.layer1_edges() if all(e is not x for x in into_c)]
        opacity = [e.get_stroke_opacity() for e in others]

        self.play(*fade_out(self, self.downhill), until="back,")
        # "the error flows right to left along the same edges"
        # "the error flows right to left along the same edges": it reaches every hidden neuron
        hidden = list(self.net.neurons[1].values())
        self.play(LaggedStart(*[ShowPassingFlash(self.backward(e), time_width=0.5)
                                for e in self.layer1_edges()], lag_ratio=0.01),
                  LaggedStart(*[h.animate.set_stroke(theme.ACCENT, width=3) for h in hidden],
                              lag_ratio=0.2),
                  at="error", through="edges:")
        self.play(Indicate(self.net.neuron(1, c), color=theme.ACCENT, scale_factor=1.5),
                  *[h.animate.set_stroke(theme.NEURON_STROKE, width=theme.NEURON_STROKE_WIDTH)
                    for h in hidden],
                  *[e.animate.set_stroke(opacity=0.12) for e in others],
                  at="hidden", until="collects")
        # "collects every output's delta_o times the weight between them": term by term
        self.play(FadeIn(head),
                  LaggedStart(*[ShowPassingFlash(self.backward(e, 5), time_width=0.6)
                                for e in into_c], lag_ratio=0.3),
                  LaggedStart(*[FadeIn(t, shift=LEFT * 0.15) for t in terms], lag_ratio=0.3),
                  at="collects", through="them,")
        # the terms fly into their sum
        flying = VGroup(*[t.copy() for t in terms])
        self.add(flying)
        self.play(FadeIn(total[0]), LaggedStart(*[f.animate.move_to(total[1]).set_opacity(0.3)
                                                  for f in flying], lag_ratio=0.08),
                  until=v["back_c_text"])
        self.remove(*flying, flying)
        self.play(FadeIn(total[1]), at=v["back_c_text"], run_time=theme.LIGHT)
        self.play(Circumscribe(total, color=theme.ACCENT), through="all.")
        self.back_parts = VGroup(terms, head)
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
        self.play(FadeIn(slope[1]), at=v["slope_c_text"], run_time=theme.LIGHT)
        self.play(Indicate(tangent, color=theme.ACCENT), at="tangent's", through="there.")
        self.play(Write(self.f_top), FadeIn(dh[0]), at="delta_h", until=v["back_c_text"])
        self.play(TransformFromCopy(self.back_total[1], dh[1]), at=v["back_c_text"],
                  run_time=theme.LIGHT)
        self.play(FadeIn(dh[2]), TransformFromCopy(slope[1], dh[3]), at=v["slope_c_text"],
                  run_time=theme.LIGHT)
        self.play(FadeIn(dh[4]), FadeIn(dh[5]),
                  Indicate(self.net.neuron(1, c), color=theme.ACCENT, scale_factor=1.5),
                  at=v["delta_h_c_text"], run_time=max(theme.LIGHT, self.seconds_left()))
        tangent.clear_updaters()
        self.hid_parts = VGroup(plot, tangent, where, slope, dh, self.back_total)

    def beat_update_ih(self):
        """A lit pixel and a dark one: the dark one's column of w_i_h stays exactly as it was."""
        v = self.values
        img = PixelGrid(v["img"], side_length=2.3)
        lit, dark = img.cell(v["px_lit"]).copy(), img.cell(v["px_dark"]).copy()
        lit.set_fill(opacity=0).set_stroke(theme.ACCENT, 3)
        dark.set_fill(opacity=0).set_stroke(theme.ACCENT, 3)
        img_group = VGroup(img, lit, dark).move_to([-0.1, 0.9, 0])
        rows = v["wi_rows"]
        cols = [v["px_dark"], v["px_lit"]]
        before = block_view(v["wi_before"], rows, cols, 6)
        after = block_view(v["wi_after"], rows, cols, 6)
        after[1].set_opacity(0)  # one row of column numbers is enough
        pair = VGroup(VGroup(label("w_i_h now", theme.SMALL_SIZE, theme.MUTED), before)
                      .arrange(DOWN, buff=0.2),
                      VGroup(label("after the step", theme.SMALL_SIZE, theme.MUTED), after)
                      .arrange(DOWN, buff=0.0)).arrange(DOWN, buff=0.25)
        pair.next_to(img_group, RIGHT, buff=0.6).align_to(img_group, UP).shift(UP * 0.4)
        dark_col = VGroup(*[SurroundingRectangle(VGroup(*[m.view.cells[(i, 0)]
                                                         for i in range(len(rows))]),
                                                 color=theme.ACCENT, buff=0.06)
                            for m in (before, after)])
        px_notes = VGroup(
            label(f"pixel {fmt_int(v['px_dark'])} = {fmt(v['px_dark_value'], 0)}",
                  theme.SMALL_SIZE, theme.ACCENT),
            label(f"pixel {fmt_int(v['px_lit'])} = {fmt(v['px_lit_value'], 2)}",
                  theme.SMALL_SIZE, theme.TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        px_notes.next_to(img, DOWN, buff=0.25)
        count = label(f"{fmt_int(v['n_w_i_h_unchanged_cols'])} of {fmt_int(v['n_in'])} columns "
                      f"unchanged:\ntheir pixel is zero", theme.BODY_SIZE, theme.ACCENT)
        count.to_edge(DOWN, buff=SAFE_BUFF).align_to(pair, RIGHT)  # clear of the layer names
        old = [self.hid_parts, self.f_top, self.hid_ring, self.edge, self.out_ring,
               self.out_names]
        f_top = formula(FORMULAS[4]).to_corner(UP + RIGHT, buff=SAFE_BUFF)

        self.play(*fade_out(self, *old), *[e.animate.set_stroke(opacity=o)
                                           for e, o in self.dimmed], until="weights")
        self.play(Write(f_top), FadeIn(pair[0]), at="Input", through="move")
        self.play(Indicate(f_top, color=theme.ACCENT, scale_factor=1.05), at="by",
                  through="delta_h")
        self.play(FadeIn(img), FadeIn(px_notes[1]), Create(lit), at="times", through="pixel,")
        self.play(Create(dark), FadeIn(px_notes[0]), at="where", through="zero")
        self.play(FadeIn(pair[1]), Create(dark_col), at="the column", through="same:")
        self.play(FadeIn(count, shift=UP * 0.2), at=fmt_int(v["n_w_i_h_unchanged_cols"]),
                  through="columns.")
        self.still("input_update")
