"""Training loops: the forward pass, cost, slopes and step repeated image after image and epoch
after epoch; counters that count; reshaping; nr_correct counting and reset.

Every beat lays its animations along its sentence: the code's lines light as the narration
names them, the counters run while "climbs" and "ticks over" are said, and nr_correct follows
its recorded running count while each epoch's images go by."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    MathTex,
    MoveToTarget,
    Rectangle,
    ReplacementTransform,
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
from scenes.timing import PhraseNotFound
from scenes.values.format import fmt_int

#: The zone right of the code (its left and right x) and the strip below the code (its y).
RIGHT_X, RIGHT_EDGE = 3.45, 6.3
STRIP_Y = -2.45
#: The second strip of nr_correct rows (more than 3 epochs) sits this far below the first.
ROW_STEP = 0.6
#: The most height (scene units) the one-hot label's column may take (many classes close up).
LABEL_COLUMN_H = 5.6
#: Seconds an epoch's count takes to drop into its row, and nr_correct to reset: short, since
#: the epochs' counts are said one right after another.
WRITE_RUN, RESET_RUN = 0.45, 0.25


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

    def said(self, phrase):
        """Whether ``phrase`` is still to be said in this beat's sentence."""
        try:
            self.clock.find(phrase, advance=False)
        except PhraseNotFound:
            return False
        return True

    # --- beats --------------------------------------------------------------------------------

    def beat_epochs(self):
        """The training loop's code; its three body lines light as "forward pass", "cost" and
        "slopes and a step" are said (what repeats), then the outer loop and the epochs."""
        v = self.values
        self.title_card()
        self.code = code_listing(v["code"])
        self.code.align_to([-6.3, 0, 0], LEFT).align_to([0, 2.65, 0], UP)
        lines = v["code"].splitlines()
        self.line_of = {key: 1 + next(i for i, t in enumerate(lines) if key in t)
                        for key in ("epochs =", "for epoch", "for img", "img.shape", "l.shape",
                                    "# forward", "# cost", "# backprop", "nr_correct = 0")}
        ys = [ln.get_center()[1] for ln in self.code.code_lines]
        self.pitch = (ys[0] - ys[-1]) / (len(ys) - 1)
        self.band = self.highlight(self.line_of["# forward"])
        self.code.submobjects.insert(1, self.band)  # behind the text, above the panel
        self.band.set_opacity(0)
        self.play(FadeIn(self.code), until="forward")
        # what repeats: the body's lines, one after another, as the narration names them
        self.play(self.move_band(self.line_of["# forward"]), at="forward", until="cost,")
        self.play(self.move_band(self.line_of["# cost"]), at="cost,", until="slopes")
        self.play(self.move_band(self.line_of["# backprop"]), at="slopes", until="step.")
        self.play(Indicate(code_line(self.code, self.line_of["# backprop"]),
                           color=theme.ACCENT, scale_factor=1.05), at="step.", until="outer")
        self.epochs = VGroup(counter(v["epochs"], theme.HEADING_SIZE, theme.ACCENT),
                             label("epochs", theme.HEADING_SIZE, theme.ACCENT))
        self.epochs.arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        self.epochs.move_to([RIGHT_X, 2.3, 0], aligned_edge=LEFT)
        self.play(self.move_band(self.line_of["epochs ="], self.line_of["for epoch"]),
                  at="outer", until="epochs:")
        self.play(FadeIn(self.epochs[1], shift=RIGHT * 0.3), at="epochs:",
                  until=v["epochs_text"])
        self.play(FadeIn(self.epochs[0], scale=1.4), at=v["epochs_text"], until="whole")
        self.play(Indicate(code_line(self.code, self.line_of["for epoch"]), color=theme.ACCENT,
                           scale_factor=1.05), at="whole", through="set.")

    def beat_inner(self):
        """The inner loop marked; the product epochs x pairs = steps is written term by term
        as it is said."""
        v = self.values
        n = v["n_train_text"]
        three = VGroup(counter(v["epochs"]), label("epochs", theme.BODY_SIZE, theme.TEXT))
        pairs = VGroup(counter(v["n_train"]), label("pairs", theme.BODY_SIZE, theme.TEXT))
        updates = VGroup(counter(v["n_steps"], color=theme.ACCENT),
                         label("steps", theme.BODY_SIZE, theme.ACCENT))
        for g in (three, pairs, updates):
            g.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
        times, eq = label("×", theme.BODY_SIZE, theme.MUTED), label("=", theme.BODY_SIZE,
                                                                     theme.MUTED)
        row = VGroup(three, times, pairs, eq, updates).arrange(RIGHT, buff=0.3)
        row.move_to([0, STRIP_Y, 0])
        self.play(self.move_band(self.line_of["for img"]), until="one image")
        self.play(Indicate(code_line(self.code, self.line_of["for img"]), color=theme.ACCENT,
                           scale_factor=1.05), at="one image", until=n)
        self.play(FadeIn(pairs, scale=1.3), at=n, until=v["epochs_text"])
        self.play(TransformFromCopy(self.epochs, three), FadeIn(times), at=v["epochs_text"],
                  until=n)
        self.light(pairs[0], at=n)
        self.play(FadeIn(eq), until=v["n_steps_text"])
        self.play(FadeIn(updates, shift=RIGHT * 0.2), at=v["n_steps_text"], until="steps.")
        self.play(Indicate(updates, color=theme.ACCENT), at="steps.", run_time=theme.LIGHT)
        self.equation = row

    def beat_counter(self):
        """Epoch, image and step counters: the first image's forward pass, cost, slopes and
        step light in the code one after another (one count); then the counters race, the
        epoch ticks over on the outer loop's line, and a bar fills with the steps."""
        v = self.values
        n_train, n_steps = v["n_train"], v["n_steps"]
        u = ValueTracker(1)
        numbers = [counter(1), counter(n_steps, color=theme.ACCENT), counter(1)]
        rows = VGroup(*[VGroup(label(name, theme.BODY_SIZE, color), num) for name, color, num in
                        (("epoch", theme.TEXT, numbers[0]), ("image", theme.TEXT, numbers[2]),
                         ("step", theme.ACCENT, numbers[1]))])
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
        body = (self.line_of["for img"], self.line_of["# backprop"])
        self.play(FadeIn(rows, shift=LEFT * 0.2), FadeIn(track), until="forward")
        self.add(fill)
        # the first image: forward pass, cost, slopes and step, then the counters step on
        self.play(self.move_band(self.line_of["# forward"]), at="forward", until="cost,")
        self.play(self.move_band(self.line_of["# cost"]), at="cost,", until="slopes")
        self.play(self.move_band(self.line_of["# backprop"]), at="slopes", until="step;")
        self.play(u.animate.set_value(2), rate_func=linear, at="step;", until="climbs")
        # then image after image: the whole body repeats
        self.play(self.move_band(*body), u.animate.set_value(n_train), rate_func=linear,
                  at="climbs", until=v["n_train_text"])
        self.light(image, at=v["n_train_text"])
        self.play(self.move_band(self.line_of["for epoch"]), u.animate.set_value(n_train + 1),
                  Indicate(epoch, color=theme.ACCENT), at="epoch", through="over,")
        self.play(self.move_band(*body), u.animate.set_value(n_steps), rate_func=linear,
                  until=v["n_steps_text"])
        for m in (epoch, image, update):
            m.clear_updaters()
        self.remove(fill)
        fill = fill.copy().clear_updaters()
        self.add(fill)
        self.play(Indicate(update, color=theme.ACCENT), Indicate(self.equation[-1][0],
                                                                 color=theme.ACCENT),
                  at=v["n_steps_text"], run_time=theme.LIGHT)
        self.counters = VGroup(rows, track, fill)

    def beat_flat(self):
        """Inside the inner loop: the first image arrives, its flat row of values, and the
        row's entries at its first ink, copied from the image's pixels."""
        v = self.values
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
        self.play(self.move_band(self.line_of["for img"]),
                  FadeOut(VGroup(self.epochs, self.equation, self.counters)), until="image")
        self.play(FadeIn(grid, shift=DOWN * 0.2), at="image", until="flat")
        self.play(FadeIn(self.flat), at="flat", until=fmt_int(v["flat_shape"][0]))
        self.play(FadeIn(self.shape, scale=1.2), at=fmt_int(v["flat_shape"][0]),
                  until="here")
        self.play(Create(window), at="here", until="first")
        self.play(LaggedStart(*[TransformFromCopy(c, e) for c, e in zip(cells, self.entries)],
                              lag_ratio=0.2), FadeIn(self.idx), at="first", through="ink.")

    def beat_reshape(self):
        """The reshape line marked; the row of numbers stands up as a column as "stands it up"
        is said; the shape gains its second dimension; the matrix product it feeds."""
        v = self.values
        n = len(self.entries)
        x, top, gap = RIGHT_X + 0.9, 0.15, 0.42
        vd = [MathTex(r"\vdots", color=theme.MUTED, font_size=theme.BODY_SIZE) for _ in range(2)]
        vd[0].move_to([x, top, 0])
        for i, e in enumerate(self.entries):
            e.generate_target()
            e.target.move_to([x, top - (i + 1) * gap, 0])
        vd[1].move_to([x, top - (n + 1) * gap, 0])
        col = VGroup(*[e.target for e in self.entries], *vd)
        height = col.height + 0.2
        brackets = brackets_around(col, height, buff=0.15)
        new_shape = label(f"img {v['column_shape_text']}", theme.BODY_SIZE, theme.ACCENT,
                          mono=True)
        new_shape.next_to(col, DOWN, buff=0.35).set_x(x)
        product = label("for w_i_h @ img", theme.SMALL_SIZE, theme.MUTED, mono=True)
        product.next_to(new_shape, DOWN, buff=theme.GAP_SMALL)  # what the column is for
        self.play(self.move_band(self.line_of["img.shape"]), FadeOut(self.flat),
                  FadeOut(self.idx), until="stands")
        self.play(LaggedStart(*[MoveToTarget(e, path_arc=0.8) for e in self.entries],
                              lag_ratio=0.15), FadeIn(VGroup(*vd, brackets)), at="stands",
                  until="shape")
        self.play(Transform(self.shape, new_shape), at="shape",
                  through=v["column_shape_text"].split()[-1])
        self.play(FadeIn(product, shift=RIGHT * 0.2), at="matrix", through="needs.")
        self.img_col = VGroup(self.entries, *vd, brackets, product)

    def beat_label(self):
        """The label line marked; the one-hot row appears and stands up as a column."""
        v = self.values
        n_out = len(v["one_hot_texts"])
        long_column = (n_out - 1) * min(0.3, LABEL_COLUMN_H / max(n_out - 1, 1)) > 4.4
        # a long label column reaches down to the image column's shape: that column goes first
        gone = [FadeOut(VGroup(self.img_col, self.shape))] if long_column else []
        hot = int(v["one_hot"].argmax())
        ent = VGroup(*[label(t, theme.SMALL_SIZE, theme.TARGET if i == hot else theme.TEXT,
                             mono=True) for i, t in enumerate(v["one_hot_texts"])])
        shape = label(f"l {v['label_flat_text']}", theme.BODY_SIZE, theme.TEXT, mono=True)
        # many classes: the row's entries close up so the row stays in the frame
        room = 12.0 - shape.width - 0.5 - 0.5 - sum(e.width for e in ent)
        ent.arrange(RIGHT, buff=min(0.22, max(0.06, room / max(len(ent) - 1, 1))))
        br = brackets_around(ent, 0.5, buff=0.12)
        VGroup(shape, VGroup(ent, br)).arrange(RIGHT, buff=0.5).move_to([-2.0, STRIP_Y - 0.15, 0])
        self.play(self.move_band(self.line_of["l.shape"]), FadeOut(self.grid),
                  FadeOut(self.window), *gone, until="one-hot")
        self.play(FadeIn(ent, lag_ratio=0.1), FadeIn(br), FadeIn(shape), at="one-hot",
                  until="becomes")
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
                                           lag_ratio=0.08), at="becomes", until="shape")
        self.play(FadeIn(cbr), Transform(shape, new_shape), at="shape",
                  through=v["label_column_text"].split()[-1])
        self.label_col = VGroup(ent, cbr, shape)

    def beat_correct(self):
        """nr_correct counts up with the images of each epoch (its recorded running count,
        right-aligned before "of n" so the two never meet), is written down as the epoch's
        count is said, and the last line resets it to zero."""
        v = self.values
        n_train = v["n_train"]
        name = label("nr_correct", theme.BODY_SIZE, theme.GOOD, mono=True)
        name.move_to([RIGHT_X, 2.3, 0], aligned_edge=LEFT)
        of = label(f"of {v['n_train_text']}", theme.BODY_SIZE, theme.MUTED)
        of.move_to([RIGHT_EDGE, 1.65, 0], aligned_edge=RIGHT)
        value = counter(0, color=theme.GOOD)
        value.edge_to_fix = RIGHT
        anchor = of.get_left() + LEFT * theme.GAP
        value.move_to(anchor, aligned_edge=RIGHT).align_to(of, DOWN)
        img_name = label("image", theme.BODY_SIZE, theme.TEXT)
        img_name.move_to([RIGHT_X, 1.0, 0], aligned_edge=LEFT)
        img_count = counter(0)
        img_count.edge_to_fix = RIGHT
        img_count.move_to([RIGHT_EDGE, 1.0, 0], aligned_edge=RIGHT).align_to(img_name, DOWN)
        img_anchor = img_count.get_right()
        seen = ValueTracker(0)
        marks = {"epoch": v["correct_checkpoints"][0]}

        def running():
            s = seen.get_value()
            return max(c for k, c in marks["epoch"] if k <= s + 1e-6)

        value.add_updater(lambda m: m.set_value(running()).move_to(anchor, aligned_edge=RIGHT))
        img_count.add_updater(lambda m: m.set_value(round(seen.get_value())).move_to(
            img_anchor, aligned_edge=RIGHT))
        self.play(self.move_band(self.line_of["# cost"]),
                  FadeOut(VGroup(self.shape, self.img_col, self.label_col)),
                  FadeIn(VGroup(img_name, img_count), shift=LEFT * 0.2), until="nr_correct")
        self.play(FadeIn(name, shift=DOWN * 0.1), FadeIn(value), FadeIn(of),
                  at="nr_correct", until="right")
        rows = VGroup()
        shown = v["shown_epochs"]
        gap = next((k for k in range(1, len(shown)) if shown[k] != shown[k - 1] + 1), None)
        n_slots = len(shown) + (gap is not None)
        # up to 3 epochs in one strip (as the reference's 3); more in two strips of 4
        per_row = n_slots if n_slots <= 3 else 4
        slot = 12.4 / per_row

        def place(mob, k):
            row_y = STRIP_Y - ROW_STEP * (k // per_row)
            return mob.move_to([-6.2 + (k % per_row + 0.5) * slot, row_y, 0])

        for k, e in enumerate(shown):
            t = v["nr_correct_texts"][e]
            pos = k + (gap is not None and k >= gap)
            if gap is not None and k == gap:
                dots = place(label("...", theme.BODY_SIZE, theme.MUTED), gap)
                self.play(FadeIn(dots), run_time=theme.MIN_RUN)
                rows.add(dots)
            if k > 0:  # the last line resets the count; the next epoch starts
                self.play(self.move_band(self.line_of["nr_correct = 0"]),
                          seen.animate.set_value(0), run_time=RESET_RUN)
                marks["epoch"] = v["correct_checkpoints"][e]
            # the epoch's images go by; nr_correct follows its recorded running count
            timing = {"until": t} if self.said(t) else {"run_time": 1.2}
            self.play(self.move_band(self.line_of["# cost"]), seen.animate.set_value(n_train),
                      rate_func=linear, **timing)
            row = VGroup(label(f"epoch {v['epoch_texts'][e]}:", theme.BODY_SIZE, theme.TEXT),
                         label(t, theme.BODY_SIZE, theme.GOOD)).arrange(RIGHT, buff=0.2)
            place(row, pos)
            src = value.copy().clear_updaters()  # the count as it stands now flies down
            self.add(src)
            self.play(ReplacementTransform(src, row[1]), FadeIn(row[0]), Indicate(
                name, color=theme.ACCENT), at=t if self.said(t) else None, run_time=WRITE_RUN)
            rows.add(row)
        self.light(of, at=v["n_train_text"])
        value.clear_updaters()
        img_count.clear_updaters()
        self.play(self.move_band(self.line_of["nr_correct = 0"]), at="resets", until="zero.")
        self.play(ChangeDecimalToValue(value, 0), ChangeDecimalToValue(img_count, 0),
                  at="zero.", run_time=theme.LIGHT)
        self.still("loops")
