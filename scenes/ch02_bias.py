"""Chapter 2: the bias neuron, and one neuron trained without and with a bias (real runs)."""

from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, FadeOut, Transform, VGroup

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram
from scenes.kit.numbers import VectorColumn
from scenes.kit.plots import PointsPlane
from scenes.kit.text import formula, label
from scenes.values.format import fmt


class Bias(ChapterScene):
    slug = "bias"

    def beat_neuron(self):
        """The title, then a bias neuron holding one, its edges to the hidden layer, the formula."""
        v = self.values
        self.title_card()
        net = NetworkDiagram([1, v["n_hidden"]],  # one bias neuron, the hidden layer
                             max_shown=8, layer_gap=3.0, height=4.4, show_counts=True,
                             edge_layers=[])
        net.move_to([-3.2, -0.6, 0])
        bias = Circle(radius=theme.NEURON_RADIUS * 1.6, stroke_color=theme.ACCENT,
                      stroke_width=3).set_fill(theme.NEURON_FILL, opacity=1.0)
        bias.move_to(net.layers[0][0])
        one = label(fmt(v["bias_input"], 0), theme.BODY_SIZE, theme.BACKGROUND, weight="BOLD")
        one.move_to(bias)
        edges = VGroup()
        for i in net.index[1]:
            w = v["b_i_h_init"][i]
            line = NetworkDiagram.style_edge(
                _line(bias, net.neuron(1, i)), w, max(abs(v["b_i_h_init"]).max(), 1e-12))
            edges.add(line)
        b_name = label("bias neuron", theme.SMALL_SIZE, theme.ACCENT).next_to(bias, UP, buff=0.3)
        h_name = label("hidden layer", theme.SMALL_SIZE, theme.MUTED)
        h_name.next_to(net.layers[1], UP, buff=0.3)
        self.play(FadeIn(net.layers[1]), FadeIn(net.dots), FadeIn(net.braces), FadeIn(h_name),
                  FadeIn(bias), FadeIn(one), FadeIn(b_name), run_time=theme.REVEAL)
        self.play(Create(edges, lag_ratio=0.1), run_time=1.5)
        rule = label("always the same value, outgoing weights only", theme.SMALL_SIZE,
                     theme.MUTED).next_to(net, DOWN, buff=0.4)
        eq = formula(r"h_{\text{pre}} =", r"b_{i \to h}", r"+ w_{i \to h}\,\text{img}")
        eq[1].set_color(theme.ACCENT)  # the bias term
        eq.move_to([3.0, 2.2, 0])
        self.play(FadeIn(rule), FadeIn(eq), run_time=theme.REVEAL)
        self.net, self.h_name, self.bias, self.one = net, h_name, bias, one
        self.b_name, self.edges, self.rule, self.eq = b_name, edges, rule, eq

    def beat_init(self):
        """The hidden biases before training, as a column."""
        v = self.values
        col = VectorColumn(v["b_i_h_init"], max_shown=8, digits=2)
        col_t = label("b_i_h before training", theme.SMALL_SIZE, theme.TEXT)
        self.panel = VGroup(col_t, col).arrange(DOWN, buff=0.3).move_to([3.0, -0.4, 0])
        self.play(FadeIn(self.panel), run_time=theme.REVEAL)

    def beat_points(self):
        """Two planes of the same points, without and with bias, each with its initial line."""
        v = self.values
        self.planes, self.lines, self.its, self.accs = [], [], [], []
        for k, (key, title) in enumerate((("nobias", "without bias"), ("with", "with bias"))):
            plane = PointsPlane(v["points"], v["classes"], v["x_range"], v["y_range"],
                                width=4.4, height=4.4)
            plane.move_to([-3.4 + 6.8 * k, -0.6, 0])
            name = label(title, theme.BODY_SIZE, theme.TEXT).next_to(plane, UP, buff=0.15)
            run = v[key]
            line = plane.line(run["w"][0], run["b"][0])
            it = label(f"iteration {v['iter_texts'][0]}", theme.SMALL_SIZE, theme.MUTED)
            acc = label(f"accuracy {run['acc_texts'][0]}", theme.SMALL_SIZE, theme.TEXT)
            anchor = plane.get_bottom() + DOWN * 0.35
            it.next_to(anchor, LEFT, buff=0.2)
            acc.next_to(anchor, RIGHT, buff=0.2)
            self.planes.append(VGroup(plane, name))
            self.lines.append(line)
            self.its.append(it)
            self.accs.append(acc)
        self.play(FadeOut(VGroup(self.net.layers[1], self.net.dots, self.net.braces,
                                 self.h_name, self.bias, self.one, self.b_name, self.edges,
                                 self.rule, self.panel, self.eq)), run_time=0.6)
        self.play(*[FadeIn(p) for p in self.planes], run_time=theme.REVEAL)
        self.play(*[Create(x) for x in self.lines], *[FadeIn(x) for x in self.its + self.accs],
                  run_time=theme.REVEAL)

    def beat_nobias(self):
        """Training without a bias: the line turns about the origin."""
        self._train(0, "nobias")

    def beat_with(self):
        """Training with a bias: the line shifts and separates the classes."""
        self._train(1, "with")
        self.still("bias-shifts-line")

    def _train(self, k, key):
        """Play run ``key`` on plane ``k``: the line, iteration and accuracy per recorded step."""
        v = self.values
        run = v[key]
        plane = self.planes[k][0]
        its, accs, lines = self.its, self.accs, self.lines
        for f in range(1, len(v["iters"])):
            it = label(f"iteration {v['iter_texts'][f]}", theme.SMALL_SIZE, theme.MUTED)
            acc = label(f"accuracy {run['acc_texts'][f]}", theme.SMALL_SIZE, theme.TEXT)
            it.move_to(its[k], aligned_edge=RIGHT)
            acc.move_to(accs[k], aligned_edge=LEFT)
            self.play(Transform(lines[k], plane.line(run["w"][f], run["b"][f])),
                      Transform(its[k], it), Transform(accs[k], acc), run_time=0.4)
        eq = label(run["final_line"], theme.SMALL_SIZE, theme.ACCENT)
        eq.next_to(VGroup(its[k], accs[k]), DOWN, buff=0.15)
        self.play(FadeIn(eq), run_time=theme.REVEAL)


def _line(a, b):
    """A straight edge from circle a to circle b."""
    from manim import Line

    return Line(a.get_right(), b.get_left())
