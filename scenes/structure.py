"""Chapter 1: layers, neurons as numbers, full connection, weight counts, the matrices, init.

Every beat is laid along its sentence (:mod:`scenes.timing`): the three layers stand faintly
under the title as "3 layers" is said, then each appears as its size is said; the edges fill
in neuron by neuron while "fully connected" is spoken, each factor of ``784 × 20 = 15,680``
arrives on its word and the finished counts stay while the next sentence names the weights
into the hidden layer; the rows of ``w_i_h`` light up one after another with their edges
while the sentence explains them; the matrix products ``w_i_h @ img`` and ``w_h_o @ hidden``
are written as sums only (the bias and the sigmoid belong to the forward chapter, so no
``h_pre`` or ``h`` here), and placed so that they stay readable for any hidden size; the
histogram's range and colours come as they are named; row r drawn as a 28 × 28 picture.
Long class names beside the output neurons are shortened with an ellipsis, and a column of more
than ten output values elides its middle, so an image folder of 26 classes stays in frame.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    ChangeDecimalToValue,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Integer,
    LaggedStart,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
)

from scenes import theme
from scenes.backprop import short_label
from scenes.chapter_scene import ChapterScene
from scenes.kit.layout import Region, region
from scenes.kit.network import NetworkDiagram, PixelGrid, flash, weight_color
from scenes.kit.numbers import MatrixView, VectorColumn
from scenes.kit.plots import Histogram
from scenes.kit.text import label, pieces

#: The font size of a LaTeX number (Integer) whose cap height matches body text.
TEX_BODY = 52
#: Where the right-hand panel is centred (x) and how wide it may be.
PANEL_X = 3.9
PANEL_W = 4.9
#: The grey of an edge that is context, not the point.
#: The widest a class name beside an output neuron may be (long names of an image folder are
#: shortened with an ellipsis, so they end before the panel); and the most output values the
#: column beside the hidden ones lists before it elides the middle with an ellipsis.
CLASS_NAME_W = 1.5
OUT_ROWS = 10
GREY_EDGE = {"color": theme.MUTED, "width": theme.EDGE_MIN_WIDTH * 1.5, "opacity": 0.5}


def words_on_one_baseline(words, xs, y, size=theme.SMALL_SIZE, color=theme.TEXT):
    """Words set as ONE text (one baseline), each word then moved sideways to its x.

    Returns the text and a list of its word groups (empty words give empty groups).
    """
    text = label("   ".join(w if w else "" for w in words), size, color)
    groups, i = [], 0
    for w in words:
        n = len(w.replace(" ", ""))
        groups.append(VGroup(*text[i:i + n]))
        i += n
    text.set_y(y)
    for g, x in zip(groups, xs):
        if len(g):
            g.set_x(x)
    return text, groups


def spaced(parts, size=theme.BODY_SIZE, colors=theme.TEXT, mono=False):
    """The kit's :func:`pieces` as words: parts one space apart, body text by default."""
    return pieces(parts, size, colors, mono=mono, sep=" ")


def _product(matrix, vector, result, shapes):
    """``matrix @ vector = result`` (the names of code in mono, words in sans) with each
    term's shape in small text below it, as ``(formula, shapes)``. Terms stand far enough
    apart that neighbouring shapes never touch (a shape such as ``(128, 784)`` is wider than
    its term); :func:`in_panel` places it."""
    terms = [label(matrix, theme.BODY_SIZE, theme.TEXT, mono=True),
             label("@", theme.BODY_SIZE, theme.MUTED, mono=True),
             vector if not isinstance(vector, str) else label(vector, theme.BODY_SIZE,
                                                                   theme.TEXT, mono=True),
             label("=", theme.BODY_SIZE, theme.MUTED),
             result]
    below = [label(t, theme.SMALL_SIZE, theme.MUTED, mono=True) for t in shapes]
    gap = 0.22
    formula = VGroup(*terms).arrange(RIGHT, buff=gap)
    # widen the gaps where two shapes would meet (terms 0, 2, 4 carry shapes)
    for i, j in ((0, 2), (2, 4)):
        need = ((below[i // 2].width + below[j // 2].width) / 2 + 0.45
                - (terms[j].get_x() - terms[i].get_x()))
        if need > 0:  # the operator between stays centred
            terms[i + 1].shift(RIGHT * need / 2)
            for t in terms[j:]:
                t.shift(RIGHT * need)
    y = min(t.get_bottom()[1] for t in terms) - 0.15
    for s, t in zip(below, (terms[0], terms[2], terms[4])):
        s.move_to([t.get_x(), y - s.height / 2, 0])
    VGroup(formula, *below).move_to(ORIGIN)
    return formula, below


def in_panel(mobject, y):
    """Put ``mobject`` in the right-hand panel at height ``y``: centred on :data:`PANEL_X`, or
    moved left just enough to stay inside the safe area when it is wider (a larger network's
    counts, ``100,352 + 1,280 = 101,632``), never shrunk below its text size."""
    mobject.move_to([PANEL_X, y, 0])
    over = mobject.get_right()[0] - (region("safe").right - 0.05)
    if over > 0:
        mobject.shift(LEFT * over)
    return mobject


class Structure(ChapterScene):
    slug = "structure"

    # --- helpers --------------------------------------------------------------------------

    def reveal(self, k):
        """Animations showing layer ``k`` of the diagram (outlines only) and its name."""
        anims = [self.net.layers[k].animate.set_stroke(opacity=1),
                 self.name_groups[k + 1].animate.set_opacity(1)]
        if k == 0:
            anims.append(self.net.dots.animate.set_opacity(1))
        return anims

    def hidden_rows(self):
        """The hidden neurons' indices, top to bottom (all of them are drawn)."""
        return list(self.net.neurons[1])

    def _light_row(self, r, prev):
        """Animations: the edges into hidden neuron ``r`` and the neuron in the accent colour,
        those of ``prev`` back to grey."""
        net = self.net
        anims = []
        if prev is not None:
            anims += [e.animate.set_stroke(**GREY_EDGE) for e in net.edges_into(0, prev)]
            anims.append(net.neuron(1, prev).animate.set_stroke(theme.NEURON_STROKE, width=2))
        if r is not None:
            anims += [e.animate.set_stroke(theme.ACCENT, width=2.5, opacity=1)
                      for e in net.edges_into(0, r)]
            anims.append(net.neuron(1, r).animate.set_stroke(theme.ACCENT, width=4))
        return anims

    def dwell(self, r, seconds):
        """Stay on row ``r`` for ``seconds``: a plain hold when short, else a pulse runs along
        its edges into its neuron while its numbers light one after another (a network with
        one or two hidden neurons has few rows to step through)."""
        if seconds <= 2.0:
            if seconds > 1.0 / 30:
                self.wait(seconds)
            return
        cells = [self.matrix.cells[(r, c)] for c in self.values["matrix_cols"]]
        self.play(flash(self.net.edges_into(0, r)),
                  LaggedStart(*[Indicate(t, color=theme.ACCENT) for t in cells], lag_ratio=0.5),
                  run_time=seconds)

    # --- beats ----------------------------------------------------------------------------

    def beat_layers(self):
        """Image -> input, hidden, output layers, each appearing as its size is said, names and
        sizes on one baseline; "one per pixel" runs along the input neurons, "combine all the
        pixels" sends a pulse from every drawn input into each hidden neuron; then every
        hidden and output neuron takes its value for the first training image, number and
        brightness together."""
        v = self.values
        n_in, n_hid, n_out = v["size_texts"]
        net = NetworkDiagram(v["sizes"], max_shown=[len(v["input_shown"]), v["sizes"][1],
                                                    v["sizes"][2]],
                             layer_gap=1.9, height=4.8, radius=0.11, show_counts=False)
        net.move_to([-2.6, -0.15, 0])
        self.net = net
        xs = [net.layers[k].get_x() for k in range(3)]
        img = PixelGrid(v["example_img"], side_length=1.05, stroke=False)
        img.move_to([-5.75, -0.15, 0])
        arrow = Arrow(img.get_right(), net.layers[0].get_left(), buff=0.08,
                      color=theme.MUTED, stroke_width=3, max_tip_length_to_length_ratio=0.3)
        bottom = min(net.layers[k].get_bottom()[1] for k in range(3))
        names, name_groups = words_on_one_baseline(["image"] + v["layer_names"],
                                                   [img.get_x()] + xs, bottom - 0.35)
        # one text per size (digits stand on one baseline), so each lights as it is said
        counts = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT).move_to([x, bottom - 0.8, 0])
                          for t, x in zip(v["size_texts"], xs)])
        classes = VGroup()
        for i, c in net.neurons[2].items():  # the drawn output neurons (26 classes elide some)
            t = short_label(v["class_names"][i], CLASS_NAME_W, color=theme.MUTED)
            t.next_to(c, RIGHT, buff=0.15)
            classes.add(t)
        header = label(f"{v['n_layers_text']} layers", theme.BODY_SIZE, theme.TEXT)
        header.move_to([PANEL_X, 2.6, 0])
        # a neuron is just a number: hidden and output values as columns, and as brightness
        hid = VectorColumn(v["example_h"], max_shown=8, digits=2)
        n_o = len(v["example_o"])
        out = VectorColumn(v["example_o"], max_shown=n_o if n_o <= OUT_ROWS else OUT_ROWS - 1,
                           digits=2)
        hid_t = label(v["layer_names"][1], theme.SMALL_SIZE, theme.MUTED)
        out_t = label(v["layer_names"][2], theme.SMALL_SIZE, theme.MUTED)
        cols = VGroup(VGroup(hid_t, hid).arrange(DOWN, buff=0.2),
                      VGroup(out_t, out).arrange(DOWN, buff=0.2)).arrange(RIGHT, buff=1.0,
                                                                           aligned_edge=UP)
        cols.move_to([PANEL_X, -0.3, 0])
        self.name_groups = name_groups
        names.set_opacity(0)
        for k in range(3):
            net.layers[k].set_stroke(opacity=0)
        net.dots.set_opacity(0)
        self.add(net.layers, net.dots, names)

        # "3 layers": under the title, the three columns stand faintly and the count comes
        self.title_card(FadeIn(header), *[net.layers[k].animate.set_stroke(opacity=0.3)
                                          for k in range(3)], until=n_in)
        self.play(FadeIn(img), name_groups[0].animate.set_opacity(1), *self.reveal(0),
                  FadeIn(counts[0]), at=n_in, through="neurons,")
        # one per pixel: the image feeds the inputs, a highlight runs down the input neurons
        self.play(Create(arrow),
                  LaggedStart(*[Indicate(c, color=theme.ACCENT, scale_factor=1.4)
                                for c in net.layers[0]], lag_ratio=0.25),
                  through="pixel,")
        self.play(counts[0].animate.set_color(theme.TEXT), *self.reveal(1), FadeIn(counts[1]),
                  at=n_hid, through="neurons")
        # each hidden neuron combines all the pixels: a pulse from every input into each one
        self.play(LaggedStart(*[flash(net.edges_into(0, r)) for r in self.hidden_rows()],
                              lag_ratio=0.12), through="pixels,")
        self.play(counts[1].animate.set_color(theme.TEXT), *self.reveal(2), FadeIn(counts[2]),
                  at=n_out, through="neurons,")
        self.play(LaggedStart(*[FadeIn(c, shift=LEFT * 0.1) for c in classes], lag_ratio=0.2),
                  through="class;")
        self.play(counts[2].animate.set_color(theme.TEXT), FadeIn(hid_t), FadeIn(out_t),
                  FadeIn(hid.brackets), FadeIn(out.brackets), at="a neuron", until="number,")
        # number and brightness together, neuron by neuron
        pairs = []
        for k, col in ((1, hid), (2, out)):
            for i, c in net.neurons[k].items():
                fill = c.animate.set_fill(theme.NEURON_FILL, opacity=float(
                    np.clip(col.values[i], 0.0, 1.0)))
                shown = [FadeIn(col.entries[i], shift=RIGHT * 0.2)] if i in col.entries else []
                pairs.append(AnimationGroup(fill, *shown))
        numbers = [*hid.entries.values(), *out.entries.values()]
        others = [t for t in [*hid.rows, *out.rows] if all(t is not n for n in numbers)]
        self.play(LaggedStart(*pairs, lag_ratio=0.25), *[FadeIn(t) for t in others],
                  through="brightness.")
        self.img, self.arrow, self.names, self.counts = img, arrow, names, counts
        self.classes, self.header, self.cols = classes, header, cols

    def beat_connected(self):
        """Edges fill in neuron by neuron ("fully connected"); the strongest drawn edge is one
        weight, a number; each factor of 784 x 20 = 15,680 and 20 x 10 = 200 arrives as it is
        said, with a pulse through the edges it counts; the two totals join into 15,880."""
        v = self.values
        net = self.net
        n_in, n_hid, n_out = v["size_texts"]
        eq1 = spaced([n_in, "×", n_hid, "=", v["n_w_i_h_text"]])
        eq2 = spaced([n_hid, "×", n_out, "=", v["n_w_h_o_text"]])
        eq3 = spaced([v["n_w_i_h_text"], "+", v["n_w_h_o_text"], "=", v["n_weights_text"]],
                     colors=theme.ACCENT)
        cap1 = label("weights into hidden", theme.SMALL_SIZE, theme.MUTED)
        cap2 = label("weights into output", theme.SMALL_SIZE, theme.MUTED)
        cap3 = label("weights in all", theme.SMALL_SIZE, theme.MUTED)
        block = VGroup(VGroup(eq1, cap1).arrange(DOWN, buff=0.12),
                       VGroup(eq2, cap2).arrange(DOWN, buff=0.12),
                       VGroup(eq3, cap3).arrange(DOWN, buff=0.12)).arrange(DOWN, buff=0.45)
        in_panel(block, -0.9)
        e1 = VGroup(*[e for (k, _, _), e in net.edges.items() if k == 0])
        e2 = VGroup(*[e for (k, _, _), e in net.edges.items() if k == 1])
        self.add(e1, e2)
        self.bring_to_back(e1, e2)
        e1.set_stroke(opacity=0)
        e2.set_stroke(opacity=0)
        self.play(FadeOut(self.cols), FadeOut(self.header), run_time=0.5)
        # fully connected: every neuron's incoming edges, one neuron after another
        into = ([net.edges_into(0, r) for r in self.hidden_rows()]
                + [net.edges_into(1, o) for o in net.neurons[2]])
        self.play(LaggedStart(*[g.animate.set_stroke(**GREY_EDGE) for g in into],
                              lag_ratio=0.15), until="holding")
        # one link, one number: the strongest drawn weight into the hidden layer
        edge = net.edges[(0, v["edge_row"], v["edge_col"])]
        w_text = label(f"one weight: {v['edge_w_text']}", theme.BODY_SIZE, theme.ACCENT)
        w_text.move_to([PANEL_X, 2.4, 0])
        self.play(edge.animate.set_stroke(theme.ACCENT, width=5, opacity=1), until="weight,")
        self.play(FadeIn(w_text, target_position=edge.get_center(), scale=0.4),
                  through="number:")
        # 784 x 20 = 15,680: each factor as it is said, with the layer it counts
        self.play(edge.animate.set_stroke(**GREY_EDGE), w_text.animate.set_color(theme.TEXT),
                  FadeIn(eq1[0]), Indicate(self.counts[0], color=theme.ACCENT),
                  Indicate(net.layers[0], color=theme.ACCENT), at=n_in, until="times")
        self.play(FadeIn(eq1[1]), run_time=theme.MIN_RUN)
        self.play(FadeIn(eq1[2]), Indicate(self.counts[1], color=theme.ACCENT),
                  Indicate(net.layers[1], color=theme.ACCENT), at=n_hid, until="makes")
        self.play(FadeIn(eq1[3]), FadeIn(eq1[4]), FadeIn(cap1), flash(e1),
                  at=v["n_w_i_h_text"], through="layer,")
        # 20 x 10 = 200
        self.play(FadeIn(eq2[0]), Indicate(self.counts[1], color=theme.ACCENT),
                  Indicate(net.layers[1], color=theme.ACCENT), at=n_hid, until="times")
        self.play(FadeIn(eq2[1]), run_time=theme.MIN_RUN)
        self.play(FadeIn(eq2[2]), Indicate(self.counts[2], color=theme.ACCENT),
                  Indicate(net.layers[2], color=theme.ACCENT), at=n_out, until="makes")
        self.play(FadeIn(eq2[3]), FadeIn(eq2[4]), FadeIn(cap2), flash(e2),
                  at=v["n_w_h_o_text"], through="layer,")
        # the two totals join
        self.play(TransformFromCopy(eq1[4], eq3[0]), TransformFromCopy(eq2[4], eq3[2]),
                  FadeIn(eq3[1]), FadeIn(eq3[3]), FadeIn(eq3[4]), FadeIn(cap3),
                  at=v["n_weights_text"], run_time=0.8)
        self.play(Circumscribe(eq3, color=theme.ACCENT), through="all.")
        self.edge, self.w_text, self.block = edge, w_text, block
        self.e1, self.e2 = e1, e2

    def beat_matrices(self):
        """The edges into the hidden layer light up and the matrix w_i_h appears; its shape's
        two numbers light with the layer each counts (rows: hidden, columns: input); then each
        drawn row lights up together with the edges into its hidden neuron, one after another
        until the sentence ends."""
        v = self.values
        net = self.net
        rows, cols = v["matrix_rows"], v["matrix_cols"]
        m = MatrixView(v["w_i_h_init"], max_rows=len(rows), max_cols=len(cols), digits=2,
                       color_by_sign=False, col_width=0.9, row_height=0.38)
        for c in cols:  # numbers right-aligned in their column
            column = [m.cells[(r, c)] for r in rows]
            right = max(t.get_right()[0] for t in column)
            for t in column:
                t.shift(RIGHT * (right - t.get_right()[0]))
        shape_parts = v["shape_w_i_h_text"].split(" ")
        title = spaced(["w_i_h", *shape_parts], mono=True)
        # the view draws a few rows and columns: the matrix's real size, in words, beside it
        dims = spaced([v["w_i_h_rows_text"], "rows", "\u00d7", v["w_i_h_cols_text"], "columns"],
                      theme.SMALL_SIZE, colors=theme.MUTED)
        idx = VGroup()
        for r in rows:
            t = label(str(r), theme.TINY_SIZE, theme.MUTED)
            t.next_to(m.brackets[0], LEFT, buff=0.15).set_y(m.cells[(r, cols[0])].get_y())
            idx.add(t)
        row_t = label("row", theme.TINY_SIZE, theme.MUTED).next_to(idx, UP, buff=0.2)
        mat = VGroup(title, dims, VGroup(m, idx, row_t)).arrange(DOWN, buff=0.2)
        mat.move_to([PANEL_X, 1.3, 0])
        r_now = Integer(rows[0], font_size=TEX_BODY, color=theme.ACCENT)
        h_now = Integer(rows[0], font_size=TEX_BODY, color=theme.ACCENT)
        r_now.text_role = h_now.text_role = "body"
        line1 = label("the weights in row", theme.BODY_SIZE, theme.TEXT)
        line2 = label("feed hidden neuron", theme.BODY_SIZE, theme.TEXT)
        VGroup(line1, line2).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        VGroup(line1, line2).move_to([PANEL_X - 0.35, -1.6, 0])
        r_now.add_updater(lambda mob: mob.next_to(line1, RIGHT, buff=0.2))
        h_now.add_updater(lambda mob: mob.next_to(line2, RIGHT, buff=0.2))
        r_now.update()
        h_now.update()
        cap = VGroup(line1, r_now, line2, h_now)
        # the weights into the hidden layer (the count just finished stays a moment: its
        # first line is these weights) ...
        eq1, rest = self.block[0], VGroup(*self.block[1:])
        self.play(FadeOut(self.w_text), rest.animate.set_opacity(0.3),
                  self.e1.animate.set_stroke(theme.ACCENT, width=1.5, opacity=0.9),
                  Indicate(eq1[0][4], color=theme.ACCENT), at="weights", through="layer")
        # ... form one matrix: its numbers arrive row by row
        self.play(FadeOut(self.block), self.e1.animate.set_stroke(**GREY_EDGE),
                  FadeIn(title[0]),
                  FadeIn(m.brackets), FadeIn(row_t),
                  LaggedStart(*[FadeIn(t, shift=DOWN * 0.1) for t in m.grid], lag_ratio=0.04),
                  LaggedStart(*[FadeIn(t) for t in idx], lag_ratio=0.2),
                  at="form", through="w_i_h,")
        # of shape (rows, columns): rows are the hidden neurons, columns the inputs
        self.play(FadeIn(title[1]), FadeIn(dims[:2]), Indicate(idx, color=theme.ACCENT),
                       Indicate(net.layers[1], color=theme.ACCENT), at=shape_parts[0],
                       until=shape_parts[1])
        self.play(FadeIn(title[2]), FadeIn(dims[2:]), Indicate(net.layers[0], color=theme.ACCENT),
                  Indicate(m.grid, color=theme.ACCENT, scale_factor=1.05),
                  through=shape_parts[1])
        # row r holds every weight into hidden neuron r: the rows light one after another
        box = SurroundingRectangle(VGroup(*[m.cells[(rows[0], c)] for c in cols]), buff=0.08,
                                   color=theme.ACCENT)
        self.play(FadeIn(cap), Create(box), *self._light_row(rows[0], None), at="row",
                  run_time=1.0)
        self.matrix = m
        step = self.seconds_left() / max(len(rows) - 1, 1)
        prev = rows[0]
        for r in rows[1:]:
            target = SurroundingRectangle(VGroup(*[m.cells[(r, c)] for c in cols]), buff=0.08,
                                          color=theme.ACCENT)
            run = min(1.0, step)
            self.play(box.animate.become(target), ChangeDecimalToValue(r_now, r),
                      ChangeDecimalToValue(h_now, r), *self._light_row(r, prev), run_time=run)
            self.dwell(r, step - run)
            prev = r
        if len(rows) == 1:  # one hidden neuron: its row pulses to the sentence's end
            self.dwell(prev, self.seconds_left())
        # the last row stays lit to the beat's end (its still and slide show the pairing)
        self.matrix, self.mat, self.cap, self.idx = m, mat, cap, idx
        self.lit_row, self.row_box, self.dims = prev, box, dims

    def beat_product(self):
        """The product made concrete on one real row: the row the matrix beat left lit (its
        numbers boxed, its edges lit) times the image's column, each weight times its pixel
        (a pulse along its edges, its numbers lit one by one), added up into the sum of its
        hidden neuron, written below as it is said; then all rows at once, the box widening
        to the whole matrix and every edge into the hidden layer pulsing, written as
        ``w_i_h @ img = sums`` with shapes below; then ``w_h_o @ hidden = sums``, the word
        "hidden" flying in from the diagram's layer name, its edges lighting for "the same
        for the output".

        Only the products, no ``h_pre``/``h``: the reference's ``h_pre`` also adds the bias
        and ``h`` squashes it, both taught in the forward chapter; a product of the weights
        and the numbers a layer holds is all this chapter has taught."""
        v = self.values
        net = self.net
        m = self.matrix
        n_in, n_hid, _ = v["size_texts"]
        r, r_text = self.lit_row, v["picture_row_text"]
        row_cells = VGroup(*[m.cells[(r, c)] for c in v["matrix_cols"]])
        sums = [label("sums", theme.BODY_SIZE, theme.TEXT) for _ in range(2)]
        hidden = label(v["layer_names"][1], theme.BODY_SIZE, theme.TEXT)
        f1, s1 = _product("w_i_h", "img", sums[0], (v["shape_w_i_h_text"],
                                                     v["shape_img_text"], v["shape_h_text"]))
        f2, s2 = _product("w_h_o", hidden, sums[1], (v["shape_w_h_o_text"],
                                                     v["shape_h_text"], v["shape_o_text"]))
        VGroup(f2, *s2).next_to(VGroup(f1, *s1), DOWN, buff=0.45, aligned_edge=LEFT)
        in_panel(VGroup(f1, f2, *s1, *s2), -1.7)
        # one row's sum, in words, where the caption of the matrix beat stood
        line1 = spaced(["row", r_text, "\u00d7", "image:"], theme.SMALL_SIZE,
                       colors=[theme.TEXT, theme.ACCENT, theme.TEXT, theme.TEXT])
        line1.add(label("each weight \u00d7 its pixel,", theme.SMALL_SIZE, theme.TEXT))
        line2 = spaced(["added up =", "the sum of hidden neuron", r_text], theme.SMALL_SIZE,
                       colors=[theme.TEXT, theme.TEXT, theme.ACCENT])
        line1[4].next_to(line1[:4], DOWN, buff=0.22, aligned_edge=LEFT)
        one = VGroup(line1, line2).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        in_panel(one, -1.7)
        whole = SurroundingRectangle(m.grid, buff=0.08, color=theme.ACCENT)
        # "Row r": the row left lit by the matrix beat, its caption giving way to the sum's
        self.play(FadeOut(self.cap), FadeIn(line1[:2], shift=UP * 0.1),
                  Indicate(row_cells, color=theme.ACCENT, scale_factor=1.05), until=r_text)
        self.light(line1[1], at=r_text)
        # "times the image's column of 784 pixels"
        self.play(FadeIn(line1[2:4]), Circumscribe(self.img, color=theme.ACCENT),
                  at="times", until=n_in)
        self.play(Indicate(self.counts[0], color=theme.ACCENT),
                  Indicate(net.layers[0], color=theme.ACCENT), at=n_in, through="pixels,")
        # "each weight times its pixel": a pulse along the row's edges, its numbers one by one
        self.play(FadeIn(line1[4]), flash(net.edges_into(0, r)),
                  LaggedStart(*[Indicate(t, color=theme.ACCENT) for t in row_cells],
                              lag_ratio=0.4), at="each", through="pixel,")
        # "all added up, gives the sum for hidden neuron r": the sum arrives at its neuron
        self.play(FadeIn(line2[0], shift=UP * 0.1), at="added", until="gives")
        self.play(FadeIn(line2[1:], shift=UP * 0.1),
                  Indicate(net.neuron(1, r), color=theme.ACCENT, scale_factor=1.6),
                  at="gives", until=r_text)
        self.light(line2[2], at=r_text)
        # "all 20 rows at once": the box widens to the whole matrix, every edge pulses
        self.play(FadeOut(one), self.row_box.animate.become(whole),
                  *self._light_row(None, r), flash(self.e1),
                  Indicate(self.idx, color=theme.ACCENT), Indicate(self.dims[0]),
                  at=n_hid, until="give")
        # "give all 20 hidden sums in one matrix product"
        self.play(TransformFromCopy(self.mat[0][0], f1[0]), FadeIn(s1[0]),
                  FadeIn(f1[1]), FadeIn(f1[2]), FadeIn(s1[1]), FadeOut(self.row_box),
                  at="give", until=n_hid)
        self.play(FadeIn(f1[3]), FadeIn(f1[4]), FadeIn(s1[2]),
                  Indicate(self.counts[1], color=theme.ACCENT),
                  Indicate(net.layers[1], color=theme.ACCENT), at=n_hid, through="sums")
        self.play(Circumscribe(VGroup(f1, *s1), color=theme.ACCENT), at="in one",
                  through="product,")
        # and w_h_o, of shape (10, 20), does the same for the output: the hidden layer's
        # numbers go in
        out_shape = v["shape_w_h_o_text"].split(" ")
        self.play(FadeIn(f2[0]), FadeIn(f2[1]), TransformFromCopy(self.name_groups[2], f2[2]),
                  at="w_h_o,", until=out_shape[0])
        self.play(FadeIn(s2[0]), FadeIn(s2[1]), *[e.animate.set_stroke(theme.ACCENT, opacity=0.9)
                                                  for e in self.e2],
                  at=out_shape[0], through=out_shape[1])
        self.play(FadeIn(f2[3]), FadeIn(f2[4]), FadeIn(s2[2]),
                  *[e.animate.set_stroke(**GREY_EDGE) for e in self.e2], flash(self.e2),
                  Indicate(net.layers[2], color=theme.ACCENT), at="does", through="output.")
        self.formulas = VGroup(f1, f2, *s1, *s2)

    def beat_init(self):
        """The histogram of all initial input-to-hidden weights rises around zero; its range
        lights as it is said; blue above zero and red below colour the edges, the matrix
        entries and the histogram's bars as each colour is named; the weights it counts
        pulse as the count is said."""
        v = self.values
        net = self.net
        w1, w2 = v["w_i_h_init"], v["w_h_o_init"]
        s1, s2 = float(np.abs(w1).max()), float(np.abs(w2).max())
        edges = v["hist_edges"]
        last = len(edges) - 1
        hist = Histogram(v["hist_counts"], edges, edge_texts={0: v["w_min_text"],
                                                              last: v["w_max_text"]},
                         width=4.0, height=1.4, color=theme.NEUTRAL)
        h_title = label(f"all {v['n_w_i_h_text']} initial w_i_h", theme.SMALL_SIZE,
                        theme.TEXT)
        VGroup(h_title, hist).arrange(DOWN, buff=0.2).move_to([PANEL_X, -2.4, 0])
        legend = VGroup(label("blue: weight > 0", theme.SMALL_SIZE, theme.POSITIVE),
                        label("red: weight < 0", theme.SMALL_SIZE, theme.NEGATIVE))
        legend.arrange(RIGHT, buff=0.4)
        if legend.width > PANEL_W:
            legend.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        legend.move_to([PANEL_X, -0.85, 0])
        centres = (np.asarray(edges[:-1]) + np.asarray(edges[1:])) / 2

        def recolor(positive):
            """Edges, matrix entries and histogram bars of one sign, in that sign's colour."""
            anims = []
            for (k, i, j), e in net.edges.items():
                w, s = (w1[i, j], s1) if k == 0 else (w2[i, j], s2)
                if (w >= 0) == positive:
                    target = NetworkDiagram.style_edge(e.copy(), w, s)
                    anims.append(e.animate.set_stroke(target.get_stroke_color(),
                                                      width=target.get_stroke_width(),
                                                      opacity=target.get_stroke_opacity()))
            anims += [t.animate.set_color(weight_color(w1[r, c]))
                      for (r, c), t in self.matrix.cells.items() if (w1[r, c] >= 0) == positive]
            anims += [b.animate.set_fill(weight_color(x)) for b, x in zip(hist.bars, centres)
                      if (x >= 0) == positive]
            return anims

        # the finished products stay a moment longer, then make room for the histogram
        self.play(FadeOut(self.formulas), at="every", run_time=0.5)
        # every weight a small random number around zero: the histogram rises
        self.play(FadeIn(hist[0]),
                  LaggedStart(*[GrowFromEdge(b, DOWN) for b in hist.bars], lag_ratio=0.1),
                  at="small", through="zero,")
        self.play(FadeIn(hist.edge_labels[0]), at=v["w_min_text"], until="and")
        self.play(FadeIn(hist.edge_labels[1]), at=v["w_max_text"], run_time=theme.LIGHT)
        # blue above zero, red below: edges, matrix entries and bars take their sign's colour
        self.play(*recolor(True), FadeIn(legend[0]), at="blue", through="zero")
        self.play(*recolor(False), FadeIn(legend[1]), at="red", through="below,")
        self.play(Indicate(hist.bars, color=theme.ACCENT, scale_factor=1.05),
                       at="histogram", until=v["n_w_i_h_text"])
        # all 15,680 input-to-hidden weights: the count, and the edges it counts
        self.play(FadeIn(h_title), flash(self.e1), at=v["n_w_i_h_text"], through="shows.")
        self.still("initial-weights")
        self.hist_panel = VGroup(h_title, hist, legend)

    def beat_picture(self):
        """Row r of w_i_h (the row the matrix beat left lit) is boxed again with its edges;
        the image, enlarged, stands beside an empty square of its size, and a highlight pairs
        pixel c with weight c along the image's inkiest pixel row; the row's weights fill the
        square row by row (brightness = |w|), then take their sign's colour as blue and red
        are named: noise."""
        v = self.values
        m = self.matrix
        side, r = v["side"], v["picture_row"]
        w = np.asarray(v["picture_w"], dtype=float)
        top = self.mat.get_bottom()[1] - theme.GAP
        area = region("side")  # below the matrix, down to the safe area's bottom
        area = Region(area.left, region("safe").bottom, area.right, top)
        size = min(1.6, area.height - 0.85)  # room for two caption lines below
        big = PixelGrid(v["example_img"], side_length=size, stroke=False)
        cell = size / side
        squares = VGroup()
        for k, x in enumerate(w):
            row, col = divmod(k, side)
            sq = Square(side_length=cell).set_stroke(width=0)
            sq.set_fill(theme.NEUTRAL, opacity=abs(x) / float(np.abs(w).max()))
            sq.move_to([(col - (side - 1) / 2) * cell, ((side - 1) / 2 - row) * cell, 0])
            squares.add(sq)
        frame = Square(side_length=size).set_stroke(theme.MUTED, width=1.5)
        wpic = VGroup(frame, squares)
        img_cap = label("image", theme.SMALL_SIZE, theme.MUTED)
        row_cap = spaced(["row", v["picture_row_text"], "of", "w_i_h"], theme.SMALL_SIZE,
                         colors=[theme.MUTED, theme.ACCENT, theme.MUTED, theme.MUTED])
        size_cap = spaced([v["side_text"], "×", v["side_text"]], theme.SMALL_SIZE,
                          colors=theme.MUTED)
        left = VGroup(big, img_cap).arrange(DOWN, buff=theme.GAP_SMALL)
        right = VGroup(wpic, row_cap, size_cap).arrange(DOWN, buff=theme.GAP_SMALL)
        area.place(VGroup(left, right).arrange(RIGHT, buff=theme.GAP_LARGE, aligned_edge=UP),
                   "top")
        rows_of = [VGroup(*squares[k * side:(k + 1) * side]) for k in range(side)]
        box = SurroundingRectangle(VGroup(*[m.cells[(r, c)] for c in v["matrix_cols"]]),
                                   buff=0.08, color=theme.ACCENT)
        self.play(FadeOut(self.hist_panel), run_time=0.5)
        # row r: its numbers, its edges, its neuron
        self.play(Create(box), *self._light_row(r, None), FadeIn(row_cap),
                  at=v["picture_row_text"], through="has")
        # one weight for each pixel: the row becomes a square the image's size, and weight c
        # sits where pixel c sits
        self.play(TransformFromCopy(self.img, big), FadeIn(img_cap),
                  TransformFromCopy(box, frame), at="one weight", until="per")
        sweep = ValueTracker(0)
        y = v["sweep_row"]

        def marker(grid_frame):
            step = grid_frame.width / side
            sq = Square(side_length=step * 1.4).set_stroke(theme.ACCENT, width=4)
            corner = grid_frame.get_corner(UP + LEFT)
            return sq.add_updater(lambda mob: mob.move_to(
                corner + np.array([(sweep.get_value() + 0.5) * step, -(y + 0.5) * step, 0])))

        markers = VGroup(marker(big.frame), marker(frame))
        markers.update()
        self.add(markers)
        self.play(sweep.animate.set_value(side - 1), until="drawn")
        markers.clear_updaters()
        # drawn as a side x side picture: the row's weights fill the square, row by row
        half = side // 2
        self.play(FadeOut(markers),
                       LaggedStart(*[FadeIn(g) for g in rows_of[:half]], lag_ratio=0.3),
                       at="drawn", until=v["side_text"])
        self.play(FadeIn(size_cap), LaggedStart(*[FadeIn(g) for g in rows_of[half:]],
                                                lag_ratio=0.3),
                  at=v["side_text"], through=v["side_text"])
        # blue where positive, red where negative
        for positive, word, end in ((True, "blue", "positive"), (False, "red", "negative:")):
            self.play(*[sq.animate.set_fill(weight_color(x)) for sq, x in zip(squares, w)
                        if (x >= 0) == positive], at=word, through=end)
        self.play(Circumscribe(wpic, color=theme.ACCENT), at="before", through="noise.")
        self.still("row-picture")
