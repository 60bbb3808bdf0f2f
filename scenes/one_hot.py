"""Chapter 4: a label slides into its row of np.eye(n), which stands up as the target column."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Circumscribe,
    FadeIn,
    FadeOut,
    FadeTransform,
    Indicate,
    LaggedStart,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import brackets_around
from scenes.kit.text import code_listing, label
from scenes.values.one_hot import caption

#: Layout: the rows' height, the first row's y, and the x of each column of pieces.
ROW_H = 0.5
TOP_Y = 1.85
EYE_X0, EYE_DX = -2.3, 0.45
TARGET_X, NEURON_X = 2.9, 4.35
IMAGE_POS = (-5.25, 0.75)


def row_y(i):
    return TOP_Y - i * ROW_H


class OneHot(ChapterScene):
    slug = "one_hot"

    # --- pieces -----------------------------------------------------------------------------

    def image_view(self, k):
        """Example k's image with its caption (the label in the target colour)."""
        v = self.values
        grid = PixelGrid(v["images"][k], side_length=1.9, stroke=False)
        text = VGroup(*[label(line, theme.SMALL_SIZE, theme.TARGET) for line in caption(v, k)])
        text.arrange(DOWN, buff=0.12)
        view = VGroup(grid, text).arrange(DOWN, buff=0.2)
        return view.move_to([*IMAGE_POS, 0])

    def label_digits(self, k):
        """A copy of the class number's glyphs in example k's caption (added to the scene)."""
        digits = len(self.values["hot_index_texts"][k])
        flying = self.image[1][-1][-digits:].copy()
        self.add(flying)
        return flying

    def row_box(self, i, color=theme.TARGET):
        """A frame around row i of the identity matrix (its index included)."""
        n = self.values["n_classes"]
        left, right = EYE_X0 - 0.85, EYE_X0 + (n - 1) * EYE_DX + 0.25
        box = Rectangle(width=right - left, height=ROW_H * 0.9).set_stroke(color, 2.5)
        return box.move_to([(left + right) / 2, row_y(i), 0])

    # --- beats ------------------------------------------------------------------------------

    def beat_outputs(self):
        """The output neurons with their class names, and the first image's label."""
        v = self.values
        self.title_card()
        n = v["n_classes"]
        self.neurons = VGroup(*[
            self.neuron_at(i) for i in range(n)])
        self.names = VGroup(*[label(name, theme.SMALL_SIZE, theme.MUTED).next_to(
            self.neurons[i], RIGHT, buff=0.22) for i, name in enumerate(v["class_names"])])
        self.out_head = label(f"{v['n_classes_text']} outputs o", theme.SMALL_SIZE, theme.OUTPUT)
        self.out_head.move_to([NEURON_X + 0.5, row_y(0) + 0.62, 0])
        self.image = self.image_view(0)
        self.need = VGroup(label("must become", theme.SMALL_SIZE, theme.TEXT),
                           label(f"{v['n_classes_text']} numbers", theme.SMALL_SIZE, theme.TEXT))
        self.need.arrange(DOWN, buff=0.12).next_to(self.image, DOWN, buff=0.3)
        self.play(LaggedStart(*[FadeIn(c, scale=0.5) for c in self.neurons], lag_ratio=0.08),
                  FadeIn(self.names), FadeIn(self.out_head), run_time=1.4)
        self.play(FadeIn(self.image, shift=RIGHT * 0.3), run_time=0.8)
        self.play(FadeIn(self.need, shift=UP * 0.1), run_time=0.6)

    def neuron_at(self, i):
        c = Circle(radius=theme.NEURON_RADIUS, stroke_color=theme.OUTPUT,
                   stroke_width=theme.NEURON_STROKE_WIDTH)
        return c.set_fill(theme.NEURON_FILL, 0.0).move_to([NEURON_X, row_y(i), 0])

    def beat_eye(self):
        """np.eye(n): the identity matrix, row and column indices, the diagonal lit."""
        v = self.values
        n = v["n_classes"]
        self.cells = [[label(t, theme.SMALL_SIZE, theme.TEXT, mono=True).move_to(
            [EYE_X0 + c * EYE_DX, row_y(r), 0]) for c, t in enumerate(row)]
            for r, row in enumerate(v["eye_texts"])]
        grid = VGroup(*[m for row in self.cells for m in row])
        height = n * ROW_H
        self.eye_brackets = brackets_around(grid, height, buff=0.15)
        self.row_idx = VGroup(*[label(t, theme.TINY_SIZE, theme.MUTED).move_to(
            [EYE_X0 - 0.62, row_y(i), 0]) for i, t in enumerate(v["index_texts"])])
        self.col_idx = VGroup(*[label(t, theme.TINY_SIZE, theme.MUTED).move_to(
            [EYE_X0 + i * EYE_DX, row_y(0) + 0.62, 0]) for i, t in enumerate(v["index_texts"])])
        self.eye_code = label(v["eye_code"], theme.BODY_SIZE, theme.TEXT, mono=True)
        self.eye_code.move_to([EYE_X0 + (n - 1) * EYE_DX / 2, row_y(n - 1) - 0.75, 0])
        self.play(FadeOut(self.need), FadeIn(self.eye_code, shift=UP * 0.2), run_time=0.6)
        self.play(FadeIn(self.eye_brackets), FadeIn(self.row_idx), FadeIn(self.col_idx),
                  LaggedStart(*[FadeIn(VGroup(*row), shift=DOWN * 0.1) for row in self.cells],
                              lag_ratio=0.12), run_time=1.6)
        diag = [self.cells[i][i] for i in range(n)]
        self.play(LaggedStart(*[d.animate.set_color(theme.ACCENT).scale(1.25) for d in diag],
                              lag_ratio=0.12), run_time=1.2)
        self.play(*[d.animate.set_color(theme.TEXT).scale(1 / 1.25) for d in diag],
                  run_time=0.5)

    def beat_first(self):
        """The label flies to its row index; the row lights in the target colour."""
        v = self.values
        k = v["hot_index"][0]
        flying = self.label_digits(0)
        self.play(flying.animate.move_to(self.row_idx[k]).set_color(theme.TARGET),
                  run_time=1.0)
        self.remove(flying)
        self.box = self.row_box(k)
        self.play(self.row_idx[k].animate.set_color(theme.TARGET),
                  FadeIn(self.box), *[c.animate.set_color(theme.TARGET) for c in self.cells[k]],
                  run_time=0.7)
        self.hot_row = k

    def beat_count(self):
        """Row indices counted from 0; the row's ordinal and the one at position k pointed at."""
        v = self.values
        k = v["hot_index"][0]
        self.play(LaggedStart(*[Indicate(self.row_idx[i], color=theme.ACCENT, scale_factor=1.5)
                                for i in range(k + 1)], lag_ratio=0.35),
                  run_time=0.45 * (k + 1) + 0.4)
        self.nth = label(f"the {v['hot_ordinal_texts'][0]} row", theme.SMALL_SIZE, theme.ACCENT)
        self.nth.next_to(self.row_idx[k], LEFT, buff=0.25)
        self.play(FadeIn(self.nth, shift=RIGHT * 0.2), run_time=0.6)
        self.play(self.col_idx[k].animate.set_color(theme.ACCENT),
                  Circumscribe(VGroup(self.col_idx[k], self.cells[k][k]), color=theme.ACCENT,
                               buff=0.08), run_time=1.2)

    def beat_column(self):
        """A copy of the row stands up as the target column beside the output neurons."""
        v = self.values
        n = v["n_classes"]
        k = v["hot_index"][0]
        self.col = [label(t, theme.SMALL_SIZE, theme.TARGET, mono=True).move_to(
            [TARGET_X, row_y(i), 0]) for i, t in enumerate(v["one_hot_texts"][0])]
        height = n * ROW_H
        col_group = VGroup(*self.col)
        self.col_brackets = brackets_around(col_group, height, buff=0.15, color=theme.TARGET)
        self.col_head = label("target l", theme.SMALL_SIZE, theme.TARGET)
        self.col_head.move_to([TARGET_X, row_y(0) + 0.62, 0])
        self.play(FadeOut(self.nth), self.col_idx[k].animate.set_color(theme.MUTED),
                  run_time=0.4)
        self.play(LaggedStart(*[TransformFromCopy(self.cells[k][i], self.col[i], path_arc=-0.6)
                                for i in range(n)], lag_ratio=0.08), run_time=1.8)
        self.play(FadeIn(self.col_brackets), FadeIn(self.col_head), run_time=0.6)
        self.hot_mark = SurroundingRectangle(self.col[k], color=theme.TARGET, buff=0.07)
        self.play(FadeIn(self.hot_mark), self.neurons[k].animate.set_stroke(theme.TARGET, width=4),
                  self.names[k].animate.set_color(theme.TARGET), run_time=0.7)

    def beat_more(self):
        """Each next label flies to its row; the one in the target column moves to its place."""
        v = self.values
        for e in range(1, len(v["labels"])):
            old, new = self.hot_row, v["hot_index"][e]
            image = self.image_view(e)
            self.play(FadeTransform(self.image, image), run_time=0.5)
            self.image = image
            flying = self.label_digits(e)
            self.play(flying.animate.move_to(self.row_idx[new]),
                      *[c.animate.set_color(theme.TEXT) for c in self.cells[old]],
                      self.row_idx[old].animate.set_color(theme.MUTED), run_time=0.7)
            self.remove(flying)
            self.play(self.box.animate.move_to([self.box.get_x(), row_y(new), 0]),
                      *[c.animate.set_color(theme.TARGET) for c in self.cells[new]],
                      self.row_idx[new].animate.set_color(theme.TARGET), run_time=0.5)
            if new != old:
                one, zero = self.col[old], self.col[new]
                self.play(one.animate.move_to(zero), zero.animate.move_to(one),
                          self.hot_mark.animate.move_to([TARGET_X, row_y(new), 0]),
                          self.neurons[old].animate.set_stroke(theme.OUTPUT, width=2),
                          self.names[old].animate.set_color(theme.MUTED),
                          self.neurons[new].animate.set_stroke(theme.TARGET, width=4),
                          self.names[new].animate.set_color(theme.TARGET), run_time=0.8)
                self.col[old], self.col[new] = zero, one
            self.hot_row = new

    def beat_code(self):
        """The one line of code; every example's row lights at once."""
        v = self.values
        code = code_listing(v["code"])
        code.move_to(self.eye_code)
        if code.get_left()[0] < -6.2:
            code.shift(RIGHT * (-6.2 - code.get_left()[0]))
        self.play(ReplacementTransform(self.eye_code, code), run_time=0.9)
        boxes = VGroup(*[self.row_box(i) for i in v["hot_index"] if i != self.hot_row])
        self.play(LaggedStart(*[FadeIn(b) for b in boxes], lag_ratio=0.3),
                  *[c.animate.set_color(theme.TARGET) for i in v["hot_index"]
                    for c in self.cells[i]], run_time=1.2)
        self.still("one-hot")
