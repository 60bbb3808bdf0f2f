"""Chapter 4: a label slides into its row of np.eye(n), which stands up as the target column.

Every beat lays its animations along its sentence (:mod:`scenes.timing`): the output neurons
arrive under the title, the matrix is counted row by row and column by column as "n by n" is
said, a highlighter runs down its diagonal along "ones on its diagonal", a label flies along an
arrow to its row and a band sweeps across that row as "row k" is said. Faint bands (backdrops
the entries are read through) do the pointing that a beginner's finger would: the counting
from zero walks a band down the rows, each ordinal appearing as the band reaches it (at the
rows' right ends, clear of the image), and a column band slides to position k; the row's band
stands up beside the output neurons and closes in on the column's one; a band walks down the
rows pairing each entry with its neuron. A walk is a play per stop
(:meth:`ChapterScene.play_steps`), so every stop is seen, in the pixels as in the checks. When the
next image arrives the last image's row, one and neuron step back at once, so the column never
speaks of another image than the one shown; the last beat stacks the picked rows into
``np.eye(n)[labels]``, each row level with its image.

With more classes than fit (an image folder of 26), the identity, the target column, the output
neurons and the stacked rows draw only the examples' rows and columns, the first and the last
(``eye_runs``, as the cost chapter), with an ellipsis in each elided run; long class names are
shortened with an ellipsis. Ten classes or fewer draw every row, as before.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Brace,
    Circle,
    Circumscribe,
    Create,
    FadeIn,
    FadeOut,
    FadeTransform,
    GrowArrow,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    linear,
)

from scenes import theme
from scenes.backprop import DOTS, short_label, with_gaps
from scenes.chapter_scene import ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import brackets_around
from scenes.kit.text import backdrop, code_listing, label
from scenes.values.one_hot import caption

#: Layout: the rows' height, the first row's y, and the x of each column of pieces.
ROW_H = 0.5
TOP_Y = 1.85
EYE_X0, EYE_DX = -2.3, 0.45
TARGET_X, NEURON_X = 2.9, 4.35
IMAGE_POS = (-5.25, 0.75)
#: Column spacing of the stacked result np.eye(n)[labels] (narrower than the identity's, so
#: it stands clear of the identity's row boxes).
RESULT_DX = 0.36
#: The widest an image's caption line may be (centred under the image, inside the safe area).
CAPTION_W = 2.2
#: Side of an example's thumbnail in the last beat's column of labelled images.
THUMB_SIDE = 0.8


#: Fill opacity of the bands that mark a row or a column (the entries are read through them).
BAND_OPACITY = 0.12

#: An elided run of columns (rows use the kit's vertical ellipsis).
HDOTS = "\u22ef"


def cell_color(r, c):
    """A cell of the identity matrix at rest: its ones in the text colour, zeros muted."""
    return theme.TEXT if r == c else theme.MUTED


class OneHot(ChapterScene):
    slug = "one_hot"

    def setup(self):
        """The slots the identity draws: one per class, or (many classes) the rows of
        ``eye_runs`` with an ellipsis slot between runs, spaced closer when there are more
        slots than ten so the matrix keeps its ten-row size."""
        super().setup()
        self.rows = with_gaps(self.values["eye_runs"])  # class per slot, None = ellipsis
        self.shown = [i for i in self.rows if i is not None]
        self.slot = {i: k for k, i in enumerate(self.rows) if i is not None}
        squeeze = min(1.0, 9 / max(len(self.rows) - 1, 1))
        self.row_h, self.dx = ROW_H * squeeze, EYE_DX * squeeze

    def row_y(self, i):
        """The y of class ``i``'s row."""
        return self.slot_y(self.slot[i])

    def slot_y(self, k):
        return TOP_Y - k * self.row_h

    def col_x(self, j):
        """The x of class ``j``'s column of the identity."""
        return EYE_X0 + self.slot[j] * self.dx

    def gap_dots(self, xs, ys, vertical):
        """Ellipses at every ``(x, y)`` pair of ``xs`` and ``ys``, muted."""
        return VGroup(*[label(DOTS if vertical else HDOTS, theme.SMALL_SIZE, theme.MUTED)
                        .move_to([x, y, 0]) for x in xs for y in ys])

    def gaps(self):
        """The slots that are ellipses."""
        return [k for k, i in enumerate(self.rows) if i is None]

    # --- pieces -----------------------------------------------------------------------------

    def image_view(self, k):
        """Example k's image with its caption (the label in the target colour)."""
        v = self.values
        grid = PixelGrid(v["images"][k], side_length=1.9, stroke=False)
        # a long class name is shortened to stay inside the safe area
        text = VGroup(*[short_label(line, CAPTION_W, theme.SMALL_SIZE, theme.TARGET)
                        for line in caption(v, k)])
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
        left, right = EYE_X0 - 0.85, EYE_X0 + (len(self.rows) - 1) * self.dx + 0.25
        box = Rectangle(width=right - left, height=self.row_h * 0.9).set_stroke(color, 2.5)
        box.set_fill(color, BAND_OPACITY).set_z_index(-1)
        return backdrop(box.move_to([(left + right) / 2, self.row_y(i), 0]))

    def neuron_at(self, i):
        c = Circle(radius=theme.NEURON_RADIUS, stroke_color=theme.OUTPUT,
                   stroke_width=theme.NEURON_STROKE_WIDTH)
        return c.set_fill(theme.NEURON_FILL, 0.0).move_to([NEURON_X, self.row_y(i), 0])

    def light_row(self, r):
        """Animations that colour row r of the matrix (and its index) as the target."""
        return [self.row_idx[r].animate.set_color(theme.TARGET),
                *[c.animate.set_color(theme.TARGET) for c in self.cells[r].values()]]

    def rest_row(self, r):
        """Animations that put row r of the matrix (and its index) back at rest."""
        return [self.row_idx[r].animate.set_color(theme.MUTED),
                *[c.animate.set_color(cell_color(r, j)) for j, c in self.cells[r].items()]]

    def thumbnail(self, k):
        """Example k small, with its class number (what ``labels`` holds) beside it."""
        grid = PixelGrid(self.values["images"][k], side_length=THUMB_SIDE, stroke=False)
        number = label(self.values["hot_index_texts"][k], theme.SMALL_SIZE, theme.TARGET,
                       mono=True)
        return VGroup(grid, number).arrange(RIGHT, buff=theme.GAP)

    # --- beats ------------------------------------------------------------------------------

    def beat_outputs(self):
        """The output neurons appear one by one, then their class names; the first image's
        label, and the need: n numbers."""
        v = self.values
        self.neurons = {i: self.neuron_at(i) for i in self.shown}
        # long class names are shortened to end inside the safe area
        name_w = region("safe").right - NEURON_X - theme.NEURON_RADIUS - 0.22
        self.names = {i: short_label(v["class_names"][i], name_w, theme.SMALL_SIZE,
                                     theme.MUTED).next_to(self.neurons[i], RIGHT, buff=0.22)
                      for i in self.shown}
        self.neuron_dots = self.gap_dots([NEURON_X], [self.slot_y(k) for k in self.gaps()], True)
        self.out_head = label(f"{v['n_classes_text']} outputs o", theme.SMALL_SIZE, theme.OUTPUT)
        self.out_head.move_to([NEURON_X + 0.5, self.row_y(0) + 0.62, 0])
        self.image = self.image_view(0)
        self.need = VGroup(label("must become", theme.SMALL_SIZE, theme.TEXT),
                           label(f"{v['n_classes_text']} numbers", theme.SMALL_SIZE, theme.TEXT))
        self.need.arrange(DOWN, buff=0.12).next_to(self.image, DOWN, buff=theme.GAP)
        # under the title, the output neurons arrive one by one
        self.title_card(LaggedStart(*[FadeIn(c, scale=0.5) for c in self.neurons.values()],
                                    lag_ratio=0.2),
                        FadeIn(self.out_head), FadeIn(self.neuron_dots), through="neurons,")
        self.play(LaggedStart(*[FadeIn(t, shift=LEFT * 0.15) for t in self.names.values()],
                              lag_ratio=0.2), through="class.")
        self.play(FadeIn(self.image, shift=RIGHT * 0.3), until="label")
        self.light(self.image[1])  # as "label" is said
        self.play(FadeIn(self.need, shift=UP * 0.1), until=v["n_classes_text"])
        self.light(self.need[1])  # as the count is said

    def beat_eye(self):
        """np.eye(n) builds the matrix row by row; its rows and columns are counted (n by n);
        the diagonal lights one by one; the zeros fade back."""
        v = self.values
        n_text = v["n_classes_text"]
        shown, texts, last = self.shown, v["eye_texts"], len(self.rows) - 1
        self.cells = {r: {c: label(texts[r][c], theme.SMALL_SIZE, theme.TEXT, mono=True)
                          .move_to([self.col_x(c), self.row_y(r), 0]) for c in shown}
                      for r in shown}
        # the elided rows and columns: an ellipsis in each drawn column and row
        gap_xs = [EYE_X0 + k * self.dx for k in self.gaps()]
        gap_ys = [self.slot_y(k) for k in self.gaps()]
        dots_rows = [self.gap_dots([self.col_x(c) for c in shown], [y], True) for y in gap_ys]
        dots_cols = self.gap_dots(gap_xs, [self.row_y(r) for r in shown], False)
        rows = [VGroup(*self.cells[r].values()) for r in shown]
        ordered = [rows[shown.index(i)] if i is not None else dots_rows[self.gaps().index(k)]
                   for k, i in enumerate(self.rows)]
        grid = VGroup(*ordered, dots_cols)
        self.eye_brackets = brackets_around(grid, len(self.rows) * self.row_h, buff=0.15)
        self.row_idx = {i: label(v["index_texts"][i], theme.TINY_SIZE, theme.MUTED).move_to(
            [EYE_X0 - 0.62, self.row_y(i), 0]) for i in shown}
        self.col_idx = {i: label(v["index_texts"][i], theme.TINY_SIZE, theme.MUTED).move_to(
            [self.col_x(i), self.row_y(0) + 0.62, 0]) for i in shown}
        row_idx = VGroup(*self.row_idx.values(), self.gap_dots([EYE_X0 - 0.62], gap_ys, True))
        col_idx = VGroup(*self.col_idx.values(),
                         self.gap_dots(gap_xs, [self.row_y(0) + 0.62], False))
        self.eye_code = label(v["eye_code"], theme.BODY_SIZE, theme.TEXT, mono=True)
        self.eye_code.move_to([EYE_X0 + last * self.dx / 2, self.slot_y(last) - 0.75, 0])
        # the counts: a brace along the row indices and one over the column indices
        row_brace = Brace(row_idx, LEFT, buff=theme.GAP_SMALL, color=theme.MUTED)
        row_count = label(n_text, theme.SMALL_SIZE, theme.MUTED)
        row_count.next_to(row_brace, LEFT, buff=theme.GAP_SMALL)
        col_brace = Brace(col_idx, UP, buff=theme.GAP_SMALL, color=theme.MUTED)
        col_count = label(n_text, theme.SMALL_SIZE, theme.MUTED)
        col_count.next_to(col_brace, UP, buff=theme.GAP_SMALL)
        self.counts = VGroup(row_brace, row_count, col_brace, col_count)

        self.play(FadeOut(self.need), FadeIn(self.eye_code, shift=UP * 0.2), until="np.eye")
        self.play(FadeIn(self.eye_brackets),
                  LaggedStart(*[FadeIn(row, shift=DOWN * 0.1) for row in ordered],
                              lag_ratio=0.25), FadeIn(dots_cols),
                  Indicate(self.eye_code, color=theme.ACCENT, scale_factor=1.1),
                  through=f"{n_text}:")
        # "the n by n": the rows are counted down, then the columns across
        self.play(LaggedStart(*[FadeIn(t, shift=RIGHT * 0.1) for t in row_idx],
                              lag_ratio=0.3),
                  GrowFromCenter(row_brace), FadeIn(row_count), until="by")
        self.play(LaggedStart(*[FadeIn(t, shift=DOWN * 0.1) for t in col_idx],
                              lag_ratio=0.3),
                  GrowFromCenter(col_brace), FadeIn(col_count), until="identity")
        # "ones on its diagonal": a highlighter runs down the diagonal, lighting the ones
        diag = [self.cells[i][i] for i in shown]
        reach = np.array([self.dx, -self.row_h, 0]) * 0.45
        stroke = Line(diag[0].get_center() - reach, diag[-1].get_center() + reach)
        stroke = backdrop(stroke.set_stroke(theme.ACCENT, width=18, opacity=0.3))
        self.play(Create(stroke, rate_func=linear),
                  LaggedStart(*[d.animate.set_color(theme.ACCENT) for d in diag],
                              lag_ratio=0.4), at="ones", through="diagonal")
        # "zeros everywhere else": the zeros step back, row by row; the ones stay bright
        zeros = [VGroup(*[c for j, c in self.cells[r].items() if j != r]) for r in shown]
        self.play(LaggedStart(*[z.animate.set_color(theme.MUTED) for z in zeros],
                              lag_ratio=0.3), FadeOut(stroke),
                  *[d.animate.set_color(theme.TEXT) for d in diag], at="zeros", through="else.")

    def beat_first(self):
        """The first image is framed; its label lights and flies to its row index, and the
        row lights in the target colour."""
        v = self.values
        k, k_text = v["hot_index"][0], v["hot_index_texts"][0]
        self.play(FadeOut(self.counts), Circumscribe(self.image[0], color=theme.ACCENT),
                  through="image")
        if len(self.image[1]) > 1:  # a class name, then its number
            self.light(self.image[1][0], at="labelled")
        self.light(self.image[1][-1], at=k_text)
        # "so we take row k": the label flies to its row's index along an arrow
        flying = self.label_digits(0)
        self.pointer = Arrow(self.image[1][-1].get_right(), self.row_idx[k].get_left(),
                             buff=0.12, color=theme.TARGET, stroke_width=5)
        self.play(flying.animate.move_to(self.row_idx[k]).set_color(theme.TARGET),
                  GrowArrow(self.pointer), until="row")
        self.remove(flying)
        # "row k of the matrix": a band sweeps from the row's index across the row, lighting
        # its entries as it passes
        self.box = self.row_box(k)
        self.play(GrowFromEdge(self.box, LEFT),
                  LaggedStart(*self.light_row(k), lag_ratio=0.12), at=k_text, through="matrix.")
        self.hot_row = k

    def beat_count(self):
        """Counting from zero walks down the row indices, each with its ordinal, to the
        label's row; its single one is found along the row, under column k."""
        v = self.values
        k, k_text = v["hot_index"][0], v["hot_index_texts"][0]
        nth_text = v["hot_ordinal_texts"][0]
        # each ordinal at the right end of its row: clear of the image on the left, whatever
        # the row (a 4-class label 0 sits level with the image)
        x = self.box.get_right()[0] + theme.GAP_SMALL
        before = [i for i in self.shown if i < k]  # the drawn rows above the label's
        self.trail = VGroup(*[label(v["ordinal_texts"][i], theme.TINY_SIZE, theme.MUTED)
                              for i in before])
        for i, t in zip(before, self.trail):
            t.move_to([x, self.row_y(i), 0], aligned_edge=LEFT)
        self.nth = label(f"the {nth_text} row", theme.SMALL_SIZE, theme.ACCENT)
        self.nth.move_to([x, self.row_y(k), 0], aligned_edge=LEFT)
        # "Rows count from zero": a counting band walks down the rows from row 0, each row's
        # ordinal appearing as the band reaches it, and stops on the label's row
        counter = self.row_box(self.shown[0], theme.ACCENT)
        def count(n, i, t):
            return [FadeIn(counter) if n == 0 else counter.animate.set_y(self.row_y(i)),
                    FadeIn(t, shift=LEFT * 0.1),
                    Indicate(self.row_idx[i], color=theme.ACCENT, scale_factor=1.5),
                    *([FadeOut(self.pointer)] if n == 0 else [])]

        # the rows above the label's are counted as "Rows count from zero, so row" is said;
        # the band reaches the label's row as its number is said, and its ordinal follows
        steps = [lambda n=n, i=i, t=t: count(n, i, t)
                 for n, (i, t) in enumerate(zip(before, self.trail))]
        arrive = [Indicate(self.row_idx[k], color=theme.ACCENT, scale_factor=1.5)]
        if steps:
            self.play_steps(steps, at="Rows", until=k_text)
            arrive.append(counter.animate.set_y(self.row_y(k)))
        else:  # the label's row is the first: the band starts there
            arrive += [FadeIn(counter), FadeOut(self.pointer)]
        self.play(*arrive, at=k_text, run_time=theme.LIGHT)
        self.play(FadeIn(self.nth, shift=LEFT * 0.1), at="the", until=nth_text)
        self.play(Indicate(self.nth, color=theme.ACCENT), at=nth_text, through="row,")
        # "its single one sits at position k": a band sweeps across the columns from
        # position 0 and stops on column k, where the row's one is
        top, bottom = self.row_y(0) + 0.85, self.slot_y(len(self.rows) - 1) - self.row_h / 2
        self.col_band = backdrop(Rectangle(width=self.dx * 0.9, height=top - bottom)
                                 .set_stroke(theme.ACCENT, 2.5)
                                 .set_fill(theme.ACCENT, BAND_OPACITY).set_z_index(-1)
                                 .move_to([self.col_x(self.shown[0]), (top + bottom) / 2, 0]))
        self.play(FadeIn(self.col_band), FadeOut(counter), at="its", until="single")
        self.play(self.col_band.animate.set_x(self.col_x(k)), at="single", until=k_text)
        self.play(self.col_idx[k].animate.set_color(theme.ACCENT),
                  Indicate(self.cells[k][k], color=theme.ACCENT, scale_factor=1.5),
                  at=k_text, run_time=1.0)

    def beat_column(self):
        """A copy of the row stands up as the target column l beside the output neurons;
        each entry pairs with its neuron, row by row, and the one marks the label's neuron."""
        v = self.values
        k = v["hot_index"][0]
        texts = v["one_hot_texts"][0]
        self.col = {i: label(texts[i], theme.SMALL_SIZE, theme.TARGET, mono=True).move_to(
            [TARGET_X, self.row_y(i), 0]) for i in self.shown}
        self.col_dots = self.gap_dots([TARGET_X], [self.slot_y(g) for g in self.gaps()], True)
        col_group = VGroup(*self.col.values(), self.col_dots)
        self.col_brackets = brackets_around(col_group, len(self.rows) * self.row_h, buff=0.15,
                                            color=theme.TARGET)
        self.col_head = label("target l", theme.SMALL_SIZE, theme.TARGET)
        self.col_head.move_to([TARGET_X, self.row_y(0) + 0.62, 0])
        self.play(FadeOut(self.nth), FadeOut(self.trail), FadeOut(self.col_band),
                  self.col_idx[k].animate.set_color(theme.MUTED), until="row")
        # "That row stands up": the row's band turns upright beside the output neurons, and
        # its entries fly into the column, each to its own neuron's row
        height = len(self.rows) * self.row_h
        upright = self.band(TARGET_X, (self.row_y(self.shown[0]) + self.slot_y(
            len(self.rows) - 1)) / 2, 0.5, height, theme.TARGET)
        self.play(TransformFromCopy(self.box, upright),
                  LaggedStart(*[TransformFromCopy(self.cells[k][i], self.col[i], path_arc=-0.6)
                                for i in self.shown], lag_ratio=0.08), through="up")
        self.play(FadeIn(self.col_brackets), FadeIn(self.col_head, shift=DOWN * 0.1),
                  FadeIn(self.col_dots),
                  at="target", through="l,")
        # "a single one": the upright band closes in on the column's one
        self.hot_mark = SurroundingRectangle(self.col[k], color=theme.TARGET, buff=0.07)
        self.play(ReplacementTransform(upright, self.hot_mark),
                  Indicate(self.col[k], color=theme.ACCENT), at="single", through="one,")
        # "right beside the output neurons, one number per neuron, row by row": a band walks
        # down the rows, pairing each entry with its neuron; the label's neuron takes the one
        right = max(t.get_right()[0] for t in self.names.values()) + 0.1
        left = TARGET_X - 0.35
        pair = self.band((left + right) / 2, self.row_y(self.shown[0]), right - left,
                         self.row_h * 0.9, theme.ACCENT)
        last = self.shown[-1]

        def pairing(i):
            if i == k:
                looks = [self.neurons[i].animate.set_stroke(theme.TARGET, width=4),
                         self.names[i].animate.set_color(theme.TARGET)]
            else:
                looks = [Indicate(self.neurons[i], color=theme.ACCENT)]
            move = FadeIn(pair) if i == self.shown[0] else pair.animate.set_y(self.row_y(i))
            return [move, *looks] + ([FadeOut(pair)] if i == last else [])

        self.play_steps([lambda i=i: pairing(i) for i in self.shown], at="right",
                   through="by row.")

    @staticmethod
    def band(x, y, width, height, color):
        """A faint filled band with its outline (a backdrop: the entries are read through it)."""
        rect = Rectangle(width=width, height=height).set_stroke(color, 2.5)
        rect.set_fill(color, BAND_OPACITY).set_z_index(-1)
        return backdrop(rect.move_to([x, y, 0]))

    def beat_more(self):
        """Each next image replaces the last as "labelled" is said, and at that moment the last
        image's row, its one in the target column and its neuron step back, so the column
        never speaks of another image than the one shown; the label lights and flies to its
        row index, and as "row k" is said the row lights, the one moves to the label's place
        and the label's neuron lights (through "and the one moves there" the first time)."""
        v = self.values
        for e in range(1, len(v["labels"])):
            old, new = self.hot_row, v["hot_index"][e]
            k_text = v["hot_index_texts"][e]
            image = self.image_view(e)
            one, zero = self.col[old], self.col[new]
            self.play(FadeTransform(self.image, image), *self.rest_row(old),
                      self.box.animate.set_stroke(opacity=0).set_fill(opacity=0),
                      self.hot_mark.animate.set_stroke(opacity=0),
                      one.animate.set_color(theme.MUTED),
                      self.neurons[old].animate.set_stroke(theme.OUTPUT, width=2),
                      self.names[old].animate.set_color(theme.MUTED),
                      at="labelled", until=k_text)
            self.image = image
            flying = self.label_digits(e)
            self.play(Indicate(self.image[1][-1], color=theme.ACCENT),
                      flying.animate.move_to(self.row_idx[new]), until=f"row {k_text}")
            self.remove(flying)
            # "row k": the row, the one and the neuron of this image, together
            self.box.move_to([self.box.get_x(), self.row_y(new), 0])
            self.hot_mark.move_to([TARGET_X, self.row_y(new), 0])
            timing = {"through": "there;"} if e == 1 else {"run_time": 0.9}
            self.play(self.box.animate.set_stroke(opacity=1).set_fill(opacity=BAND_OPACITY),
                      *self.light_row(new),
                      one.animate.move_to(zero).set_color(theme.TARGET),
                      zero.animate.move_to(one),
                      self.hot_mark.animate.set_stroke(opacity=1),
                      self.neurons[new].animate.set_stroke(theme.TARGET, width=4),
                      self.names[new].animate.set_color(theme.TARGET),
                      at=f"row {k_text}", **timing)
            self.col[old], self.col[new] = zero, one
            self.hot_row = new

    def beat_code(self):
        """The examples line up as the ``labels`` column; np.eye(n) becomes the code line;
        indexing with the labels sends every label to its row at once."""
        v = self.values
        m = len(v["labels"])
        thumbs = VGroup(*[self.thumbnail(e) for e in range(m)]).arrange(DOWN, buff=theme.GAP)
        head = label("labels", theme.SMALL_SIZE, theme.MUTED, mono=True)
        column = VGroup(head, thumbs).arrange(DOWN, buff=theme.GAP)
        left = region("main").left
        column.move_to([IMAGE_POS[0], self.row_y(0) + 0.55 - column.height / 2, 0])
        if column.get_left()[0] < left:
            column.shift(RIGHT * (left - column.get_left()[0]))
        numbers = VGroup(*[t[1] for t in thumbs])
        code = code_listing(v["code"])
        code.move_to(self.eye_code)
        if code.get_left()[0] < left:
            code.shift(RIGHT * (left - code.get_left()[0]))
        # "In code it is one line": the examples so far line up, each with its label
        self.play(ReplacementTransform(self.image[0], thumbs[-1][0]), FadeOut(self.image[1]),
                  LaggedStart(*[FadeIn(t[0]) for t in thumbs[:-1]], lag_ratio=0.3),
                  LaggedStart(*[FadeIn(t, shift=LEFT * 0.1) for t in numbers], lag_ratio=0.3),
                  FadeIn(head), until="np.eye")
        # "np.eye of n": the matrix's name grows into the line of code
        self.play(ReplacementTransform(self.eye_code, code), through=v["n_classes_text"] + ",")
        # "indexed with the labels": the labels in the code and the column of labels
        line = code.code_lines[0]
        self.play(Circumscribe(line[-len("[labels]"):], color=theme.ACCENT),
                  Circumscribe(VGroup(head, numbers), color=theme.ACCENT),
                  at="indexed", through="labels,")
        # "picks every image's row at once": every label flies to its row together
        flying = [t.copy() for t in numbers]
        self.add(*flying)
        self.play(*[f.animate.move_to(self.row_idx[i]) for f, i in zip(flying, v["hot_index"])],
                  at="picks", until="row")
        self.remove(*flying)
        boxes = VGroup(*[self.row_box(i) for i in v["hot_index"] if i != self.hot_row])
        self.play(LaggedStart(*[FadeIn(b) for b in boxes], lag_ratio=0.3),
                  *[a for i in v["hot_index"] if i != self.hot_row for a in self.light_row(i)],
                  through="once")
        # "and stacks them, one row per image": each picked row flies to the right, level
        # with its image: the array np.eye(n)[labels] holds one one-hot row per image
        rows, head = self.stacked_rows(thumbs)
        self.play(*[FadeOut(m) for m in (*self.col.values(), self.col_brackets, self.col_head,
                                          self.col_dots, self.hot_mark,
                                          *self.neurons.values(), *self.names.values(),
                                          self.neuron_dots, self.out_head)],
                  FadeIn(head), until="stacks")
        self.play(LaggedStart(*[TransformFromCopy(VGroup(*self.cells[i].values()), row)
                                for i, row in zip(v["hot_index"], rows)], lag_ratio=0.35),
                  at="stacks", until="per")
        self.play(FadeIn(self.result_brackets), *[Indicate(VGroup(thumbs[e], rows[e]),
                                                            color=theme.TARGET, scale_factor=1.05)
                                                   for e in range(m)],
                  through="image.")
        self.still("one-hot")

    def stacked_rows(self, thumbs):
        """``np.eye(n)[labels]`` drawn at the right: row e (the identity's row at example e's
        label, from the values) level with example e's thumbnail, under its code as a head;
        the brackets are kept in ``self.result_brackets``."""
        v = self.values
        n = len(self.rows)
        area = region("side")
        # more than ten slots close up, so the rows keep the width of ten, clear of the identity
        dx = min(RESULT_DX * min(1.0, 9 / max(n - 1, 1)), (area.width - 0.6) / max(n - 1, 1))
        x0 = area.right - 0.3 - (n - 1) * dx
        rows = VGroup()
        for e, texts in enumerate(v["stacked_texts"]):
            y = thumbs[e].get_y()
            row = VGroup(*[label(texts[c], theme.SMALL_SIZE,
                                 theme.TARGET if texts[c] != "0" else theme.MUTED,
                                 mono=True).move_to([x0 + k * dx, y, 0])
                           if c is not None else
                           label(HDOTS, theme.SMALL_SIZE, theme.MUTED).move_to([x0 + k * dx, y, 0])
                           for k, c in enumerate(self.rows)])
            rows.add(row)
        height = rows.height + 0.3
        self.result_brackets = brackets_around(rows, height, buff=0.15, color=theme.TARGET)
        head = label(v["stacked_head"], theme.SMALL_SIZE, theme.MUTED, mono=True)
        head.next_to(self.result_brackets, UP, buff=theme.GAP_SMALL)
        if head.get_right()[0] > area.right:
            head.shift(LEFT * (head.get_right()[0] - area.right))
        return rows, head
