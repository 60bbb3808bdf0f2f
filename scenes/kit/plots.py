"""Plots: the sigmoid, output bars, histograms, the 2-D points plane and line plots.

Tick positions come from :func:`nice_ticks`, a pure function of the data's range.
"""

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, DashedLine, Dot, Line, Rectangle, VGroup, VMobject

from nnmath.activations import sigmoid
from scenes import theme
from scenes.kit.text import label
from scenes.values.format import fmt

ORIGIN_POINT = np.zeros(3)


class SigmoidPlot(VGroup):
    """The sigmoid curve on axes, with the real point ``(x, sigmoid(x))`` marked.

    ``x_range`` ``(lo, hi, step)`` is chosen by the chapter's values so ``x`` fits.
    The curve is drawn with nnmath's own sigmoid.
    """

    def __init__(self, x, x_range, width=5.0, height=2.6, point_label=None):
        super().__init__()
        self.axes = Axes(x_range=list(x_range), y_range=[0, 1, 0.5], x_length=width,
                         y_length=height, tips=False,
                         axis_config={"color": theme.MUTED, "include_numbers": True,
                                      "font_size": theme.AXIS_NUMBER_SIZE, "stroke_width": 1.5})
        self.curve = self.axes.plot(lambda t: float(sigmoid(t)), x_range=list(x_range[:2]),
                                    color=theme.CURVE, stroke_width=3)
        self.x = float(x)
        self.y = float(sigmoid(self.x))
        self.dot = Dot(self.axes.c2p(self.x, self.y), color=theme.ACCENT, radius=0.08)
        self.guides = VGroup(
            self.axes.get_vertical_line(self.axes.c2p(self.x, self.y), color=theme.ACCENT,
                                        stroke_width=1.5),
            self.axes.get_horizontal_line(self.axes.c2p(self.x, self.y), color=theme.ACCENT,
                                          stroke_width=1.5))
        self.add(self.axes, self.curve, self.guides, self.dot)
        if point_label is not None:
            self.point_label = label(point_label, theme.SMALL_SIZE, theme.ACCENT)
            self.point_label.next_to(self.dot, UP + LEFT if self.x > 0 else UP + RIGHT, buff=0.1)
            self.add(self.point_label)


class OutputBars(VGroup):
    """Bars of the output layer: height = real output, class names below, values above.

    ``highlight`` (an index, e.g. the argmax) is drawn in the accent colour. For
    counts rather than outputs in [0, 1], pass ``top`` (the value of a full bar)
    and preformatted ``texts``.
    """

    def __init__(self, values, names, highlight=None, width=6.0, height=2.5, digits=2,
                 show_values=True, texts=None, top=1.0):
        super().__init__()
        v = np.asarray(values, dtype=float).reshape(-1)
        self.values = v
        slot = width / len(v)
        baseline = Line([-width / 2, 0, 0], [width / 2, 0, 0]).set_stroke(theme.MUTED, 1.5)
        self.bars = VGroup()
        self.value_labels = VGroup()
        self.names = VGroup()
        for i, x in enumerate(v):
            h = max(float(np.clip(x / top, 0, 1)) * height, 0.02)
            bar = Rectangle(width=slot * 0.6, height=h)
            color = theme.BAR_TOP if i == highlight else theme.BAR
            bar.set_fill(color, 1.0).set_stroke(width=0)
            bar.move_to([-width / 2 + (i + 0.5) * slot, h / 2, 0])
            self.bars.add(bar)
            name = label(names[i], theme.SMALL_SIZE, theme.TEXT)
            name.next_to(bar, DOWN, buff=0.12).set_y(-0.22)
            self.names.add(name)
            if show_values:
                t = label(texts[i] if texts is not None else fmt(x, digits), theme.TINY_SIZE,
                          color)
                if t.width > slot * 0.92:
                    t.scale_to_fit_width(slot * 0.92)
                t.next_to(bar, UP, buff=0.08)
                self.value_labels.add(t)
        self.add(baseline, self.bars, self.names, self.value_labels)


class Histogram(VGroup):
    """Bars of a real histogram: ``counts`` per bin between ``edges`` (as ``np.histogram``).

    ``edge_texts``: which edges to label (index -> string) under the axis.
    """

    def __init__(self, counts, edges, edge_texts=None, width=5.5, height=2.6,
                 color=theme.BAR):
        super().__init__()
        counts = np.asarray(counts, dtype=float)
        edges = np.asarray(edges, dtype=float)
        lo, hi = float(edges[0]), float(edges[-1])
        top = float(counts.max()) if counts.size and counts.max() > 0 else 1.0
        self.bars = VGroup()
        for c, a, b in zip(counts, edges[:-1], edges[1:]):
            h = max(c / top * height, 0.01)
            x0 = (a - lo) / (hi - lo) * width - width / 2
            x1 = (b - lo) / (hi - lo) * width - width / 2
            bar = Rectangle(width=max(x1 - x0 - 0.01, 0.005), height=h)
            bar.set_fill(color, 0.9).set_stroke(width=0)
            bar.move_to([(x0 + x1) / 2, h / 2, 0])
            self.bars.add(bar)
        axis = Line([-width / 2, 0, 0], [width / 2, 0, 0]).set_stroke(theme.MUTED, 1.5)
        self.edge_labels = VGroup()
        for i, text in (edge_texts or {}).items():
            x = (edges[i] - lo) / (hi - lo) * width - width / 2
            t = label(text, theme.TINY_SIZE, theme.MUTED).move_to([x, -0.25, 0])
            self.edge_labels.add(t)
        self.add(axis, self.bars, self.edge_labels)


class PointsPlane(VGroup):
    """2-D points coloured by class on axes, and a neuron's decision line ``w·p + b = 0``."""

    def __init__(self, points, classes, x_range, y_range, width=5.0, height=5.0):
        super().__init__()
        self.axes = Axes(x_range=list(x_range), y_range=list(y_range), x_length=width,
                         y_length=height, tips=False,
                         axis_config={"color": theme.MUTED, "include_numbers": True,
                                      "font_size": theme.AXIS_NUMBER_SIZE, "stroke_width": 1.5})
        self.markers = VGroup(*[
            Dot(self.axes.c2p(float(x), float(y)), radius=0.05,
                color=theme.CLASS_COLORS[int(c)])
            for (x, y), c in zip(np.asarray(points), np.asarray(classes))])
        self.origin_dot = Dot(self.axes.c2p(0, 0), radius=0.06, color=theme.TEXT)
        self.add(self.axes, self.markers, self.origin_dot)

    def line(self, w, b, color=theme.ACCENT):
        """The decision line of weights ``w`` (2,) and bias ``b``, clipped to the axes."""
        ends = decision_segment(w, b, self.axes.x_range[:2], self.axes.y_range[:2])
        if ends is None:
            return Line(ORIGIN_POINT, ORIGIN_POINT).set_stroke(color, 0)
        (x0, y0), (x1, y1) = ends
        return Line(self.axes.c2p(x0, y0), self.axes.c2p(x1, y1)).set_stroke(color, 4)


def decision_segment(w, b, x_range, y_range):
    """The two ends of the line ``w[0]*x + w[1]*y + b = 0`` inside the box, or None."""
    w0, w1, b = float(w[0]), float(w[1]), float(b)
    (xl, xh), (yl, yh) = x_range, y_range
    pts = []
    if abs(w1) > 1e-12:
        for x in (xl, xh):
            y = -(w0 * x + b) / w1
            if yl - 1e-9 <= y <= yh + 1e-9:
                pts.append((x, y))
    if abs(w0) > 1e-12:
        for y in (yl, yh):
            x = -(w1 * y + b) / w0
            if xl - 1e-9 <= x <= xh + 1e-9:
                pts.append((x, y))
    uniq = []
    for p in pts:
        if all(abs(p[0] - q[0]) > 1e-9 or abs(p[1] - q[1]) > 1e-9 for q in uniq):
            uniq.append(p)
    if len(uniq) < 2:
        return None
    return uniq[0], uniq[-1]


def nice_ticks(lo, hi, n=5):
    """Round tick values covering [lo, hi] with about ``n`` intervals (1, 2 or 5 times 10^k)."""
    lo, hi = float(lo), float(hi)
    if not hi > lo:
        raise ValueError(f"empty range [{lo}, {hi}]")
    raw = (hi - lo) / n
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    t = first
    while t <= hi + 1e-9 * step:
        ticks.append(round(t, 12))
        t += step
    return ticks


def log_ticks(lo, hi):
    """Powers of ten within [lo, hi] (both > 0), for a log-scaled axis."""
    return [10.0 ** k for k in range(math.ceil(math.log10(lo) - 1e-9),
                                     math.floor(math.log10(hi) + 1e-9) + 1)]


class LinePlot(VGroup):
    """Axes with tick labels given as ``(value, text)``; draws real series, dots and markers.

    ``log_x``, ``log_y``: that axis is log10-scaled (its values must be > 0).
    Coordinates passed to :meth:`series`, :meth:`dots` and :meth:`vline` are data values.
    """

    def __init__(self, x_range, y_range, x_ticks=(), y_ticks=(), x_label="", y_label="",
                 width=6.0, height=3.0, log_x=False, log_y=False):
        super().__init__()
        self.log_x, self.log_y = log_x, log_y
        self.x_range, self.y_range = tuple(x_range), tuple(y_range)
        # axes coordinates start at 0 in the lower left corner, so the axes cross there
        self._x0 = self._x(x_range[0], shift=False)
        self._y0 = self._y(y_range[0], shift=False)
        xl, xh = 0.0, self._x(x_range[1])
        yl, yh = 0.0, self._y(y_range[1])
        self.axes = Axes(x_range=[xl, xh, xh - xl], y_range=[yl, yh, yh - yl],
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": theme.MUTED, "stroke_width": 1.5,
                                      "include_ticks": False})
        self.add(self.axes)
        self.tick_labels = VGroup()
        self.grid = VGroup()
        for value, text in x_ticks:
            p = self.c2p(value, y_range[0])
            t = label(text, theme.TINY_SIZE, theme.MUTED).next_to(p, DOWN, buff=0.12)
            self.tick_labels.add(t)
            self.grid.add(Line(p, self.c2p(value, y_range[1])).set_stroke(theme.GRID, 1))
        for value, text in y_ticks:
            p = self.c2p(x_range[0], value)
            t = label(text, theme.TINY_SIZE, theme.MUTED).next_to(p, LEFT, buff=0.12)
            self.tick_labels.add(t)
            self.grid.add(Line(p, self.c2p(x_range[1], value)).set_stroke(theme.GRID, 1))
        self.add_to_back(self.grid)
        self.add(self.tick_labels)
        if x_label:
            self.x_title = label(x_label, theme.SMALL_SIZE, theme.MUTED)
            self.x_title.next_to(self.axes, DOWN, buff=0.5)
            self.add(self.x_title)
        if y_label:
            self.y_title = label(y_label, theme.SMALL_SIZE, theme.MUTED)
            self.y_title.next_to(self.axes, UP, buff=0.15).align_to(self.axes, LEFT)
            self.add(self.y_title)

    def _x(self, x, shift=True):
        t = math.log10(x) if self.log_x else float(x)
        return t - self._x0 if shift else t

    def _y(self, y, shift=True):
        t = math.log10(y) if self.log_y else float(y)
        return t - self._y0 if shift else t

    def c2p(self, x, y):
        """The scene point of the data point ``(x, y)``."""
        return self.axes.c2p(self._x(x), self._y(y))

    def series(self, xs, ys, color=theme.CURVE, stroke_width=3.0):
        """A polyline through the real points (not added; the chapter animates it in)."""
        pts = [self.c2p(x, y) for x, y in zip(xs, ys)]
        line = VMobject().set_points_as_corners(np.array(pts))
        return line.set_stroke(color, stroke_width).set_fill(opacity=0)

    def legend(self, entries, corner=UP + RIGHT, size=theme.TINY_SIZE):
        """Coloured names ``[(text, colour), ...]`` stacked inside the plot at ``corner``."""
        group = VGroup(*[label(text, size, color) for text, color in entries])
        group.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        group.move_to(self.axes.get_corner(corner), aligned_edge=corner)
        group.shift(-corner * 0.15)
        return group

    def dots(self, xs, ys, color=theme.ACCENT, radius=0.07):
        """A dot at each real point."""
        return VGroup(*[Dot(self.c2p(x, y), radius=radius, color=color) for x, y in zip(xs, ys)])

    def vline(self, x, text=None, color=theme.MUTED):
        """A dashed vertical marker at x with an optional label at its top."""
        y0, y1 = self.y_range
        line = DashedLine(self.c2p(x, y0), self.c2p(x, y1), dash_length=0.08)
        line.set_stroke(color, 1.5)
        group = VGroup(line)
        if text is not None:
            group.add(label(text, theme.TINY_SIZE, color).next_to(line, UP, buff=0.05))
        return group
