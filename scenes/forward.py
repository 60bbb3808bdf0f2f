"""Chapter 6: one recorded sample (step 0) flows forward: products, sum, bias, sigmoid, h, o."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Brace,
    ChangeDecimalToValue,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid, gray
from scenes.kit.plots import SigmoidPlot
from scenes.kit.text import attach, backdrop, fitted_label, formula, label

#: The right-hand panel: its left edge and the right edge columns align to.
PANEL_X, PANEL_RIGHT = 0.65, 6.25
#: The widest a class name beside its output bar may be (longer names are shortened).
MAX_NAME_W = 2.6
#: The widest the image's label caption may be (clear of the diagram's edges).
CAPTION_W = 2.4
#: LaTeX numbers at this size have the cap height of body text (as DejaVu at BODY_SIZE).
TEX_BODY = theme.BODY_SIZE * 1.36


def signed(text, x, size=theme.SMALL_SIZE):
    """A number in the colour of its sign."""
    return label(text, size, theme.POSITIVE if x >= 0 else theme.NEGATIVE, mono=True)


def term_row(words, value_text, value, y):
    """A row below the worked products: ``words`` at the panel's left, the signed value at
    its right, both at height ``y``."""
    words = label(words, theme.SMALL_SIZE, theme.TEXT).move_to([PANEL_X, y, 0],
                                                               aligned_edge=LEFT)
    number = signed(value_text, value).move_to([PANEL_RIGHT, y, 0], aligned_edge=RIGHT)
    return words, number


class ForwardPass(ChapterScene):
    slug = "forward"

    def beat_input(self):
        """The network and the first image; inked pixels fly into the input neurons they fill."""
        v = self.values
        self.title_card()
        terms = v["terms"]
        half = (len(terms) + 1) // 2
        self.net = NetworkDiagram(
            [v["n_inputs"], v["n_hidden"], v["n_out"]], weights=[v["w_i_h"], v["w_h_o"]],
            max_shown=[len(terms), v["n_hidden"], v["n_out"]], layer_gap=1.7, height=5.2,
            radius=0.1, names=["img", "h", "o"],
            shown=[(terms[:half], terms[half:]), None, v["outputs_shown"]])
        self.net.move_to([-2.2, -0.45, 0])
        self.grid = PixelGrid(v["img"], side_length=1.5, stroke=False).move_to([-5.55, 1.75, 0])
        caption = fitted_label(f"label {v['label_text']}", CAPTION_W, color=theme.TARGET)
        caption.next_to(self.grid, UP, buff=0.15).align_to(self.grid, LEFT)
        if caption.get_top()[1] > 2.75:  # keep clear of the title
            caption.next_to(self.grid, DOWN, buff=0.15).align_to(self.grid, LEFT)
        self.caption = caption
        self.play(FadeIn(self.grid), FadeIn(caption), FadeIn(self.net), run_time=theme.REVEAL)
        self.boxes = VGroup(*[SurroundingRectangle(self.grid.cell(j), color=theme.ACCENT,
                                                   buff=0.01, stroke_width=2) for j in terms])
        cells = [self.grid.cell(j).copy() for j in terms]
        self.play(FadeIn(self.boxes), run_time=0.4)
        self.play(LaggedStart(*[c.animate.move_to(self.net.neuron(0, j)).scale(0.4).set_opacity(0)
                                for c, j in zip(cells, terms)], lag_ratio=0.2),
                  LaggedStart(*[self.net.neuron(0, j).animate.set_fill(
                      theme.NEURON_FILL, float(v["img"][j])) for j in terms], lag_ratio=0.2),
                  run_time=1.6)
        for c in cells:
            self.remove(c)
        note = VGroup(
            label(f"{v['n_inputs_text']} input neurons,", theme.BODY_SIZE, theme.TEXT),
            label("one per pixel", theme.BODY_SIZE, theme.TEXT),
            label(f"{v['n_nonzero_text']} pixels carry ink,", theme.BODY_SIZE, theme.NEUTRAL),
            label(f"{v['n_terms_text']} of them drawn here", theme.BODY_SIZE, theme.NEUTRAL))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([PANEL_X + 0.4, 0.3, 0],
                                                              aligned_edge=LEFT)
        self.play(FadeIn(note, shift=UP * 0.1), run_time=0.7)
        self.input_note = note

    def beat_sum(self):
        """Each of the largest products flies from its edge and pixel into a running sum."""
        v = self.values
        n, terms = v["neuron"], v["terms"]
        target = self.net.neuron(1, n)
        self.tag = label(f"hidden neuron {v['neuron_text']}: its {v['n_terms_text']} largest "
                         f"products", theme.SMALL_SIZE, theme.ACCENT)
        self.tag.move_to([PANEL_RIGHT, 2.95, 0], aligned_edge=RIGHT)
        others = VGroup(*[e for key, e in self.net.edges.items()
                          if not (key[0] == 0 and key[1] == n)])
        self.play(FadeOut(self.input_note), others.animate.set_stroke(opacity=0.12),
                  target.animate.set_stroke(theme.ACCENT, width=4),
                  FadeIn(self.tag), run_time=0.8)
        ys = [2.0 - i * 0.45 for i in range(len(terms))]
        cols = {"j": PANEL_X + 0.55, "w": PANEL_X + 2.0, "x_": PANEL_X + 2.3, "x": PANEL_X + 3.5,
                "eq": PANEL_X + 3.8}
        head = VGroup(
            label("j", theme.TINY_SIZE, theme.MUTED).move_to([cols["j"], 2.45, 0], RIGHT),
            label("weight", theme.TINY_SIZE, theme.MUTED).move_to([cols["w"], 2.45, 0], RIGHT),
            label("pixel", theme.TINY_SIZE, theme.MUTED).move_to([cols["x"], 2.45, 0], RIGHT),
            label("product", theme.TINY_SIZE, theme.MUTED).move_to([PANEL_RIGHT, 2.45, 0], RIGHT))
        self.sum_label = label("running sum", theme.BODY_SIZE, theme.TEXT)
        self.sum_label.move_to([PANEL_X, -2.1, 0], aligned_edge=LEFT)
        self.sum = DecimalNumber(0.0, num_decimal_places=3, font_size=TEX_BODY,
                                 color=theme.ACCENT)
        self.sum.text_role = "body"
        self.sum.move_to([PANEL_RIGHT, -2.1, 0], aligned_edge=RIGHT)
        self.rule = Line([PANEL_X, -1.65, 0], [PANEL_RIGHT, -1.65, 0]).set_stroke(theme.MUTED, 1.5)
        self.play(FadeIn(head), FadeIn(self.sum_label), FadeIn(self.sum), Create(self.rule),
                  run_time=0.6)
        rows = VGroup()
        for i, j in enumerate(terms):
            y = ys[i]
            jt = label(v["term_j_texts"][i], theme.SMALL_SIZE, theme.MUTED, mono=True)
            wt = signed(v["term_w_texts"][i], v["term_w"][i])
            xt = label(v["term_x_texts"][i], theme.SMALL_SIZE, theme.NEUTRAL, mono=True)
            pt = signed(v["term_p_texts"][i], v["term_p"][i])
            times = label("×", theme.SMALL_SIZE, theme.MUTED)
            eq = label("=", theme.SMALL_SIZE, theme.MUTED)
            jt.move_to([cols["j"], y, 0], aligned_edge=RIGHT)
            wt.move_to([cols["w"], y, 0], aligned_edge=RIGHT)
            times.move_to([cols["x_"], y, 0])
            xt.move_to([cols["x"], y, 0], aligned_edge=RIGHT)
            eq.move_to([cols["eq"], y, 0])
            pt.move_to([PANEL_RIGHT, y, 0], aligned_edge=RIGHT)
            edge = self.net.edges[(0, n, j)]
            self.play(edge.animate.set_stroke(theme.ACCENT, width=4, opacity=1.0),
                      Indicate(self.net.neuron(0, j), color=theme.ACCENT),
                      Indicate(self.boxes[i], color=theme.ACCENT), run_time=0.4)
            self.play(TransformFromCopy(edge, wt), TransformFromCopy(self.net.neuron(0, j), xt),
                      FadeIn(jt), FadeIn(times), run_time=0.6)
            self.play(FadeIn(eq), TransformFromCopy(VGroup(wt, xt), pt), run_time=0.45)
            self._add_to_sum(pt, v["partial"][i], run_time=0.55)
            rows.add(VGroup(jt, wt, times, xt, eq, pt))
        self.table = VGroup(head, rows)

    def _add_to_sum(self, term, value, run_time):
        """A copy of ``term`` flies into the running sum, which counts to ``value``."""
        flying = term.copy()
        self.play(flying.animate.move_to(self.sum).set_opacity(0),
                  ChangeDecimalToValue(self.sum, value), run_time=run_time)
        self.remove(flying)
        self.sum.move_to([PANEL_RIGHT, -2.1, 0], aligned_edge=RIGHT)

    def _rename_sum(self, new_label):
        """The running sum's name becomes ``new_label`` (same place), the sum flashes."""
        new_label.move_to(self.sum_label, aligned_edge=LEFT)
        self.play(FadeOut(self.sum_label), FadeIn(new_label), Indicate(self.sum), run_time=0.7)
        self.sum_label = new_label

    def beat_rest(self):
        """The other inked pixels' products join the sum; the blank ones add nothing."""
        v = self.values
        rest_t, rest_v = term_row(f"+ {v['n_rest_text']} more inked pixels", v["rest_text"],
                                  v["rest"], -0.4)
        blank = label(f"+ {v['n_zero_text']} blank pixels add nothing", theme.SMALL_SIZE,
                      theme.MUTED)
        blank.move_to([PANEL_X, -0.85, 0], aligned_edge=LEFT)
        self.play(FadeIn(rest_t, shift=RIGHT * 0.2), FadeIn(rest_v, shift=RIGHT * 0.2),
                  run_time=0.7)
        self._add_to_sum(rest_v, v["total"], run_time=0.8)
        self.play(FadeIn(blank), Indicate(self.grid, scale_factor=1.05), run_time=0.8)
        self._rename_sum(label("weighted sum", theme.BODY_SIZE, theme.TEXT))
        self.rest_rows = VGroup(rest_t, rest_v, blank)

    def beat_bias(self):
        """The neuron's bias flies from the neuron into the sum, which becomes h_pre."""
        v = self.values
        bias_t, bias_v = term_row(f"+ bias b_i_h[{v['neuron_text']}]", v["bias_text"],
                                  v["bias"], -1.3)
        self.play(TransformFromCopy(self.net.neuron(1, v["neuron"]), bias_v), FadeIn(bias_t),
                  run_time=0.8)
        self._add_to_sum(bias_v, v["h_pre"], run_time=0.7)
        self._rename_sum(label(f"h_pre[{v['neuron_text']}]", theme.BODY_SIZE, theme.ACCENT,
                               mono=True))
        self.bias_row = VGroup(bias_t, bias_v)

    def beat_sigmoid(self):
        """h_pre drops onto the sigmoid's x axis, climbs to the curve, and fills the neuron."""
        v = self.values
        n = v["neuron"]
        pre = VGroup(self.sum_label, self.sum)
        self.play(FadeOut(VGroup(self.table, self.rest_rows, self.bias_row, self.rule,
                                 self.tag)),
                  pre.animate.move_to([PANEL_X, 2.3, 0], aligned_edge=LEFT), run_time=0.7)
        plot = SigmoidPlot(v["h_pre"], v["x_range"], width=5.2, height=3.0)
        plot.move_to([(PANEL_X + PANEL_RIGHT) / 2 + 0.15, -0.45, 0])
        self.play(FadeIn(plot.axes), Create(plot.curve), run_time=1.0)
        axis_pt = plot.axes.c2p(v["h_pre"], 0)
        curve_pt = plot.axes.c2p(v["h_pre"], v["h0"])
        y_pt = plot.axes.c2p(0, v["h0"])  # read off at the y axis, clear of its numbers
        marker = Dot(axis_pt, radius=0.07, color=theme.ACCENT)
        flying = self.sum.copy()
        self.play(flying.animate.scale(0.6).move_to(axis_pt + UP * 0.3).set_opacity(0),
                  FadeIn(marker), run_time=0.8)
        self.remove(flying)
        up = Line(axis_pt, curve_pt).set_stroke(theme.ACCENT, 2)
        across = Line(curve_pt, y_pt).set_stroke(theme.ACCENT, 2)
        self.play(Create(up), marker.animate.move_to(curve_pt), run_time=0.8)
        self.play(Create(across), run_time=0.6)
        out = VGroup(label(f"h[{v['neuron_text']}] =", theme.BODY_SIZE, theme.TEXT, mono=True),
                     DecimalNumber(v["h0"], num_decimal_places=3, font_size=TEX_BODY,
                                   color=theme.ACCENT)).arrange(RIGHT, buff=0.2)
        out[1].text_role = "body"
        out.move_to([PANEL_X, 1.6, 0], aligned_edge=LEFT)
        dot = marker.copy()
        self.play(TransformFromCopy(marker, out[1]), FadeIn(out[0]), run_time=0.8)
        self.play(dot.animate.move_to(self.net.neuron(1, n)).set_opacity(0),
                  self.net.neuron(1, n).animate.set_fill(theme.NEURON_FILL, v["h0"]),
                  run_time=0.8)
        self.remove(dot)
        self.sig = VGroup(plot.axes, plot.curve, marker, up, across, out, pre)

    def beat_layer(self):
        """h_pre = b_i_h + w_i_h @ img as one picture: row n of the matrix is neuron n's edges."""
        v = self.values
        n, rows = v["neuron"], v["n_hidden"]
        self.play(FadeOut(self.sig), run_time=0.5)
        text = label(v["code_layer"], theme.BODY_SIZE, theme.TEXT, mono=True)
        panel = backdrop(Rectangle(width=text.width + 0.3, height=text.height + 0.3))
        panel.set_fill(theme.PANEL, 1.0).set_stroke(theme.GRID, 1.5)
        code = VGroup(panel, text.move_to(panel))
        code.move_to([PANEL_RIGHT - text.width / 2, 2.3, 0])
        tall, top = 2.2, 1.2
        cell = tall / rows

        def column(x, height=tall, color=theme.MUTED):
            r = Rectangle(width=0.3, height=height).set_stroke(color, 2)
            return r.move_to([x, top - height / 2, 0])

        hpre = column(PANEL_X + 0.3)
        bcol = column(PANEL_X + 1.55)
        mat = Rectangle(width=1.9, height=tall).set_stroke(theme.MUTED, 2)
        mat.move_to([PANEL_X + 3.3, top - tall / 2, 0])
        img = column(PANEL_X + 5.05, height=tall * 1.45)
        ops = VGroup(*[label(t, theme.BODY_SIZE, theme.MUTED).move_to([x, top - tall / 2, 0])
                       for t, x in (("=", PANEL_X + 0.925), ("+", PANEL_X + 2.0),
                                    ("@", PANEL_X + 4.575))])
        names = VGroup()
        for box, name, shape in ((hpre, "h_pre", v["h_shape_text"]),
                                 (bcol, "b_i_h", v["h_shape_text"]),
                                 (mat, "w_i_h", v["w_i_h_shape_text"]),
                                 (img, "img", v["img_shape_text"])):
            t = VGroup(label(name, theme.TINY_SIZE, theme.TEXT, mono=True),
                       label(shape, theme.TINY_SIZE, theme.MUTED, mono=True))
            t.arrange(DOWN, buff=0.08).next_to(box, DOWN, buff=0.15)
            names.add(t)
        # keep the names on one baseline and inside the frame
        low = min(t.get_y() for t in names)
        for t in names:
            t.set_y(low)
        if names[3].get_right()[0] > PANEL_RIGHT + 0.1:
            names[3].shift(LEFT * (names[3].get_right()[0] - PANEL_RIGHT - 0.1))
        if names[2].get_right()[0] > names[3].get_left()[0] - 0.15:
            names[2].shift(LEFT * (names[2].get_right()[0] - names[3].get_left()[0] + 0.15))
        y_n = top - (n + 0.5) * cell
        stripe = Rectangle(width=mat.width, height=cell).set_stroke(width=0)
        stripe.set_fill(theme.ACCENT, 0.85).move_to([mat.get_x(), y_n, 0])
        entry = Rectangle(width=0.3, height=cell).set_stroke(width=0).set_fill(theme.ACCENT, 0.85)
        entry.move_to([hpre.get_x(), y_n, 0])
        bentry = entry.copy().move_to([bcol.get_x(), y_n, 0])
        self.play(FadeIn(code, shift=DOWN * 0.2), run_time=0.6)
        self.play(LaggedStart(*[Create(m) for m in (hpre, bcol, mat, img)], lag_ratio=0.2),
                  FadeIn(ops), FadeIn(names), run_time=1.2)
        into = self.net.edges_into(0, n)
        self.play(TransformFromCopy(into, stripe), FadeIn(bentry), run_time=1.0)
        self.play(TransformFromCopy(VGroup(stripe, bentry), entry), run_time=0.7)
        sweep = stripe.copy().set_fill(theme.ACCENT, 0.4).move_to([mat.get_x(), top - cell / 2, 0])
        self.play(FadeIn(sweep), run_time=0.2)
        self.play(sweep.animate.move_to([mat.get_x(), top - tall + cell / 2, 0]),
                  self.net.edge_group.animate.set_stroke(opacity=0.5), run_time=1.4)
        self.play(FadeOut(sweep), run_time=0.2)
        self.layer = VGroup(code, hpre, bcol, mat, img, ops, names, stripe, entry, bentry)
        self.hpre_box = hpre

    def beat_hidden(self):
        """The sigmoid of each entry: h's cells, and the whole hidden layer filling."""
        v = self.values
        rows = v["n_hidden"]
        box = self.hpre_box
        cell = box.height / rows
        cells = VGroup(*[Square(side_length=cell).stretch_to_fit_width(0.3).set_stroke(
            theme.PIXEL_STROKE, 0.5).set_fill(gray(v["h"][i]), 1.0).move_to(
            [box.get_x(), box.get_top()[1] - (i + 0.5) * cell, 0]) for i in range(rows)])
        sig = label("σ", theme.BODY_SIZE, theme.ACCENT).next_to(box, LEFT, buff=0.12)
        h_t = label("h", theme.SMALL_SIZE, theme.TEXT, mono=True)
        h_t.next_to(box, UP, buff=0.12)
        self.play(FadeIn(sig), FadeIn(h_t), run_time=0.5)
        self.play(LaggedStart(*[FadeIn(c) for c in cells], lag_ratio=0.05),
                  LaggedStart(*self.net.fill_animations(1, v["h"]), lag_ratio=0.05),
                  run_time=1.8)
        self.layer.add(cells, sig, h_t)

    def beat_why(self):
        """Without a sigmoid between them, two weight matrices multiply into one."""
        v = self.values
        self.play(FadeOut(self.layer), run_time=0.5)
        head = label("without σ:", theme.BODY_SIZE, theme.MUTED).move_to([PANEL_X, 2.2, 0],
                                                                          aligned_edge=LEFT)
        big = theme.FORMULA_SIZE * 1.25
        a = formula(r"w_{h \to o}", r"\,(", r"w_{i \to h}", r"\,\text{img}", r")", size=big)
        b = formula(r"(", r"w_{h \to o}", r"\,", r"w_{i \to h}", r")", r"\,\text{img}",
                    size=big)
        for f in (a, b):
            f.move_to([(PANEL_X + PANEL_RIGHT) / 2, 1.2, 0])
        self.play(FadeIn(head), FadeIn(a), run_time=0.8)
        self.play(TransformMatchingTex(a, b), run_time=1.2)
        brace = Brace(VGroup(b[0], b[4]), DOWN, color=theme.MUTED)
        one = label(f"one {v['collapsed_shape_text']} matrix", theme.SMALL_SIZE, theme.ACCENT)
        one.next_to(brace, DOWN, buff=0.12)
        self.play(Create(brace), FadeIn(one), run_time=0.8)
        note = VGroup(label("two layers,", theme.BODY_SIZE, theme.TEXT),
                      label("one straight-line map", theme.BODY_SIZE, theme.TEXT),
                      label("σ's bend keeps them apart", theme.BODY_SIZE, theme.CURVE))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to([PANEL_X, -1.0, 0],
                                                              aligned_edge=LEFT)
        self.play(FadeIn(note[:2], shift=UP * 0.1), run_time=0.6)
        self.play(FadeIn(note[2], shift=UP * 0.1), run_time=0.6)
        self.why = VGroup(head, b, brace, one, note)

    def beat_output(self):
        """The output layer fills; its values grow as bars beside their neurons; the guess."""
        v = self.values
        self.play(FadeOut(self.why),
                  self.net.edge_group.animate.set_stroke(opacity=0.35), run_time=0.5)
        names, bars, values = VGroup(), VGroup(), VGroup()
        x_name = PANEL_X + 0.3
        drawn = self.net.index[2]  # every class, or (many classes) the largest outputs
        shown_names = {i: fitted_label(v["class_names"][i], MAX_NAME_W, color=theme.MUTED)
                       for i in drawn}
        widest = max(t.width for t in shown_names.values())
        x_bar = x_name + widest + 0.25
        full = PANEL_RIGHT - 0.75 - x_bar
        # the guess's row ends with its value, the mark and the word "guess": keep room for them
        g = v["guess"]
        tail = (0.1 + label(v["o_texts"][g], theme.TINY_SIZE, mono=True).width + 0.06 + 0.1
                + label("guess", theme.SMALL_SIZE).width)
        full = min(full, (PANEL_RIGHT + 0.1 - tail - x_bar) / max(float(v["o"][g]), 1e-9))
        gap = 0.42
        row_of = {}
        for row, i in enumerate(drawn):
            y = -0.45 + (len(drawn) - 1) / 2 * gap - row * gap
            t = shown_names[i].move_to([x_name, y, 0], aligned_edge=LEFT)
            w = max(full * float(v["o"][i]), 0.02)
            bar = Rectangle(width=w, height=0.2).set_stroke(width=0).set_fill(theme.OUTPUT, 1.0)
            bar.move_to([x_bar, y, 0], aligned_edge=LEFT)
            val = label(v["o_texts"][i], theme.TINY_SIZE, theme.TEXT, mono=True)
            val.next_to(bar, RIGHT, buff=0.1)
            attach(t, bar)
            names.add(t)
            bars.add(bar)
            values.add(val)
            row_of[i] = row
        head = label(f"o {v['o_shape_text']}", theme.SMALL_SIZE, theme.OUTPUT, mono=True)
        head.next_to(VGroup(names, bars), UP, buff=0.3).align_to(names, LEFT)
        self.play(LaggedStart(*self.net.fill_animations(2, v["o"]), lag_ratio=0.05),
                  FadeIn(names), FadeIn(head), run_time=1.0)
        self.play(LaggedStart(*[TransformFromCopy(self.net.neuron(2, i), bars[row_of[i]])
                                for i in drawn], lag_ratio=0.06),
                  LaggedStart(*[FadeIn(t) for t in values], lag_ratio=0.06), run_time=1.4)
        r = row_of[g]
        mark = SurroundingRectangle(VGroup(names[r], bars[r], values[r]), color=theme.ACCENT,
                                    buff=0.06)
        guess = label("guess", theme.SMALL_SIZE, theme.ACCENT)
        guess.next_to(mark, RIGHT, buff=0.1)
        if guess.get_right()[0] > PANEL_RIGHT + 0.1:
            guess.next_to(mark, DOWN, buff=0.08).align_to(mark, RIGHT)
        self.play(Create(mark), names[r].animate.set_color(theme.ACCENT), FadeIn(guess),
                  self.net.neuron(2, g).animate.set_stroke(theme.ACCENT, width=4), run_time=0.8)
        self.still("forward-pass")

