"""Chapter: one recorded sample (step 0) flows forward: products, sum, bias, sigmoid, h, o, guess.

Every beat lays its animations along its sentence (:mod:`scenes.timing`), so the picture moves
with the voice: the image's pulse runs through the network as "through the untrained network"
is said, and the image pours into the input column as "its pixels fill the input layer"; a band
behind the panel's rows points at the line being worked or receiving (a product, the running
sum, the other pixels' share, the bias); the first product is worked as "multiplies each pixel
by the weight on its edge" is spoken and the rest fly into the running sum one by one; the bias
comes out of its neuron on its word; the sigmoid's formula is written with its curve as it is
read out, a drop line sweeps the whole x axis while "squashes any number" is said, and neuron
n's real sum lands on the curve, its flat shoulder shaded as it is named; every hidden neuron's
edges pulse on "does the same", its row fills the matrix, the matrix's rows are ruled and
its columns swept as their sizes are said, the image unrolls into img's column (pixel j at row
j) and a row sweeping down the matrix fills h_pre entry by entry on "makes"; h = sigma(h_pre)
fills entry by entry with the hidden layer; the output layer's code and bars come on their
words, and a band scans the outputs down to the largest, whose class is set beside the
image's label under the bars.
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    ArcBetweenPoints,
    Brace,
    Circumscribe,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    ReplacementTransform,
    Succession,
    SurroundingRectangle,
    TransformFromCopy,
    TransformMatchingTex,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid, flash, gray, weight_color
from scenes.kit.plots import SigmoidPlot
from scenes.kit.text import attach, backdrop, fitted_label, formula, label, pieces
from scenes.values.format import fmt
from scenes.values.forward import SIGMOID_FORMULA

#: The right-hand panel: its left edge and the right edge columns align to.
PANEL_X, PANEL_RIGHT = 0.65, 6.25
#: The widest a class name beside its output bar may be (longer names are shortened).
MAX_NAME_W = 2.6
#: The widest the image's label caption may be (clear of the diagram's edges).
CAPTION_W = 2.4
#: The y of the running sum's row, and of the worked products' first row.
SUM_Y, ROW0_Y = -2.1, 2.0
#: The top of the panel of reference code (beside the title, above the diagram).
CODE_TOP = 3.5
#: Axis labels of the sigmoid plot: TeX a little under the body size (small text).
AXIS_LABEL_SIZE = theme.TEX_SIZE[theme.SMALL_SIZE] - 1


def signed(text, x, size=theme.SMALL_SIZE):
    """A number in the colour of its sign."""
    return label(text, size, theme.POSITIVE if x >= 0 else theme.NEGATIVE, mono=True)


def term_row(words, value_text, value, y):
    """A row below the worked products: ``words`` at the panel's left, the signed value at
    its right, both at height ``y``."""
    words = label(words, theme.SMALL_SIZE, theme.TEXT).move_to([PANEL_X, y, 0],
                                                               aligned_edge=LEFT)
    number = signed(value_text, value).move_to([PANEL_RIGHT, y, 0], aligned_edge=RIGHT)
    on_baseline(number, words)  # one baseline with its words
    return words, number


#: Characters whose glyph sits on the baseline (no descender, not raised).
ON_BASELINE = set("abcdefhiklmnorstuvwxzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789")


def baseline_glyph(words):
    """A glyph of the Text ``words`` that stands on its baseline."""
    chars = [ch for ch in words.original_text if not ch.isspace()]
    for k, ch in enumerate(chars):
        if ch in ON_BASELINE and k < len(words):
            return words[k]
    return words


def on_baseline(number, words):
    """Put ``number`` (a LaTeX number, or a Text) on the baseline of the Text ``words``:
    digits and words read as one line."""
    return number.align_to(baseline_glyph(words), DOWN)


def shape_pieces(rows, cols):
    """``(rows, cols)`` as pieces: [open, rows, comma, cols, close]."""
    return pieces(["(", rows, ", ", cols, ")"])


class Counter(VGroup):
    """A number that counts, set in the same face and size as the words beside it (DejaVu
    Sans Mono, as the table's numbers), right-aligned at ``right`` with its digits on
    ``baseline``: each value is drawn as a new text that its text becomes, so no glyph
    tears."""

    def __init__(self, value, right, baseline, digits=3, size=theme.BODY_SIZE,
                 color=theme.ACCENT):
        super().__init__()
        self.digits, self.size, self.color_of = digits, size, color
        self.right, self.baseline, self.text = right, baseline, None
        self.set_value(value)

    def set_value(self, x):
        self.value = float(x)
        t = label(fmt(x, self.digits), self.size, self.color_of, mono=True)
        if self.text is not None:
            self.right, self.baseline = self.text.get_right()[0], self.text.get_bottom()[1]
        t.shift([self.right - t.get_right()[0], self.baseline - t.get_bottom()[1], 0])
        if self.text is None:
            self.text = t
            self.add(t)
        else:  # the same text takes the new glyphs: what is on screen is never stale
            self.text.become(t)
            self.text.original_text = t.original_text
        return self


def count_to(counter, value, **kwargs):
    """The counter counts from its value to ``value``."""
    start = counter.value
    return UpdateFromAlphaFunc(counter, lambda m, a: m.set_value(start + (value - start) * a),
                               **kwargs)


def code_panel(*lines):
    """Lines of the reference code on a panel, left-aligned (a backdrop: text may sit on it)."""
    texts = VGroup(*[label(t, theme.BODY_SIZE, theme.TEXT, mono=True) for t in lines])
    texts.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
    panel = backdrop(Rectangle(width=texts.width + 0.3, height=texts.height + 0.3))
    panel.set_fill(theme.PANEL, 1.0).set_stroke(theme.GRID, 1.5)
    return VGroup(panel, texts.move_to(panel))


class ForwardPass(ChapterScene):
    slug = "forward"

    # --- beats ----------------------------------------------------------------------------

    def beat_input(self):
        """The network and the first image; a pulse runs through it; the input layer is named
        and counted; inked pixels fly into the input neurons they fill."""
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
        self.play(FadeIn(self.grid), FadeIn(caption), FadeIn(self.net), until=v["label_text"])
        self.light(caption, at=v["label_text"])
        # "through the untrained network": a pulse through the edges, layer after layer
        e0 = [e for (k, _, _), e in self.net.edges.items() if k == 0]
        e1 = [e for (k, _, _), e in self.net.edges.items() if k == 1]
        self.play(LaggedStart(flash(e0), flash(e1), lag_ratio=0.6), at="through",
                  through="network:")
        note = VGroup(
            label(f"{v['n_inputs_text']} input neurons,", theme.BODY_SIZE, theme.TEXT),
            label("one per pixel", theme.BODY_SIZE, theme.TEXT),
            label(f"{v['n_nonzero_text']} pixels carry ink,", theme.BODY_SIZE, theme.NEUTRAL),
            label(f"{v['n_terms_text']} of them drawn here", theme.BODY_SIZE, theme.NEUTRAL))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([PANEL_X + 0.4, 0.3, 0],
                                                              aligned_edge=LEFT)
        self.play(FadeIn(note[:2], shift=UP * 0.1), Indicate(self.net.braces[0]),
                  at=v["n_inputs_text"], run_time=0.8)
        # "pixels fill the input layer": the image pours into the input column as its
        # neurons light, top to bottom
        layer = self.net.layers[0]
        pour = self.grid.copy()
        self.add(pour)
        self.play(pour.animate.stretch_to_fit_width(0.3).stretch_to_fit_height(layer.height)
                  .move_to(layer).set_opacity(0),
                  LaggedStart(*[Indicate(c, color=theme.ACCENT, scale_factor=1.4)
                                for c in layer], lag_ratio=0.3),
                  at="pixels", through="layer,")
        self.remove(pour)
        # "a few that carry ink": their pixels are framed and fly into their input neurons
        self.boxes = VGroup(*[SurroundingRectangle(self.grid.cell(j), color=theme.ACCENT,
                                                   buff=0.01, stroke_width=2) for j in terms])
        cells = [self.grid.cell(j).copy() for j in terms]
        self.play(FadeIn(self.boxes), FadeIn(note[2:], shift=UP * 0.1), at="here",
                  until="carry")
        self.play(LaggedStart(*[c.animate.move_to(self.net.neuron(0, j)).scale(0.4).set_opacity(0)
                                for c, j in zip(cells, terms)], lag_ratio=0.2),
                  LaggedStart(*[self.net.neuron(0, j).animate.set_fill(
                      theme.NEURON_FILL, float(v["img"][j])) for j in terms], lag_ratio=0.2),
                  through="ink.")
        for c in cells:
            self.remove(c)
        self.input_note = note

    def _product_row(self, i):
        """Row i of the worked products (its texts, placed) and the edge it belongs to."""
        v = self.values
        n, j, y = v["neuron"], v["terms"][i], ROW0_Y - i * 0.45
        cols = self.cols
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
        return VGroup(jt, wt, times, xt, eq, pt), self.net.edges[(0, n, j)], j

    def _work_row(self, i, times):
        """Row i worked: its edge and pixel light, weight and pixel fly into the row, their
        product forms and flies into the running sum; ``times``: the four plays' run times."""
        row, edge, j = self._product_row(i)
        jt, wt, x_, xt, eq, pt = row
        self.play(edge.animate.set_stroke(theme.ACCENT, width=4, opacity=1.0),
                  Indicate(self.net.neuron(0, j), color=theme.ACCENT),
                  Indicate(self.boxes[i], color=theme.ACCENT), self._point(row[-1]),
                  run_time=times[0])
        self.play(TransformFromCopy(edge, wt), TransformFromCopy(self.net.neuron(0, j), xt),
                  FadeIn(jt), FadeIn(x_), run_time=times[1])
        self.play(FadeIn(eq), TransformFromCopy(VGroup(wt, xt), pt), run_time=times[2])
        self._add_to_sum(pt, self.values["partial"][i], run_time=times[3])
        self.rows.add(row)

    def _point(self, mob):
        """The pointer band slides to the row of ``mob`` (a row, the sum): the line being
        worked or receiving."""
        return self.band.animate.set_y(mob.get_y())

    def beat_sum(self):
        """Neuron n is named; its first product is worked as the sentence explains it; the
        other largest products fly one by one into the running sum."""
        v = self.values
        n, terms = v["neuron"], v["terms"]
        target = self.net.neuron(1, n)
        self.tag = label(f"hidden neuron {v['neuron_text']}: its {v['n_terms_text']} largest "
                         f"products", theme.SMALL_SIZE, theme.ACCENT)
        self.tag.move_to([PANEL_RIGHT, 2.95, 0], aligned_edge=RIGHT)
        others = VGroup(*[e for key, e in self.net.edges.items()
                          if not (key[0] == 0 and key[1] == n)])
        self.play(FadeOut(self.input_note), others.animate.set_stroke(opacity=0.12),
                  target.animate.set_stroke(theme.ACCENT, width=4), until=v["neuron_text"])
        self.play(FadeIn(self.tag, shift=DOWN * 0.1), Indicate(target, color=theme.ACCENT),
                  at=v["neuron_text"], run_time=theme.LIGHT)
        self.cols = {"j": PANEL_X + 0.55, "w": PANEL_X + 2.0, "x_": PANEL_X + 2.3,
                     "x": PANEL_X + 3.5, "eq": PANEL_X + 3.8}
        cols = self.cols
        head = VGroup(
            label("j", theme.TINY_SIZE, theme.MUTED).move_to([cols["j"], 2.45, 0], RIGHT),
            label("weight", theme.TINY_SIZE, theme.MUTED).move_to([cols["w"], 2.45, 0], RIGHT),
            label("pixel", theme.TINY_SIZE, theme.MUTED).move_to([cols["x"], 2.45, 0], RIGHT),
            label("product", theme.TINY_SIZE, theme.MUTED).move_to([PANEL_RIGHT, 2.45, 0], RIGHT))
        self.sum_label = label("running sum", theme.BODY_SIZE, theme.TEXT)
        self.sum_label.move_to([PANEL_X, SUM_Y, 0], aligned_edge=LEFT)
        self.sum_baseline = baseline_glyph(self.sum_label).get_bottom()[1]
        self.sum = Counter(0.0, PANEL_RIGHT, self.sum_baseline)
        self.rule = Line([PANEL_X, -1.65, 0], [PANEL_RIGHT, -1.65, 0]).set_stroke(theme.MUTED, 1.5)
        self.rows = VGroup()
        self.play(FadeIn(head), FadeIn(self.sum_label), FadeIn(self.sum), Create(self.rule),
                  at="multiplies", until="pixel")
        # the first product, worked as the sentence says it, a band behind the line worked
        row, edge, j = self._product_row(0)
        jt, wt, x_, xt, eq, pt = row
        self.band = backdrop(Rectangle(width=PANEL_RIGHT - PANEL_X + 0.2, height=0.42))
        self.band.set_stroke(width=0).set_fill(theme.ACCENT, 0.14)
        self.band.move_to([(PANEL_X + PANEL_RIGHT) / 2, pt.get_y(), 0])
        self.play(edge.animate.set_stroke(theme.ACCENT, width=4, opacity=1.0),
                  Indicate(self.net.neuron(0, j), color=theme.ACCENT),
                  Indicate(self.boxes[0], color=theme.ACCENT), FadeIn(jt), FadeIn(self.band),
                  at="pixel", until="weight")
        self.play(TransformFromCopy(edge, wt), TransformFromCopy(self.net.neuron(0, j), xt),
                  FadeIn(x_), at="weight", through="edge")
        self.play(FadeIn(eq), TransformFromCopy(VGroup(wt, xt), pt), at="and", until="up")
        self._add_to_sum(pt, v["partial"][0], point=True, run_time=max(
            theme.MIN_RUN, self.seconds_to(v["n_terms_text"])))
        self.rows.add(row)
        self.light(self.tag, at=v["n_terms_text"])
        # the other largest products, one by one, spread over the rest of the sentence
        step = max(1.0, self.seconds_left() / max(len(terms) - 1, 1))
        for i in range(1, len(terms)):
            self._work_row(i, [0.2 * step, 0.3 * step, 0.22 * step, 0.28 * step])
        self.table = VGroup(head, self.rows)

    def _add_to_sum(self, term, value, run_time, point=False, **kwargs):
        """A copy of ``term`` flies into the running sum, which counts to ``value``; with
        ``point``, the pointer band goes with it to the sum."""
        flying = term.copy()
        self.play(flying.animate.move_to(self.sum).set_opacity(0),
                  count_to(self.sum, value), *([self._point(self.sum)] if point else []),
                  run_time=run_time, **kwargs)
        self.remove(flying)

    def _rename_sum(self, new_label, **kwargs):
        """The running sum's name becomes ``new_label`` (same place), the sum flashes."""
        new_label.move_to(self.sum_label, aligned_edge=LEFT)
        new_label.shift(UP * (self.sum_baseline - baseline_glyph(new_label).get_bottom()[1]))
        self.play(FadeOut(self.sum_label), FadeIn(new_label), **kwargs)
        self.sum_label = new_label

    def beat_rest(self):
        """The other inked pixels light and fly into their share, which joins the sum; the
        blank pixels add nothing; the running sum is renamed the weighted sum."""
        v = self.values
        rest_t, rest_v = term_row(f"+ {v['n_rest_text']} more inked pixels", v["rest_text"],
                                  v["rest"], -0.4)
        blank = label(f"+ {v['n_zero_text']} blank pixels add nothing", theme.SMALL_SIZE,
                      theme.MUTED)
        blank.move_to([PANEL_X, -0.85, 0], aligned_edge=LEFT)
        others = [j for j in sorted(self.grid.lit) if j not in v["terms"]]
        glow = VGroup(*[self.grid.cell(j).copy().set_fill(theme.ACCENT, 1.0) for j in others])
        glow.set_opacity(0)
        self.add(glow)
        self.play(FadeIn(rest_t, shift=RIGHT * 0.2), self._point(rest_v),
                  LaggedStart(*[g.animate.set_opacity(1) for g in glow], lag_ratio=0.02),
                  at="other", until=v["rest_text"])
        self.play(LaggedStart(*[g.animate.move_to(rest_v).scale(0.3).set_opacity(0)
                                for g in glow], lag_ratio=0.005),
                  FadeIn(rest_v), at=v["rest_text"], run_time=0.9)
        self.remove(glow)
        self._add_to_sum(rest_v, v["total"], point=True, run_time=max(
            theme.MIN_RUN, self.seconds_to(v["n_zero_text"])))
        self.play(FadeIn(blank, shift=RIGHT * 0.2), Circumscribe(self.grid, color=theme.MUTED),
                  at=v["n_zero_text"], through="nothing:")
        self._rename_sum(label("weighted sum", theme.BODY_SIZE, theme.TEXT), at="weighted",
                         until=v["total_text"])
        self.light(self.sum, at=v["total_text"])
        self.rest_rows = VGroup(rest_t, rest_v, blank)

    def beat_bias(self):
        """The neuron's bias flies from the neuron into its row, joins the sum, which becomes
        h_pre."""
        v = self.values
        bias_t, bias_v = term_row(f"+ bias b_i_h[{v['neuron_text']}]", v["bias_text"],
                                  v["bias"], -1.3)
        # "the neuron adds its bias": the bias comes out of the neuron into its row
        self.play(Indicate(self.net.neuron(1, v["neuron"]), color=theme.ACCENT),
                  self._point(bias_v), at="neuron", until="bias,")
        self.play(TransformFromCopy(self.net.neuron(1, v["neuron"]), bias_v),
                  FadeIn(bias_t, shift=RIGHT * 0.2), at="bias,", until=v["bias_text"])
        self.light(bias_v, at=v["bias_text"])
        self._add_to_sum(bias_v, v["h_pre"], point=True, run_time=0.8)
        self._rename_sum(label(f"h_pre[{v['neuron_text']}]", theme.BODY_SIZE, theme.ACCENT,
                               mono=True), at="h_pre,", run_time=0.8)
        self.play(Indicate(self.rest_rows[:2], color=theme.ACCENT, scale_factor=1.05),
                  Indicate(self.rows, color=theme.ACCENT, scale_factor=1.02), at="sum",
                  until="bias,")
        self.play(Indicate(VGroup(bias_t, bias_v), color=theme.ACCENT, scale_factor=1.05),
                  at="bias,", until=v["h_pre_text"])
        self.light(self.sum, at=v["h_pre_text"])
        self.bias_row = VGroup(bias_t, bias_v)

    def beat_sigmoid(self):
        """The sigmoid's formula is written as it is read out; a point rides the curve from
        left to right ("any number") and its height stays between 0 and 1; h_pre drops onto
        the x axis, climbs to the curve, and fills the neuron."""
        v = self.values
        n = v["neuron"]
        pre = VGroup(self.sum_label, self.sum)
        top = [PANEL_X, 2.35, 0]
        plot = SigmoidPlot(v["h_pre"], v["x_range"], width=5.0, height=2.8)
        plot.move_to([(PANEL_X + PANEL_RIGHT) / 2 + 0.15, -0.65, 0])
        axes = plot.axes
        x_lab = formula("x", size=AXIS_LABEL_SIZE, color=theme.MUTED)
        x_lab.move_to(axes.c2p(v["x_range"][1], 0) + UP * 0.35 + LEFT * 0.1)
        y_lab = formula(r"\sigma(x)", size=AXIS_LABEL_SIZE, color=theme.MUTED)
        y_lab.next_to(axes.c2p(0, 1), UP + LEFT, buff=0.1)
        sig = formula(SIGMOID_FORMULA, size=theme.FORMULA_SIZE, color=theme.CURVE)
        sig.next_to(axes, DOWN, buff=theme.GAP_SMALL)  # the curve's formula, under its axes
        self.play(FadeOut(VGroup(self.table, self.rest_rows, self.bias_row, self.rule,
                                 self.tag, self.band)),
                  pre.animate.shift(top[1] * UP - pre.get_center()[1] * UP
                                    + (PANEL_X - pre.get_left()[0]) * RIGHT),
                  FadeIn(axes), FadeIn(x_lab), FadeIn(y_lab), through="sigmoid,")
        # the formula is written as it is read, and the curve it draws with it
        self.play(Write(sig), Create(plot.curve), at="one", through="x,")
        # "squashes any number": a point rides the curve from far left to far right, its drop
        # line sweeping the whole x axis while its height stays between 0 and 1
        lo, hi = v["x_range"][:2]
        rider_x = ValueTracker(lo)

        def riding():
            x = rider_x.get_value()
            top = axes.c2p(x, float(plot.curve.underlying_function(x)))
            drop = Line(axes.c2p(x, 0), top).set_stroke(theme.CURVE, 3)
            level = Line([axes.c2p(0, 0)[0], top[1], 0], top)
            level.set_stroke(theme.CURVE, 2, opacity=0.6)
            return VGroup(drop, level, Dot(top, radius=0.08, color=theme.CURVE))

        rider = always_redraw(riding)
        self.add(rider)
        self.play(rider_x.animate.set_value(hi), at="squashes", until="range")
        # "the range zero to one": the band between 0 and 1
        band = Rectangle(width=axes.x_length, height=axes.y_length).set_stroke(width=0)
        band.set_fill(theme.CURVE, 0.12).move_to(axes.c2p((lo + hi) / 2, 0.5))
        rails = VGroup(Line(axes.c2p(lo, 0), axes.c2p(hi, 0)), Line(axes.c2p(lo, 1),
                                                                      axes.c2p(hi, 1)))
        rails.set_stroke(theme.CURVE, 2)
        self.play(FadeIn(band), Create(rails), FadeOut(rider), at="range", through="one:")
        self.remove(rider)
        axis_pt = axes.c2p(v["h_pre"], 0)
        curve_pt = axes.c2p(v["h_pre"], v["h0"])
        y_pt = axes.c2p(0, v["h0"])  # read off at the y axis, clear of its numbers
        marker = Dot(axis_pt, radius=0.07, color=theme.ACCENT)
        flying = self.sum.copy()
        self.play(flying.animate.scale(0.6).move_to(axis_pt + UP * 0.3).set_opacity(0),
                  Indicate(self.sum, color=theme.ACCENT), FadeIn(marker), FadeOut(band),
                  FadeOut(rails), at=v["h_pre_text"], until="high" if v["h_pre"] > 0 else "low")
        self.remove(flying)
        up = Line(axis_pt, curve_pt).set_stroke(theme.ACCENT, 2)
        across = Line(curve_pt, y_pt).set_stroke(theme.ACCENT, 2)
        up.set_stroke(width=4)
        self.play(Create(up), marker.animate.move_to(curve_pt), at="lands", until="flat")
        # "the flat shoulder": the stretch of curve around the point, nearly level
        side = 1 if v["h_pre"] > 0 else -1
        far = hi if side > 0 else lo
        near = v["h_pre"] - side * min(1.0, abs(v["h_pre"]) / 2)
        shoulder = axes.plot(lambda x: float(plot.curve.underlying_function(x)),
                             x_range=sorted([near, far]))
        shoulder.set_stroke(theme.ACCENT, 9, opacity=0.45)
        zone = backdrop(Rectangle(width=abs(axes.c2p(far, 0)[0] - axes.c2p(near, 0)[0]),
                                  height=axes.c2p(0, 1)[1] - axes.c2p(0, 0)[1]))
        zone.set_stroke(width=0).set_fill(theme.ACCENT, 0.12)
        zone.move_to(axes.c2p((near + far) / 2, 0.5))
        self.play(Create(shoulder), GrowFromEdge(zone, LEFT if side > 0 else RIGHT),
                  at="flat", through="curve,")
        words = label(f"h[{v['neuron_text']}] =", theme.BODY_SIZE, theme.TEXT, mono=True)
        words.move_to([PANEL_X, 1.6, 0], aligned_edge=LEFT)
        number = label(v["h0_text"], theme.BODY_SIZE, theme.ACCENT, mono=True)
        number.next_to(words, RIGHT, buff=0.2)
        on_baseline(number, words)
        out = VGroup(words, number)
        dot = marker.copy()
        self.play(Create(across), TransformFromCopy(marker, number), FadeIn(words),
                  at=v["h0_text"], run_time=0.8)
        self.play(dot.animate.move_to(self.net.neuron(1, n)).set_opacity(0),
                  self.net.neuron(1, n).animate.set_fill(theme.NEURON_FILL, v["h0"]),
                  run_time=max(0.8, self.seconds_left()))
        self.remove(dot)
        self.sig = VGroup(axes, plot.curve, marker, up, across, out, pre, x_lab, y_lab, sig,
                          shoulder, zone)

    def beat_layer(self):
        """h_pre = b_i_h + w_i_h @ img as one picture: neuron n's edges become its row, then
        every row lights with its neuron's edges; the shapes arrive on their numbers, the inner
        sizes matching, and give the result's shape."""
        v = self.values
        n, rows = v["neuron"], v["n_hidden"]
        n_hid, n_in, one = v["n_hidden_text"], v["n_inputs_text"], v["one_text"]
        code = code_panel(v["code_layer"])
        code.move_to([PANEL_RIGHT, CODE_TOP, 0], aligned_edge=UP + RIGHT)
        tall, top = 2.0, 1.3
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
        name_y = top - tall * 1.45 - 0.3
        names = VGroup(*[label(t, theme.TINY_SIZE, theme.TEXT, mono=True).move_to(
            [box.get_x(), name_y, 0]) for t, box in (("h_pre", hpre), ("b_i_h", bcol),
                                                     ("w_i_h", mat), ("img", img))])
        shapes = [shape_pieces(n_hid, one), shape_pieces(n_hid, one),
                  shape_pieces(n_hid, n_in), shape_pieces(n_in, one)]
        for s, name in zip(shapes, names):
            s.next_to(name, DOWN, buff=0.1)
            s.set_x(name.get_x())
        if shapes[3].get_right()[0] > PANEL_RIGHT + 0.1:
            shapes[3].shift(LEFT * (shapes[3].get_right()[0] - PANEL_RIGHT - 0.1))
        for k in (0, 1):  # h_pre's and b_i_h's shapes: the numbers arrive, the brackets wait
            shapes[k].set_x(names[k].get_x())
        y_n = top - (n + 0.5) * cell
        stripe = Rectangle(width=mat.width, height=cell).set_stroke(width=0)
        stripe.set_fill(theme.ACCENT, 0.85).move_to([mat.get_x(), y_n, 0])
        entry = Rectangle(width=0.3, height=cell).set_stroke(width=0).set_fill(theme.ACCENT, 0.85)
        entry.move_to([hpre.get_x(), y_n, 0])
        bentry = entry.copy().move_to([bcol.get_x(), y_n, 0])
        self.play(FadeOut(self.sig),
                  LaggedStart(*[Create(m) for m in (hpre, bcol, mat, img)], lag_ratio=0.2),
                  FadeIn(ops), FadeIn(names), through="neuron")
        # "does the same": every hidden neuron's edges pulse, neuron after neuron
        hidden = list(self.net.neurons[1])
        self.play(LaggedStart(*[flash(self.net.edges_into(0, r)) for r in hidden],
                              lag_ratio=0.15), at="does", until="its own")
        # "with its own row of weights": neuron n's edges become row n of the matrix
        into = self.net.edges_into(0, n)
        self.play(TransformFromCopy(into, stripe), at="its own", through="weights,")
        # "the whole layer is one matrix": the rows fill the matrix from top to bottom
        filled = Rectangle(width=mat.width, height=tall).set_stroke(width=0)
        filled.set_fill(theme.ACCENT, 0.22).move_to(mat)
        self.play(GrowFromEdge(filled, UP), at="so", until="one")
        self.play(FadeIn(code, shift=DOWN * 0.2), filled.animate.set_fill(opacity=0.08),
                  at="one", until="w_i_h,")
        # the shapes, on their numbers: the inner sizes match
        w_s, i_s, h_s, b_s = shapes[2], shapes[3], shapes[0], shapes[1]
        self.play(FadeIn(VGroup(w_s[0], w_s[2], w_s[4])), Indicate(names[2]),
                  at="w_i_h,", until=n_hid)
        # "20": the matrix's rows, one per hidden neuron, ruled top to bottom
        heat = VGroup(*[Line([mat.get_left()[0], top - i * cell, 0],
                             [mat.get_right()[0], top - i * cell, 0]) for i in range(1, rows)])
        heat.set_stroke(theme.MUTED, 1.5, opacity=0.8)
        self.play(FadeIn(w_s[1], scale=1.3), w_s[1].animate.set_color(theme.ACCENT),
                  LaggedStart(*[Create(r) for r in heat], lag_ratio=0.15),
                  at=n_hid, until=n_in)
        # "784": its columns, one per pixel, swept left to right
        column_band = backdrop(Rectangle(width=0.12, height=tall)).set_stroke(width=0)
        column_band.set_fill(theme.ACCENT, 0.5).move_to(mat.get_corner(UP + LEFT),
                                                        aligned_edge=UP + LEFT)
        self.add(column_band)
        self.play(FadeIn(w_s[3], scale=1.3), w_s[1].animate.set_color(theme.MUTED),
                  w_s[3].animate.set_color(theme.ACCENT),
                  column_band.animate.align_to(mat, RIGHT), at=n_in, until="times")
        self.remove(column_band)
        self.play(FadeIn(VGroup(i_s[0], i_s[2], i_s[4])), Indicate(names[3]), at="img,",
                  until=n_in)
        arc = ArcBetweenPoints(w_s[3].get_bottom() + DOWN * 0.08,
                               i_s[1].get_bottom() + DOWN * 0.08, angle=0.9)
        arc.set_stroke(theme.ACCENT, 2.5)
        # "img, 784 by 1": the image unrolls into the column, pixel j at row j
        slot = img.height / v["n_inputs"]
        column = Rectangle(width=img.width - 0.05, height=img.height - 0.05).set_stroke(width=0)
        column.set_fill(gray(0.0), 1.0).move_to(img)
        lit = sorted(self.grid.lit)
        pixels = VGroup(*[self.grid.lit[j].copy() for j in lit])
        streaks = VGroup()
        for j in lit:  # at least a hair tall, so a lone pixel still shows
            streak = Rectangle(width=column.width, height=max(slot, 0.015)).set_stroke(width=0)
            streak.set_fill(gray(float(v["img"][j])), 1.0)
            streaks.add(streak.move_to([img.get_x(), img.get_top()[1] - (j + 0.5) * slot, 0]))
        self.add(pixels)
        self.play(FadeIn(i_s[1], scale=1.3), i_s[1].animate.set_color(theme.ACCENT),
                  Create(arc), FadeIn(column), ReplacementTransform(pixels, streaks),
                  at=n_in, until=one)
        self.play(FadeIn(i_s[3], scale=1.3), i_s[3].animate.set_color(theme.ACCENT),
                  at=one, run_time=theme.LIGHT)
        # "makes 20 by 1": the outer sizes give the result's shape; row by row, each row of
        # the matrix times the column makes one entry of h_pre (coloured by its sign)
        scale = max(abs(float(x)) for x in v["h_pre_all"]) or 1.0
        self.pre_cells = VGroup(*[Rectangle(width=0.3, height=cell).set_stroke(width=0)
                                  .set_fill(weight_color(x),
                                            min(1.0, 0.15 + 0.85 * abs(float(x)) / scale))
                                  .move_to([hpre.get_x(), top - (i + 0.5) * cell, 0])
                                  for i, x in enumerate(v["h_pre_all"])])
        sweep = stripe.copy().set_fill(theme.ACCENT, 0.5).move_to([mat.get_x(), top - cell / 2, 0])
        self.add(sweep)
        self.play(TransformFromCopy(w_s[1], h_s[1]), TransformFromCopy(i_s[3], h_s[3]),
                  FadeIn(VGroup(h_s[0], h_s[2], h_s[4])),
                  sweep.animate.move_to([mat.get_x(), top - tall + cell / 2, 0]),
                  LaggedStart(*[FadeIn(c) for c in self.pre_cells], lag_ratio=0.3),
                  at="makes", through=one)
        self.remove(sweep)
        # "adding b_i_h gives h_pre": the bias column, then neuron n's entry
        self.play(FadeIn(b_s), FadeIn(bentry), Indicate(names[1]), VGroup(
            w_s[1], w_s[3], i_s[1], i_s[3], h_s[1], h_s[3]).animate.set_color(theme.MUTED),
                  FadeOut(arc), at="adding", until="h_pre.")
        self.play(TransformFromCopy(VGroup(stripe, bentry), entry), Indicate(names[0]),
                  at="h_pre.", run_time=max(0.8, self.seconds_left()))
        self.layer = VGroup(bcol, mat, img, ops, names[1:], VGroup(*shapes[1:]), stripe,
                            bentry, filled, column, streaks, heat)
        self.hpre = VGroup(hpre, entry, names[0], h_s)
        self.code = code
        self.col_cell = cell

    def beat_hidden(self):
        """h = sigma(h_pre): the picture becomes that line; each entry of h_pre (coloured by
        sign) is squashed into h's entry (grey: its activation) as the hidden neuron fills."""
        v = self.values
        rows = v["n_hidden"]
        hpre_box, entry, hpre_name, hpre_shape = self.hpre
        cell = self.col_cell
        code = code_panel(v["code_layer"], v["code_hidden"])
        code.move_to([PANEL_RIGHT, CODE_TOP, 0], aligned_edge=UP + RIGHT)
        # the new line: [h] = sigma( [h_pre] ), the h_pre column moving into the bracket
        x_h, top = PANEL_X + 0.5, hpre_box.get_top()[1] - 0.3
        h_box = hpre_box.copy().move_to([x_h, top - hpre_box.height / 2, 0])
        eq = label("=", theme.BODY_SIZE, theme.MUTED).move_to([x_h + 0.6, h_box.get_y(), 0])
        sig_open = formula(r"\sigma\big(", size=theme.TEX_SIZE[theme.BODY_SIZE],
                           color=theme.CURVE)
        sig_open.next_to(eq, RIGHT, buff=0.25)
        target_x = sig_open.get_right()[0] + 0.3
        close = formula(r"\big)", size=theme.TEX_SIZE[theme.BODY_SIZE], color=theme.CURVE)
        close.move_to([target_x + 0.45, h_box.get_y(), 0])
        shift = [target_x - hpre_box.get_x(), h_box.get_y() - hpre_box.get_y(), 0]
        h_name = label("h", theme.TINY_SIZE, theme.TEXT, mono=True)
        h_name.move_to([x_h, hpre_name.get_y() + shift[1], 0])
        h_shape = shape_pieces(v["n_hidden_text"], v["one_text"])
        h_shape.next_to(h_name, DOWN, buff=0.1).set_x(x_h)
        pre_cells = self.pre_cells
        h_cells = VGroup(*[Rectangle(width=0.3, height=cell).set_stroke(
            theme.PIXEL_STROKE, 0.5).set_fill(gray(v["h"][i]), 1.0) for i in range(rows)])
        for i in range(rows):
            h_cells[i].move_to([x_h, top - (i + 0.5) * cell, 0])
        moved = VGroup(hpre_box, hpre_name, hpre_shape, pre_cells)
        self.play(FadeOut(self.layer), FadeOut(entry), FadeOut(self.code), FadeIn(code),
                  moved.animate.shift(shift), FadeIn(eq), FadeIn(sig_open), FadeIn(close),
                  FadeIn(h_box), FadeIn(h_name), until="entry")
        # "each entry of h_pre": h_pre's entries, one after another
        self.play(LaggedStart(*[Indicate(c, color=theme.ACCENT, scale_factor=1.3)
                                for c in pre_cells], lag_ratio=0.2),
                  at="entry", through="h_pre")
        # "gives h, N activations": entry by entry, h and the hidden layer fill
        fills = self.net.neurons[1]
        pairs = [AnimationGroup(Indicate(pre_cells[i], color=theme.ACCENT, scale_factor=1.3),
                                FadeIn(h_cells[i]), *([fills[i].animate.set_fill(
                                    theme.NEURON_FILL, float(min(max(v["h"][i], 0.0), 1.0)))]
                                    if i in fills else []))
                 for i in range(rows)]
        pairs.append(AnimationGroup(FadeIn(h_shape), Indicate(h_name, color=theme.ACCENT)))
        self.play(LaggedStart(*pairs, lag_ratio=0.12), at="gives", through="activations,")
        self.play(Indicate(h_shape[1], color=theme.ACCENT, scale_factor=1.3),
                  Indicate(self.net.layers[1], color=theme.ACCENT, scale_factor=1.1),
                  at="hidden", run_time=max(0.8, self.seconds_left()))
        self.layer = VGroup(code, moved, h_cells, h_box, h_name, h_shape, eq,
                            sig_open, close)

    def beat_why(self):
        """Without a sigmoid between them, two weight matrices multiply into one."""
        v = self.values
        head = label("without σ:", theme.BODY_SIZE, theme.MUTED).move_to([PANEL_X, 2.2, 0],
                                                                          aligned_edge=LEFT)
        big = theme.FORMULA_SIZE * 1.25
        a = formula(r"w_{h \to o}", r"\,(", r"w_{i \to h}", r"\,\text{img}", r")", size=big)
        b = formula(r"(", r"w_{h \to o}", r"\,", r"w_{i \to h}", r")", r"\,\text{img}",
                    size=big)
        for f in (a, b):
            f.move_to([(PANEL_X + PANEL_RIGHT) / 2, 1.2, 0])
        e0 = [e for (k, _, _), e in self.net.edges.items() if k == 0]
        e1 = [e for (k, _, _), e in self.net.edges.items() if k == 1]
        self.play(FadeOut(self.layer), through="sigmoid?")
        self.play(FadeIn(head), FadeIn(a), at="Without", until="next")
        self.play(Indicate(a[0], color=theme.ACCENT), flash(e1), at="next", until="these")
        self.play(Indicate(a[2], color=theme.ACCENT), flash(e0), at="these", until="would")
        self.play(TransformMatchingTex(a, b), at="would", until="one")
        brace = Brace(VGroup(b[0], b[4]), DOWN, color=theme.MUTED)
        one = label(f"one {v['collapsed_shape_text']} matrix", theme.SMALL_SIZE, theme.ACCENT)
        one.next_to(brace, DOWN, buff=0.12)
        self.play(Create(brace), FadeIn(one), at="one", through="matrix:")
        note = VGroup(label("two layers,", theme.BODY_SIZE, theme.TEXT),
                      label("one straight-line map", theme.BODY_SIZE, theme.TEXT),
                      label("σ's bend keeps them apart", theme.BODY_SIZE, theme.CURVE))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to([PANEL_X, -1.0, 0],
                                                              aligned_edge=LEFT)
        self.play(FadeIn(note[0], shift=UP * 0.1), Indicate(self.net.layers[1]),
                  Indicate(self.net.layers[2]), at="two", until="one")
        self.play(FadeIn(note[1], shift=UP * 0.1), at="one", until="map.")
        self.play(FadeIn(note[2], shift=UP * 0.1), at="map.",
                  run_time=max(0.8, self.seconds_left()))
        self.why = VGroup(head, b, brace, one, note)

    def beat_output(self):
        """The output layer's two lines of code; its edges pulse; its neurons fill; their
        values grow as bars beside them."""
        v = self.values
        code = code_panel(v["code_out_pre"], v["code_out"])
        code.move_to([PANEL_RIGHT, CODE_TOP, 0], aligned_edge=UP + RIGHT)
        self.play(FadeOut(self.why), self.net.edge_group.animate.set_stroke(opacity=0.35),
                  until="repeats")
        self.play(FadeIn(code, shift=DOWN * 0.2), at="repeats", until="w_h_o")
        e1 = [e for (k, _, _), e in self.net.edges.items() if k == 1]
        self.play(flash(e1), Indicate(self.net.layers[1], color=theme.ACCENT),
                  at="w_h_o", through="h:")
        names, bars, values = VGroup(), VGroup(), VGroup()
        x_name = PANEL_X + 0.3
        drawn = self.net.index[2]  # every class, or (many classes) the largest outputs
        shown_names = {i: fitted_label(v["class_names"][i], MAX_NAME_W, color=theme.MUTED)
                       for i in drawn}
        widest = max(t.width for t in shown_names.values())
        x_bar = x_name + widest + 0.25
        full = PANEL_RIGHT - 0.75 - x_bar
        # the guess's row ends with its value and the mark: keep room for them
        g = v["guess"]
        tail = 0.1 + label(v["o_texts"][g], theme.TINY_SIZE, mono=True).width + 0.06
        full = min(full, (PANEL_RIGHT + 0.1 - tail - x_bar) / max(float(v["o"][g]), 1e-9))
        gap = 0.36
        row_of = {}
        for row, i in enumerate(drawn):
            y = -1.15 + (len(drawn) - 1) / 2 * gap - row * gap
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
        head = label(f"o = σ(o_pre)   {v['o_shape_text']}", theme.SMALL_SIZE, theme.OUTPUT,
                     mono=True)
        head.next_to(VGroup(names, bars), UP, buff=0.25).align_to(names, LEFT)
        self.play(LaggedStart(*self.net.fill_animations(2, v["o"]), lag_ratio=0.1),
                  FadeIn(names), FadeIn(head), at=v["n_out_text"], through="o,")
        self.play(LaggedStart(*[TransformFromCopy(self.net.neuron(2, i), bars[row_of[i]])
                                for i in drawn], lag_ratio=0.1),
                  LaggedStart(*[FadeIn(t) for t in values], lag_ratio=0.1),
                  at="each", run_time=max(1.0, self.seconds_left()))
        self.out = (names, bars, values, row_of)

    def _fly(self, source, target):
        """A copy of ``source`` (on screen from the start, as the viewer sees it leave)
        becomes ``target``."""
        flying = source.copy()
        self.add(flying)
        return ReplacementTransform(flying, target)

    def beat_guess(self):
        """A band scans down the outputs to the largest; it is framed with its value, its
        class and its neuron: the guess. The class flies to a line under the bars, and the
        image's label flies beside it: guess and label side by side."""
        v = self.values
        names, bars, values, row_of = self.out
        g = v["guess"]
        r = row_of[g]
        left, right = names.get_left()[0] - 0.08, PANEL_RIGHT + 0.05
        scan = backdrop(Rectangle(width=right - left, height=0.32)).set_stroke(width=0)
        scan.set_fill(theme.ACCENT, 0.14).move_to([(left + right) / 2, bars[0].get_y(), 0])
        self.play(FadeIn(scan), at="guess", until="largest")
        steps = [scan.animate.set_y(bars[k].get_y()) for k in range(1, len(bars))]
        self.play(Succession(*steps), until=v["o_max_text"])
        mark = SurroundingRectangle(VGroup(names[r], bars[r], values[r]), color=theme.ACCENT,
                                    buff=0.06)
        self.play(scan.animate.set_y(bars[r].get_y()), Create(mark),
                  Indicate(values[r], color=theme.ACCENT), at=v["o_max_text"],
                  run_time=theme.LIGHT)
        # the guess and the label, side by side under the bars
        y = -3.25
        said = label("guess", theme.SMALL_SIZE, theme.MUTED).move_to([PANEL_X, y, 0],
                                                                       aligned_edge=LEFT)
        room = PANEL_RIGHT - said.get_right()[0] - 0.15 - 0.5 - self.caption.width
        name = fitted_label(v["guess_text"], min(MAX_NAME_W, room), color=theme.ACCENT)
        name.next_to(said, RIGHT, buff=0.15)
        on_baseline(name, said)
        self.play(names[r].animate.set_color(theme.ACCENT),
                  bars[r].animate.set_fill(theme.ACCENT),
                  self._fly(names[r], name), FadeIn(said),
                  self.net.neuron(2, g).animate.set_stroke(theme.ACCENT, width=4),
                  at=v["guess_text"], until="since")
        # the image's label flies down beside it
        truth = self.caption.copy().next_to(name, RIGHT, buff=0.5)
        on_baseline(truth, said)
        self.play(Indicate(self.caption, color=theme.ACCENT if g == v["label"] else
                           theme.TARGET), self._fly(self.caption, truth),
                  at="since", run_time=max(theme.LIGHT, self.seconds_left()))
        self.still("forward-pass")
