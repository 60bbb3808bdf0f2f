"""Chapter 1: layers, neurons as numbers, full connection, the weight matrices, initial weights."""

from manim import DOWN, LEFT, UP, Create, FadeIn, FadeOut, LaggedStart, VGroup

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram
from scenes.kit.numbers import MatrixView, VectorColumn
from scenes.kit.plots import Histogram
from scenes.kit.text import label
from scenes.values.format import fmt, fmt_int


class Structure(ChapterScene):
    slug = "structure"

    def beat_layers(self):
        """The title, then the three layers of the network drawn without edges."""
        v = self.values
        self.title_card()
        names = [f"{name}: {count}" for name, count in zip(v["layer_names"], v["size_texts"])]
        self.plain = NetworkDiagram(v["sizes"], names=names, max_shown=10, layer_gap=2.3,
                                    height=5.0)
        self.plain.scale(0.9).move_to([-3.6, -0.3, 0])
        self.net = NetworkDiagram(v["sizes"], weights=[v["w_i_h_init"], v["w_h_o_init"]],
                                  names=names, max_shown=10, layer_gap=2.3, height=5.0)
        self.net.scale(0.9).move_to(self.plain)
        plain = self.plain
        self.play(LaggedStart(*[Create(layer) for layer in plain.layers], lag_ratio=0.4),
                  FadeIn(plain.dots), FadeIn(plain.braces), FadeIn(plain.names), run_time=2)

    def beat_numbers(self):
        """The hidden neurons of the first training image as a column of numbers."""
        v = self.values
        h = VectorColumn(v["example_h"], max_shown=8, digits=2, color_by_value=True)
        h_title = label("hidden neurons", theme.SMALL_SIZE, theme.MUTED)
        self.panel = VGroup(h_title, h).arrange(DOWN, buff=0.3).move_to([3.2, -0.2, 0])
        self.plain.fill_layer(1, v["example_h"])
        self.play(FadeIn(self.panel), self.plain.layers[1].animate.set_stroke(theme.ACCENT),
                  run_time=theme.REVEAL)

    def beat_connected(self):
        """Every edge of the network, coloured by its initial weight, with the weight count."""
        v = self.values
        net = self.net
        self.remove(self.plain)
        self.add(net.layers, net.dots, net.braces, net.names)
        net.fill_layer(1, v["example_h"])
        self.count = label(f"{fmt_int(v['n_weights'])} weights", theme.BODY_SIZE, theme.ACCENT)
        self.count.move_to([3.2, 2.4, 0])
        self.play(FadeOut(self.panel), Create(net.edge_group, lag_ratio=0.002),
                  FadeIn(self.count), run_time=2.5)
        self.add(net.layers, net.braces)  # neurons and counts above the edges
        self.legend = VGroup(label("blue: weight > 0", theme.SMALL_SIZE, theme.POSITIVE),
                             label("red: weight < 0", theme.SMALL_SIZE, theme.NEGATIVE),
                             label("thicker: larger |weight|", theme.SMALL_SIZE, theme.MUTED))
        self.legend.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(self.count, DOWN,
                                                                       buff=0.4)
        self.play(FadeIn(self.legend), run_time=theme.REVEAL)

    def beat_matrices(self):
        """The two weight matrices, one weight highlighted in the matrix and on its edge."""
        v = self.values
        net = self.net
        m1 = MatrixView(v["w_i_h_init"], max_rows=4, max_cols=5, digits=2)
        m2 = MatrixView(v["w_h_o_init"], max_rows=4, max_cols=5, digits=2)
        t1 = label(f"w_i_h  {v['shape_w_i_h_text']}", theme.BODY_SIZE, theme.TEXT)
        t2 = label(f"w_h_o  {v['shape_w_h_o_text']}", theme.BODY_SIZE, theme.TEXT)
        note = label("rows: right layer,  columns: left layer", theme.SMALL_SIZE, theme.MUTED)
        self.right = VGroup(VGroup(t1, m1).arrange(DOWN, buff=0.2),
                            VGroup(t2, m2).arrange(DOWN, buff=0.2), note).arrange(DOWN,
                                                                                   buff=0.35)
        self.right.scale_to_fit_width(6.0).move_to([3.4, -0.4, 0])
        edge = net.edges[(0, 0, 0)]
        self.play(FadeOut(self.count), FadeOut(self.legend), FadeIn(self.right),
                  run_time=theme.REVEAL)
        self.play(edge.animate.set_stroke(theme.ACCENT, width=6, opacity=1.0),
                  m1.cells[(0, 0)].animate.set_color(theme.ACCENT).scale(1.3),
                  net.neuron(1, 0).animate.set_stroke(theme.ACCENT, width=4),
                  run_time=theme.REVEAL)

    def beat_init(self):
        """A histogram of the initial input-to-hidden weights with their range and mean."""
        v = self.values
        edges = v["hist_edges"]
        last = len(edges) - 1
        hist = Histogram(v["hist_counts"], edges, edge_texts={0: fmt(edges[0], 2),
                                                              last: fmt(edges[-1], 2)},
                         width=5.2, height=2.4)
        h_title = label(f"initial w_i_h: {fmt_int(v['w_i_h_init'].size)} weights",
                        theme.SMALL_SIZE, theme.TEXT)
        h_range = label(f"min {fmt(v['w_min'], 3)}   max {fmt(v['w_max'], 3)}   "
                        f"mean {fmt(v['w_mean'], 3)}", theme.SMALL_SIZE, theme.MUTED)
        VGroup(h_title, hist, h_range).arrange(DOWN, buff=0.35).move_to([3.4, -0.3, 0])
        self.play(FadeOut(self.right), run_time=0.6)
        self.play(FadeIn(h_title), LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in hist.bars],
                                               lag_ratio=0.05),
                  FadeIn(hist[0]), FadeIn(hist.edge_labels), FadeIn(h_range), run_time=2)
        self.still("initial-weights")
