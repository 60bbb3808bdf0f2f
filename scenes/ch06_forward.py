"""Chapter 6: one recorded sample (step 0) flows forward: weighted sum, bias, sigmoid, h, o."""

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Line, SurroundingRectangle, VGroup

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid
from scenes.kit.numbers import VectorColumn
from scenes.kit.plots import OutputBars, SigmoidPlot
from scenes.kit.text import formula, label


class ForwardPass(ChapterScene):
    slug = "forward"

    def beat_input(self):
        """The network and the first training image; its pixels fill the input layer."""
        v = self.values
        self.title_card()
        self.net = NetworkDiagram([v["n_inputs"], len(v["h"]), len(v["o"])],
                                  weights=[v["w_i_h"], v["w_h_o"]],
                                  max_shown=[8, 8, len(v["o"])], layer_gap=1.9, height=4.6,
                                  names=["img", "h", "o"])
        self.net.scale(0.85).move_to([-4.0, -0.5, 0])
        self.grid = PixelGrid(v["img"], side_length=2.0).move_to([5.6, 1.9, 0])
        grid_t = label(f"label {v['label_text']}", theme.SMALL_SIZE, theme.MUTED)
        grid_t.next_to(self.grid, DOWN, buff=0.12)
        self.play(FadeIn(self.net), FadeIn(self.grid), FadeIn(grid_t), run_time=theme.REVEAL)
        self.play(*self.net.fill_animations(0, v["img"]), run_time=theme.REVEAL)

    def beat_sum(self):
        """The first hidden neuron's weighted sum: the largest products, the rest, the total."""
        v = self.values
        n = v["neuron"]
        into = self.net.edges_into(0, n)
        target = self.net.neuron(1, n)
        self.play(into.animate.set_stroke(theme.ACCENT, opacity=1.0),
                  target.animate.set_stroke(theme.ACCENT, width=4), run_time=theme.REVEAL)
        self.head = label(f"w_i_h[{n}, j] × img[j]", theme.SMALL_SIZE, theme.MUTED, mono=True)
        self.rows = VGroup(*[label(f"j={j:>4}  {w:>6} × {x:>5} = {p:>6}", theme.SMALL_SIZE,
                                   theme.TEXT, mono=True) for j, w, x, p in v["term_rows"]])
        self.rest = label(f"+ {v['n_rest_text']} more nonzero terms = {v['rest_text']}",
                          theme.SMALL_SIZE, theme.MUTED, mono=True)
        self.total = label(f"sum over all {v['n_inputs_text']} = {v['total_text']}",
                           theme.SMALL_SIZE, theme.ACCENT, mono=True)
        table = VGroup(self.head, *self.rows, self.rest, self.total)
        table.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        if table.width > 5.3:
            table.scale_to_fit_width(5.3)
        table.move_to([-1.0, 0.3, 0], aligned_edge=LEFT)
        self.table = table
        self.boxes = VGroup(*[SurroundingRectangle(self.grid.cell(j), color=theme.ACCENT,
                                                   buff=0.0, stroke_width=2)
                              for j in v["terms"]])
        self.play(FadeIn(self.head), run_time=0.5)
        for row, box in zip(self.rows, self.boxes):
            self.play(FadeIn(row, shift=RIGHT * 0.2), FadeIn(box), run_time=0.5)
        self.play(FadeIn(self.rest), run_time=0.6)
        self.rule = Line(LEFT, RIGHT).set_stroke(theme.MUTED, 1).match_width(table)
        self.rule.next_to(self.total, UP, buff=0.07).align_to(table, LEFT)
        self.play(FadeIn(self.rule), FadeIn(self.total), run_time=theme.REVEAL)

    def beat_bias(self):
        """The bias added below the table, giving the neuron's weighted sum h_pre."""
        v = self.values
        n = v["neuron"]
        self.bias = label(f"+ bias b_i_h[{n}] = {v['bias_text']}", theme.SMALL_SIZE,
                          theme.TEXT, mono=True)
        self.pre = label(f"h_pre[{n}] = {v['h_pre_text']}", theme.BODY_SIZE, theme.ACCENT,
                         mono=True)
        VGroup(self.bias, self.pre).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(
            self.table, DOWN, buff=0.3, aligned_edge=LEFT)
        self.play(FadeIn(self.bias), run_time=theme.REVEAL)
        self.play(FadeIn(self.pre), run_time=theme.REVEAL)

    def beat_sigmoid(self):
        """The sigmoid formula and curve with h_pre's point; the neuron fills to h[0]."""
        v = self.values
        n = v["neuron"]
        plot = SigmoidPlot(v["h_pre"], v["x_range"], width=5.2, height=2.6,
                           point_label=f"h[{n}] = {v['h0_text']}")
        sig = formula(r"\sigma(x) = \frac{1}{1 + e^{-x}}", size=theme.FORMULA_SIZE * 0.8)
        self.panel = VGroup(sig, plot).arrange(DOWN, buff=0.35).move_to([2.1, -0.7, 0])
        self.play(FadeOut(VGroup(self.head, self.rows, self.rest, self.total, self.rule,
                                 self.bias, self.boxes)),
                  self.pre.animate.next_to(self.panel, UP, buff=0.3).align_to(self.panel, LEFT),
                  run_time=0.6)
        self.play(FadeIn(sig), FadeIn(plot.axes), FadeIn(plot.curve), run_time=theme.REVEAL)
        self.play(FadeIn(plot.guides), FadeIn(plot.dot), FadeIn(plot.point_label),
                  run_time=theme.REVEAL)
        self.play(self.net.neuron(1, n).animate.set_fill(theme.NEURON_FILL, opacity=v["h0"]),
                  run_time=0.6)

    def beat_hidden(self):
        """Every hidden neuron filled, and h as a column of numbers."""
        v = self.values
        col = VectorColumn(v["h"], max_shown=8, digits=3, color_by_value=True)
        col_t = label(f"h {v['h_shape_text']}", theme.BODY_SIZE, theme.TEXT)
        hpanel = VGroup(col_t, col).arrange(DOWN, buff=0.25).move_to([0.6, -0.6, 0])
        self.play(FadeOut(VGroup(self.panel, self.pre)), run_time=0.5)
        self.play(*self.net.fill_animations(1, v["h"]), FadeIn(hpanel), run_time=1.5)

    def beat_output(self):
        """The output layer filled and o as bars, the untrained guess highlighted."""
        v = self.values
        bars = OutputBars(v["o"], v["class_names"], highlight=v["guess"], width=5.0, height=2.2,
                          digits=2)
        bars_t = label(f"o {v['o_shape_text']}", theme.BODY_SIZE, theme.TEXT)
        opanel = VGroup(bars_t, bars).arrange(DOWN, buff=0.3).move_to([4.4, -1.4, 0])
        self.play(*self.net.fill_animations(2, v["o"]), FadeIn(opanel), run_time=1.5)
        self.still("forward-pass")
