"""Chapter 1: layers, neurons as numbers, full connection, weight counts, the matrices, init."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid, weight_color
from scenes.kit.numbers import MatrixView, VectorColumn
from scenes.kit.plots import Histogram
from scenes.kit.text import label

#: The font size of a LaTeX number (Integer) whose cap height matches body text.
TEX_BODY = 52
#: Where the right-hand panel is centred (x) and how wide it may be.
PANEL_X = 3.9
PANEL_W = 4.9


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


def _product(matrix, vector, result, shapes):
    """``matrix @ vector = result`` in code, and its three shapes as labels (placed later)."""
    formula = VGroup(*[label(t, theme.BODY_SIZE, theme.MUTED if t in ("@", "=") else theme.TEXT,
                             mono=True) for t in (matrix, "@", vector, "=", result)])
    formula.arrange(RIGHT, buff=0.4)
    return formula, [label(t, theme.SMALL_SIZE, theme.MUTED, mono=True) for t in shapes]


class Structure(ChapterScene):
    slug = "structure"

    def beat_layers(self):
        """Image -> input, hidden, output layers with names and sizes on one baseline; then the
        hidden and output neurons light up with their values for the first training image."""
        v = self.values
        self.title_card()
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
        counts, count_groups = words_on_one_baseline(
            ["", v["size_texts"][0], v["size_texts"][1], v["size_texts"][2]],
            [img.get_x()] + xs, bottom - 0.8, color=theme.ACCENT)
        classes = VGroup()
        for i, name in enumerate(v["class_names"]):
            t = label(name, theme.TINY_SIZE, theme.MUTED)
            t.next_to(net.neuron(2, i), RIGHT, buff=0.15)
            classes.add(t)
        header = label(f"{v['n_layers_text']} layers", theme.BODY_SIZE, theme.TEXT)
        header.move_to([PANEL_X, 2.6, 0])
        names.set_opacity(0)
        counts.set_opacity(0)
        self.add(net.layers, net.dots, names, counts)
        for k in range(3):
            net.layers[k].set_opacity(0)
        net.dots.set_opacity(0)
        self.play(FadeIn(header), FadeIn(img), run_time=0.6)
        self.play(Create(arrow), net.layers[0].animate.set_opacity(1).set_fill(opacity=0),
                  net.dots.animate.set_opacity(1),
                  name_groups[0].animate.set_opacity(1), name_groups[1].animate.set_opacity(1),
                  count_groups[1].animate.set_opacity(1),
                  run_time=1.0)
        self.play(net.layers[1].animate.set_opacity(1).set_fill(opacity=0),
                  name_groups[2].animate.set_opacity(1), count_groups[2].animate.set_opacity(1),
                  run_time=0.8)
        self.play(net.layers[2].animate.set_opacity(1).set_fill(opacity=0),
                  name_groups[3].animate.set_opacity(1), count_groups[3].animate.set_opacity(1),
                  LaggedStart(*[FadeIn(c, shift=LEFT * 0.1) for c in classes], lag_ratio=0.08),
                  run_time=1.2)
        # a neuron is just a number: hidden and output values as columns, and as brightness
        hid = VectorColumn(v["example_h"], max_shown=8, digits=2)
        out = VectorColumn(v["example_o"], max_shown=len(v["example_o"]), digits=2)
        hid_t = label(v["layer_names"][1], theme.SMALL_SIZE, theme.MUTED)
        out_t = label(v["layer_names"][2], theme.SMALL_SIZE, theme.MUTED)
        cols = VGroup(VGroup(hid_t, hid).arrange(DOWN, buff=0.2),
                      VGroup(out_t, out).arrange(DOWN, buff=0.2)).arrange(RIGHT, buff=1.0,
                                                                           aligned_edge=UP)
        cols.move_to([PANEL_X, -0.3, 0])
        self.play(counts.animate.set_color(theme.TEXT), *net.fill_animations(1, v["example_h"]),
                  *net.fill_animations(2, v["example_o"]), FadeIn(hid_t), FadeIn(out_t),
                  FadeIn(hid.brackets), FadeIn(out.brackets),
                  LaggedStart(*[FadeIn(t, shift=RIGHT * 0.2) for t in hid.rows], lag_ratio=0.1),
                  LaggedStart(*[FadeIn(t, shift=RIGHT * 0.2) for t in out.rows], lag_ratio=0.1),
                  run_time=1.8)
        self.img, self.arrow, self.names, self.counts = img, arrow, names, counts
        self.classes, self.header, self.cols = classes, header, cols

    def beat_connected(self):
        """Edges appear layer by layer; one weight is a number; 784 x 20 + 20 x 10 = 15,880."""
        v = self.values
        net = self.net
        n_in, n_hid, n_out = v["size_texts"]
        eq1 = label(f"{n_in} × {n_hid} = {v['n_w_i_h_text']}", theme.BODY_SIZE, theme.TEXT)
        eq2 = label(f"{n_hid} × {n_out} = {v['n_w_h_o_text']}", theme.BODY_SIZE, theme.TEXT)
        eq3 = label(f"{v['n_w_i_h_text']} + {v['n_w_h_o_text']} = {v['n_weights_text']}",
                    theme.BODY_SIZE, theme.ACCENT)
        cap1 = label("weights into hidden", theme.SMALL_SIZE, theme.MUTED)
        cap2 = label("weights into output", theme.SMALL_SIZE, theme.MUTED)
        cap3 = label("weights in all", theme.SMALL_SIZE, theme.MUTED)
        block = VGroup(VGroup(eq1, cap1).arrange(DOWN, buff=0.12),
                       VGroup(eq2, cap2).arrange(DOWN, buff=0.12),
                       VGroup(eq3, cap3).arrange(DOWN, buff=0.12)).arrange(DOWN, buff=0.45)
        block.move_to([PANEL_X, -0.9, 0])
        e1 = VGroup(*[e for (k, _, _), e in net.edges.items() if k == 0])
        e2 = VGroup(*[e for (k, _, _), e in net.edges.items() if k == 1])
        self.bring_to_back(e1, e2)
        e1.set_stroke(opacity=0)
        e2.set_stroke(opacity=0)
        self.play(FadeOut(self.cols), FadeOut(self.header), run_time=0.5)
        grey = {"width": theme.EDGE_MIN_WIDTH * 1.5, "opacity": 0.5}
        self.play(e1.animate.set_stroke(theme.MUTED, **grey), FadeIn(eq1), FadeIn(cap1),
                  run_time=1.5)
        self.play(e2.animate.set_stroke(theme.MUTED, **grey), FadeIn(eq2), FadeIn(cap2),
                  run_time=1.2)
        # one link, one number: the strongest drawn weight into the hidden layer
        edge = net.edges[(0, v["edge_row"], v["edge_col"])]
        w_text = label(f"one weight: {v['edge_w_text']}", theme.BODY_SIZE, theme.ACCENT)
        w_text.move_to([PANEL_X, 2.4, 0])
        self.play(edge.animate.set_stroke(theme.ACCENT, width=5, opacity=1), FadeIn(w_text),
                  run_time=0.8)
        self.play(TransformFromCopy(VGroup(eq1[-len(v["n_w_i_h_text"]):],
                                           eq2[-len(v["n_w_h_o_text"]):]), eq3),
                  FadeIn(cap3), run_time=1.2)
        self.play(Circumscribe(eq3, color=theme.ACCENT), run_time=1.0)
        self.edge, self.w_text, self.block = edge, w_text, block
        self.e1, self.e2 = e1, e2

    def beat_matrices(self):
        """w_i_h as a matrix (rows: hidden neurons, columns: input neurons); each drawn row
        lights up together with the edges into its hidden neuron."""
        v = self.values
        rows, cols = v["matrix_rows"], v["matrix_cols"]
        m = MatrixView(v["w_i_h_init"], max_rows=len(rows), max_cols=len(cols), digits=2,
                       color_by_sign=False, col_width=0.9, row_height=0.38)
        for c in cols:  # numbers right-aligned in their column
            column = [m.cells[(r, c)] for r in rows]
            right = max(t.get_right()[0] for t in column)
            for t in column:
                t.shift(RIGHT * (right - t.get_right()[0]))
        title = label(f"w_i_h  {v['shape_w_i_h_text']}", theme.BODY_SIZE, theme.TEXT,
                      mono=True)
        idx = VGroup()
        for r in rows:
            t = label(str(r), theme.TINY_SIZE, theme.MUTED)
            t.next_to(m.brackets[0], LEFT, buff=0.15).set_y(m.cells[(r, cols[0])].get_y())
            idx.add(t)
        row_t = label("row", theme.TINY_SIZE, theme.MUTED).next_to(idx, UP, buff=0.2)
        mat = VGroup(title, VGroup(m, idx, row_t)).arrange(DOWN, buff=0.25)
        mat.move_to([PANEL_X, 1.15, 0])
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
        self.play(FadeOut(self.block), FadeOut(self.w_text),
                  self.edge.animate.set_stroke(theme.MUTED, width=theme.EDGE_MIN_WIDTH * 1.5,
                                               opacity=0.5), run_time=0.5)
        self.play(FadeIn(title), FadeIn(m), FadeIn(idx), FadeIn(row_t), run_time=1.0)
        box = SurroundingRectangle(VGroup(*[m.cells[(rows[0], c)] for c in cols]), buff=0.08,
                                   color=theme.ACCENT)
        self.play(FadeIn(cap), Create(box), *self._light_row(rows[0], None), run_time=0.8)
        prev = rows[0]
        for r in rows[1:]:
            target = SurroundingRectangle(VGroup(*[m.cells[(r, c)] for c in cols]), buff=0.08,
                                          color=theme.ACCENT)
            self.play(box.animate.become(target), r_now.animate.set_value(r),
                      h_now.animate.set_value(r), *self._light_row(r, prev), run_time=0.8)
            prev = r
        # the last row stays lit to the beat's end (its still and slide show the pairing)
        self.matrix, self.mat, self.cap = m, mat, cap
        self.lit_row, self.row_box = prev, box

    def _light_row(self, r, prev):
        """Animations: the edges into hidden neuron ``r`` and the neuron in the accent colour,
        those of ``prev`` back to grey."""
        net = self.net
        anims = []
        if prev is not None:
            anims += [e.animate.set_stroke(theme.MUTED, width=theme.EDGE_MIN_WIDTH * 1.5,
                                           opacity=0.5) for e in net.edges_into(0, prev)]
            anims.append(net.neuron(1, prev).animate.set_stroke(theme.NEURON_STROKE, width=2))
        if r is not None:
            anims += [e.animate.set_stroke(theme.ACCENT, width=2.5, opacity=1)
                      for e in net.edges_into(0, r)]
            anims.append(net.neuron(1, r).animate.set_stroke(theme.ACCENT, width=4))
        return anims

    def beat_product(self):
        """The layer as one matrix product, shapes below the factors: (20, 784)(784, 1)."""
        v = self.values
        f1, s1 = _product("w_i_h", "img", "h_pre", (v["shape_w_i_h_text"],
                                                    v["shape_img_text"], v["shape_h_text"]))
        f2, s2 = _product("w_h_o", "h", "o_pre", (v["shape_w_h_o_text"], v["shape_h_text"],
                                                  v["shape_o_text"]))
        f1.move_to([PANEL_X, -1.0, 0])
        for s, term in zip(s1, (f1[0], f1[2], f1[4])):
            s.next_to(term, DOWN, buff=0.15)
        f2.move_to([PANEL_X, -2.35, 0])
        f2.align_to(f1, LEFT)
        for s, term in zip(s2, (f2[0], f2[2], f2[4])):
            s.next_to(term, DOWN, buff=0.15)
        both = VGroup(f1, f2, *s1, *s2)
        if both.width > PANEL_W:
            both.scale_to_fit_width(PANEL_W)
        both.set_x(PANEL_X)
        self.play(*self._light_row(None, self.lit_row), FadeOut(self.row_box), run_time=0.5)
        self.play(FadeOut(self.cap), TransformFromCopy(self.mat[0], f1[0]), run_time=0.8)
        self.play(FadeIn(f1[1:]), FadeIn(VGroup(*s1)), self.img.animate.set_opacity(1),
                  Indicate(self.img, color=theme.ACCENT), run_time=1.0)
        # rows: the right layer (hidden, filled); columns: the left layer (input)
        self.play(Indicate(s1[0], color=theme.ACCENT), Indicate(s1[1], color=theme.ACCENT),
                  Indicate(self.net.layers[0], color=theme.ACCENT), run_time=1.0)
        self.play(Indicate(s1[2], color=theme.ACCENT), Indicate(self.net.layers[1],
                                                               color=theme.ACCENT),
                  run_time=1.0)
        self.play(FadeIn(f2), FadeIn(VGroup(*s2)),
                  *[e.animate.set_stroke(theme.ACCENT, opacity=0.9) for e in self.e2],
                  run_time=1.0)
        self.play(*[e.animate.set_stroke(theme.MUTED, opacity=0.5) for e in self.e2],
                  Indicate(self.net.layers[2], color=theme.ACCENT), run_time=1.0)
        self.formulas = VGroup(f1, f2, *s1, *s2)

    def beat_init(self):
        """Edges and matrix entries take the colour of their sign; the histogram of all initial
        input-to-hidden weights, in the neutral colour, with its range."""
        v = self.values
        net = self.net
        w1, w2 = v["w_i_h_init"], v["w_h_o_init"]
        s1, s2 = float(np.abs(w1).max()), float(np.abs(w2).max())
        recolor = []
        for (k, i, j), e in net.edges.items():
            w, s = (w1[i, j], s1) if k == 0 else (w2[i, j], s2)
            target = NetworkDiagram.style_edge(e.copy(), w, s)
            recolor.append(e.animate.set_stroke(target.get_stroke_color(),
                                                width=target.get_stroke_width(),
                                                opacity=target.get_stroke_opacity()))
        recolor += [t.animate.set_color(weight_color(w1[r, c]))
                    for (r, c), t in self.matrix.cells.items()]
        legend = VGroup(label("blue: weight > 0", theme.SMALL_SIZE, theme.POSITIVE),
                        label("red: weight < 0", theme.SMALL_SIZE, theme.NEGATIVE))
        legend.arrange(RIGHT, buff=0.4)
        if legend.width > PANEL_W:
            legend.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        legend.move_to([PANEL_X, -0.85, 0])
        self.play(FadeOut(self.formulas), run_time=0.5)
        self.play(*recolor, FadeIn(legend), run_time=1.5)
        edges = v["hist_edges"]
        last = len(edges) - 1
        hist = Histogram(v["hist_counts"], edges, edge_texts={0: v["w_min_text"],
                                                              last: v["w_max_text"]},
                         width=4.0, height=1.4, color=theme.NEUTRAL)
        h_title = label(f"all {v['n_w_i_h_text']} initial w_i_h", theme.SMALL_SIZE,
                        theme.TEXT)
        VGroup(h_title, hist).arrange(DOWN, buff=0.2).move_to([PANEL_X, -2.4, 0])
        self.play(FadeIn(h_title), FadeIn(hist[0]),
                  LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in hist.bars], lag_ratio=0.05),
                  run_time=1.5)
        self.play(FadeIn(hist.edge_labels), run_time=0.5)
        self.play(Indicate(hist.edge_labels, color=theme.ACCENT), run_time=1.0)
        self.still("initial-weights")
