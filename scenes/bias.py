"""Chapter 2: the bias neuron, and one neuron trained without and with a bias (real runs)."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Circle,
    Circumscribe,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    Line,
    Polygon,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, weight_color
from scenes.kit.plots import PointsPlane, decision_segment
from scenes.kit.text import attach, backdrop, formula, label
from scenes.values.bias import exact

#: LaTeX numbers (DecimalNumber) at this size have the cap height of body text.
TEX_BODY = 52
#: The centre x of the points plane, and the centre of the captions between neuron and plane.
PLANE_X = 3.6
CAPTION = (-1.05, 0.5, 0)
#: Seconds one training run takes on screen (all recorded snapshots, evenly).
RUN_SECONDS = 6.0
#: The most hidden neurons the bias diagram draws (one text row each); more are elided.
MAX_BIAS_ROWS = 20


def half_plane(w, b, x_range, y_range, side):
    """Corners of the part of the box where ``side * (w·p + b) >= 0`` (data coordinates)."""
    box = [(x_range[0], y_range[0]), (x_range[1], y_range[0]), (x_range[1], y_range[1]),
           (x_range[0], y_range[1])]
    f = [side * (w[0] * x + w[1] * y + b) for x, y in box]
    out = []
    for k in range(4):
        p, q, fp, fq = box[k], box[(k + 1) % 4], f[k], f[(k + 1) % 4]
        if fp >= 0:
            out.append(p)
        if (fp >= 0) != (fq >= 0):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def edge_style(line, w):
    """A neuron edge: the sign's colour (muted at exactly 0), wider for larger |w|; never hidden."""
    color = theme.MUTED if w == 0 else weight_color(w)
    return line.set_stroke(color, width=2.0 + 4.0 * min(abs(float(w)) / 4.0, 1.0), opacity=0.9)


class Bias(ChapterScene):
    slug = "bias"

    # --- pieces -----------------------------------------------------------------------------

    def _params(self, key, t):
        """(w, b) of run ``key`` at snapshot position ``t`` (interpolated between snapshots for
        the drawing only; the numbers shown are the last recorded snapshot reached)."""
        run = self.values[key]
        n = len(run["b"])
        t = min(max(float(t), 0.0), n - 1)
        k = min(int(np.floor(t)), n - 2)
        a = t - k
        w = (1 - a) * run["w"][k] + a * run["w"][k + 1]
        b = (1 - a) * run["b"][k] + a * run["b"][k + 1]
        return w, b

    def _shades_and_line(self, key, tracker):
        """The decision line and the two shaded sides, redrawn from the tracker's snapshot."""
        plane, v = self.plane, self.values
        xr, yr = v["x_range"][:2], v["y_range"][:2]

        def shade(side):
            def draw():
                w, b = self._params(key, tracker.get_value())
                pts = half_plane(w, b, xr, yr, side)
                color = theme.CLASS_COLORS[1 if side > 0 else 0]
                if len(pts) < 3:
                    return Polygon(*[plane.axes.c2p(0, 0)] * 3).set_stroke(width=0)
                return backdrop(Polygon(*[plane.axes.c2p(x, y) for x, y in pts])
                                .set_stroke(width=0).set_fill(color, 0.16))
            return always_redraw(draw)

        def line():
            w, b = self._params(key, tracker.get_value())
            ends = decision_segment(w, b, xr, yr)
            if ends is None:
                return Line(plane.axes.c2p(0, 0), plane.axes.c2p(0, 0)).set_stroke(width=0)
            (x0, y0), (x1, y1) = ends
            return Line(plane.axes.c2p(x0, y0), plane.axes.c2p(x1, y1)).set_stroke(
                theme.ACCENT, 4)

        return shade(-1), shade(1), always_redraw(line)

    def _readouts_follow(self, key, tracker):
        """Updaters: the weights, bias, iteration and accuracy follow the recorded snapshot."""
        run, v = self.values[key], self.values
        w1, w2, b = self.w_nums

        def snap():
            return min(int(np.floor(tracker.get_value() + 1e-9)), len(run["b"]) - 1)

        def num_updater(i):
            def update(mob):
                k = snap()
                x = run["w"][k][i] if i < 2 else run["b"][k]
                mob.set_value(float(x))
                mob.set_color(theme.MUTED if x == 0 else weight_color(x))
            return update

        for i, mob in enumerate((w1, w2, b)):
            mob.add_updater(num_updater(i))

        def edge_updater(i):
            def update(mob):
                k = snap()
                edge_style(mob, run["w"][k][i] if i < 2 else run["b"][k])
            return update

        for i, edge in enumerate(self.edges):
            edge.add_updater(edge_updater(i))
        self.it_num.clear_updaters()
        self.it_num.add_updater(lambda m: m.set_value(int(v["iters"][snap()])).next_to(
            self.of, LEFT, buff=0.18))
        self.acc_num.add_updater(lambda m: m.set_value(run["acc_pct"][snap()]))

    def _stop_readouts(self):
        for mob in (*self.w_nums, self.it_num, self.acc_num, *self.edges):
            mob.clear_updaters()

    # --- beats ------------------------------------------------------------------------------

    def beat_neuron(self):
        """The neuron: inputs x, y and the always-1 bias neuron, edges w1, w2, b into o."""
        v = self.values
        self.title_card()
        r = theme.NEURON_RADIUS * 2.2
        xs, ox = -5.6, -3.2
        ins = VGroup(*[Circle(radius=r, stroke_color=theme.NEURON_STROKE, stroke_width=2.5)
                       .move_to([xs, y, 0]) for y in (1.45, 0.5, -0.45)])
        ins[2].set_stroke(theme.ACCENT, 3).set_fill(theme.NEURON_FILL, 1.0)
        out = Circle(radius=r * 1.15, stroke_color=theme.OUTPUT, stroke_width=3).move_to(
            [ox, 0.5, 0])
        names = VGroup(attach(label("x", theme.BODY_SIZE, theme.TEXT), ins[0]),
                       attach(label("y", theme.BODY_SIZE, theme.TEXT), ins[1]),
                       attach(label(exact(v["bias_input"]), theme.BODY_SIZE, theme.BACKGROUND,
                                    weight="BOLD"), ins[2]),
                       attach(label("o", theme.BODY_SIZE, theme.OUTPUT), out))
        for t, c in zip(names, [*ins, out]):
            t.move_to(c)
        bias_name = label("bias neuron", theme.SMALL_SIZE, theme.ACCENT)
        bias_name.next_to(ins[2], DOWN, buff=0.15).align_to(ins[2], LEFT)
        run = v["with"]
        w0, b0 = run["w"][0], run["b"][0]
        edges = VGroup(*[edge_style(Line(c.get_right(), out.get_left()), w)
                         for c, w in zip(ins, (w0[0], w0[1], b0))])
        tags = VGroup()
        for e, name in zip(edges, ("w_1", "w_2", "b")):
            t = attach(formula(name, size=theme.FORMULA_SIZE), e)
            t.move_to(e.point_from_proportion(0.45)).shift(UP * 0.28)
            tags.add(t)
        eq = formula(r"o = \sigma(", "w_1", "x +", "w_2", "y +", "b", ")")
        eq[5].set_color(theme.ACCENT)
        eq.move_to([-4.3, 2.35, 0])
        self.play(FadeIn(ins[:2]), FadeIn(names[:2]), FadeIn(out), FadeIn(names[3]),
                  run_time=0.8)
        self.play(FadeIn(ins[2]), FadeIn(names[2]), FadeIn(bias_name), run_time=0.8)
        self.play(LaggedStart(*[Create(e) for e in edges], lag_ratio=0.3),
                  LaggedStart(*[FadeIn(t) for t in tags], lag_ratio=0.3), run_time=1.5)
        self.play(Write(eq), run_time=1.2)
        self.play(Indicate(edges[2], color=theme.ACCENT), Indicate(tags[2], color=theme.ACCENT),
                  Indicate(eq[5], color=theme.ACCENT), run_time=1.0)
        # the readouts: weights, iteration and accuracy (numbers that follow the training)
        rows = VGroup()
        self.w_nums = []
        for name, x in (("w_1", w0[0]), ("w_2", w0[1]), ("b", b0)):
            n = DecimalNumber(float(x), num_decimal_places=2, font_size=TEX_BODY,
                              include_sign=False, color=theme.MUTED if x == 0 else weight_color(x))
            n.text_role = "body"
            row = VGroup(formula(name + " =", size=theme.FORMULA_SIZE), n).arrange(RIGHT,
                                                                                  buff=0.2)
            rows.add(row)
            self.w_nums.append(n)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22).move_to([-4.4, -2.55, 0])
        for row in rows:  # the numbers' left edges in one column
            row[1].align_to(rows[0][1], LEFT)
        self.play(FadeIn(rows), run_time=0.8)
        self.ins, self.out, self.edges, self.tags, self.rows = ins, out, edges, tags, rows
        self.bias_name, self.names, self.eq = bias_name, names, eq

    def beat_points(self):
        """The plane and its 80 points; class counts, the number of steps."""
        v = self.values
        plane = PointsPlane(v["points"], v["classes"], v["x_range"], v["y_range"],
                            width=4.7, height=4.7)
        plane.move_to([PLANE_X, -0.8, 0])
        for ax in (plane.axes.x_axis, plane.axes.y_axis):  # numbers go on the box's edges
            ax.remove(ax.numbers)
        (x0, x1, _), (y0, y1, _) = v["x_range"], v["y_range"]
        box = Polygon(*[plane.axes.c2p(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1),
                                                           (x0, y1))])
        box.set_stroke(theme.GRID, 1.5)
        ticks = VGroup()
        for x in range(int(x0), int(x1) + 1):
            ticks.add(label(str(x), theme.TINY_SIZE, theme.MUTED).next_to(
                plane.axes.c2p(x, y0), DOWN, buff=0.12))
        for y in range(int(y0), int(y1) + 1):
            ticks.add(label(str(y), theme.TINY_SIZE, theme.MUTED).next_to(
                plane.axes.c2p(x0, y), LEFT, buff=0.12))
        plane.add(box, ticks)
        self.plane = plane
        c0, c1 = v["class_count_texts"]
        leg = VGroup(label(f"class {v['class_ids'][0]}: {c0}", theme.SMALL_SIZE, theme.CLASS_COLORS[0]),
                     label(f"class {v['class_ids'][1]}: {c1}", theme.SMALL_SIZE, theme.CLASS_COLORS[1]),
                     label(f"{v['n_points_text']} points", theme.SMALL_SIZE, theme.TEXT))
        leg.arrange(RIGHT, buff=0.45).move_to([PLANE_X, 2.95, 0])
        it_t = label("step", theme.SMALL_SIZE, theme.MUTED)
        self.it_num = Integer(0, font_size=theme.AXIS_NUMBER_SIZE + 6, color=theme.TEXT)
        of = label(f"of {v['n_iterations_text']}", theme.SMALL_SIZE, theme.MUTED)
        acc_t = label("accuracy", theme.SMALL_SIZE, theme.MUTED)
        self.acc_num = Integer(v["with"]["acc_pct"][0], font_size=theme.AXIS_NUMBER_SIZE + 6,
                               unit=r"\%", color=theme.TEXT)
        wide = Integer(v["iters"][-1], font_size=theme.AXIS_NUMBER_SIZE + 6)
        status = VGroup(it_t, wide, of, acc_t, self.acc_num).arrange(RIGHT, buff=0.18)
        acc_t.shift(RIGHT * 0.4)
        self.acc_num.shift(RIGHT * 0.4)
        status.move_to([PLANE_X, 2.35, 0])
        self.it_num.add_updater(lambda m: m.next_to(of, LEFT, buff=0.18))
        self.it_num.update()
        status.remove(wide)
        status.add(self.it_num)
        self.play(Create(plane.axes), Create(box), FadeIn(ticks), FadeIn(plane.origin_dot),
                  run_time=0.8)
        self.play(LaggedStart(*[FadeIn(d, scale=0.3) for d in plane.markers], lag_ratio=0.02),
                  LaggedStart(*[FadeIn(t) for t in leg], lag_ratio=0.3), run_time=1.6)
        self.play(FadeIn(status), run_time=0.6)
        self.play(Indicate(of, color=theme.ACCENT), run_time=0.8)
        self.leg, self.status, self.of = leg, status, of

    def beat_line(self):
        """The line where o = 0.5, and the two sides shaded by the class the neuron predicts."""
        v = self.values
        self.tracker = ValueTracker(0)
        lo, hi, line = self._shades_and_line("nobias", self.tracker)
        sample = Line(LEFT * 0.25, RIGHT * 0.25).set_stroke(theme.ACCENT, 4)
        half = VGroup(sample, label(f"o = {v['threshold_text']}", theme.BODY_SIZE,
                                    theme.ACCENT)).arrange(RIGHT, buff=0.15)
        sides = VGroup(label(f"o > {v['threshold_text']}: class {v['class_ids'][1]}",
                             theme.SMALL_SIZE, theme.CLASS_COLORS[1]),
                       label(f"o < {v['threshold_text']}: class {v['class_ids'][0]}",
                             theme.SMALL_SIZE, theme.CLASS_COLORS[0]))
        sides.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        VGroup(half, sides).arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(CAPTION)
        self.play(Create(line), FadeIn(half), run_time=1.0)
        self.play(FadeIn(lo), FadeIn(hi), FadeIn(sides), run_time=1.0)
        self.bring_to_back(lo, hi)
        self.add(line, self.plane.markers, self.plane.origin_dot)
        self.play(Indicate(half, color=theme.ACCENT), run_time=0.8)
        self.shades, self.line, self.half, self.sides = VGroup(lo, hi), line, half, sides

    def _train(self, key):
        """Play run ``key``: every recorded snapshot in turn, the line moving smoothly."""
        v = self.values
        self._readouts_follow(key, self.tracker)
        self.play(self.tracker.animate.set_value(len(v[key]["b"]) - 1), run_time=RUN_SECONDS,
                  rate_func=linear)
        self._stop_readouts()

    def beat_nobias(self):
        """Without a bias: b stays 0, the line turns about the origin; accuracy stays low."""
        self.play(Indicate(self.tags[2], color=theme.ACCENT),
                  Indicate(self.rows[2], color=theme.ACCENT), run_time=0.8)
        self._train("nobias")
        self.play(Circumscribe(self.acc_num, color=theme.ACCENT),
                  Indicate(self.plane.origin_dot, color=theme.ACCENT, scale_factor=2),
                  run_time=1.0)

    def beat_origin(self):
        """Both class means lie on one ray from the origin: no line through it splits them."""
        v = self.values
        axes = self.plane.axes
        means = VGroup(*[Dot(axes.c2p(*m), radius=0.11, color=theme.CLASS_COLORS[c])
                         .set_stroke(theme.TEXT, 2) for c, m in enumerate(v["class_means"])])
        far = v["class_means"][1]
        scale = min((v["x_range"][1] - 0.1) / far[0], (v["y_range"][1] - 0.1) / far[1])
        ray = DashedLine(axes.c2p(0, 0), axes.c2p(far[0] * scale, far[1] * scale),
                         dash_length=0.12).set_stroke(theme.ACCENT, 3)
        cap = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in
                       ("both clouds lie", "in one direction", "from the origin")])
        cap.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.half, DOWN, buff=0.3)
        cap.align_to(self.half, LEFT)
        self.play(FadeOut(self.sides), TransformFromCopy(self.plane.origin_dot, means[0]),
                  TransformFromCopy(self.plane.origin_dot, means[1]), run_time=0.8)
        self.play(Create(ray), FadeIn(cap), run_time=1.2)
        # a line through the origin swept across: both means stay on one side
        w_end, _ = self._params("nobias", len(v["nobias"]["b"]) - 1)
        angle = ValueTracker(0.0)

        def probe():
            a = angle.get_value()
            w = np.array([np.cos(a), np.sin(a)]) if np.linalg.norm(w_end) == 0 else (
                np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) @ w_end)
            ends = decision_segment(w, 0.0, v["x_range"][:2], v["y_range"][:2])
            if ends is None:
                return Line(axes.c2p(0, 0), axes.c2p(0, 0)).set_stroke(width=0)
            return Line(axes.c2p(*ends[0]), axes.c2p(*ends[1])).set_stroke(theme.MUTED, 3)

        sweep = always_redraw(probe)
        self.add(sweep)
        self.play(angle.animate.set_value(np.pi / 2), run_time=2.0)
        self.remove(sweep)
        self.play(Indicate(means, scale_factor=1.4), run_time=0.8)
        self.means, self.ray, self.cap = means, ray, cap

    def beat_with(self):
        """With a bias: the ghost of the last line stays; the line shifts and separates."""
        ghost = self.line.copy().clear_updaters()
        ghost = DashedLine(ghost.get_start(), ghost.get_end(), dash_length=0.12).set_stroke(
            theme.MUTED, 2.5)
        title = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in
                         ("with a bias:", "the line moves", "off the origin")])
        title.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.half, DOWN, buff=0.3)
        title.align_to(self.half, LEFT)
        self.remove(*self.shades, self.line)
        self.tracker = ValueTracker(0)
        lo, hi, line = self._shades_and_line("with", self.tracker)
        self.add(ghost)
        self.play(FadeOut(self.ray), FadeOut(self.means), FadeOut(self.cap), FadeIn(title),
                  FadeIn(lo), FadeIn(hi), FadeIn(line), run_time=0.8)
        self.bring_to_back(lo, hi)
        self.add(self.plane.markers, self.plane.origin_dot, line)
        self._train("with")
        self.play(Circumscribe(self.rows[2], color=theme.ACCENT),
                  Circumscribe(self.acc_num, color=theme.ACCENT), run_time=1.2)
        self.still("bias-shifts-line")
        self.shades, self.line, self.ghost, self.with_title = VGroup(lo, hi), line, ghost, title

    def beat_init(self):
        """Our network's bias neuron: its edges into all 20 hidden neurons, every bias 0."""
        v = self.values
        # as many hidden neurons as fit (the reference's 20), the rest elided; the heading
        # says the true count
        net = NetworkDiagram([1, v["n_hidden"]], max_shown=[1, MAX_BIAS_ROWS], layer_gap=3.4,
                             height=5.0, radius=0.11, show_counts=False, edge_layers=[])
        drawn = net.index[1]
        net.move_to([PLANE_X, -0.7, 0])
        bias = net.neuron(0, 0).set_stroke(theme.ACCENT, 3).set_fill(theme.NEURON_FILL, 1.0)
        bias.scale(2.4)
        one = attach(label(exact(v["bias_input"]), theme.BODY_SIZE, theme.BACKGROUND,
                           weight="BOLD"), bias).move_to(bias)
        edges = VGroup(*[edge_style(Line(bias.get_right(), net.neuron(1, i).get_left()),
                                    v["b_i_h_init"][i]).set_stroke(width=1.5)
                         for i in drawn])
        zeros = VGroup()
        for i in drawn:
            t = label(v["b_init_texts"][i], theme.TINY_SIZE, theme.MUTED)
            zeros.add(attach(t.next_to(net.neuron(1, i), RIGHT, buff=0.15), net.neuron(1, i)))
        head = label(f"our network: {v['n_hidden_text']} hidden biases", theme.SMALL_SIZE,
                     theme.TEXT).move_to([PLANE_X, 2.45, 0])
        old = VGroup(self.plane, self.shades, self.line, self.ghost, self.leg, self.status,
                     self.half)
        run = v["with"]
        began = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in
                         (f"b began at {run['first_b_text']}", f"and learned {run['final_b_text']}")])
        began.arrange(DOWN, aligned_edge=LEFT, buff=0.1).move_to(self.with_title, aligned_edge=UL)
        self.play(FadeOut(old), FadeOut(self.with_title), FadeIn(began), run_time=0.8)
        self.play(TransformFromCopy(self.ins[2], bias), FadeIn(one), FadeIn(net.layers[1]),
                  FadeIn(head), run_time=1.0)
        self.play(Create(edges, lag_ratio=0.05), run_time=1.2)
        self.play(LaggedStart(*[FadeIn(z, shift=RIGHT * 0.1) for z in zeros], lag_ratio=0.04),
                  run_time=1.2)
        self.play(Indicate(zeros, color=theme.ACCENT), Indicate(self.rows[2],
                                                                color=theme.ACCENT),
                  run_time=1.0)
