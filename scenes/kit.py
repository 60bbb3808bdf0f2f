"""The shared visual kit: a chapter scene base and mobjects bound to data.

Every mobject here draws numbers it is given (from a chapter's pure ``values``
function); nothing here invents a number. Colours, fonts and sizes come from
:mod:`scenes.theme`. Objects are composed, not inherited: a chapter builds a
:class:`NetworkDiagram`, a :class:`PixelGrid`, a :class:`VectorColumn` ... and
plays the animations they return.

:class:`ChapterScene` gives each chapter its trace, its values, and the marks
(``cue`` for narration sentences, ``still`` for key frames) that the render
pipeline reads from ``<media_dir>/marks/<Scene>.json``.
"""

import importlib
import json
import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Brace,
    Circle,
    Code,
    Dot,
    FadeIn,
    Integer,
    Line,
    MathTex,
    Rectangle,
    Scene,
    Square,
    Text,
    VGroup,
    Write,
    config,
    interpolate_color,
)
from manim.utils.color import ManimColor

from nnmath.activations import sigmoid
from nnmath.atomic import write_atomic
from scenes import theme, trace_source
from scenes.chapters import by_slug
from scenes.values.format import fmt, fmt_int

# ------------------------------------------------------------------------------ text helpers


def label(text, size=theme.BODY_SIZE, color=theme.TEXT, mono=False, weight="NORMAL"):
    """Text in the pinned font (DejaVu Sans, or DejaVu Sans Mono with ``mono``)."""
    return Text(str(text), font=theme.MONO if mono else theme.FONT, font_size=size, color=color,
                weight=weight)


def formula(*tex, size=theme.FORMULA_SIZE, color=theme.TEXT):
    """A LaTeX formula (``MathTex``) in the theme's colour; several parts can be coloured apart."""
    return MathTex(*tex, font_size=size, color=color)


def weight_color(w):
    """Edge colour of a weight: blue if positive, red if negative."""
    return ManimColor(theme.POSITIVE if w >= 0 else theme.NEGATIVE)


def gray(value):
    """The fill colour of a pixel or activation in [0, 1] (black .. white)."""
    v = float(np.clip(value, 0.0, 1.0))
    return interpolate_color(ManimColor(theme.PIXEL_OFF), ManimColor(theme.PIXEL_ON), v)


def shown_indices(n, max_shown):
    """Which of ``n`` items a view draws: all if they fit, else the first and last few.

    Returns ``(head, tail)``; ``tail`` is empty when nothing is elided.
    ``shown_indices(784, 6) == ([0, 1, 2], [781, 782, 783])``.
    """
    n, max_shown = int(n), int(max_shown)
    if n <= max_shown:
        return list(range(n)), []
    k_head = (max_shown + 1) // 2
    k_tail = max_shown - k_head
    return list(range(k_head)), list(range(n - k_tail, n))


# ------------------------------------------------------------------------------ the scene base


class ChapterScene(Scene):
    """A chapter of the video: trace, values, narration cues and still marks.

    Subclasses set ``slug`` (one of :data:`scenes.chapters.CHAPTERS`) and write
    ``construct``. ``self.cue(id)`` marks where a narration sentence starts
    (every id of ``narration(values)`` exactly once, in order) and waits first
    if the previous sentence needs more time to be spoken; ``self.still(name)``
    marks a key frame. ``tear_down`` writes the marks JSON atomically.
    """

    slug = None

    def setup(self):
        if self.slug is None:
            raise TypeError(f"{type(self).__name__}: set the class attribute 'slug'")
        self.chapter = by_slug(self.slug)
        module = importlib.import_module(self.chapter.values_module)
        self.trace = trace_source.load()
        self.values = module.values(self.trace)
        self.narration = list(module.narration(self.values))
        ids = [cue_id for cue_id, _ in self.narration]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.chapter.values_module}.narration: cue ids are not unique")
        self._sentences = dict(self.narration)
        self._cues = []
        self._stills = []

    # --- marks -------------------------------------------------------------------------------

    @property
    def time(self):
        """Seconds of video so far."""
        return float(self.renderer.time)

    def _pad_for_last_sentence(self):
        """Wait until the last cued sentence has had time to be spoken and read."""
        if not self._cues:
            return
        last = self._cues[-1]
        need = speaking_seconds(self._sentences[last["id"]])
        remaining = last["t"] + need - self.time
        if remaining > 1e-6:
            self.wait(remaining)

    def cue(self, cue_id):
        """Mark that narration sentence ``cue_id`` starts now (after the previous one ends)."""
        if cue_id not in self._sentences:
            raise KeyError(f"{type(self).__name__}: cue {cue_id!r} is not in "
                           f"{self.chapter.values_module}.narration (ids: {list(self._sentences)})")
        order = [cid for cid, _ in self.narration]
        expected = order[len(self._cues)] if len(self._cues) < len(order) else None
        if cue_id != expected:
            raise ValueError(f"{type(self).__name__}: cue {cue_id!r} out of order or repeated; "
                             f"expected {expected!r}")
        self._pad_for_last_sentence()
        self._cues.append({"id": cue_id, "t": round(self.time, 6)})

    def still(self, name):
        """Mark the current frame as a key frame named ``name``."""
        if any(s["name"] == name for s in self._stills):
            raise ValueError(f"{type(self).__name__}: still {name!r} marked twice")
        self._stills.append({"name": str(name), "t": round(self.time, 6)})

    def marks(self):
        """The marks as written to the sidecar JSON."""
        return {"slug": self.slug, "scene": type(self).__name__,
                "duration": round(self.time, 6), "cues": list(self._cues),
                "stills": list(self._stills)}

    def tear_down(self):
        self._pad_for_last_sentence()
        missing = [cid for cid, _ in self.narration[len(self._cues):]]
        if missing:
            raise ValueError(f"{type(self).__name__}: narration cues never played: {missing}")
        if not self._stills:
            raise ValueError(f"{type(self).__name__}: mark at least one still (self.still)")
        path = marks_path(type(self).__name__)
        write_atomic(path, json.dumps(self.marks(), indent=1, sort_keys=True) + "\n")

    # --- common pieces -----------------------------------------------------------------------

    def title_card(self):
        """The chapter's number and title, top left; returns the mobject (added, faded in)."""
        number = label(fmt_int(self.chapter.number), theme.HEADING_SIZE, theme.ACCENT,
                       weight="BOLD")
        title = label(self.chapter.title, theme.HEADING_SIZE, theme.TEXT, weight="BOLD")
        card = VGroup(number, title).arrange(RIGHT, buff=0.3)
        card.to_corner(UP + LEFT, buff=0.4)
        self.play(FadeIn(card, shift=DOWN * 0.2), run_time=theme.REVEAL)
        return card


def speaking_seconds(sentence):
    """Seconds a sentence needs when spoken at theme.WORDS_PER_SECOND, plus a reading pause.

    Digits count extra: a number like 0.0123 takes longer to say than one word.
    """
    words = sentence.split()
    digits = sum(ch.isdigit() for ch in sentence)
    return (len(words) + digits / 3.0) / theme.WORDS_PER_SECOND + theme.SENTENCE_PAUSE


def marks_path(scene_name):
    """``<config.media_dir>/marks/<SceneClassName>.json``."""
    from pathlib import Path

    return Path(config.media_dir) / "marks" / f"{scene_name}.json"


# ------------------------------------------------------------------------------ network diagram


class NetworkDiagram(VGroup):
    """Layers of neurons and the edges between them, bound to real sizes, weights, activations.

    ``sizes``: the TRUE layer sizes (e.g. ``[784, 20, 10]``). A layer larger than
    ``max_shown`` is drawn as its first and last few neurons, a vertical ellipsis,
    and a brace labelled with the true count (``max_shown``: one number, or one per
    layer). ``weights[k]`` (shape ``(out, in)``,
    as in the reference) colours the edges from layer k to k+1 by sign and sets
    their width by |w|; without weights, edges are thin and grey.
    ``activations[k]`` (length ``sizes[k]``) fills neuron i of layer k with opacity
    = activation. ``names`` labels the layers.
    """

    def __init__(self, sizes, weights=None, activations=None, names=None, max_shown=8,
                 layer_gap=3.0, height=5.2, radius=theme.NEURON_RADIUS, show_counts=True,
                 edge_layers=None):
        super().__init__()
        self.sizes = [int(s) for s in sizes]
        self.index = []  # per layer: list of shown true indices
        self.neurons = []  # per layer: {true index: Circle}
        self.layers = VGroup()
        self.dots = VGroup()
        self.braces = VGroup()
        self.names = VGroup()
        self.edges = {}  # (k, out_i, in_j) -> Line
        self.edge_group = VGroup()
        per_layer = (list(max_shown) if isinstance(max_shown, (list, tuple))
                     else [max_shown] * len(self.sizes))
        for k, n in enumerate(self.sizes):
            head, tail = shown_indices(n, per_layer[k])
            shown = head + tail
            slots = len(shown) + (1 if tail else 0)
            step = min(height / max(slots, 1), radius * 3.2)
            ys = [((slots - 1) / 2 - s) * step for s in range(slots)]
            x = (k - (len(self.sizes) - 1) / 2) * layer_gap
            layer = VGroup()
            circles = {}
            slot = 0
            for pos, i in enumerate(shown):
                if tail and pos == len(head):
                    dots = MathTex(r"\vdots", color=theme.MUTED, font_size=theme.BODY_SIZE)
                    dots.move_to([x, ys[slot], 0])
                    self.dots.add(dots)
                    slot += 1
                c = Circle(radius=radius, stroke_color=theme.NEURON_STROKE,
                           stroke_width=theme.NEURON_STROKE_WIDTH)
                c.set_fill(theme.NEURON_FILL, opacity=0.0)
                c.move_to([x, ys[slot], 0])
                circles[i] = c
                layer.add(c)
                slot += 1
            self.index.append(shown)
            self.neurons.append(circles)
            self.layers.add(layer)
            if tail and show_counts:
                brace = Brace(layer, LEFT if k == 0 else RIGHT, color=theme.MUTED, buff=0.15)
                count = label(fmt_int(n), theme.SMALL_SIZE, theme.ACCENT)
                count.add_background_rectangle(color=theme.BACKGROUND, opacity=0.85, buff=0.05)
                brace.put_at_tip(count)
                self.braces.add(VGroup(brace, count))
        edge_layers = range(len(self.sizes) - 1) if edge_layers is None else edge_layers
        for k in edge_layers:
            w = None if weights is None or weights[k] is None else np.asarray(weights[k])
            scale = float(np.max(np.abs(w))) if w is not None and w.size else 1.0
            for i in self.index[k + 1]:
                for j in self.index[k]:
                    a, b = self.neurons[k][j], self.neurons[k + 1][i]
                    line = Line(a.get_right(), b.get_left())
                    if w is None:
                        line.set_stroke(theme.MUTED, width=theme.EDGE_MIN_WIDTH, opacity=0.5)
                    else:
                        self.style_edge(line, w[i, j], scale)
                    self.edges[(k, i, j)] = line
                    self.edge_group.add(line)
        if names is not None:
            for k, name in enumerate(names):
                t = label(name, theme.SMALL_SIZE, theme.MUTED)
                t.next_to(self.layers[k], DOWN, buff=0.35)
                self.names.add(t)
            bottom = min(t.get_center()[1] for t in self.names)
            for t in self.names:
                t.set_y(bottom)
        self.add(self.edge_group, self.layers, self.dots, self.braces, self.names)
        if activations is not None:
            for k, act in enumerate(activations):
                if act is not None:
                    self.fill_layer(k, act)

    @staticmethod
    def style_edge(line, w, scale):
        """Colour by the sign of w, width and opacity growing with |w| / scale."""
        s = min(abs(float(w)) / scale, 1.0) if scale > 0 else 0.0
        line.set_stroke(weight_color(w),
                        width=theme.EDGE_MIN_WIDTH + (theme.EDGE_MAX_WIDTH - theme.EDGE_MIN_WIDTH) * s,
                        opacity=0.25 + theme.EDGE_OPACITY * s)
        return line

    def fill_layer(self, k, activations):
        """Set neuron fills of layer k to the activations (a length-``sizes[k]`` array)."""
        act = np.asarray(activations, dtype=float).reshape(-1)
        if len(act) != self.sizes[k]:
            raise ValueError(f"layer {k} has {self.sizes[k]} neurons, got {len(act)} activations")
        for i, c in self.neurons[k].items():
            c.set_fill(theme.NEURON_FILL, opacity=float(np.clip(act[i], 0.0, 1.0)))
        return self

    def fill_animations(self, k, activations):
        """Animations filling layer k with the activations (for ``self.play``)."""
        act = np.asarray(activations, dtype=float).reshape(-1)
        if len(act) != self.sizes[k]:
            raise ValueError(f"layer {k} has {self.sizes[k]} neurons, got {len(act)} activations")
        return [c.animate.set_fill(theme.NEURON_FILL, opacity=float(np.clip(act[i], 0.0, 1.0)))
                for i, c in self.neurons[k].items()]

    def neuron(self, k, i):
        """The circle of neuron i (true index) in layer k."""
        return self.neurons[k][i]

    def edges_into(self, k, i):
        """The drawn edges from layer k into neuron i of layer k+1."""
        return VGroup(*[self.edges[(k, i, j)] for j in self.index[k] if (k, i, j) in self.edges])


# ------------------------------------------------------------------------------ pixels


class PixelGrid(VGroup):
    """A real image as a grid of squares, fill = pixel brightness (0..1 or raw 0..255).

    ``pixels`` is flat (``784`` values) or 2-D; a flat one must be a square number long.
    Drawn as one black square, a square for every pixel that is not 0 (black), and the
    grid lines: the same picture as 784 squares at a fraction of the drawing cost.
    """

    def __init__(self, pixels, side_length=3.0, stroke=True):
        super().__init__()
        p = np.asarray(pixels, dtype=float)
        if p.ndim == 2 and 1 in p.shape:  # a column vector (784, 1) as in the reference
            p = p.reshape(-1)
        if p.ndim != 2:
            side = math.isqrt(p.size)
            if side * side != p.size:
                raise ValueError(f"{p.size} pixels do not make a square image")
            p = p.reshape(side, side)
        if p.max(initial=0.0) > 1.0:
            p = p / 255.0
        self.values = p
        self.rows, self.cols = p.shape
        size = side_length / max(self.rows, self.cols)
        self.frame = Rectangle(width=size * self.cols, height=size * self.rows)
        self.frame.set_fill(gray(0.0), opacity=1.0).set_stroke(theme.PIXEL_STROKE, width=0)
        self.lit = {}
        squares = VGroup()
        for r, c in zip(*np.nonzero(p)):
            sq = Square(side_length=size).set_stroke(width=0)
            sq.set_fill(gray(p[r, c]), opacity=1.0)
            sq.move_to([(c - (self.cols - 1) / 2) * size, ((self.rows - 1) / 2 - r) * size, 0])
            self.lit[int(r * self.cols + c)] = sq
            squares.add(sq)
        lines = VGroup()
        if stroke:
            w, h = size * self.cols / 2, size * self.rows / 2
            for r in range(self.rows + 1):
                lines.add(Line([-w, h - r * size, 0], [w, h - r * size, 0]))
            for c in range(self.cols + 1):
                lines.add(Line([-w + c * size, -h, 0], [-w + c * size, h, 0]))
            lines.set_stroke(theme.PIXEL_STROKE, width=theme.PIXEL_STROKE_WIDTH)
        self.squares, self.grid_lines = squares, lines
        self.add(self.frame, squares, lines)

    def cell(self, flat_index):
        """The square of pixel ``flat_index`` (row-major, as ``img.reshape(-1)``).

        A lit pixel's own square; for a black pixel, a new square at its place.
        """
        j = int(flat_index)
        if j in self.lit:
            return self.lit[j]
        r, c = divmod(j, self.cols)
        size = self.frame.width / self.cols
        corner = self.frame.get_corner(UP + LEFT)
        sq = Square(side_length=size).set_stroke(width=0).set_fill(gray(self.values[r, c]), 1.0)
        return sq.move_to(corner + np.array([(c + 0.5) * size, -(r + 0.5) * size, 0]))


# ------------------------------------------------------------------------------ vectors, matrices


def _bracket(height, side, color=theme.MUTED, width=2.0, arm=0.12):
    """A square bracket of the given height; ``side`` is LEFT or RIGHT."""
    h = height / 2
    sign = -1 if np.array_equal(side, LEFT) else 1
    pts = [[-sign * arm, h, 0], [0, h, 0], [0, -h, 0], [-sign * arm, -h, 0]]
    return VGroup(*[Line(pts[i], pts[i + 1]).set_stroke(color, width) for i in range(3)])


class VectorColumn(VGroup):
    """A column vector of real numbers in brackets, eliding the middle with ⋮.

    ``texts``: optional preformatted strings (same length as values); else
    ``fmt(v, digits)``. ``entries`` maps a true index to its number mobject.
    ``color_by_value`` tints each number from ``theme.MUTED`` (0) to white (1).
    """

    def __init__(self, values, max_shown=8, digits=2, texts=None, size=theme.NUMBER_SIZE,
                 color=theme.TEXT, row_gap=0.36, color_by_value=False, indices=None):
        super().__init__()
        v = np.asarray(values, dtype=float).reshape(-1)
        self.values = v
        head, tail = shown_indices(len(v), max_shown) if indices is None else (list(indices), [])
        self.entries = {}
        rows = VGroup()
        for pos, i in enumerate(head + tail):
            if tail and pos == len(head):
                rows.add(MathTex(r"\vdots", font_size=size, color=theme.MUTED))
            text = texts[i] if texts is not None else fmt(v[i], digits)
            c = theme.TEXT if not color_by_value else interpolate_color(
                ManimColor(theme.MUTED), ManimColor(theme.ACCENT), float(np.clip(v[i], 0, 1)))
            t = label(text, size, c if color_by_value else color)
            self.entries[i] = t
            rows.add(t)
        rows.arrange(DOWN, buff=row_gap - size / 100)
        for t in rows:
            t.set_x(0)
        height = rows.height + 0.25
        left = _bracket(height, LEFT).next_to(rows, LEFT, buff=0.12)
        right = _bracket(height, RIGHT).next_to(rows, RIGHT, buff=0.12)
        self.rows = rows
        self.brackets = VGroup(left, right)
        self.add(rows, self.brackets)


class MatrixView(VGroup):
    """A matrix of real numbers with elided rows (⋮) and columns (⋯), numbers coloured by sign.

    ``cells`` maps a true ``(row, col)`` to its number mobject.
    """

    def __init__(self, matrix, max_rows=5, max_cols=6, digits=2, size=theme.NUMBER_SIZE,
                 color_by_sign=True, col_width=None, row_height=0.4):
        super().__init__()
        m = np.asarray(matrix, dtype=float)
        if m.ndim == 1:
            m = m[:, None]
        self.matrix = m
        rh, rt = shown_indices(m.shape[0], max_rows)
        ch, ct = shown_indices(m.shape[1], max_cols)
        rows = rh + ([None] if rt else []) + rt
        cols = ch + ([None] if ct else []) + ct
        samples = [fmt(x, digits) for x in m[np.ix_(rh + rt, ch + ct)].reshape(-1)]
        widest = max(len(s) for s in samples) if samples else 1
        col_width = col_width or (0.13 * widest * size / theme.NUMBER_SIZE + 0.3)
        self.cells = {}
        grid = VGroup()
        for r_pos, r in enumerate(rows):
            for c_pos, c in enumerate(cols):
                if r is None and c is None:
                    t = MathTex(r"\ddots", font_size=size, color=theme.MUTED)
                elif r is None:
                    t = MathTex(r"\vdots", font_size=size, color=theme.MUTED)
                elif c is None:
                    t = MathTex(r"\cdots", font_size=size, color=theme.MUTED)
                else:
                    x = m[r, c]
                    col = (weight_color(x) if color_by_sign else ManimColor(theme.TEXT))
                    t = label(fmt(x, digits), size, col)
                    self.cells[(r, c)] = t
                t.move_to([c_pos * col_width, -r_pos * row_height, 0])
                grid.add(t)
        grid.move_to(ORIGIN_POINT)
        height = grid.height + 0.3
        left = _bracket(height, LEFT).next_to(grid, LEFT, buff=0.15)
        right = _bracket(height, RIGHT).next_to(grid, RIGHT, buff=0.15)
        self.grid = grid
        self.brackets = VGroup(left, right)
        self.add(grid, self.brackets)


ORIGIN_POINT = np.zeros(3)


# ------------------------------------------------------------------------------ plots


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
                                      "font_size": theme.TINY_SIZE, "stroke_width": 1.5})
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
                                      "font_size": theme.TINY_SIZE, "stroke_width": 1.5})
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


# ------------------------------------------------------------------------------ counters, code


class RunningCounter(VGroup):
    """A "correct / total" counter (``Integer`` numbers) that animates to new real counts."""

    def __init__(self, correct, total, caption, size=theme.HEADING_SIZE):
        super().__init__()
        self.correct = Integer(int(correct), font_size=size, color=theme.GOOD,
                               group_with_commas=True)
        self.slash = MathTex("/", font_size=size, color=theme.MUTED)
        self.total = Integer(int(total), font_size=size, color=theme.TEXT, group_with_commas=True)
        self.caption = label(caption, theme.SMALL_SIZE, theme.MUTED)
        row = VGroup(self.correct, self.slash, self.total).arrange(RIGHT, buff=0.15)
        self.add(row, self.caption)
        self.caption.next_to(row, DOWN, buff=0.15)

    def animate_to(self, correct, total):
        """Animations counting both numbers up to the new values."""
        from manim import ChangeDecimalToValue

        return [ChangeDecimalToValue(self.correct, int(correct)),
                ChangeDecimalToValue(self.total, int(total))]


def code_listing(source, language="python", size=theme.CODE_SIZE):
    """Source code in the pinned mono font, highlighted, with line numbers."""
    return Code(code_string=source, language=language, formatter_style="monokai",
                add_line_numbers=True, background="rectangle",
                background_config={"fill_color": theme.PANEL, "stroke_color": theme.GRID},
                paragraph_config={"font": theme.MONO, "font_size": size})


def reveal(*mobjects):
    """The kit's standard entrance: write formulas, fade in everything else."""
    return [Write(m) if isinstance(m, MathTex) else FadeIn(m) for m in mobjects]
