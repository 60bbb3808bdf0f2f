"""Chapter 1: layers, neurons as numbers, full connection, the weight matrices, initial weights."""

from manim import DOWN, LEFT, UP, Create, FadeIn, FadeOut, LaggedStart, VGroup

from scenes import theme
from scenes.kit import (
    ChapterScene,
    Histogram,
    MatrixView,
    NetworkDiagram,
    VectorColumn,
    label,
)
from scenes.values.format import fmt, fmt_int


class Structure(ChapterScene):
    slug = "structure"

    def construct(self):
        v = self.values
        self.title_card()
        names = [f"{name}: {count}" for name, count in zip(v["layer_names"], v["size_texts"])]
        plain = NetworkDiagram(v["sizes"], names=names, max_shown=10, layer_gap=2.3, height=5.0)
        plain.scale(0.9).move_to([-3.6, -0.3, 0])
        net = NetworkDiagram(v["sizes"], weights=[v["w_i_h_init"], v["w_h_o_init"]],
                             names=names, max_shown=10, layer_gap=2.3, height=5.0)
        net.scale(0.9).move_to(plain)

        self.cue("layers")
        self.play(LaggedStart(*[Create(layer) for layer in plain.layers], lag_ratio=0.4),
                  FadeIn(plain.dots), FadeIn(plain.braces), FadeIn(plain.names), run_time=2)
        self.wait(theme.HOLD)

        self.cue("numbers")
        h = VectorColumn(v["example_h"], max_shown=8, digits=2, color_by_value=True)
        h_title = label("hidden neurons", theme.SMALL_SIZE, theme.MUTED)
        panel = VGroup(h_title, h).arrange(DOWN, buff=0.3).move_to([3.2, -0.2, 0])
        plain.fill_layer(1, v["example_h"])
        self.play(FadeIn(panel), plain.layers[1].animate.set_stroke(theme.ACCENT),
                  run_time=theme.REVEAL)
        self.wait(theme.HOLD)

        self.cue("connected")
        self.remove(plain)
        self.add(net.layers, net.dots, net.braces, net.names)
        net.fill_layer(1, v["example_h"])
        count = label(f"{fmt_int(v['n_weights'])} weights", theme.BODY_SIZE, theme.ACCENT)
        count.move_to([3.2, 2.4, 0])
        self.play(FadeOut(panel), Create(net.edge_group, lag_ratio=0.002), FadeIn(count),
                  run_time=2.5)
        self.add(net.layers, net.braces)  # neurons and counts above the edges
        legend = VGroup(label("blue: weight > 0", theme.SMALL_SIZE, theme.POSITIVE),
                        label("red: weight < 0", theme.SMALL_SIZE, theme.NEGATIVE),
                        label("thicker: larger |weight|", theme.SMALL_SIZE, theme.MUTED))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(count, DOWN, buff=0.4)
        self.play(FadeIn(legend), run_time=theme.REVEAL)
        self.wait(theme.HOLD)

        self.cue("matrices")
        m1 = MatrixView(v["w_i_h_init"], max_rows=4, max_cols=5, digits=2)
        m2 = MatrixView(v["w_h_o_init"], max_rows=4, max_cols=5, digits=2)
        t1 = label(f"w_i_h  {v['shape_w_i_h_text']}", theme.BODY_SIZE, theme.TEXT)
        t2 = label(f"w_h_o  {v['shape_w_h_o_text']}", theme.BODY_SIZE, theme.TEXT)
        note = label("rows: right layer,  columns: left layer", theme.SMALL_SIZE, theme.MUTED)
        right = VGroup(VGroup(t1, m1).arrange(DOWN, buff=0.2),
                       VGroup(t2, m2).arrange(DOWN, buff=0.2), note).arrange(DOWN, buff=0.35)
        right.scale_to_fit_width(6.0).move_to([3.4, -0.4, 0])
        edge = net.edges[(0, 0, 0)]
        self.play(FadeOut(count), FadeOut(legend), FadeIn(right), run_time=theme.REVEAL)
        self.play(edge.animate.set_stroke(theme.ACCENT, width=6, opacity=1.0),
                  m1.cells[(0, 0)].animate.set_color(theme.ACCENT).scale(1.3),
                  net.neuron(1, 0).animate.set_stroke(theme.ACCENT, width=4),
                  run_time=theme.REVEAL)
        self.wait(theme.HOLD)

        self.cue("init")
        edges = v["hist_edges"]
        last = len(edges) - 1
        hist = Histogram(v["hist_counts"], edges, edge_texts={0: fmt(edges[0], 2),
                                                              last: fmt(edges[-1], 2)},
                         width=5.2, height=2.4)
        h_title = label(f"initial w_i_h: {fmt_int(v['w_i_h_init'].size)} weights",
                        theme.SMALL_SIZE, theme.TEXT)
        h_range = label(f"min {fmt(v['w_min'], 3)}   max {fmt(v['w_max'], 3)}   "
                        f"mean {fmt(v['w_mean'], 3)}", theme.SMALL_SIZE, theme.MUTED)
        panel = VGroup(h_title, hist, h_range).arrange(DOWN, buff=0.35).move_to([3.4, -0.3, 0])
        self.play(FadeOut(right), run_time=0.6)
        self.play(FadeIn(h_title), LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in hist.bars],
                                               lag_ratio=0.05),
                  FadeIn(hist[0]), FadeIn(hist.edge_labels), FadeIn(h_range), run_time=2)
        self.still("initial-weights")
        self.wait(theme.HOLD)
