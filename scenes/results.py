"""Results: how good is the trained network, honestly?

A chart of two columns of bars, one row per epoch, laid out over the whole frame: the accuracy
on the images it trains on (counted while it learns, the figure the reference prints) grows
row by row as its sentence is said, while a tally under the column counts that epoch's right
guesses over its images (``nr_correct`` of ``n_train``, the code's own count) up to the
figure; then the held-out accuracy (images it never trained on, tested after each epoch),
with its own tally. The held-out column is named the honest answer: its last figure turns to
the accent colour and a frame is drawn round the column; the other steps back. The
reference's "over 93%" takes the tallies' place under the trained-on column (counted the same
way) with one line saying why it differs. Then the overview of held-out guesses: every
held-out image the trace holds pixels of, in held-out order, its guess under it, the mistakes
framed in red with their labels; last, one of those mistakes up close, its image carried out
of the grid beside its output bars, the label's shortfall drawn against the guess.
(The inference chapter works through single examples; this one is the overview.) The title
comes in with the first beat's picture.

Every beat's animations follow its sentence's words (``at`` / ``until`` / ``through``); a
spoken number is marked as it is said.
"""

import math

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Integer,
    LaggedStart,
    Rectangle,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    linear,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene, mark
from scenes.kit.layout import Region, region
from scenes.kit.network import PixelGrid
from scenes.kit.text import fade_out, fitted_label, label, verdict
from scenes.values.format import fmt, fmt_int, fmt_pct
from scenes.values.results import learned, why_caption

#: The chart: where each column's bars start (x), a 100% bar's length, the row labels' left
#: edge, the first row's height, the rows' largest spacing and the room they share (scene
#: units).
COL_X = (-4.3, 1.2)
BAR_FULL = 3.5
ROW_LABEL_X = region("safe").left
FIRST_ROW_Y = 1.2
ROW_GAP = 1.05
ROWS_ROOM = 4.5
#: The tallies under the columns sit this many rows below the first (between the last row
#: and the reference's, which takes their place).
TALLY_ROWS = 0.75
COUNT_SIZE = theme.TEX_SIZE[theme.BODY_SIZE]
#: Colours: the figure counted on training images is context (muted-neutral), the held-out
#: one plain text; the quoted reference is a faint bar with an outline.
TRAINED, HELD = theme.NEUTRAL, theme.TEXT
#: Opacity of what the narration has set aside.
DIMMED = 0.3
#: The grid of held-out images: image side, gaps between cells, and the widest a name may be.
GRID_SIDE = 1.0
GRID_GAP = 0.3
GRID_MIN_SIDE = 0.6
#: The mistake up close, over the whole frame: the image (side, centre x) on the left, as tall
#: as most of the bars' rows; the class names right after it (at most NAMES_ROOM wide), the
#: bars after them, as long as the room left of the frame's right edge (BARS_RIGHT) allows
#: once their values and tags fit, at most BARS_FULL for a whole output; the rows at the
#: image's height and centred on it (IMAGE_Y), at most BARS_GAP apart, spread over BARS_ROOM.
BIG_SIDE = 4.4
BIG_X = -4.1
NAMES_ROOM = 2.2
BARS_RIGHT = 6.3
BARS_FULL = 5.0
IMAGE_Y = -0.4
BARS_GAP = 0.6
BARS_ROOM = 6.0



def row_gap(n_rows):
    """Spacing of the chart's rows: :data:`ROW_GAP`, closer when many rows (and the
    reference's row and its reason under them) share :data:`ROWS_ROOM`."""
    return min(ROW_GAP, ROWS_ROOM / (n_rows + 1.5))


class Column(VGroup):
    """One column of the chart: a heading (a title and a small line under it) and, for each
    shown epoch, a faint track as long as 100%, its bar (accuracy x :data:`BAR_FULL`) on it
    and its figure right of the track."""

    def __init__(self, x, title, sub, accs, color, gap):
        super().__init__()
        self.gap = gap
        self.head = VGroup(label(title, theme.BODY_SIZE, color),
                           label(sub, theme.SMALL_SIZE, theme.MUTED)
                           ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.head.move_to([x, self.y(0) + 0.5, 0], aligned_edge=DOWN + LEFT)
        self.tracks, self.bars, self.values = VGroup(), VGroup(), VGroup()
        for k, acc in enumerate(accs):
            self.tracks.add(track(x, self.y(k), gap))
            bar = Rectangle(width=max(acc * BAR_FULL, 0.02), height=bar_height(gap))
            bar.set_fill(color, 0.9).set_stroke(width=0)
            bar.move_to([x, self.y(k), 0], aligned_edge=LEFT)
            value = label(fmt_pct(acc), theme.BODY_SIZE, theme.TEXT)
            value.move_to([x + BAR_FULL + 0.15, self.y(k), 0], aligned_edge=LEFT)
            self.bars.add(bar)
            self.values.add(value)
        self.add(self.head, self.tracks, self.bars, self.values)

    def y(self, k):
        return FIRST_ROW_Y - k * self.gap


def bar_height(gap):
    return min(0.6, 0.6 * gap)


def track(x, y, gap):
    """The faint 100% track a bar grows along."""
    t = Rectangle(width=BAR_FULL, height=bar_height(gap)).set_stroke(width=0)
    return t.set_fill(theme.GRID, 1.0).move_to([x, y, 0], aligned_edge=LEFT)


def grid_cell(item, names, side, width):
    """A held-out image with the guess under it and, for a mistake, a red frame and its
    label under the guess (both shown when the mistakes are marked)."""
    image = PixelGrid(item["img"], side_length=side, stroke=False)
    guess = fitted_label(names[item["guess"]], width, theme.SMALL_SIZE, theme.OUTPUT)
    guess.next_to(image, DOWN, buff=0.1)
    cell = VGroup(image, guess)
    cell.image, cell.guess = image, guess
    cell.truth = cell.frame = None
    if not item["correct"]:
        cell.truth = fitted_label(names[item["label"]], width, theme.SMALL_SIZE, theme.TARGET)
        cell.truth.next_to(guess, DOWN, buff=0.08)
        cell.frame = Rectangle(width=side + 0.12, height=side + 0.12)
        cell.frame.set_stroke(theme.BAD, 4).set_fill(opacity=0).move_to(image)
    return cell


def grid_shape(n, names, area):
    """``(rows, cols, image side, name width)`` of a grid of ``n`` cells in ``area``: the
    fewest rows whose cells are wide enough for every name (shrunk at most as
    :func:`fitted_label` allows), each cell holding an image and two lines of words; if none
    is, the most rows that still fit (long names are then shortened)."""
    line = label("Ag", theme.SMALL_SIZE).height + 0.08
    widest = max(label(name, theme.SMALL_SIZE).width for name in names) * 0.85
    best = None
    for rows in range(1, n + 1):
        cols = math.ceil(n / rows)
        width = area.width / cols - GRID_GAP
        tall = area.height / rows - 2 * line - 0.1 - GRID_GAP
        if tall < GRID_MIN_SIDE:
            break
        side = min(GRID_SIDE, tall, width)
        if side < GRID_MIN_SIDE:
            continue
        best = (rows, cols, side, width)
        if widest <= width:
            break
    return best or (rows, cols, GRID_MIN_SIDE, width)


def arrange_grid(cells, shape, area):
    """Put the cells in reading order on the grid ``shape``, centred in ``area``."""
    rows, cols, side, width = shape
    cell_w, cell_h = area.width / cols, area.height / rows
    for i, c in enumerate(cells):
        r, k = divmod(i, cols)
        at = area.point(0, 1) + [(k + 0.5) * cell_w, -r * cell_h - GRID_GAP / 2 - side / 2, 0]
        delta = at - c.image.get_center()
        for part in (c.image, c.guess, c.truth, c.frame):
            if part is not None:
                part.shift(delta)
    return cells


class Tally(VGroup):
    """Under a column: ``count of n right``, the count following :attr:`tracker` (right
    guesses so far), so each figure is seen to be a count of right guesses over the images.
    Laid out at its widest count, the count right-aligned."""

    def __init__(self, x, y, n):
        super().__init__()
        self.tracker = ValueTracker(0)
        self.count = Integer(n, group_with_commas=True, font_size=COUNT_SIZE, color=theme.TEXT)
        self.count.text_role = "body"
        words = label(f"of {fmt_int(n)} right", theme.BODY_SIZE, theme.MUTED)
        VGroup(self.count, words).arrange(RIGHT, buff=0.18, aligned_edge=DOWN).move_to(
            [x, y, 0], aligned_edge=LEFT)
        anchor = self.count.get_right()
        self.count.set_value(0).move_to(anchor, aligned_edge=RIGHT)
        self.count.add_updater(lambda m: m.set_value(round(self.tracker.get_value())).move_to(
            anchor, aligned_edge=RIGHT))
        self.add(self.count, words)


class Results(ChapterScene):
    slug = "results"

    def arrive(self, *mobs, at, also=()):
        """``mobs`` appear as ``at`` is said, then are marked (a mark played with the
        fade-in would end on the faded-in start)."""
        self.play(*[FadeIn(m) for m in mobs], at=at, run_time=theme.MIN_RUN)
        self.play(*[mark(m) for m in mobs], *also, run_time=theme.LIGHT)

    def chart_rows(self, accs):
        return [accs[e] for e in self.values["rows"]]

    def count_row(self, col, tally, k, count, **timing):
        """Row ``k``'s bar grows while the tally under its column counts that epoch's right
        guesses from 0 (the code's ``nr_correct = 0`` each epoch) to ``count``, in step."""
        tally.tracker.set_value(0)
        self.play(GrowFromEdge(col.bars[k], LEFT), tally.tracker.animate.set_value(count),
                  rate_func=linear, **timing)

    def fill_column(self, col, tally, counts, accs):
        """The column's rows after the first, each counted in turn, the last one until its
        figure is said, which is then marked; the last row marked while the sentence ends."""
        last = len(counts) - 1
        if last > 0:
            rest = self.seconds_to(fmt_pct(accs[-1]))
            for k in range(1, last):
                self.count_row(col, tally, k, counts[k], run_time=max(theme.MIN_RUN, rest / last))
                self.play(FadeIn(col.values[k]), run_time=theme.MIN_RUN)
            self.count_row(col, tally, last, counts[last], until=fmt_pct(accs[-1]))
            self.arrive(col.values[last], at=fmt_pct(accs[-1]))
        tally.count.clear_updaters()  # counted: it holds its last epoch's count from here on
        self.play(Indicate(VGroup(self.row_labels[last], col.bars[last], col.values[last]),
                           color=theme.ACCENT, scale_factor=1.06),
                  run_time=max(theme.LIGHT, self.seconds_left()))

    def beat_online(self):
        """The chart's rows and empty tracks come in with the title; the trained-on column's
        heading as the images are named; its bars grow row by row while the tally under it
        counts each epoch's right guesses, the first and last figures marked as said."""
        v = self.values
        shown = v["rows"]
        self.gap = row_gap(len(shown))
        self.trained = Column(COL_X[0], "images it trains on",
                              f"{fmt_int(v['n_train'])}, counted while it learns",
                              self.chart_rows(v["train_acc"]), TRAINED, self.gap)
        col = self.trained
        self.row_labels = VGroup(*[
            label(f"epoch {fmt_int(v['epochs'][e])}", theme.SMALL_SIZE, theme.MUTED)
            .move_to([ROW_LABEL_X, col.y(k), 0], aligned_edge=LEFT) for k, e in enumerate(shown)])
        self.tally_y = col.y(len(shown) + 0.4)  # the reference's row, later
        self.trained_tally = Tally(COL_X[0], self.tally_y, v["n_train"])
        n_said = fmt_int(v["n_train"])
        self.title_card(FadeIn(self.row_labels, shift=RIGHT * 0.2),
                        LaggedStart(*[FadeIn(t) for t in col.tracks], lag_ratio=0.3),
                        until=n_said)
        self.arrive(col.head[1], at=n_said)
        self.play(FadeIn(col.head[0], shift=DOWN * 0.2), until="counting")
        self.play(FadeIn(self.trained_tally, shift=UP * 0.2), at="counting",
                  run_time=theme.MIN_RUN)
        one = len(v["epochs"]) == 1
        first_said = fmt_pct(v["train_acc"][-1] if one else v["train_acc"][0])
        counts = [v["nr_correct"][e] for e in shown]
        self.count_row(col, self.trained_tally, 0, counts[0], until=first_said)
        self.arrive(col.values[0], at=first_said)
        self.fill_column(col, self.trained_tally, counts, self.chart_rows(v["train_acc"]))

    def beat_held_out(self):
        """The held-out column beside it: heading, then a bar per test after each epoch, each
        counted by the tally under it."""
        v = self.values
        self.held = Column(COL_X[1], "held-out images", f"{fmt_int(v['n_test'])}, never trained on",
                           self.chart_rows(v["test_acc"]), HELD, self.gap)
        self.held_tally = Tally(COL_X[1], self.tally_y, v["n_test"])
        col = self.held
        one = len(v["epochs"]) == 1
        self.play(FadeIn(col.head[0], shift=DOWN * 0.2), FadeIn(col.tracks),
                  until=fmt_int(v["n_test"]))
        self.arrive(col.head[1], at=fmt_int(v["n_test"]))
        self.play(FadeIn(self.held_tally, shift=UP * 0.2), run_time=theme.MIN_RUN)
        first_said = fmt_pct(v["test_acc"][-1] if one else v["test_acc"][0])
        counts = [v["test_right"][e] for e in v["rows"]]
        self.count_row(col, self.held_tally, 0, counts[0], at="tested", until=first_said)
        self.arrive(col.values[0], at=first_said)
        self.fill_column(col, self.held_tally, counts, self.chart_rows(v["test_acc"]))
        self.still("results")

    def beat_honest(self):
        """The held-out column is the answer: its last figure turns to the accent colour and a
        frame is drawn round the column; its last row and its heading are marked as "as it
        stands" and "never seen" are said; the trained-on column steps back as "the other"
        is said."""
        col, last = self.held, len(self.values["rows"]) - 1
        self.play(col.bars[last].animate.set_fill(theme.ACCENT, 0.9),
                  col.values[last].animate.set_color(theme.ACCENT), through="figure")
        self.answer = SurroundingRectangle(col, color=theme.ACCENT, buff=0.15, stroke_width=3)
        self.play(Create(self.answer), at="honest", through="answer:")
        self.play(Indicate(VGroup(self.row_labels[last], col.bars[last], col.values[last]),
                           color=theme.ACCENT, scale_factor=1.06), at="the network",
                  until="never")
        self.play(Indicate(col.head, color=theme.ACCENT, scale_factor=1.08), at="never",
                  until="the other")
        self.play(self.trained.animate.fade(1 - DIMMED),
                  self.trained_tally.animate.fade(1 - DIMMED),
                  at="the other", through="changing,")
        self.play(Indicate(self.trained.head, color=theme.MUTED, scale_factor=1.08),
                  at="images", run_time=max(theme.REVEAL, self.seconds_left()))

    def beat_reference(self):
        """The reference's figure joins the trained-on column (counted the same way) as an
        outlined bar in the tallies' place, the column comes back, and one line says why the
        figures differ; "ours" marks our bars."""
        v = self.values
        k = len(v["rows"]) + 0.4
        y = self.trained.y(k)
        ref_track = track(COL_X[0], y, self.gap)
        ref = Rectangle(width=v["reference_accuracy"] * BAR_FULL, height=bar_height(self.gap))
        ref.set_fill(theme.TEXT, opacity=0.25).set_stroke(theme.TEXT, 2)
        ref.move_to([COL_X[0], y, 0], aligned_edge=LEFT)
        ref_pct = fmt_pct(v["reference_accuracy"], 0)
        ref_value = label(f"over {ref_pct}, on {fmt_int(v['reference_n_train'])} MNIST images",
                          theme.SMALL_SIZE, theme.TEXT)
        ref_value.move_to([COL_X[0] + BAR_FULL + 0.15, y, 0], aligned_edge=LEFT)
        ref_label = label("reference", theme.SMALL_SIZE, theme.MUTED)
        ref_label.move_to([ROW_LABEL_X, y, 0], aligned_edge=LEFT)
        why = label(why_caption(v) if learned(v) else
                    "This run did not learn: its settings need changing.",
                    theme.BODY_SIZE, theme.TEXT)
        why.move_to([0, self.trained.y(k + 1.1), 0])
        region("full").fit(why)
        last = len(v["rows"]) - 1
        self.play(self.trained.animate.set_opacity(1), FadeIn(ref_label), FadeIn(ref_track),
                  FadeOut(VGroup(self.trained_tally, self.held_tally), shift=DOWN * 0.2),
                  until=ref_pct)
        self.play(GrowFromEdge(ref, LEFT), FadeIn(ref_value), at=ref_pct,
                  run_time=theme.REVEAL)
        self.play(mark(ref_value), run_time=theme.LIGHT)
        # the reason arrives over the rest of the sentence; each number marked as it is said
        targets = {fmt_int(v["reference_n_train"]): [mark(ref_value)],
                   fmt_int(v["n_train"]): [mark(self.trained.head[1])],
                   "ours": [Indicate(self.trained.bars, color=theme.ACCENT, scale_factor=1.05)]}
        for pct, column in ((fmt_pct(v["train_acc"][-1]), self.trained),
                            (fmt_pct(v["test_acc"][-1]), self.held)):
            targets.setdefault(pct, []).append(mark(column.values[last]))
        said = sorted((p for p in targets if self.clock.says(p)),
                      key=lambda p: self.clock.find(p, advance=False))
        spread = max(theme.MIN_RUN, self.seconds_to(said[0]) if said else
                     self.seconds_left() - 0.3)
        self.play(FadeIn(why, shift=UP * 0.2), run_time=spread)
        for phrase in said:
            self.play(*targets[phrase], at=phrase, run_time=theme.LIGHT)
        self.play(Indicate(why, color=theme.ACCENT, scale_factor=1.03),
                  run_time=max(theme.MIN_RUN, min(theme.REVEAL, self.seconds_left() - 0.2)))
        self.chart = VGroup(self.row_labels, self.trained, self.held, self.answer, ref,
                            ref_value, ref_label, ref_track, why)
        self.still("reference")

    def beat_grid(self):
        """The overview: the held-out images the trace holds, in held-out order, each with its
        guess; the first ones arrive, then the mistakes after them; the mistakes are framed in
        red and their labels appear."""
        v = self.values
        names = v["class_names"]
        area = region("full")
        caption = label(f"the first {fmt_int(v['n_first'])} held-out images, then every "
                        f"mistake among the first {fmt_int(v['span'])}",
                        theme.SMALL_SIZE, theme.MUTED)
        if v["span"] <= v["n_first"]:
            caption = label(f"the first {fmt_int(v['n_first'])} held-out images",
                            theme.SMALL_SIZE, theme.MUTED)
        count = VGroup(label(f"{fmt_int(v['span_wrong'])} mistakes", theme.BODY_SIZE, theme.BAD),
                       label(f"in {fmt_int(v['span'])}", theme.BODY_SIZE, theme.TEXT)
                       ).arrange(RIGHT, buff=0.2)
        caption.move_to([area.left, area.top - 0.2, 0], aligned_edge=LEFT)
        count.move_to([area.right, area.bottom + 0.2, 0], aligned_edge=RIGHT)
        key = VGroup(label("guess", theme.SMALL_SIZE, theme.OUTPUT),
                     label("label, where the guess is wrong", theme.SMALL_SIZE, theme.TARGET)
                     ).arrange(RIGHT, buff=0.6)
        key.move_to([area.left, area.bottom + 0.2, 0], aligned_edge=LEFT)
        grid_area = Region(area.left, area.bottom + 0.45, area.right, area.top - 0.45)
        shape = grid_shape(len(v["grid"]), [names[i["guess"]] for i in v["grid"]] +
                           [names[i["label"]] for i in v["grid"] if not i["correct"]], grid_area)
        cells = arrange_grid([grid_cell(item, names, shape[2], shape[3]) for item in v["grid"]],
                             shape, grid_area)
        first, later = cells[:v["n_first"]], cells[v["n_first"]:]
        wrong = [c for c in cells if c.frame is not None]

        self.play(*fade_out(self, self.chart), FadeIn(caption), until="under each")
        self.play(LaggedStart(*[FadeIn(c, shift=DOWN * 0.15) for c in first], lag_ratio=0.3),
                  FadeIn(key[0]), at="under each", until=fmt_int(v["n_first"]))
        self.play(mark(caption), at=fmt_int(v["n_first"]), run_time=theme.LIGHT)
        if later:
            self.play(LaggedStart(*[FadeIn(c, shift=DOWN * 0.15) for c in later],
                                  lag_ratio=0.3), until=fmt_int(v["span"]))
            self.play(mark(caption), at=fmt_int(v["span"]), run_time=theme.LIGHT)
        if wrong:
            self.play(LaggedStart(*[FadeIn(c.frame, scale=1.3) for c in wrong], lag_ratio=0.2),
                      *[c.guess.animate.set_color(theme.BAD) for c in wrong],
                      *[FadeIn(c.truth, shift=DOWN * 0.1) for c in wrong], FadeIn(key[1]),
                      at="marked", until=fmt_int(v["span_wrong"]))
        self.arrive(count[0], at=fmt_int(v["span_wrong"]))
        self.arrive(count[1], at=fmt_int(v["span"]))
        self.cells, self.grid_parts = cells, VGroup(caption, count, key)
        self.still("grid")

    def beat_mistake(self):
        """One mistake up close: its image leaves the grid and grows; its output bars grow
        beside it, the guess's and the label's marked as their values are said."""
        v = self.values
        m, names = v["mistake"], v["class_names"]
        cell = next(c for c, item in zip(self.cells, v["grid"]) if item["index"] == m["index"])
        classes = m["classes"]
        gap = min(BARS_GAP, BARS_ROOM / max(len(classes), 1))
        # the names in body text if every one fits as it is, else all small (and fitted); the
        # names right after the image, the bars right after the names, as long as fits
        name_size = (theme.BODY_SIZE if all(label(names[c], theme.BODY_SIZE).width <= NAMES_ROOM
                                            for c in classes) else theme.SMALL_SIZE)
        widest = max(fitted_label(names[c], NAMES_ROOM, name_size).width for c in classes)
        names_right = BIG_X + BIG_SIDE / 2 + theme.GAP_LARGE + widest
        bars_left = names_right + theme.GAP_SMALL
        # right of a bar: its value (at most 1.000 wide) and the guess's tag
        tags_w = (label(fmt(1.0, 3), theme.BODY_SIZE).width + 0.12 + 0.25 +
                  VGroup(label("guess", theme.SMALL_SIZE), verdict(False, theme.SMALL_SIZE)
                         ).arrange(RIGHT, buff=0.12).width)
        full = min(BARS_FULL, BARS_RIGHT - bars_left - tags_w)
        bars, texts, values = VGroup(), VGroup(), VGroup()
        for j, c in enumerate(classes):
            y = IMAGE_Y + ((len(classes) - 1) / 2 - j) * gap
            x = m["o"][c]
            color, opacity = ((theme.TARGET, 1.0) if c == m["label"] else
                              (theme.OUTPUT, 1.0) if c == m["guess"] else (theme.OUTPUT, 0.35))
            bar = Rectangle(width=max(x * full, 0.02), height=min(0.4, gap * 0.7))
            bar.set_fill(color, opacity).set_stroke(width=0)
            bar.move_to([bars_left, y, 0], aligned_edge=LEFT)
            name = fitted_label(names[c], NAMES_ROOM, name_size, theme.TEXT)
            name.move_to([names_right, y, 0], aligned_edge=RIGHT)
            value = label(fmt(x, 3), theme.BODY_SIZE,
                          color if c in (m["label"], m["guess"]) else theme.MUTED)
            value.next_to(bar, RIGHT, buff=0.12)
            bars.add(bar)
            texts.add(name)
            values.add(value)
        g, lab = classes.index(m["guess"]), classes.index(m["label"])
        tag_g = VGroup(label("guess", theme.SMALL_SIZE, theme.OUTPUT),
                       verdict(False, theme.SMALL_SIZE)).arrange(RIGHT, buff=0.12)
        tag_g.next_to(values[g], RIGHT, buff=0.25)
        tag_l = label("label", theme.SMALL_SIZE, theme.TARGET).next_to(values[lab], RIGHT,
                                                                      buff=0.25)
        target_y = IMAGE_Y
        others = [p for c in self.cells if c is not cell for p in (c, c.truth, c.frame)
                  if p is not None]
        own = [p for p in (cell.guess, cell.truth, cell.frame) if p is not None]
        # the mistake is pointed at in the grid first, then carried out of it
        self.play(Indicate(VGroup(cell.image, *own), color=theme.ACCENT, scale_factor=1.2),
                  until="up close")
        self.play(*fade_out(self, self.grid_parts, *others), *[FadeOut(p) for p in own],
                  cell.image.animate.scale(BIG_SIDE / cell.image.width)
                  .move_to([BIG_X, target_y, 0]), at="up close", until="this")
        self.play(FadeIn(texts), LaggedStart(*[GrowFromEdge(b, LEFT) for b in bars],
                                             lag_ratio=0.15),
                  at="this", until=fmt(m["o_guess"], 3))
        self.arrive(values[g], tag_g, at=fmt(m["o_guess"], 3), also=[mark(texts[g])])
        rest = [values[j] for j in range(len(classes)) if j not in (g, lab)]
        self.play(*[FadeIn(r) for r in rest], mark(texts[g]), at=names[m["guess"]],
                  until=fmt(m["o_label"], 3))
        self.arrive(values[lab], tag_l, at=fmt(m["o_label"], 3), also=[mark(texts[lab])])
        # the label's short bar marked while the sentence ends
        self.play(Indicate(VGroup(texts[lab], bars[lab], values[lab], tag_l), color=theme.ACCENT,
                           scale_factor=1.1),
                  run_time=max(theme.REVEAL, self.seconds_left()))
