"""The network diagram and the pixel grid: neurons, edges and images bound to real numbers."""

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Brace,
    Circle,
    Line,
    MathTex,
    Rectangle,
    ShowPassingFlash,
    Square,
    VGroup,
    interpolate_color,
)
from manim.utils.color import ManimColor

from scenes import theme
from scenes.kit.text import label
from scenes.values.format import fmt_int


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


def flash(edges, width=2.5, time_width=0.6):
    """A pulse running along ``edges`` from their start (the left layer) to their end: a
    signal travelling into the neurons on the right."""
    return ShowPassingFlash(VGroup(*[e.copy().set_stroke(theme.ACCENT, width=width, opacity=1)
                                     for e in edges]), time_width=time_width)


#: Neighbouring neurons stand at least this many radii apart (centre to centre), so they never
#: touch: a layer shows as many as fit its height and elides the rest.
MIN_SPACING_RADII = 2.1


def fitting(n, max_shown, height, radius):
    """How many of a layer's ``n`` neurons to draw: at most ``max_shown``, and no more than fit
    in ``height`` without touching (one slot goes to the ellipsis when some are elided)."""
    slots = max(3, int(height / (MIN_SPACING_RADII * radius) + 1e-9))
    want = min(int(max_shown), int(n))
    if want < n:
        return min(want, slots - 1)
    return want if want <= slots else slots - 1


class NetworkDiagram(VGroup):
    """Layers of neurons and the edges between them, bound to real sizes, weights, activations.

    ``sizes``: the TRUE layer sizes (e.g. ``[784, 20, 10]``). A layer larger than
    ``max_shown``, or than fits in ``height`` without its neurons touching (:func:`fitting`),
    is drawn as its first and last few neurons, a vertical ellipsis,
    and a brace labelled with the true count (``max_shown``: one number, or one per
    layer). ``weights[k]`` (shape ``(out, in)``,
    as in the reference) colours the edges from layer k to k+1 by sign and sets
    their width by |w|; without weights, edges are thin and grey.
    ``activations[k]`` (length ``sizes[k]``) fills neuron i of layer k with opacity
    = activation. ``names`` labels the layers. ``shown[k]``, if given and not None, is
    ``(head, tail)``: the true indices layer k draws above and below its ellipsis (chosen by
    the chapter's rule, e.g. pixels that carry ink), instead of the first and last few; more
    than two runs of indices get an ellipsis between each two.
    """

    def __init__(self, sizes, weights=None, activations=None, names=None, max_shown=8,
                 layer_gap=3.0, height=5.2, radius=theme.NEURON_RADIUS, show_counts=True,
                 edge_layers=None, shown=None):
        super().__init__()
        self.sizes = [int(s) for s in sizes]
        self.index = []  # per layer: list of shown true indices
        self.layer_x = []  # per layer: the x of its column
        self.neurons = []  # per layer: {true index: Circle}
        self.layers = VGroup()
        self.dots = VGroup()
        self.braces = VGroup()
        self.names = VGroup()
        self.edges = {}  # (k, out_i, in_j) -> Line
        self.edge_group = VGroup()
        per_layer = (list(max_shown) if isinstance(max_shown, (list, tuple))
                     else [max_shown] * len(self.sizes))
        chosen = shown
        for k, n in enumerate(self.sizes):
            if chosen is not None and chosen[k] is not None:
                parts = [list(part) for part in chosen[k]]
            else:
                parts = list(shown_indices(n, fitting(n, per_layer[k], height, radius)))
            parts = [parts[0]] + [part for part in parts[1:] if part]
            gaps = {sum(len(p) for p in parts[:m]) for m in range(1, len(parts))}
            tail = bool(gaps)
            shown = [i for part in parts for i in part]
            slots = len(shown) + len(gaps)
            step = min(height / max(slots, 1), radius * 3.2)
            ys = [((slots - 1) / 2 - s) * step for s in range(slots)]
            x = (k - (len(self.sizes) - 1) / 2) * layer_gap
            layer = VGroup()
            circles = {}
            slot = 0
            for pos, i in enumerate(shown):
                if pos in gaps:
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
            self.layer_x.append(x)
            self.neurons.append(circles)
            self.layers.add(layer)
            if tail and show_counts and k > 0:
                # a later layer has edges on its left and, beside it, the chapter's panel or
                # more edges: its true count goes below it
                count = label(fmt_int(n), theme.SMALL_SIZE, theme.ACCENT)
                count.next_to(layer, DOWN, buff=0.12)
                self.braces.add(VGroup(count))
            elif tail and show_counts:
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
            below = {k: VGroup(self.layers[k], *[b for b in self.braces
                                                  if len(b) == 1 and abs(b[0].get_x() - layer_x) < 1e-6])
                     for k, layer_x in enumerate(self.layer_x)}
            for k, name in enumerate(names):
                t = label(name, theme.SMALL_SIZE, theme.MUTED)
                t.next_to(below[k], DOWN, buff=0.35 if len(below[k]) == 1 else 0.15)
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
