"""Mobjects chapters 7-12 need beyond the shared kit: line plots, text tables, verdicts.

Like :mod:`scenes.kit`, everything here draws numbers it is given and takes its
colours, fonts and sizes from :mod:`scenes.theme`; tick positions come from
:func:`nice_ticks`, a pure function of the data's range.
"""

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, DashedLine, Dot, Line, VGroup, VMobject

from scenes import theme
from scenes.kit import label
from scenes.values.format import fmt_int


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


class TextTable(VGroup):
    """Rows of text in aligned columns; ``header`` in the muted colour.

    ``colors``: one colour per column (default theme.TEXT). ``cells[(r, c)]``
    is the mobject of body row r, column c.
    """

    def __init__(self, header, rows, colors=None, size=theme.SMALL_SIZE, col_gap=0.5,
                 row_gap=0.42, mono=False):
        super().__init__()
        n_cols = len(header)
        colors = colors or [theme.TEXT] * n_cols
        self.head = VGroup(*[label(h, size, theme.MUTED) for h in header])
        self.cells = {}
        body = []
        for r, row in enumerate(rows):
            cells = []
            for c, text in enumerate(row):
                t = label(text, size, colors[c], mono=mono)
                self.cells[(r, c)] = t
                cells.append(t)
            body.append(VGroup(*cells))
        widths = [max([self.head[c].width] + [row[c].width for row in body])
                  for c in range(n_cols)]
        xs = np.cumsum([0.0] + [w + col_gap for w in widths[:-1]])
        for r, row in enumerate([self.head, *body]):
            for c, t in enumerate(row):
                t.move_to([xs[c] + widths[c] / 2, -r * row_gap, 0])
        self.rows = VGroup(*body)
        right_end = xs[-1] + widths[-1]
        rule = Line([0, -row_gap / 2, 0], [right_end, -row_gap / 2, 0])
        rule.set_stroke(theme.GRID, 1.5)
        self.rule = rule
        self.add(self.head, rule, self.rows)
        self.move_to([0, 0, 0])


class CountText(VGroup):
    """A "correct / seen" counter in the theme font that stays centred as its numbers grow.

    :meth:`at` returns the counter's look for new real counts; a chapter plays
    ``Transform(counter.numbers, counter.at(right, seen))``.
    """

    def __init__(self, correct, seen, caption, size=theme.TITLE_SIZE):
        super().__init__()
        self.size = size
        self.numbers = self.at(correct, seen)
        self.caption = label(caption, theme.SMALL_SIZE, theme.MUTED)
        self.caption.next_to(self.numbers, DOWN, buff=0.25)
        self.add(self.numbers, self.caption)

    def at(self, correct, seen):
        """The numbers row for ``correct`` of ``seen``, centred where the current one is."""
        row = VGroup(label(fmt_int(correct), self.size, theme.GOOD),
                     label("/", self.size, theme.MUTED),
                     label(fmt_int(seen), self.size, theme.TEXT)).arrange(RIGHT, buff=0.2)
        if hasattr(self, "numbers"):
            row.move_to(self.numbers)
        return row


def verdict(correct, size=theme.BODY_SIZE):
    """A check mark in the good colour or a cross in the bad one."""
    return label("\u2713" if correct else "\u2717", size, theme.GOOD if correct else theme.BAD)


def headed(mobject, title, size=theme.SMALL_SIZE, color=theme.MUTED, buff=0.2):
    """``mobject`` with a small title above it, as one group."""
    t = label(title, size, color).next_to(mobject, UP, buff=buff)
    return VGroup(t, mobject)


def side_by_side(*mobjects, buff=0.5):
    """Arrange mobjects left to right, tops aligned."""
    group = VGroup(*mobjects).arrange(RIGHT, buff=buff, aligned_edge=UP)
    return group


__all__ = ["CountText", "LinePlot", "TextTable", "headed", "log_ticks", "nice_ticks",
           "side_by_side", "verdict"]
