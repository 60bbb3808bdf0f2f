"""The bias chapter: one neuron with two inputs, trained without and with a bias (real runs).

Every beat lays its animations along its sentence (:mod:`scenes.timing`): the neuron's pieces
arrive as they are named and its three terms flow into the sum, the points arrive uncoloured
and take their class colours as the counts are said, the shaded sides fade in one at a time
(behind the points: :meth:`Bias.shade_in`), each
training run plays while "over N steps" / "after N steps" is spoken with the step counter
counting, the clouds' wedges seen from the origin grow and a line through the origin sweeps
a half-turn while "it cuts a cloud, or leaves both on one side" is said, and the final
weights fly into the threshold inequality as they are read out, each marked in the readouts,
while the side the neuron calls teal deepens.
"""

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
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    Line,
    Polygon,
    ShowPassingFlash,
    SurroundingRectangle,
    Transform,
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


def wedge_outline(axes, lo_deg, hi_deg, x_range, y_range, reach, n=40):
    """The wedge of directions ``lo_deg``..``hi_deg`` from the origin, out to ``reach`` (or
    the plot box, if nearer)."""
    pts = [axes.c2p(0, 0)]
    for a in np.radians(np.linspace(lo_deg, hi_deg, n)):
        d = np.array([np.cos(a), np.sin(a)])
        r = min([(x_range[1] if d[0] > 0 else x_range[0]) / d[0] if abs(d[0]) > 1e-9
                 else np.inf,
                 (y_range[1] if d[1] > 0 else y_range[0]) / d[1] if abs(d[1]) > 1e-9
                 else np.inf])
        pts.append(axes.c2p(*(min(0.96 * r, reach) * d)))
    return Polygon(*pts)

#: LaTeX numbers (DecimalNumber) at this size have the cap height of body text.
TEX_BODY = 52
#: The centre x of the points plane, and the centre of the captions between neuron and plane.
PLANE_X = 3.6
CAPTION = (-1.05, 0.5, 0)
#: The most hidden neurons the bias diagram draws; more are elided.
MAX_BIAS_ROWS = 20
#: The least time the line takes to leave the origin with a bias (it does in a few steps).
LEAVE_SECONDS = 2.2
#: The fill opacity of a shaded side (the class the neuron predicts there).
SHADE_OPACITY = 0.16
#: The two classes' colours (theme.CLASS_COLORS: apart from the sign colours).
CLASS_COLORS = theme.CLASS_COLORS


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
                color = CLASS_COLORS[1 if side > 0 else 0]
                if len(pts) < 3:
                    return Polygon(*[plane.axes.c2p(0, 0)] * 3).set_stroke(width=0)
                return backdrop(Polygon(*[plane.axes.c2p(x, y) for x, y in pts])
                                .set_stroke(width=0).set_fill(color, SHADE_OPACITY))
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
        """Updaters: the weights, bias, step and share right follow the recorded snapshot."""
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
        """The neuron: inputs x, y and the always-1 input, edges w1, w2, b into o; the formula
        with b added to the sum before the sigmoid; the readouts of w1, w2 and b."""
        v = self.values
        self.title_card()
        r = theme.NEURON_RADIUS * 2.2
        xs, ox = -5.6, -3.2
        ins = VGroup(*[Circle(radius=r, stroke_color=theme.NEURON_STROKE, stroke_width=2.5)
                       .move_to([xs, y, 0]) for y in (1.45, 0.5, -0.45)])
        ins[2].set_stroke(theme.ACCENT, 3).set_fill(theme.NEURON_FILL, 1.0)
        out = Circle(radius=r * 1.15, stroke_color=theme.OUTPUT, stroke_width=3).move_to(
            [ox, 0.5, 0])
        one = exact(v["bias_input"])
        names = VGroup(attach(label("x", theme.BODY_SIZE, theme.TEXT), ins[0]),
                       attach(label("y", theme.BODY_SIZE, theme.TEXT), ins[1]),
                       attach(label(one, theme.BODY_SIZE, theme.BACKGROUND, weight="BOLD"),
                              ins[2]),
                       attach(label("o", theme.BODY_SIZE, theme.OUTPUT), out))
        for t, c in zip(names, [*ins, out]):
            t.move_to(c)
        bias_name = label(f"always {one}", theme.SMALL_SIZE, theme.ACCENT)
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
        # "two inputs, x and y": the inputs and the neuron arrive
        self.play(FadeIn(out, scale=0.6), out.animate.set_fill(theme.NEURON_FILL, 0.3),
                  FadeIn(names[3]), at="neuron", until="two")
        self.play(LaggedStart(FadeIn(VGroup(ins[0], names[0]), shift=RIGHT * 0.2),
                              FadeIn(VGroup(ins[1], names[1]), shift=RIGHT * 0.2),
                              lag_ratio=0.5), at="two", through="y,")
        # "plus an input that always holds 1"
        self.play(FadeIn(ins[2], shift=RIGHT * 0.2), FadeIn(bias_name), at="plus",
                  until=one)
        self.light(names[2], bias_name, at=one)
        # "its weight b is the bias": the edges, then b's edge marked
        self.play(LaggedStart(*[Create(e) for e in edges], lag_ratio=0.3),
                  LaggedStart(*[FadeIn(t) for t in tags], lag_ratio=0.3), at="its",
                  until="b")
        self.play(Indicate(edges[2], color=theme.ACCENT), Indicate(tags[2], color=theme.ACCENT),
                  at="b", through="bias,")
        # "added to the weighted sum before the sigmoid": the formula, b in it, the readouts
        flows = [ShowPassingFlash(e.copy().set_stroke(theme.ACCENT, 7), time_width=0.5)
                 for e in edges]  # all three terms, b's too, flow into the one sum
        self.play(Write(eq), LaggedStart(*flows, lag_ratio=0.25), at="added", until="sigmoid.")
        self.play(Indicate(eq[5], color=theme.ACCENT), Indicate(eq[0], color=theme.ACCENT),
                  FadeIn(rows, shift=UP * 0.1), at="sigmoid.", run_time=1.0)
        self.ins, self.out, self.edges, self.tags, self.rows = ins, out, edges, tags, rows
        self.bias_name, self.names, self.eq = bias_name, names, eq

    def beat_points(self):
        """The plane; the points fill in class by class as their counts are said; the step
        counter with its total."""
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
        leg = VGroup(label(f"class {v['class_ids'][0]}: {c0}", theme.SMALL_SIZE, CLASS_COLORS[0]),
                     label(f"class {v['class_ids'][1]}: {c1}", theme.SMALL_SIZE, CLASS_COLORS[1]),
                     label(f"{v['n_points_text']} points", theme.SMALL_SIZE, theme.TEXT))
        leg.arrange(RIGHT, buff=0.45).move_to([PLANE_X, 2.95, 0])
        it_t = label("step", theme.SMALL_SIZE, theme.MUTED)
        self.it_num = Integer(0, font_size=theme.AXIS_NUMBER_SIZE + 6, color=theme.TEXT)
        of = label(f"of {v['n_iterations_text']}", theme.SMALL_SIZE, theme.MUTED)
        acc_t = label("right", theme.SMALL_SIZE, theme.MUTED)
        self.acc_num = Integer(v["with"]["acc_pct"][0], font_size=theme.AXIS_NUMBER_SIZE + 6,
                               unit=r"\%", color=theme.TEXT)
        wide = Integer(v["iters"][-1], font_size=theme.AXIS_NUMBER_SIZE + 6)
        status = VGroup(it_t, wide, of, self.acc_num, acc_t).arrange(RIGHT, buff=0.18)
        self.acc_num.shift(RIGHT * 0.4)
        acc_t.shift(RIGHT * 0.4)
        status.move_to([PLANE_X, 2.35, 0])
        self.it_num.add_updater(lambda m: m.next_to(of, LEFT, buff=0.18))
        self.it_num.update()
        acc_t.add_updater(lambda m: m.next_to(self.acc_num, RIGHT, buff=0.18))
        status.remove(wide)
        status.add(self.it_num)
        cls = [VGroup(*[d for d, c in zip(plane.markers, v["classes"]) if c == k])
               for k in v["class_ids"]]
        # "we train it as before, step after step": the plane is drawn
        self.play(Create(plane.axes), Create(box), FadeIn(ticks), FadeIn(plane.origin_dot),
                  until=v["n_points_text"])
        # "80 points": every point, uncoloured; "of two classes, 40 orange and 40 teal": each
        # class takes its colour as its count is said
        for d in plane.markers:
            d.set_color(theme.MUTED)
        self.play(FadeIn(leg[2], shift=DOWN * 0.1),
                  LaggedStart(*[FadeIn(d, scale=0.3) for d in plane.markers], lag_ratio=0.02),
                  at=v["n_points_text"], until=c0)
        self.play(LaggedStart(*[d.animate.set_color(CLASS_COLORS[0]) for d in cls[0]],
                              lag_ratio=0.05),
                  FadeIn(leg[0], shift=DOWN * 0.1), at=c0, through="orange")
        self.play(LaggedStart(*[d.animate.set_color(CLASS_COLORS[1]) for d in cls[1]],
                              lag_ratio=0.05),
                  FadeIn(leg[1], shift=DOWN * 0.1), at=c1, through="teal,")
        self.play(FadeIn(status), at="for", until=v["n_iterations_text"])
        self.light(of, at=v["n_iterations_text"])
        self.leg, self.status, self.of = leg, status, of

    def beat_line(self):
        """The line where o = 0.5 (the sum is zero), and the sides shaded by predicted class."""
        v = self.values
        self.tracker = ValueTracker(0)
        lo, hi, line = self._shades_and_line("nobias", self.tracker)
        sample = Line(LEFT * 0.25, RIGHT * 0.25).set_stroke(theme.ACCENT, 4)
        half = VGroup(sample, label(f"o = {v['threshold_text']}", theme.BODY_SIZE,
                                    theme.ACCENT)).arrange(RIGHT, buff=0.15)
        zero = formula(r"w_1 x + w_2 y + b = 0", size=theme.TEX_SIZE[theme.SMALL_SIZE])
        zero.text_role = "small"
        sides = VGroup(label(f"o > {v['threshold_text']}: class {v['class_ids'][1]}",
                             theme.SMALL_SIZE, CLASS_COLORS[1]),
                       label(f"o < {v['threshold_text']}: class {v['class_ids'][0]}",
                             theme.SMALL_SIZE, CLASS_COLORS[0]))
        sides.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        VGroup(half, zero, sides).arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(CAPTION)
        self.play(Create(line), at="line", until=v["threshold_text"])
        self.play(FadeIn(half, shift=RIGHT * 0.1), Indicate(line, color=theme.ACCENT),
                  at=v["threshold_text"], run_time=0.8)
        self.play(FadeIn(zero, shift=DOWN * 0.1), at="sum", through="zero:")
        # "on the shaded side of each colour the neuron predicts that class": one side, then
        # the other, each with its rule; then the points of each side
        self.play(*self.shade_in(hi), FadeIn(sides[0], shift=RIGHT * 0.1), at="shaded",
                  until="each")
        self.play(*self.shade_in(lo), FadeIn(sides[1], shift=RIGHT * 0.1), at="each",
                  until="predicts")
        self.shaded(hi, lo)
        self.add(line, self.plane.markers, self.plane.origin_dot)
        self.play(Indicate(self.plane.markers, color=theme.ACCENT, scale_factor=1.0),
                  Indicate(sides, color=theme.ACCENT, scale_factor=1.0),
                  at="predicts", through="class.")
        self.shades, self.line, self.half, self.sides, self.zero = (VGroup(lo, hi), line, half,
                                                                     sides, zero)

    def shade_in(self, *shades):
        """Animations that fade shaded sides in behind the points. A side is redrawn from the
        tracker every frame (which would show it at once at full strength): its redrawing
        waits, it is put behind everything at no opacity, and :meth:`shaded` resumes it."""
        for m in shades:
            m.suspend_updating()
            m.set_fill(opacity=0)
            self.add(m)
            self.bring_to_back(m)
        return [m.animate.set_fill(opacity=SHADE_OPACITY) for m in shades]

    def shaded(self, *shades):
        for m in shades:
            m.resume_updating()

    def _train(self, key, upto=None, **timing):
        """Play run ``key`` from the tracker's snapshot to ``upto`` (the last by default): every
        recorded snapshot in turn, the line moving smoothly, the readouts and the step counter
        following; timed by ``timing`` (play's word timing)."""
        v = self.values
        upto = len(v[key]["b"]) - 1 if upto is None else upto
        self._readouts_follow(key, self.tracker)
        self.play(self.tracker.animate.set_value(upto), rate_func=linear, **timing)
        self._stop_readouts()

    def beat_nobias(self):
        """Without a bias: b stays 0, the line turns about the origin while the counter counts
        the steps; the share right at the end is marked."""
        v = self.values
        self.play(Indicate(self.tags[2], color=theme.ACCENT),
                  Indicate(self.rows[2], color=theme.ACCENT), at="b", through="zero,")
        # "the line must pass through the origin: over N steps it only turns"
        self.play(Indicate(self.plane.origin_dot, color=theme.ACCENT, scale_factor=2.5),
                  self.of.animate.set_color(theme.ACCENT), at="must", run_time=0.6)
        self._train("nobias", until=v["nobias_pct_text"])
        self.play(self.of.animate.set_color(theme.MUTED),
                  Indicate(self.acc_num, color=theme.ACCENT, scale_factor=1.3),
                  at=v["nobias_pct_text"], run_time=theme.LIGHT)

    def beat_origin(self):
        """Each cloud's wedge of directions from the origin; the wedges overlap; a line through
        the origin sweeps a half-turn: it cuts the clouds, or has both on one side."""
        v = self.values
        axes = self.plane.axes
        xr, yr = v["x_range"][:2], v["y_range"][:2]
        pts, cls = np.asarray(v["points"]), np.asarray(v["classes"])
        reach = [float(np.linalg.norm(pts[cls == c], axis=1).max()) + 0.3 for c in (0, 1)]
        wedges = VGroup(*[backdrop(wedge_outline(axes, lo, hi, xr, yr, reach[c])
                                   .set_stroke(CLASS_COLORS[c], 2, opacity=0.9)
                                   .set_fill(CLASS_COLORS[c], 0.14))
                          for c, (lo, hi) in enumerate(v["wedges"])])
        cap = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in
                       ("seen from the origin,", "the wedges overlap:", "no room between")])
        cap.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.zero, DOWN, buff=0.3)
        cap.align_to(self.half, LEFT)
        self.play(FadeOut(self.sides), FadeOut(self.shades),
                  Indicate(self.plane.origin_dot, color=theme.ACCENT, scale_factor=2.5),
                  at="Seen", until="two")
        self.add(self.plane.markers, self.plane.origin_dot)
        self.play(Create(wedges[0]), at="two", through="clouds")
        self.play(Create(wedges[1]), FadeIn(cap[0]), at="fill", through="overlapping")
        self.play(FadeIn(cap[1]), Indicate(wedges, color=theme.ACCENT, scale_factor=1.0),
                  at="wedges,", run_time=0.8)
        # a line through the origin, from the trained line's direction, sweeps a half-turn
        w_end, _ = self._params("nobias", len(v["nobias"]["b"]) - 1)
        start = np.arctan2(w_end[1], w_end[0]) + np.pi / 2  # the line's own direction
        inside = np.radians(np.mean(v["class_dirs"]))
        while inside > start:
            inside -= np.pi
        angle = ValueTracker(start)

        def probe():
            a = angle.get_value()
            w = np.array([-np.sin(a), np.cos(a)])  # normal of direction a
            ends = decision_segment(w, 0.0, xr, yr)
            if ends is None:
                return Line(axes.c2p(0, 0), axes.c2p(0, 0)).set_stroke(width=0)
            return Line(axes.c2p(*ends[0]), axes.c2p(*ends[1])).set_stroke(theme.ACCENT, 4)

        sweep = always_redraw(probe)
        self.remove(self.line)
        self.add(sweep)
        self.play(FadeIn(cap[2]), angle.animate.set_value(inside), at="no", until="cuts")
        self.play(Indicate(self.plane.markers, color=theme.ACCENT, scale_factor=1.0),
                  at="cuts", through="cloud,")
        self.play(angle.animate.set_value(start - np.pi), at="or", through="side.")
        self.sweep, self.wedges, self.cap = sweep, wedges, cap

    def beat_with(self):
        """With a bias: the line leaves the origin over the first steps while "move away from
        the origin" is said (2 s or more: it does so within a few recorded snapshots), then
        the rest of the run separates the clouds; the counter counts, the share right and the
        learned b are marked as they are said."""
        v = self.values
        ghost = self.sweep.copy().clear_updaters()
        ghost = DashedLine(ghost.get_start(), ghost.get_end(), dash_length=0.12).set_stroke(
            theme.MUTED, 2.5)
        title = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in
                         ("with a bias:", "the line moves", "off the origin")])
        title.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.zero, DOWN, buff=0.3)
        title.align_to(self.half, LEFT)
        self.remove(self.sweep)
        self.add(ghost)
        self.tracker = ValueTracker(0)
        lo, hi, line = self._shades_and_line("with", self.tracker)
        self.play(FadeOut(self.wedges), FadeOut(self.cap), FadeIn(title), *self.shade_in(lo, hi),
                  FadeIn(line), Indicate(self.tags[2], color=theme.ACCENT),
                  Indicate(self.rows[2], color=theme.ACCENT), at="With", until="line")
        self.shaded(lo, hi)
        self.add(self.plane.markers, self.plane.origin_dot, line)
        self.play(self.of.animate.set_color(theme.ACCENT), at="line", run_time=0.4)
        # "can move away from the origin": the first steps, where the line leaves the origin,
        # played slowly enough to follow (at least 2 s); then the rest of the run
        leave = v["with"]["leave"]
        self._train("with", upto=leave,
                    run_time=max(LEAVE_SECONDS, self.seconds_to("origin:", said=True)))
        self._train("with", until=v["with_pct_text"])
        self.play(self.of.animate.set_color(theme.MUTED),
                  Indicate(self.acc_num, color=theme.ACCENT, scale_factor=1.3),
                  at=v["with_pct_text"], run_time=theme.LIGHT)
        # "with b at ...": the learned bias is marked in the readouts, and stays marked into
        # the next sentence, which reads it as a threshold
        self.b_mark = backdrop(SurroundingRectangle(self.rows[2], buff=0.06).set_stroke(width=0)
                               .set_fill(theme.ACCENT, 0.16))
        self.play(FadeIn(self.b_mark), at="with", until=v["with"]["final_b_text"])
        self.wait_for(v["with"]["final_b_text"])
        self.play(Indicate(self.rows[2], color=theme.ACCENT),
                  Indicate(self.edges[2], color=theme.ACCENT),
                  run_time=max(theme.LIGHT, self.seconds_left()))
        self.still("bias-shifts-line")
        self.shades, self.line, self.ghost, self.with_title = VGroup(lo, hi), line, ghost, title

    def beat_threshold(self):
        """The bias as a threshold: the learned weights and b fly into
        w1 x + w2 y > -b, the inequality that says where the neuron answers class 1."""
        tt = self.values["threshold_terms"]
        size = theme.TEX_SIZE[theme.BODY_SIZE]
        w = self.values["with"]["final_w"]
        top = formula(tt["w1_text"], "x", tt["w2_sign"], tt["w2_abs_text"], "y", size=size)
        top[0].set_color(weight_color(w[0]))
        top[3].set_color(weight_color(w[1]))
        bottom = formula(">", tt["thr_text"], size=size)
        rule = VGroup(top, bottom).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rule.move_to(self.with_title, aligned_edge=UL)
        for part in (top, bottom):
            part.text_role = "body"
        lo, hi = self.shades
        for m in (lo, hi):  # the run is over: the sides stay where they are
            m.clear_updaters()
        self.play(FadeOut(self.with_title), FadeOut(self.b_mark),
                  Indicate(self.line, color=theme.ACCENT), at="threshold:", until="teal")
        # "answers teal only where": the teal side deepens; each term is marked in the
        # readouts as it flies into the inequality
        self.play(hi.animate.set_fill(opacity=2.5 * SHADE_OPACITY), at="teal",
                  until=tt["w1_text"])
        mark = backdrop(SurroundingRectangle(self.rows[0], buff=0.06).set_stroke(width=0)
                        .set_fill(theme.ACCENT, 0.16))
        self.play(TransformFromCopy(self.w_nums[0], top[0]), FadeIn(top[1]), FadeIn(mark),
                  at=tt["w1_text"], until=tt["w2_abs_text"])
        self.play(TransformFromCopy(self.w_nums[1], top[3]), FadeIn(top[2]), FadeIn(top[4]),
                  mark.animate.move_to(self.rows[1], aligned_edge=LEFT),
                  at=tt["w2_abs_text"], until="more")
        self.play(FadeIn(bottom[0]), mark.animate.move_to(self.rows[2], aligned_edge=LEFT),
                  at="more", until=tt["thr_text"])
        self.play(TransformFromCopy(self.w_nums[2], bottom[1]), at=tt["thr_text"],
                  run_time=0.8)
        self.play(Indicate(self.rows[2], color=theme.ACCENT),
                  hi.animate.set_fill(opacity=SHADE_OPACITY),
                  Circumscribe(bottom[1], color=theme.ACCENT), at="bias", through="flipped.")
        self.rule, self.mark = rule, mark

    def beat_init(self):
        """Our network's bias input: its edges into the hidden neurons, every bias at its
        start (0 here), then recoloured to the trained biases."""
        v = self.values
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
        trained = [edge_style(e.copy(), v["b_i_h_final"][i]) for e, i in zip(edges, drawn)]
        starts = sorted(set(v["b_init_texts"]))
        head = label(f"our network: {v['n_hidden_text']} hidden biases", theme.SMALL_SIZE,
                     theme.TEXT).move_to([PLANE_X, 2.45, 0])
        sub = label(f"at the start: {', '.join(starts)}", theme.SMALL_SIZE, theme.MUTED)
        sub.next_to(head, DOWN, buff=theme.GAP_SMALL)
        after = label("after training", theme.SMALL_SIZE, theme.MUTED).move_to(sub)
        old = VGroup(self.plane, self.shades, self.line, self.ghost, self.leg, self.status)
        self.play(FadeOut(old), TransformFromCopy(self.ins[2], bias), FadeIn(one),
                  FadeIn(net.layers[1]), FadeIn(head), until="hidden")
        self.play(Create(edges, lag_ratio=0.05), FadeIn(sub), at="hidden", until=starts[0])
        self.light(sub, at=starts[0])
        self.play(LaggedStart(*[Transform(e, t) for e, t in zip(edges, trained)],
                              lag_ratio=0.05), FadeOut(sub), FadeIn(after), at="training",
                  through="needed.")
