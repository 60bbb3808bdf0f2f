"""Chapter 5: epochs, the inner loop over image-label pairs, counters, reshaping, nr_correct."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    MathTex,
    MoveToTarget,
    Rectangle,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import brackets_around
from scenes.kit.text import backdrop, code_listing, label

#: The zone right of the code (its left and right x) and the strip below the code (its y).
RIGHT_X, RIGHT_EDGE = 3.45, 6.3
STRIP_Y = -2.45
#: The second strip of nr_correct rows (more than 3 epochs) sits this far below the first.
ROW_STEP = 0.6
#: The most height (scene units) the one-hot label's column may take (many classes close up).
LABEL_COLUMN_H = 5.6


def code_line(code, number):
    """The mobject of 1-based source line ``number`` of a kit code listing."""
    return code.code_lines[number - 1]


def counter(value, size=theme.BODY_SIZE, color=theme.TEXT):
    """An integer in the theme's font size for LaTeX numbers, commas between thousands."""
    n = Integer(value, group_with_commas=True, font_size=size * 1.36, color=color)
    n.text_role = "body" if size >= theme.BODY_SIZE else "small"
    return n


class TrainingLoops(ChapterScene):
    slug = "training_loops"

    # --- the code and its highlight -----------------------------------------------------------

    def highlight(self, *numbers):
        """A band behind source lines ``numbers`` (1-based), the listing's full width.

        It fills exactly the lines' pitch, so it never cuts a neighbouring line.
        """
        lines = [code_line(self.code, n) for n in numbers]
        pitch = self.pitch
        top = max(ln.get_center()[1] for ln in lines) + pitch / 2
        bottom = min(ln.get_center()[1] for ln in lines) - pitch / 2
        panel = self.code.background
        band = Rectangle(width=panel.width - 0.1, height=top - bottom)
        band.set_fill(theme.ACCENT, 0.22).set_stroke(theme.ACCENT, 0)
        return backdrop(band.move_to([panel.get_x(), (top + bottom) / 2, 0]))

    def move_band(self, *numbers, **kwargs):
        return Transform(self.band, self.highlight(*numbers), **kwargs)

    # --- beats --------------------------------------------------------------------------------

    def beat_epochs(self):
        """The training loop's code, the outer loop marked, and the number of epochs."""
        v = self.values
        self.title_card()
        self.code = code_listing(v["code"])
        self.code.align_to([-6.3, 0, 0], LEFT).align_to([0, 2.65, 0], UP)
        lines = v["code"].splitlines()
        self.line_of = {key: 1 + next(i for i, t in enumerate(lines) if key in t)
                        for key in ("epochs =", "for epoch", "for img", "img.shape", "l.shape",
                                    "# cost", "nr_correct = 0")}
        ys = [ln.get_center()[1] for ln in self.code.code_lines]
        self.pitch = (ys[0] - ys[-1]) / (len(ys) - 1)
        self.play(FadeIn(self.code), run_time=theme.REVEAL)
        self.band = self.highlight(self.line_of["epochs ="], self.line_of["for epoch"])
        self.code.submobjects.insert(1, self.band)  # behind the text, above the panel
        self.band.set_opacity(0)
        self.epochs = VGroup(counter(v["epochs"], theme.HEADING_SIZE, theme.ACCENT),
                             label("epochs", theme.HEADING_SIZE, theme.ACCENT))
        self.epochs.arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        self.epochs.move_to([RIGHT_X, 2.3, 0], aligned_edge=LEFT)
        band = self.highlight(self.line_of["epochs ="], self.line_of["for epoch"])
        self.play(Transform(self.band, band), run_time=0.6)
        self.play(FadeIn(self.epochs, shift=RIGHT * 0.3), run_time=theme.REVEAL)

    def beat_inner(self):
        """The inner loop marked: epochs times pairs per epoch gives the number of updates."""
        v = self.values
        self.play(self.move_band(self.line_of["for img"]), run_time=0.6)
        three = VGroup(counter(v["epochs"]), label("epochs", theme.BODY_SIZE, theme.TEXT))
        pairs = VGroup(counter(v["n_train"]), label("pairs", theme.BODY_SIZE, theme.TEXT))
        updates = VGroup(counter(v["n_steps"], color=theme.ACCENT),
                         label("updates", theme.BODY_SIZE, theme.ACCENT))
        for g in (three, pairs, updates):
            g.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        times, eq = label("×", theme.BODY_SIZE, theme.MUTED), label("=", theme.BODY_SIZE,
                                                                     theme.MUTED)
        row = VGroup(three, times, pairs, eq, updates).arrange(RIGHT, buff=0.3)
        row.move_to([0, STRIP_Y, 0])
        self.play(TransformFromCopy(self.epochs, three), FadeIn(times), FadeIn(pairs),
                  run_time=theme.REVEAL)
        self.play(FadeIn(eq), FadeIn(updates, shift=RIGHT * 0.2), run_time=theme.REVEAL)
        self.play(Indicate(updates, color=theme.ACCENT), run_time=0.6)
        self.equation = row

    def beat_counter(self):
        """Epoch, image and update counters climbing as numbers; a bar fills with the updates."""
        v = self.values
        n_train, n_steps = v["n_train"], v["n_steps"]
        u = ValueTracker(1)
        numbers = [counter(1), counter(n_steps, color=theme.ACCENT), counter(1)]
        rows = VGroup(*[VGroup(label(name, theme.BODY_SIZE, color), num) for name, color, num in
                        (("epoch", theme.TEXT, numbers[0]), ("image", theme.TEXT, numbers[2]),
                         ("update", theme.ACCENT, numbers[1]))])
        epoch, image, update = (row[1] for row in rows)
        for i, row in enumerate(rows):
            row[0].move_to([RIGHT_X, 1.45 - i * 0.62, 0], aligned_edge=LEFT)
            row[1].move_to([RIGHT_EDGE, row[0].get_y(), 0], aligned_edge=RIGHT)
            row[1].align_to(row[0], DOWN)
        anchors = [row[1].get_right() for row in rows]
        update.set_value(1)
        update.move_to(anchors[2], aligned_edge=RIGHT)
        bar_w = RIGHT_EDGE - RIGHT_X
        track = Rectangle(width=bar_w, height=0.22).set_stroke(theme.MUTED, 1.5)
        track.move_to([(RIGHT_X + RIGHT_EDGE) / 2, 1.45 - 3 * 0.62, 0])

        def step():
            return round(u.get_value())

        epoch.add_updater(lambda m: m.set_value((step() - 1) // n_train + 1).move_to(
            anchors[0], aligned_edge=RIGHT))
        image.add_updater(lambda m: m.set_value((step() - 1) % n_train + 1).move_to(
            anchors[1], aligned_edge=RIGHT))
        update.add_updater(lambda m: m.set_value(step()).move_to(anchors[2], aligned_edge=RIGHT))
        fill = always_redraw(lambda: Rectangle(
            width=max(bar_w * u.get_value() / n_steps, 0.01), height=0.22).set_fill(
            theme.ACCENT, 1.0).set_stroke(width=0).align_to(track, LEFT).set_y(track.get_y()))
        self.play(FadeIn(rows), FadeIn(track), run_time=0.6)
        self.add(fill)
        self.play(u.animate.set_value(n_steps), run_time=5.0, rate_func=linear)
        for m in (epoch, image, update):
            m.clear_updaters()
        self.remove(fill)
        fill = fill.copy().clear_updaters()
        self.add(fill)
        self.play(Indicate(update, color=theme.ACCENT), Indicate(self.equation[-1][0],
                                                                 color=theme.ACCENT),
                  run_time=0.6)
        self.counters = VGroup(rows, track, fill)

    def beat_flat(self):
        """The reshape line marked; the first image, and the flat vector at its first ink."""
        v = self.values
        self.play(self.move_band(self.line_of["img.shape"]),
                  FadeOut(VGroup(self.epochs, self.equation, self.counters)), run_time=0.7)
        grid = PixelGrid(v["example_img"], side_length=1.9, stroke=False)
        grid.move_to([(RIGHT_X + RIGHT_EDGE) / 2, 1.5, 0])
        cells = VGroup(*[grid.cell(j).copy() for j in v["preview_index"]])
        window = Rectangle(width=cells.width + 0.05, height=cells.height + 0.05)
        window.set_stroke(theme.ACCENT, 2.5).move_to(cells)
        self.entries = VGroup(*[label(t, theme.SMALL_SIZE, theme.NEUTRAL, mono=True)
                                for t in v["preview_texts"]]).arrange(RIGHT, buff=0.35)
        dots = [MathTex(r"\cdots", color=theme.MUTED, font_size=theme.BODY_SIZE)
                for _ in range(2)]
        self.shape = label(f"img {v['flat_shape_text']}", theme.BODY_SIZE, theme.TEXT, mono=True)
        row = VGroup(dots[0], self.entries, dots[1]).arrange(RIGHT, buff=0.3)
        brackets = brackets_around(row, 0.5, buff=0.12)
        VGroup(self.shape, VGroup(row, brackets)).arrange(RIGHT, buff=0.5).move_to(
            [-1.0, STRIP_Y - 0.15, 0])
        self.flat = VGroup(dots[0], dots[1], brackets)
        self.idx = VGroup(*[label(t, theme.TINY_SIZE, theme.MUTED).next_to(e, UP, buff=0.2)
                            for t, e in zip(v["preview_index_texts"], self.entries)])
        self.grid, self.window = grid, window
        self.play(FadeIn(grid), FadeIn(self.shape), FadeIn(self.flat), run_time=0.8)
        self.play(FadeIn(window), run_time=0.4)
        self.play(LaggedStart(*[TransformFromCopy(c, e) for c, e in zip(cells, self.entries)],
                              lag_ratio=0.2), FadeIn(self.idx), run_time=1.4)

    def beat_reshape(self):
        """The row of numbers stands up as a column; the shape gains its second dimension."""
        v = self.values
        n = len(self.entries)
        x, top, gap = RIGHT_X + 0.9, 0.15, 0.42
        self.play(FadeOut(self.flat), FadeOut(self.idx), run_time=0.4)
        vd = [MathTex(r"\vdots", color=theme.MUTED, font_size=theme.BODY_SIZE) for _ in range(2)]
        vd[0].move_to([x, top, 0])
        for i, e in enumerate(self.entries):
            e.generate_target()
            e.target.move_to([x, top - (i + 1) * gap, 0])
        vd[1].move_to([x, top - (n + 1) * gap, 0])
        col = VGroup(*[e.target for e in self.entries], *vd)
        height = col.height + 0.2
        brackets = brackets_around(col, height, buff=0.15)
        self.play(LaggedStart(*[MoveToTarget(e, path_arc=0.8) for e in self.entries],
                              lag_ratio=0.15), run_time=1.4)
        new_shape = label(f"img {v['column_shape_text']}", theme.BODY_SIZE, theme.ACCENT,
                          mono=True)
        new_shape.next_to(col, DOWN, buff=0.35).set_x(x)
        self.play(FadeIn(VGroup(*vd, brackets)), Transform(self.shape, new_shape), run_time=0.8)
        self.img_col = VGroup(self.entries, *vd, brackets)

    def beat_label(self):
        """The label line marked; the one-hot row stands up as a column."""
        v = self.values
        n_out = len(v["one_hot_texts"])
        long_column = (n_out - 1) * min(0.3, LABEL_COLUMN_H / max(n_out - 1, 1)) > 4.4
        # a long label column reaches down to the image column's shape: that column goes first
        gone = [FadeOut(VGroup(self.img_col, self.shape))] if long_column else []
        self.play(self.move_band(self.line_of["l.shape"]), FadeOut(self.grid),
                  FadeOut(self.window), *gone, run_time=0.5)
        hot = int(v["one_hot"].argmax())
        ent = VGroup(*[label(t, theme.SMALL_SIZE, theme.TARGET if i == hot else theme.TEXT,
                             mono=True) for i, t in enumerate(v["one_hot_texts"])])
        shape = label(f"l {v['label_flat_text']}", theme.BODY_SIZE, theme.TEXT, mono=True)
        # many classes: the row's entries close up so the row stays in the frame
        room = 12.0 - shape.width - 0.5 - 0.5 - sum(e.width for e in ent)
        ent.arrange(RIGHT, buff=min(0.22, max(0.06, room / max(len(ent) - 1, 1))))
        br = brackets_around(ent, 0.5, buff=0.12)
        VGroup(shape, VGroup(ent, br)).arrange(RIGHT, buff=0.5).move_to([-2.0, STRIP_Y - 0.15, 0])
        self.play(FadeIn(ent), FadeIn(br), FadeIn(shape), run_time=0.8)
        x, top, gap = RIGHT_EDGE - 0.35, 2.35, min(0.3, LABEL_COLUMN_H / max(len(ent) - 1, 1))
        for i, e in enumerate(ent):
            e.generate_target()
            e.target.move_to([x, top - i * gap, 0])
        col = VGroup(*[e.target for e in ent])
        height = col.height + 0.25
        cbr = brackets_around(col, height, buff=0.15)
        new_shape = label(f"l {v['label_column_text']}", theme.BODY_SIZE, theme.TARGET, mono=True)
        new_shape.next_to(cbr, LEFT, buff=0.3).align_to(col, UP)
        self.play(FadeOut(br), LaggedStart(*[MoveToTarget(e, path_arc=0.8) for e in ent],
                                           lag_ratio=0.08), run_time=1.4)
        self.play(FadeIn(cbr), Transform(shape, new_shape), run_time=0.7)
        self.label_col = VGroup(ent, cbr, shape)

    def beat_correct(self):
        """nr_correct counted up per epoch as a number, written down, and reset to zero."""
        v = self.values
        self.play(self.move_band(self.line_of["# cost"]),
                  FadeOut(VGroup(self.shape, self.img_col, self.label_col)), run_time=0.6)
        name = label("nr_correct", theme.BODY_SIZE, theme.GOOD, mono=True)
        name.move_to([RIGHT_X, 2.3, 0], aligned_edge=LEFT)
        value = counter(0, color=theme.GOOD)
        of = label(f"of {v['n_train_text']}", theme.BODY_SIZE, theme.MUTED)
        of.move_to([RIGHT_EDGE, 1.65, 0], aligned_edge=RIGHT)
        value.next_to(of, LEFT, buff=0.25).align_to(of, DOWN)
        anchor = value.get_right()
        self.play(FadeIn(name), FadeIn(value), FadeIn(of), run_time=0.5)
        rows = VGroup()
        shown = v["shown_epochs"]
        gap = next((k for k in range(1, len(shown)) if shown[k] != shown[k - 1] + 1), None)
        n_slots = len(shown) + (gap is not None)
        # up to 3 epochs in one strip (as the reference's 3); more in two strips of 4
        per_row = n_slots if n_slots <= 3 else 4
        slot = 12.4 / per_row
        last = len(v["nr_correct"]) - 1

        def place(mob, k):
            row_y = STRIP_Y - ROW_STEP * (k // per_row)
            return mob.move_to([-6.2 + (k % per_row + 0.5) * slot, row_y, 0])

        for k, e in enumerate(shown):
            c, t = v["nr_correct"][e], v["nr_correct_texts"][e]
            pos = k + (gap is not None and k >= gap)
            if gap is not None and k == gap:
                dots = place(label("...", theme.BODY_SIZE, theme.MUTED), gap)
                self.play(FadeIn(dots), run_time=0.3)
                rows.add(dots)
            self.play(ChangeDecimalToValue(value, c), run_time=0.9)
            value.move_to(anchor, aligned_edge=RIGHT)
            row = VGroup(label(f"epoch {v['epoch_texts'][e]}:", theme.BODY_SIZE, theme.TEXT),
                         label(t, theme.BODY_SIZE, theme.GOOD)).arrange(RIGHT, buff=0.2)
            place(row, pos)
            self.play(TransformFromCopy(value, row[1]), FadeIn(row[0]), run_time=0.6)
            rows.add(row)
            self.play(self.move_band(self.line_of["nr_correct = 0"]),
                      ChangeDecimalToValue(value, 0), run_time=0.5)
            value.move_to(anchor, aligned_edge=RIGHT)
            if e < last:
                self.play(self.move_band(self.line_of["# cost"]), run_time=0.3)
        self.play(Indicate(name, color=theme.ACCENT), run_time=0.8)
        self.still("loops")
