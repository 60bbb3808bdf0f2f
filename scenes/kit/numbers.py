"""Numbers, vectors and matrices: columns and grids of real values, tables, counters."""

import numpy as np
from manim import DOWN, LEFT, RIGHT, Line, MathTex, VGroup, interpolate_color
from manim.utils.color import ManimColor

from scenes import theme
from scenes.kit.network import shown_indices, weight_color
from scenes.kit.text import label
from scenes.values.format import fmt, fmt_int


def _bracket(height, side, color=theme.MUTED, width=2.0, arm=0.12):
    """A square bracket of the given height; ``side`` is LEFT or RIGHT."""
    h = height / 2
    sign = -1 if np.array_equal(side, LEFT) else 1
    pts = [[-sign * arm, h, 0], [0, h, 0], [0, -h, 0], [-sign * arm, -h, 0]]
    return VGroup(*[Line(pts[i], pts[i + 1]).set_stroke(color, width) for i in range(3)])


def brackets_around(content, height, buff=0.12, color=theme.MUTED):
    """A left and a right square bracket of ``height``, ``buff`` beside ``content``."""
    return VGroup(_bracket(height, LEFT, color).next_to(content, LEFT, buff=buff),
                  _bracket(height, RIGHT, color).next_to(content, RIGHT, buff=buff))


#: Class rows a bar or column view draws at most: ten fit the frame at a legible size.
MAX_CLASS_ROWS = 10


def class_slots(n, must, max_rows=MAX_CLASS_ROWS):
    """The rows a view of ``n`` classes draws, top to bottom: a class index, or None for a ⋮
    row standing for an elided run. Every class when ``n`` fits in ``max_rows``; else every
    class in ``must`` (those the chapter names) and then the lowest classes while the rows,
    ⋮ rows included, still fit."""

    def slots(kept):
        out = []
        for c in sorted(kept):
            if out and c != out[-1] + 1:
                out.append(None)
            out.append(c)
        return out + ([None] if kept and max(kept) < n - 1 else [])

    if n <= max_rows:
        return list(range(n))
    kept = set(must)
    for c in range(n):
        if c not in kept and len(slots(kept | {c})) <= max_rows:
            kept.add(c)
    return slots(kept)


class VectorColumn(VGroup):
    """A column vector of real numbers in brackets, eliding the middle with ⋮.

    ``texts``: optional preformatted strings (same length as values); else
    ``fmt(v, digits)``. ``indices``: which rows to draw (ascending), a ⋮ wherever they skip. ``entries`` maps a true index to its number mobject.
    ``color_by_value`` tints each number from ``theme.MUTED`` (0) to white (1).
    """

    def __init__(self, values, max_shown=8, digits=2, texts=None, size=theme.NUMBER_SIZE,
                 color=theme.TEXT, row_gap=0.36, color_by_value=False, indices=None):
        super().__init__()
        v = np.asarray(values, dtype=float).reshape(-1)
        self.values = v
        head, tail = shown_indices(len(v), max_shown) if indices is None else (list(indices), [])
        shown = head + tail
        self.entries = {}
        rows = VGroup()
        for pos, i in enumerate(shown):
            if pos and i != shown[pos - 1] + 1:
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
        self.rows = rows
        self.brackets = brackets_around(rows, height, buff=0.12)
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
        grid.move_to([0, 0, 0])
        height = grid.height + 0.3
        self.grid = grid
        self.brackets = brackets_around(grid, height, buff=0.15)
        self.add(grid, self.brackets)


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


class RowColumns(VGroup):
    """Columns of numbers that share their rows: entry i of every column on row i's line.

    ``columns``: one list of strings per column (all the same length). ``colors``: per
    column, one colour or a list with one per entry. ``heads``: column titles, all on one
    line above the brackets. ``ops``: the operator drawn between column c and c + 1
    (``None`` for a plain gap), at the rows' middle. Numbers are right-aligned in their
    column. A chapter reveals ``cols[c]``, ``brackets[c]``, ``heads[c]`` and ``ops[c]``
    one by one; ``cells[c][i]`` is entry i of column c.
    """

    def __init__(self, columns, colors=None, heads=None, ops=None, size=theme.NUMBER_SIZE,
                 row_gap=0.42, col_gap=0.5, head_size=theme.SMALL_SIZE):
        super().__init__()
        n_rows = len(columns[0])
        row_y = [((n_rows - 1) / 2 - i) * row_gap for i in range(n_rows)]
        self.cells, self.cols, self.brackets = [], VGroup(), VGroup()
        self.heads, self.ops = VGroup(), VGroup()
        x = 0.0
        for c, texts in enumerate(columns):
            color = (colors or [theme.TEXT] * len(columns))[c]
            cells = [label(t, size, color[i] if isinstance(color, (list, tuple)) else color)
                     for i, t in enumerate(texts)]
            width = max(t.width for t in cells)
            left_bracket_x = x
            right_edge = x + 0.27 + width
            for t, y in zip(cells, row_y):
                t.move_to([right_edge - t.width / 2, y, 0])
            height = n_rows * row_gap + 0.1
            pair = VGroup(_bracket(height, LEFT).move_to([left_bracket_x + 0.06, 0, 0]),
                          _bracket(height, RIGHT).move_to([right_edge + 0.21, 0, 0]))
            self.cells.append(cells)
            self.cols.add(VGroup(*cells))
            self.brackets.add(pair)
            x = right_edge + 0.27
            op_text = (ops or [None] * len(columns))[c] if c < len(columns) - 1 else None
            if op_text:
                op = MathTex(op_text, font_size=theme.FORMULA_SIZE, color=theme.MUTED)
                op.move_to([x + col_gap / 2 + op.width / 2, 0, 0])
                self.ops.add(op)
                x += col_gap + op.width
            else:
                self.ops.add(VGroup())
            x += col_gap
        bottom = height / 2 + 0.2  # heads stand on one line above the brackets, however tall
        for c, title in enumerate(heads or []):
            # one Text per line: manim's own line spacing lets "_" touch the next line
            t = VGroup(*[label(line, head_size, theme.MUTED) for line in title.split("\n")])
            t.arrange(DOWN, buff=0.1)
            mid = self.brackets[c].get_center()[0]
            t.move_to([mid, bottom + t.height / 2, 0])
            self.heads.add(t)
        self.add(self.brackets, self.cols, self.ops, self.heads)
