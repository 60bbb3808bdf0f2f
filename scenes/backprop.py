"""Chapter 8, backpropagation on one real step: delta_o at the output, one weight followed
through its update and downhill, the sigmoid's slope, the error flowing back through the same
network, the order of the reference, and the input columns a dark pixel leaves unchanged."""

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
    VGroup,
    Write,
    config,
)

from nnmath.activations import sigmoid
from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid, weight_color
from scenes.kit.numbers import MatrixView, RowColumns
from scenes.kit.plots import LinePlot, SigmoidPlot, nice_ticks
from scenes.kit.text import fade_out, formula, label
from scenes.values.backprop import FORMULAS, delta_caption, order_caption, sig
from scenes.values.format import fmt, fmt_int

#: Decimals of the output-side vectors (o, l, delta_o).
VEC_DIGITS = 4
#: Where the right-hand panel (numbers, plots) is centred.
PANEL_X = 2.4


def block_view(m, rows, cols, digits, boxed=None):
    """A small real matrix with its true row and column numbers; ``boxed`` (r, c) framed."""
    view = MatrixView(m, max_rows=len(m), max_cols=len(m[0]), digits=digits,
                      col_width=0.16 * max(len(fmt(x, digits)) for row in m for x in row) + 0.35)
    heads = VGroup(*[label(fmt_int(c), theme.TINY_SIZE, theme.MUTED)
                     .next_to(view.cells[(0, j)], UP, buff=0.3) for j, c in enumerate(cols)])
    sides = VGroup(*[label(fmt_int(r), theme.TINY_SIZE, theme.MUTED)
                     .next_to(view.brackets[0], LEFT, buff=0.15).set_y(view.cells[(i, 0)].get_y())
                     for i, r in enumerate(rows)])
    group = VGroup(view, heads, sides)
    group.view = view
    if boxed is not None:
        i, j = rows.index(boxed[0]), cols.index(boxed[1])
        group.box = SurroundingRectangle(view.cells[(i, j)], color=theme.ACCENT, buff=0.06)
        group.followed = view.cells[(i, j)]
        group.add(group.box)
    return group


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

    def beat_delta_o(self):
        """The network after its forward pass; o - l = delta_o row by row, the label's row marked."""
        v = self.values
        r = v["r"]
        self.title_card()
        self.play(FadeIn(self.net), FadeIn(self.out_names), run_time=theme.REVEAL)
        self.f_top = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        t = RowColumns([[fmt(x, VEC_DIGITS) for x in v["o"]], [fmt_int(x) for x in v["l"]],
                        [fmt(x, VEC_DIGITS) for x in v["delta_o"]]],
                       colors=[theme.OUTPUT, [theme.TARGET if x else theme.MUTED for x in v["l"]],
                               [weight_color(x) for x in v["delta_o"]]],
                       heads=["o", "l", "delta_o"], ops=["-", "="], row_gap=0.36)
        left = self.out_names.get_right()[0] + 0.4
        t.move_to([(left + config_half_width() - SAFE_BUFF) / 2, 0.5, 0])
        self.out_table = t
        self.play(Write(self.f_top), FadeIn(t.brackets[:2]), FadeIn(t.heads[:2]),
                  FadeIn(t.cols[0]), FadeIn(t.cols[1]), FadeIn(t.ops), run_time=theme.REVEAL)
        self.play(FadeIn(t.brackets[2]), FadeIn(t.heads[2]),
                  LaggedStart(*[TransformFromCopy(VGroup(t.cells[0][i], t.cells[1][i]),
                                                  t.cells[2][i]) for i in range(v["n_out"])],
                              lag_ratio=0.1), run_time=theme.REVEAL * 1.5)
        self.remove(*t.cells[2])
        self.add(t.cols[2])
        ring = self.net.neuron(2, r).copy().set_fill(opacity=0).set_stroke(theme.ACCENT, 4)
        self.play(Circumscribe(VGroup(t.cells[0][r], t.cells[2][r]), color=theme.ACCENT),
                  Create(ring), run_time=theme.REVEAL)
        self.ring = ring

    def beat_aside(self):
        """o - l named for what it is: cross-entropy's gradient; MSE's own beside it."""
        v = self.values
        r = v["r"]
        caption = label(delta_caption(v), theme.SMALL_SIZE, theme.TEXT)
        mse = VGroup(formula(FORMULAS[6], color=theme.MUTED),
                     label(f"= {sig(v['mse_delta_o'][r])} for {v['class_names'][r]}",
                           theme.BODY_SIZE, theme.MUTED)).arrange(DOWN, aligned_edge=RIGHT,
                                                                  buff=0.1)
        notes = VGroup(caption, mse).arrange(DOWN, aligned_edge=RIGHT, buff=0.12)
        notes.next_to(self.out_table, DOWN, buff=0.15).to_edge(RIGHT, buff=SAFE_BUFF)
        self.play(FadeIn(caption, shift=UP * 0.2), run_time=theme.REVEAL)
        self.play(Write(mse[0]), FadeIn(mse[1]), run_time=theme.REVEAL)
        self.notes = notes

    def beat_update_ho(self):
        """One weight followed: its edge lit, its update worked out, its matrix before and after."""
        v = self.values
        r, c = v["r"], v["c"]
        self.play(*fade_out(self, self.out_table, self.notes, self.f_top, self.out_names),
                  run_time=theme.REVEAL)
        edge = self.net.edges[(1, r, c)]
        self.edge = edge.copy().set_stroke(theme.ACCENT, 6, opacity=1)
        self.f_top = formula(FORMULAS[1]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        rows, cols = v["w_block_rows"], v["w_block_cols"]
        before = block_view(v["w_blk_before"], rows, cols, 5, boxed=(r, c))
        after = block_view(v["w_blk_after"], rows, cols, 5, boxed=(r, c))
        after[1].set_opacity(0)  # one row of column numbers is enough
        t_before = label(f"w_h_o now: row {v['class_names'][r]}, column {fmt_int(c)}",
                         theme.SMALL_SIZE, theme.ACCENT)
        t_after = label("after the step", theme.SMALL_SIZE, theme.MUTED)
        pair = VGroup(t_before, before, after).arrange(DOWN, buff=0.2)
        after.shift(DOWN * 0.45)
        pair.move_to([PANEL_X, 0.3, 0])
        arrow = Arrow(before.get_bottom(), after[0].get_top(), buff=0.05, color=theme.MUTED)
        t_after.next_to(arrow, RIGHT, buff=0.2)
        pair = VGroup(VGroup(t_before, before), VGroup(t_after, after))
        calc = VGroup(
            label(f"{fmt(v['w_rc_before'], 5)} - {fmt(v['learn_rate'], 2)} \u00d7 "
                  f"({fmt(v['delta_o'][r], 4)}) \u00d7 {fmt(v['h'][c], 4)}", theme.BODY_SIZE),
            label(f"= {fmt(v['w_rc_after'], 5)}", theme.BODY_SIZE, theme.ACCENT))
        calc.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(pair, DOWN, buff=0.3)
        calc.to_edge(RIGHT, buff=SAFE_BUFF)
        self.play(Write(self.f_top), Create(self.edge), FadeIn(self.hid_names),
                  run_time=theme.REVEAL)
        self.play(FadeIn(pair[0]), run_time=theme.REVEAL)
        self.play(FadeIn(calc[0]), run_time=theme.REVEAL)
        rest = [m for m in after.view.grid if m is not after.followed]
        self.play(GrowArrow(arrow), FadeIn(t_after), FadeIn(after.view.brackets), FadeIn(after[2]),
                  *[FadeIn(m) for m in rest], run_time=theme.REVEAL / 2)
        self.play(TransformFromCopy(before.followed, after.followed), Create(after.box),
                  FadeIn(calc[1]), run_time=theme.REVEAL)
        self.update_parts = VGroup(pair, arrow, calc)
        self.still("output_update")

    def beat_downhill(self):
        """The cost of this image along the followed weight: the slope, and the step against it."""
        v = self.values
        self.play(*fade_out(self, self.update_parts), run_time=theme.REVEAL / 2)
        ws, cs = v["cost_ws"], v["cost_curve"]
        lo, hi = min(cs), max(cs)
        plot = LinePlot((ws[0], ws[-1]), (lo, hi),
                        [(t, fmt(t, 1)) for t in nice_ticks(ws[0], ws[-1], 4)],
                        [(t, fmt(t, 1)) for t in nice_ticks(lo, hi, 3)],
                        "the followed weight", "cross-entropy of this image", 5.2, 2.6)
        plot.move_to([PANEL_X + 0.3, 0.5, 0])
        curve = plot.series(ws, cs, color=theme.NEUTRAL)
        w0, c0, g = v["w_rc_before"], v["cost_before"], v["grad_rc"]
        dot = plot.dots([w0], [c0], color=theme.ACCENT)
        half = (ws[-1] - ws[0]) * 0.18
        tangent = Line(plot.c2p(w0 - half, c0 - g * half), plot.c2p(w0 + half, c0 + g * half))
        tangent.set_stroke(theme.ACCENT, 3)
        direction = RIGHT if g < 0 else LEFT
        step = Arrow(dot.get_center(), dot.get_center() + direction * 1.1, buff=0.1,
                     color=theme.GOOD, stroke_width=5)
        slope_note = label(f"slope = gradient = {fmt(g, 4)}", theme.BODY_SIZE, theme.ACCENT)
        step_note = label("step = - learning rate \u00d7 gradient: downhill\n"
                          "(the arrow shows its direction, not its size)", theme.SMALL_SIZE,
                          theme.GOOD)
        cost_note = label(f"cost after the step: {fmt(v['cost_before'], 3)} "
                          f"\u2192 {fmt(v['cost_after'], 3)}", theme.SMALL_SIZE, theme.TEXT)
        notes = VGroup(slope_note, step_note, cost_note).arrange(DOWN, aligned_edge=LEFT,
                                                                 buff=0.2)
        notes.next_to(plot, DOWN, buff=0.35).align_to(plot, LEFT)
        self.play(FadeIn(plot), Create(curve), FadeIn(dot), run_time=theme.REVEAL * 1.5)
        self.play(Create(tangent), FadeIn(slope_note), run_time=theme.REVEAL)
        self.play(Create(step), FadeIn(step_note), run_time=theme.REVEAL)
        self.play(FadeIn(cost_note), run_time=theme.REVEAL)
        self.downhill = VGroup(plot, curve, dot, tangent, step, notes)

    def beat_slope(self):
        """The sigmoid with its tangent at the followed hidden neuron's recorded input."""
        v = self.values
        c = v["c"]
        self.play(*fade_out(self, self.downhill, self.f_top), run_time=theme.REVEAL / 2)
        x = v["h_pre"][c]
        reach = max(6, int(np.ceil(abs(x))) + 1)
        reach += reach % 2
        plot = SigmoidPlot(x, (-reach, reach, reach // 2), width=5.6, height=2.6)
        plot.move_to([PANEL_X + 0.2, 0.7, 0])
        h, s = float(sigmoid(x)), v["slope"][c]
        span = reach * 0.3
        tangent = Line(plot.axes.c2p(x - span, h - s * span), plot.axes.c2p(x + span, h + s * span))
        tangent.set_stroke(theme.ACCENT, 4)
        notes = VGroup(label(f"hidden {fmt_int(c)}: h_pre = {fmt(x, 2)}", theme.BODY_SIZE,
                             theme.TEXT),
                       label(f"h = {fmt(h, 4)}", theme.BODY_SIZE, theme.TEXT),
                       label(f"slope = h \u00d7 (1 - h) = {sig(s)}", theme.BODY_SIZE,
                             theme.ACCENT)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        notes.next_to(plot, DOWN, buff=0.45).align_to(plot, LEFT)
        ring = self.net.neuron(1, c).copy().set_fill(opacity=0).set_stroke(theme.ACCENT, 4)
        self.play(FadeIn(plot), Create(ring), FadeIn(notes[:2]), run_time=theme.REVEAL)
        self.play(Create(tangent), FadeIn(notes[2]), run_time=theme.REVEAL)
        self.play(Indicate(plot.dot, color=theme.ACCENT, scale_factor=2), run_time=theme.REVEAL)
        self.sigmoid = VGroup(plot, tangent, notes)
        self.hid_ring = ring

    def beat_delta_h(self):
        """delta_o flows back along the edges; h, w_h_o.T @ delta_o, the slope and delta_h."""
        v = self.values
        c = v["c"]
        self.play(*fade_out(self, self.sigmoid), run_time=theme.REVEAL / 2)
        back = [Line(e.get_end(), e.get_start()).set_stroke(theme.ACCENT, 4)
                for (k, _, _), e in self.net.edges.items() if k == 1]
        self.play(LaggedStart(*[ShowPassingFlash(b, time_width=0.5) for b in back],
                              lag_ratio=0.01), run_time=theme.REVEAL * 1.5)
        rows = v["hid_rows"]
        left, right = self.net.get_right()[0] + 0.25, config_half_width() - SAFE_BUFF
        for size in (theme.NUMBER_SIZE, 20, theme.TINY_SIZE):
            t = RowColumns(
                [[fmt(v["h"][i], 3) for i in rows], [sig(v["back"][i]) for i in rows],
                 [sig(v["slope"][i]) for i in rows], [sig(v["delta_h"][i]) for i in rows]],
                colors=[theme.NEUTRAL, [weight_color(v["back"][i]) for i in rows],
                        theme.NEUTRAL, [weight_color(v["delta_h"][i]) for i in rows]],
                heads=["h", "w_h_o.T\n@ delta_o", "h * (1 - h)", "delta_h"],
                ops=[None, r"\odot", "="], row_gap=0.5, col_gap=0.1, size=size)
            idx = VGroup(*[label(fmt_int(i), theme.TINY_SIZE,
                                 theme.ACCENT if i == c else theme.MUTED) for i in rows])
            for lab, cell in zip(idx, t.cells[0]):
                lab.next_to(t.brackets[0], LEFT, buff=0.15).set_y(cell.get_y())
            group = VGroup(idx, t)
            if group.width <= right - left:
                break
        group.move_to([(left + right) / 2, 0.2, 0])
        self.f_top = formula(FORMULAS[3]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        self.play(Write(self.f_top), FadeIn(idx), FadeIn(t.brackets[:3]), FadeIn(t.heads[:3]),
                  FadeIn(t.cols[0]), FadeIn(t.cols[1]), FadeIn(t.cols[2]), FadeIn(t.ops),
                  run_time=theme.REVEAL)
        ci = rows.index(c)
        self.play(FadeIn(t.brackets[3]), FadeIn(t.heads[3]),
                  TransformFromCopy(VGroup(t.cells[1][ci], t.cells[2][ci]), t.cells[3][ci]),
                  *[FadeIn(t.cells[3][i]) for i in range(len(rows)) if i != ci],
                  run_time=theme.REVEAL)
        self.remove(*t.cells[3])
        self.add(t.cols[3])
        self.play(Circumscribe(VGroup(*[t.cells[k][ci] for k in range(1, 4)]),
                               color=theme.ACCENT), run_time=theme.REVEAL)
        self.hid_table = VGroup(group)
        self.hid_row = ci

    def beat_order(self):
        """The order footnote, now that delta_h is on screen: the other order's value beside it."""
        v = self.values
        c = v["c"]
        note = label(order_caption(v), theme.SMALL_SIZE, theme.TEXT)
        other = label(f"with the other order: delta_h[{fmt_int(c)}] = "
                      f"{sig(v['delta_h_other_order'][c])}", theme.SMALL_SIZE, theme.MUTED)
        notes = VGroup(note, other).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        notes.next_to(self.hid_table, DOWN, buff=0.4).to_edge(RIGHT, buff=SAFE_BUFF)
        self.play(FadeIn(note, shift=UP * 0.2), Indicate(self.edge, color=theme.ACCENT),
                  run_time=theme.REVEAL)
        self.play(FadeIn(other), run_time=theme.REVEAL)
        self.order_notes = notes

    def beat_update_ih(self):
        """A lit pixel and a dark one: the dark one's column of w_i_h stays exactly as it was."""
        v = self.values
        self.play(*fade_out(self, self.hid_table, self.order_notes, self.f_top, self.hid_ring,
                            self.edge), run_time=theme.REVEAL / 2)
        self.f_top = formula(FORMULAS[4]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
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
        self.play(Write(self.f_top), FadeIn(img_group), FadeIn(px_notes), run_time=theme.REVEAL)
        self.play(FadeIn(pair), run_time=theme.REVEAL)
        self.play(Create(dark_col), run_time=theme.REVEAL)
        self.play(FadeIn(count, shift=UP * 0.2), run_time=theme.REVEAL)
        self.still("input_update")


def config_half_width():
    return config.frame_width / 2
