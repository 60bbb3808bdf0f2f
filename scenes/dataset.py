"""The dataset chapter: the data set and the part our network trains on; an image as 28 x 28
pixels, pixel scaling on a stroke's edge, the grid unrolled into 784 values, rows stacked into
one array.

Every beat lays its animations along its sentence: the example images arrive under the title,
each bar grows as its count is said, the grid's sides are measured as "28 by 28" is said, each
scaled pixel value drops from its raw value as it is said, a band reads the grid row by row,
then the rows unroll one after another over the clause that names it (seconds, not a flash)."""

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Brace,
    Circumscribe,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    MoveToTarget,
    Rectangle,
    ReplacementTransform,
    Square,
    TransformFromCopy,
    VGroup,
    linear,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid, gray
from scenes.kit.text import attach, fitted_label, label

#: The unrolled row: its left end, width and height (scene units).
STRIP_X0, STRIP_W, STRIP_H = -5.3, 11.0, 0.42
#: Side of the large example image.
BIG = 4.0
#: The most classes the per-class bars list in one column; more go in two columns that share
#: ROWS_HEIGHT (scene units) of height.
MAX_ROWS = 10
ROWS_HEIGHT = 5.2


def image_rows(pixels, side_length, scale):
    """A real image as one group per pixel row (a black bar and the row's lit squares).

    The same picture as :class:`PixelGrid` without grid lines, so its rows can move apart.
    """
    p = np.asarray(pixels, dtype=float).reshape(-1)
    n = math.isqrt(p.size)
    p = p.reshape(n, n) / float(scale)
    cell = side_length / n
    rows = VGroup()
    for r in range(n):
        y = ((n - 1) / 2 - r) * cell
        bar = Rectangle(width=side_length, height=cell).set_stroke(width=0)
        bar.set_fill(gray(0.0), 1.0).move_to([0, y, 0])
        row = VGroup(bar)
        for c in np.flatnonzero(p[r]):
            sq = Square(side_length=cell).set_stroke(width=0).set_fill(gray(p[r, c]), 1.0)
            sq.move_to([(c - (n - 1) / 2) * cell, y, 0])
            row.add(sq)
        rows.add(row)
    return rows


def strip(pixels, y, scale):
    """An image unrolled: its rows end to end in one long bar at height ``y``."""
    rows = image_rows(pixels, 1.0, scale)
    seg = STRIP_W / len(rows)
    for k, row in enumerate(rows):
        row.stretch_to_fit_width(seg).stretch_to_fit_height(STRIP_H)
        row.move_to([STRIP_X0 + (k + 0.5) * seg, y, 0])
    return rows


class Dataset(ChapterScene):
    slug = "dataset"

    def beat_images(self):
        """Real images with their labels; the data set's official training and test counts,
        each bar drawn as its count is said, the labels lit as "labelled" is said."""
        v = self.values
        cards = VGroup()
        for img, name in zip(v["images"], v["label_texts"]):
            grid = PixelGrid(img, side_length=1.3, stroke=False)
            t = fitted_label(name, 1.45, color=theme.TARGET)
            cards.add(VGroup(grid, t.next_to(grid, DOWN, buff=0.12)))
        cards.arrange(RIGHT, buff=0.2).move_to([0, 1.55, 0])
        if cards.width > 12.4:
            cards.scale_to_fit_width(12.4)
        total = v["official_train"] + v["official_test"]
        w_train = STRIP_W * v["official_train"] / total
        w_test = STRIP_W - w_train
        train = Rectangle(width=w_train - 0.05, height=0.8).set_stroke(theme.NEUTRAL, 2)
        train.set_fill(theme.NEUTRAL, 0.25)
        test = Rectangle(width=w_test - 0.05, height=0.8).set_stroke(theme.NEUTRAL, 2)
        test.set_fill(theme.NEUTRAL, 0.25)
        train.move_to([STRIP_X0 + w_train / 2, -1.2, 0])
        test.move_to([STRIP_X0 + w_train + w_test / 2, -1.2, 0])
        train_t = label(f"{v['official_train_text']} training images", theme.BODY_SIZE,
                        theme.TEXT).next_to(train, UP, buff=0.15)
        test_t = label(f"{v['official_test_text']} test", theme.BODY_SIZE, theme.TEXT)
        test_t.next_to(test, UP, buff=0.15).align_to(test, RIGHT)
        what = label(f"{v['title']}: {v['what']}, {v['labelled']}", theme.BODY_SIZE,
                     theme.TEXT).move_to([0, 0.2, 0])
        if what.width > 12.4:
            what.scale_to_fit_width(12.4)
        # "learns from <title>": the images arrive one after another under the title, the
        # name with them
        self.title_card(LaggedStart(*[FadeIn(c, shift=UP * 0.2) for c in cards],
                                    lag_ratio=0.12),
                        FadeIn(what), until=v["official_train_text"])
        # each bar grows as its count is said
        self.play(Create(train), FadeIn(train_t, shift=UP * 0.1), train_t.animate.set_color(
            theme.ACCENT), at=v["official_train_text"], until=v["official_test_text"])
        self.play(Create(test), FadeIn(test_t, shift=UP * 0.1), train_t.animate.set_color(
            theme.TEXT), test_t.animate.set_color(theme.ACCENT), at=v["official_test_text"],
                  until=v["what"].split()[-1])
        # "<what>, labelled ...": the images, then their labels one after another
        self.play(LaggedStart(*[Indicate(c[0], color=theme.ACCENT, scale_factor=1.06)
                                for c in cards], lag_ratio=0.15),
                  test_t.animate.set_color(theme.TEXT), through=v["what"].split()[-1] + ",")
        self.play(LaggedStart(*[Indicate(c[1], color=theme.TARGET) for c in cards],
                              lag_ratio=0.15), through=v["labelled"].split()[-1] + ".")
        self.cards, self.what = cards, what
        self.train, self.test, self.train_t, self.test_t = train, test, train_t, test_t

    def beat_subset(self):
        """Which images our network trains on: the official split, or a part of the official
        test images (the training bar steps back as "a smaller part" is said; the test bar
        splits into the part trained on and the part kept apart for testing)."""
        v = self.values
        y = self.test.get_y()
        if v["subset"]:
            gone = DashedVMobject(self.train.copy().set_fill(opacity=0).set_stroke(
                theme.MUTED, 2), num_dashes=60)
            self.play(FadeOut(self.train), FadeIn(gone), self.train_t.animate.set_color(
                theme.MUTED), Indicate(self.test, color=theme.ACCENT, scale_factor=1.05),
                      until="smaller")
            # the test images split into the part trained on and the part kept apart
            share = v["n_train"] / (v["n_train"] + v["n_test"])
            x1 = self.test.get_right()[0]
            x0 = x1 - 6.4
            part_a = Rectangle(width=6.4 * share - 0.05, height=0.8).set_stroke(theme.ACCENT, 3)
            part_a.set_fill(theme.NEUTRAL, 0.35).move_to([x0 + 3.2 * share, y - 1.4, 0])
            part_b = Rectangle(width=6.4 * (1 - share) - 0.05, height=0.8).set_stroke(
                theme.MUTED, 2)
            part_b.set_fill(theme.NEUTRAL, 0.15).move_to([x1 - 3.2 * (1 - share), y - 1.4, 0])
            a_t = attach(label(f"train on {v['n_train_text']}", theme.BODY_SIZE, theme.ACCENT),
                         part_a).move_to(part_a)
            b_t = label(f"{v['n_test_text']} kept apart", theme.SMALL_SIZE, theme.MUTED)
            b_t.next_to(part_b, DOWN, buff=0.12).align_to(part_b, RIGHT)
            source = VGroup(label(f"{v['n_train_text']} {v['what']}", theme.SMALL_SIZE,
                                  theme.MUTED),
                            label(f"from {v['title']}", theme.SMALL_SIZE, theme.MUTED))
            source.arrange(DOWN, aligned_edge=RIGHT, buff=theme.GAP_SMALL)
            source.next_to(part_a, LEFT, buff=theme.GAP_LARGE)
            guide = VGroup(Line(self.test.get_corner(DOWN + LEFT), part_a.get_corner(UL)),
                           Line(self.test.get_corner(DOWN + RIGHT), part_b.get_corner(UR)))
            guide.set_stroke(theme.MUTED, 1.5)
            # "a smaller part": the test bar's copy drops and splits
            self.play(Create(guide), TransformFromCopy(self.test, VGroup(part_a, part_b)),
                      at="smaller", until=v["n_train_text"])
            self.play(FadeIn(a_t, scale=1.2), Indicate(part_a, color=theme.ACCENT),
                      at=v["n_train_text"], until=v["official_test_text"])
            self.light(self.test_t, at=v["official_test_text"])
            self.play(FadeIn(source, shift=RIGHT * 0.2), until=v["n_test_text"])
            # "the other 2,000 it never sees while learning, so they still test it fairly"
            self.play(FadeIn(b_t, shift=DOWN * 0.1), part_b.animate.set_stroke(theme.ACCENT, 3),
                      at=v["n_test_text"], until="so they")
            self.play(part_b.animate.set_stroke(theme.MUTED, 2), b_t.animate.set_color(
                theme.ACCENT), at="so they", through="fairly.")
            self.subset_parts = VGroup(gone, guide, part_a, part_b, a_t, b_t, source)
        else:
            used = label(f"train on all {v['n_train_text']}", theme.BODY_SIZE, theme.ACCENT)
            used.move_to(self.train)
            held = label(f"{v['n_test_text']} kept apart", theme.SMALL_SIZE, theme.MUTED)
            held.next_to(self.test, DOWN, buff=0.15).align_to(self.test, RIGHT)
            attach(used, self.train)
            self.play(Indicate(self.train, color=theme.ACCENT, scale_factor=1.03),
                      Indicate(self.test, color=theme.ACCENT, scale_factor=1.05),
                      until=v["n_train_text"])
            self.play(self.train.animate.set_stroke(theme.ACCENT, 3), FadeIn(used),
                      at=v["n_train_text"], until=v["n_test_text"])
            self.play(FadeIn(held, shift=DOWN * 0.1), self.test.animate.set_stroke(
                theme.ACCENT, 3), at=v["n_test_text"], until="testing.")
            self.play(self.test.animate.set_stroke(theme.MUTED, 2),
                      held.animate.set_color(theme.ACCENT), through="testing.")
            self.subset_parts = VGroup(used, held)

    def beat_grid(self):
        """The example image grows into a large grid; its sides are measured as "28 by 28" is
        said, and the count appears with "784"."""
        v = self.values
        s = v["side_text"]
        big = PixelGrid(v["example_img"], side_length=BIG).move_to([-3.6, -0.8, 0])
        card = self.cards[v["example"]] if v["example"] < len(self.cards) else None
        top = Brace(big, UP, color=theme.MUTED, buff=0.1)
        right = Brace(big, RIGHT, color=theme.MUTED, buff=0.1)
        top_t = label(s, theme.BODY_SIZE, theme.TEXT).next_to(top, UP, buff=0.1)
        right_t = label(s, theme.BODY_SIZE, theme.TEXT).next_to(right, RIGHT, buff=0.1)
        eq = label(f"{s} × {s} = {v['n_pixels_text']} numbers",
                   theme.BODY_SIZE, theme.ACCENT).move_to([3.1, 1.6, 0])
        others = VGroup(self.what, self.train, self.test, self.train_t, self.test_t,
                        self.subset_parts, *[c for c in self.cards if c is not card])
        if card is not None:
            self.play(FadeOut(others), FadeOut(card[1]), ReplacementTransform(card[0], big),
                      until="grid")
        else:
            # ``others`` holds every card then: fading the cards out twice would leave them
            self.play(FadeOut(others), FadeIn(big), until="grid")
        # "a grid": the pixels' lines show up as the word is said
        self.play(Circumscribe(big, color=theme.ACCENT, buff=0.05), at="grid", until=s)
        self.play(GrowFromCenter(top), FadeIn(top_t, shift=DOWN * 0.1), at=s, until="by")
        self.play(GrowFromCenter(right), FadeIn(right_t, shift=LEFT * 0.1), at=s,
                  until=v["n_pixels_text"])
        self.play(FadeIn(eq, shift=LEFT * 0.3), at=v["n_pixels_text"],
                  through="numbers.")
        self.big, self.eq = big, eq
        self.braces = VGroup(top, right, top_t, right_t)

    def beat_pixels(self):
        """A window across a stroke's edge, zoomed: raw values lit as "0 for black" and
        "255 for full ink" are said, then each scaled value arrives as it is said."""
        v = self.values
        n = len(v["pixels_raw"])
        first = v["pixel_row"] * v["side"] + v["pixel_col"]
        cells = VGroup(*[self.big.cell(first + k) for k in range(n)])
        box = Rectangle(width=cells.width + 0.08, height=cells.height + 0.08)
        box.set_stroke(theme.ACCENT, 3).move_to(cells)
        size = 1.15
        zoom = VGroup(*[Square(side_length=size).set_fill(gray(p), 1.0).set_stroke(
            theme.ACCENT, 1.5) for p in v["pixels_scaled"]]).arrange(RIGHT, buff=0)
        zoom.move_to([2.9, 0.6, 0])
        raw = VGroup(*[label(t, theme.BODY_SIZE, theme.TEXT) for t in v["pixels_raw_texts"]])
        scaled = VGroup(*[label(t, theme.BODY_SIZE, theme.NEUTRAL)
                          for t in v["pixels_scaled_texts"]])
        for k in range(n):
            raw[k].move_to([zoom[k].get_x(), zoom.get_bottom()[1] - 0.4, 0])
            scaled[k].move_to([zoom[k].get_x(), zoom.get_bottom()[1] - 1.55, 0])
        div = label(f"÷ {v['scale_text']}", theme.BODY_SIZE, theme.ACCENT)
        div.move_to([zoom.get_x(), zoom.get_bottom()[1] - 0.97, 0])
        guide = VGroup(Line(box.get_corner(UR), zoom.get_corner(UL)),
                       Line(box.get_corner(DOWN + RIGHT), zoom.get_corner(DOWN + LEFT)))
        guide.set_stroke(theme.ACCENT, 1.5, opacity=0.6)
        zero = [k for k, p in enumerate(v["pixels_raw"]) if p == 0]
        full = [k for k, p in enumerate(v["pixels_raw"]) if p == v["scale"]]
        self.play(FadeOut(self.eq), Create(box), until="whole")
        self.play(Create(guide), TransformFromCopy(cells, zoom), until="number")
        self.play(LaggedStart(*[FadeIn(t, shift=DOWN * 0.2) for t in raw], lag_ratio=0.15),
                  at="number", until=v["zero_text"])
        # "0 for black", "255 for full ink": those pixels and their values light
        self.play(*[Indicate(VGroup(zoom[k], raw[k]), color=theme.ACCENT) for k in zero],
                  at=v["zero_text"], until=v["scale_text"])
        self.play(*[Indicate(VGroup(zoom[k], raw[k]), color=theme.ACCENT) for k in full],
                  at=v["scale_text"], until="dividing")
        self.play(FadeIn(div, shift=DOWN * 0.1), at="dividing", until=v["scale_text"])
        self.light(div, at=v["scale_text"])
        self.play(Circumscribe(zoom, color=theme.ACCENT), until=v["pixels_scaled_texts"][0])
        # each scaled value drops from its raw value as it is said
        said = list(dict.fromkeys(v["pixels_scaled_texts"]))
        for text in said:
            ks = [k for k, t in enumerate(v["pixels_scaled_texts"]) if t == text]
            self.play(*[TransformFromCopy(raw[k], scaled[k]) for k in ks], at=text,
                      run_time=0.7)
        self.play(Circumscribe(scaled, color=theme.ACCENT), run_time=1.0)
        self.pixel_parts = VGroup(box, zoom, raw, scaled, div, guide)
    def beat_unroll(self):
        """Read row by row (a band walks down the grid's rows), the sides lit as "28 by 28" is
        said, then the rows leave the grid one after another, in reading order, and slide end
        to end into one row of 784 values over the whole clause that says so (~4 s)."""
        v = self.values
        s = v["side_text"]
        rows = image_rows(v["example_img"], BIG, v["scale"]).move_to(self.big)
        cell = BIG / len(rows)
        band = Rectangle(width=BIG + 0.1, height=cell * 1.1).set_stroke(theme.ACCENT, 2.5)
        band.move_to(self.big.get_top() + DOWN * cell / 2)
        self.play(FadeOut(self.pixel_parts), FadeIn(band), run_time=theme.MIN_RUN)
        # "Read row by row": the band walks down the rows, in reading order
        self.play(band.animate.move_to(self.big.get_bottom() + UP * cell / 2),
                  rate_func=linear, until=s)
        self.play(FadeOut(band), Indicate(self.braces[2], color=theme.ACCENT), at=s,
                  until="by")
        self.light(self.braces[3], at=s)
        self.play(FadeOut(self.braces), self.big.animate.set_opacity(0.35),
                  until="unrolls")
        self.add(rows)
        y = 1.9
        seg = STRIP_W / len(rows)
        for k, row in enumerate(rows):
            row.generate_target()
            row.target.stretch_to_fit_width(seg).stretch_to_fit_height(STRIP_H)
            row.target.move_to([STRIP_X0 + (k + 0.5) * seg, y, 0])
        note = VGroup(label("each pixel row after", theme.BODY_SIZE, theme.TEXT),
                      label("the one before, end to end", theme.BODY_SIZE, theme.TEXT))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([2.6, -0.5, 0])
        # "unrolls: each pixel row is laid after the one before it, end to end": the rows
        # leave the grid in reading order, each sliding to its place in the row (seconds,
        # not a flash: the viewer follows every row)
        self.play(LaggedStart(*[MoveToTarget(r) for r in rows], lag_ratio=0.12),
                  FadeIn(note), at="unrolls", until="into")
        self.play(Circumscribe(rows, color=theme.ACCENT, buff=0.06), at="into",
                  until=v["n_pixels_text"])
        brace = Brace(rows, UP, color=theme.MUTED, buff=0.08)
        n_t = label(f"{v['n_pixels_text']} values", theme.BODY_SIZE, theme.ACCENT)
        n_t.next_to(brace, UP, buff=0.08)
        i0 = label(v["zero_text"], theme.TINY_SIZE, theme.MUTED).next_to(rows, DOWN, buff=0.12)
        i0.align_to(rows, LEFT)
        i1 = label(v["last_index_text"], theme.TINY_SIZE, theme.MUTED)
        i1.next_to(rows, DOWN, buff=0.12).align_to(rows, RIGHT)
        self.play(GrowFromCenter(brace), FadeIn(n_t, scale=1.2), FadeIn(i0), FadeIn(i1),
                  at=v["n_pixels_text"], through="values.")
        self.row0, self.row_brace, self.row_n, self.row_idx = rows, brace, n_t, VGroup(i0, i1)
        self.row_note = note

    def beat_stack(self):
        """More images unroll below the first, one row each, as "one image per row" is said;
        the count as it is said, then the array's shape."""
        v = self.values
        y0, gap = self.row0.get_y(), STRIP_H + 0.14
        strips = [strip(img, y0 - (k + 1) * gap, v["scale"])
                  for k, img in enumerate(v["stacked"][1:])]
        dots = MathTex(r"\vdots", color=theme.MUTED, font_size=theme.FORMULA_SIZE)
        dots.move_to([STRIP_X0 + STRIP_W / 2, y0 - (len(strips) + 1) * gap - 0.1, 0])
        last = strip(v["stacked"][-1], 0, v["scale"])
        last.move_to([STRIP_X0 + STRIP_W / 2, dots.get_y() - 0.55, 0])
        last.set_opacity(0.35)
        stack = VGroup(self.row0, *strips, last)
        brace = Brace(stack, LEFT, color=theme.MUTED, buff=0.08)
        count = label(f"{v['n_train_text']} images", theme.BODY_SIZE, theme.ACCENT)
        count.rotate(np.pi / 2).next_to(brace, LEFT, buff=0.1)
        shape = label(v["train_shape_text"], theme.HEADING_SIZE, theme.ACCENT, mono=True)
        shape.next_to(last, DOWN, buff=0.35)
        self.play(FadeOut(self.row_idx), FadeOut(self.row_note), FadeOut(self.big),
                  until="one")
        self.play(LaggedStart(*[FadeIn(s, shift=UP * 0.3) for s in strips], lag_ratio=0.3),
                  at="one", until="the")
        self.play(FadeIn(dots), FadeIn(last), GrowFromCenter(brace), until=v["n_train_text"])
        self.play(FadeIn(count, shift=RIGHT * 0.2), at=v["n_train_text"], until="shape")
        self.play(FadeIn(shape, shift=UP * 0.2), at="shape",
                  through=v["train_shape_text"].split()[-1])
        self.play(Circumscribe(shape, color=theme.ACCENT), run_time=1.0)
        self.still("dataset")
        self.stack = VGroup(stack, dots, brace, count, shape, self.row_brace, self.row_n)

    def beat_counts(self):
        """Training images per class as bars (unsigned counts: the neutral colour)."""
        v = self.values
        counts = np.asarray(v["label_counts"], dtype=float)
        top = float(counts.max())
        names = VGroup(*[label(n, theme.SMALL_SIZE, theme.TARGET) for n in v["class_names"]])
        row_h = 0.5
        y0 = 1.85
        x_names = -3.2
        bar_w = 8.0
        columns = [(x_names, bar_w)]
        per_column = len(names)
        if len(names) > MAX_ROWS:
            # two columns, each its names right-aligned before its bars
            per_column = -(-len(names) // 2)
            row_h = min(row_h, ROWS_HEIGHT / per_column)
            widest = max(n.width for n in names)
            left = -6.2 + widest
            right = 0.2 + widest
            # each column: where its names end, and its longest bar (room left for the count)
            columns = [(left, -0.2 - (left + 0.25) - 0.75), (right, 6.2 - (right + 0.25) - 0.75)]
        bars, nums = VGroup(), VGroup()
        for i, (name, c) in enumerate(zip(names, counts)):
            x_col, width = columns[i // per_column]
            y = y0 - (i % per_column) * row_h
            name.move_to([x_col, y, 0], aligned_edge=RIGHT)
            bar = Rectangle(width=width * c / top, height=row_h * 0.7).set_stroke(width=0)
            bar.set_fill(theme.NEUTRAL, 0.85)
            bar.move_to([x_col + 0.25, y, 0], aligned_edge=LEFT)
            num = label(v["label_count_texts"][i], theme.SMALL_SIZE, theme.TEXT)
            num.next_to(bar, RIGHT, buff=0.15)
            bars.add(bar)
            nums.add(num)
        head = label("training images per class", theme.BODY_SIZE, theme.TEXT)
        head.move_to([x_names + 0.25 + bar_w / 2 if len(columns) == 1 else 0, y0 + 0.7, 0])
        self.play(FadeOut(self.stack), FadeIn(head), until="class")
        # "every class": the classes and their bars come in one after another
        self.play(LaggedStart(*[FadeIn(n) for n in names], lag_ratio=0.1),
                  LaggedStart(*[GrowFromEdge(b, LEFT) for b in bars], lag_ratio=0.1),
                  at="class", until="represented")
        self.play(LaggedStart(*[FadeIn(n, shift=LEFT * 0.1) for n in nums], lag_ratio=0.1),
                  until=v["count_min_text"])
        lo, hi = int(np.argmin(counts)), int(np.argmax(counts))
        if counts[lo] != counts[hi]:  # "from <fewest> to <most>": each lit as it is said
            for i, text in ((lo, v["count_min_text"]), (hi, v["count_max_text"])):
                self.play(bars[i].animate.set_fill(theme.ACCENT, 0.9),
                          Indicate(nums[i], color=theme.ACCENT), at=text, run_time=theme.LIGHT)
        else:  # "exactly <n>": every bar at once
            self.play(*[b.animate.set_fill(theme.ACCENT, 0.9) for b in bars],
                      *[Indicate(m, color=theme.ACCENT) for m in nums],
                      at=v["count_min_text"], run_time=theme.LIGHT)
