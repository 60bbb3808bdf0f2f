"""Chapter 7, the cost: o - l and its square row by row on the first real step, the mean e,
the guess as the longest bar against the label's, nr_correct counting, and what it steers."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circumscribe,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    Integer,
    LaggedStart,
    Rectangle,
    SurroundingRectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    config,
    linear,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.network import PixelGrid, weight_color
from scenes.kit.numbers import RowColumns
from scenes.kit.text import backdrop, code_listing, fade_out, formula, label, verdict
from scenes.values.cost import (
    FORMULAS,
    O_DIGITS,
    REPORT_CODE,
    REPORT_LINES,
    TERM_DIGITS,
)
from scenes.values.format import fmt, fmt_int, fmt_pct

#: Length of a bar whose output is 1 (scene units).
BAR_UNIT = 4.2
#: Font size of a LaTeX counter whose cap height matches the title's.
COUNTER_SIZE = 56
#: The widest the row of first images may be.
THUMBS_WIDTH = 12.0


class Cost(ChapterScene):
    slug = "cost"

    def beat_compare(self):
        """The first image and its label, the formula, and o beside l, row by row."""
        v = self.values
        names = v["class_names"]
        self.title_card()
        self.mse = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        img = PixelGrid(v["img"], side_length=2.2)
        note = VGroup(label("label", theme.SMALL_SIZE, theme.MUTED),
                      label(names[v["label"]], theme.BODY_SIZE, theme.TARGET))
        note.arrange(DOWN, buff=0.12)
        self.img_group = VGroup(img, note.next_to(img, DOWN, buff=0.25))
        self.img_group.to_edge(LEFT, buff=SAFE_BUFF).set_y(0.0)
        self.table = RowColumns(
            [[fmt(x, O_DIGITS) for x in v["o"]], [fmt_int(x) for x in v["l"]],
             [fmt(x, O_DIGITS) for x in v["diff"]], [fmt(x, TERM_DIGITS) for x in v["terms"]]],
            colors=[theme.OUTPUT, [theme.TARGET if x else theme.MUTED for x in v["l"]],
                    [weight_color(x) for x in v["diff"]], theme.NEUTRAL],
            heads=["o", "l", "o - l", "(o - l)\u00b2"],
            ops=["-", "=", r"\xrightarrow{\ (\,)^2\ }"], col_gap=0.25, row_gap=0.38)
        names_col = VGroup(*[label(n, theme.TINY_SIZE, theme.TARGET if i == v["label"]
                                   else theme.MUTED) for i, n in enumerate(names)])
        for t, cell in zip(names_col, self.table.cells[0]):
            t.set_y(cell.get_y())
        names_col.align_to(self.table, LEFT).shift(LEFT * (names_col.width + 0.2))
        for t in names_col:
            t.align_to(names_col, RIGHT)
        self.rows = VGroup(names_col, self.table)
        self.rows.next_to(img, RIGHT, buff=0.35).set_y(-0.1)
        self.names_col = names_col
        t = self.table
        self.play(FadeIn(self.img_group), Write(self.mse), run_time=theme.REVEAL)
        self.play(FadeIn(names_col), FadeIn(t.brackets[0]), FadeIn(t.heads[0]),
                  LaggedStart(*[FadeIn(c, shift=RIGHT * 0.2) for c in t.cells[0]],
                              lag_ratio=0.08), run_time=theme.REVEAL)
        self.play(FadeIn(t.brackets[1]), FadeIn(t.heads[1]), FadeIn(t.cols[1]),
                  run_time=theme.REVEAL)
        self.play(Indicate(t.cells[1][v["label"]], color=theme.TARGET, scale_factor=1.6),
                  Indicate(self.names_col[v["label"]], color=theme.TARGET, scale_factor=1.6),
                  run_time=theme.REVEAL)

    def beat_subtract(self):
        """Each o and l meet in o - l; the label's row, the one negative entry, is pointed at."""
        v = self.values
        t = self.table
        self.play(FadeIn(t.ops[0]), FadeIn(t.ops[1]), FadeIn(t.brackets[2]),
                  FadeIn(t.heads[2]), run_time=theme.REVEAL / 2)
        self.play(LaggedStart(*[TransformFromCopy(VGroup(t.cells[0][i], t.cells[1][i]),
                                                  t.cells[2][i]) for i in range(v["n_out"])],
                              lag_ratio=0.12), run_time=theme.REVEAL * 2)
        self.remove(*t.cells[2])
        self.add(t.cols[2])
        self.play(Circumscribe(VGroup(t.cells[0][v["label"]], t.cells[2][v["label"]]),
                               color=theme.ACCENT), run_time=theme.REVEAL)

    def beat_square(self):
        """Each difference squared into the last column; the largest term is pointed at."""
        v = self.values
        t = self.table
        self.play(FadeIn(t.ops[2]), FadeIn(t.brackets[3]), FadeIn(t.heads[3]),
                  run_time=theme.REVEAL / 2)
        self.play(LaggedStart(*[TransformFromCopy(t.cells[2][i], t.cells[3][i])
                                for i in range(v["n_out"])], lag_ratio=0.12),
                  run_time=theme.REVEAL * 2)
        self.remove(*t.cells[3])
        self.add(t.cols[3])
        big = t.cells[3][v["biggest_term"]]
        self.play(big.animate.set_color(theme.ACCENT), Indicate(big, color=theme.ACCENT),
                  run_time=theme.REVEAL)

    def beat_mean(self):
        """The squares flow into their sum; divided by the number of outputs it is e."""
        v = self.values
        t = self.table
        total = label(f"sum = {fmt(v['terms_sum'], TERM_DIGITS)}", theme.BODY_SIZE)
        mean = label(f"e = sum / {fmt_int(v['n_out'])} = {fmt(v['e'], TERM_DIGITS)}",
                     theme.BODY_SIZE, theme.ACCENT)
        self.result = VGroup(total, mean).arrange(DOWN, aligned_edge=RIGHT, buff=0.2)
        self.result.next_to(t.brackets[3], DOWN, buff=0.25).align_to(t.brackets[3], RIGHT)
        flying = [c.copy() for c in t.cells[3]]
        self.play(t.cells[3][v["biggest_term"]].animate.set_color(theme.NEUTRAL),
                  LaggedStart(*[FadeOut(c, target_position=total, scale=1.3) for c in flying],
                              lag_ratio=0.06), run_time=theme.REVEAL * 1.5)
        self.play(FadeIn(total, scale=0.8), run_time=theme.REVEAL / 2)
        self.play(FadeIn(mean, shift=RIGHT * 0.2), run_time=theme.REVEAL)
        self.play(Circumscribe(self.mse, color=theme.ACCENT), run_time=theme.REVEAL)
        self.still("mse_terms")

    def beat_argmax(self):
        """o grows into bars; the longest is the guess, the label's bar is marked."""
        v = self.values
        t = self.table
        names = v["class_names"]
        gone = VGroup(t.cols[1:], t.brackets[1:], t.heads[1:], t.ops, self.result, self.mse)
        self.play(*fade_out(self, gone), run_time=theme.REVEAL)
        self.argmax = formula(FORMULAS[1]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        x0 = t.brackets[0].get_right()[0] + 0.3
        guess_tag = label(f"guess {names[v['guess']]}", theme.SMALL_SIZE, theme.OUTPUT)
        label_tag = label(f"label {names[v['label']]}: wants {fmt_int(v['l'][v['label']])}",
                          theme.SMALL_SIZE, theme.TARGET)
        room = config.frame_width / 2 - SAFE_BUFF - x0 - 0.25
        unit = min(BAR_UNIT, room - max(guess_tag.width, label_tag.width))
        bars = VGroup()
        for i, o in enumerate(v["o"]):
            color = theme.OUTPUT if i == v["guess"] else theme.NEUTRAL
            bar = Rectangle(width=max(o * unit, 0.02), height=0.26)
            bar.set_fill(color, 0.9 if i == v["guess"] else 0.45).set_stroke(width=0)
            bar.move_to([x0 + bar.width / 2, t.cells[0][i].get_y(), 0])
            bars.add(bar)
        one = Rectangle(width=unit, height=0.26).set_stroke(theme.TARGET, 2)
        one.set_fill(opacity=0).move_to([x0 + unit / 2, t.cells[0][v["label"]].get_y(), 0])
        guess_tag.next_to(bars[v["guess"]], RIGHT, buff=0.2)
        if v["guess"] == v["label"]:
            guess_tag.next_to(one, RIGHT, buff=0.2)
        label_tag.next_to(one, RIGHT, buff=0.2)
        if v["guess"] == v["label"]:
            label_tag.next_to(guess_tag, DOWN, buff=0.1)
        answer = VGroup(label(f"guess {names[v['guess']]}, label {names[v['label']]}",
                              theme.BODY_SIZE), verdict(v["correct"])).arrange(RIGHT, buff=0.25)
        answer.next_to(self.argmax, DOWN, buff=0.35).align_to(self.argmax, RIGHT)
        self.play(Write(self.argmax),
                  LaggedStart(*[GrowFromEdge(b, LEFT) for b in bars], lag_ratio=0.08),
                  run_time=theme.REVEAL * 1.5)
        self.play(FadeIn(one), FadeIn(label_tag), FadeIn(guess_tag),
                  t.cells[0][v["guess"]].animate.set_color(theme.ACCENT).scale(1.15),
                  run_time=theme.REVEAL)
        self.play(FadeIn(answer, shift=DOWN * 0.2), run_time=theme.REVEAL)
        self.bars = VGroup(bars, one, guess_tag, label_tag, answer)

    def beat_counter(self):
        """The first images one by one, right or wrong, then the count through the epoch."""
        v = self.values
        self.play(*fade_out(self, self.bars, self.rows, self.img_group, self.argmax),
                  run_time=theme.REVEAL)
        n = v["n_per_image"]
        step = THUMBS_WIDTH / max(n, 1)
        thumbs = VGroup(*[PixelGrid(img, side_length=min(step * 0.8, 1.0), stroke=False)
                          for img in v["first_imgs"]]).arrange(RIGHT, buff=step * 0.2)
        thumbs.move_to([0, 1.55, 0])
        marks = VGroup(*[verdict(hit).next_to(th, DOWN, buff=0.15)
                         for hit, th in zip(v["first_hits"], thumbs)])
        seen_t, right_t = ValueTracker(0), ValueTracker(0)
        right = Integer(0, font_size=COUNTER_SIZE, color=theme.GOOD)
        seen = Integer(0, font_size=COUNTER_SIZE, color=theme.TEXT)
        right.add_updater(lambda m: m.set_value(round(right_t.get_value())))
        seen.add_updater(lambda m: m.set_value(round(seen_t.get_value())))
        name = label("nr_correct", theme.BODY_SIZE, theme.MUTED, mono=True)
        slash = label("/", theme.TITLE_SIZE, theme.MUTED)
        seen_name = label("images seen", theme.BODY_SIZE, theme.MUTED)
        counter = VGroup(name, right, slash, seen, seen_name)

        def place():
            counter.arrange(RIGHT, buff=0.3).move_to([0, -1.1, 0])

        right.add_updater(lambda m: place())
        place()
        self.play(FadeIn(counter), run_time=theme.REVEAL / 2)
        for i in range(n):
            c_seen, c_right = v["counter"][i]
            self.play(FadeIn(thumbs[i], shift=DOWN * 0.2), FadeIn(marks[i]),
                      seen_t.animate.set_value(c_seen), right_t.animate.set_value(c_right),
                      run_time=0.35)
        first = label(f"{fmt_int(v['counter'][n - 1][1])} of the first {fmt_int(n)}",
                      theme.BODY_SIZE, theme.ACCENT).next_to(marks, DOWN, buff=0.3)
        self.play(FadeIn(first), run_time=theme.REVEAL / 2)
        path = np.array(v["counter"][n:], dtype=float)
        idx = ValueTracker(0)

        def at(k):
            return path[min(int(k), len(path) - 1)]

        seen_t.add_updater(lambda m: m.set_value(at(idx.get_value())[0]))
        right_t.add_updater(lambda m: m.set_value(at(idx.get_value())[1]))
        self.add(seen_t, right_t)
        self.play(idx.animate.set_value(len(path) - 1), run_time=theme.REVEAL * 3,
                  rate_func=linear)
        for m in (seen_t, right_t, right, seen):
            m.clear_updaters()
        right.set_value(int(path[-1][1]))
        seen.set_value(int(path[-1][0]))
        place()
        acc = label(f"= {fmt_pct(v['train_acc_first_epoch'])} after epoch "
                    f"{fmt_int(v['counter_epoch'])}", theme.BODY_SIZE, theme.ACCENT)
        acc.next_to(counter, DOWN, buff=0.45)
        self.play(FadeIn(acc, shift=DOWN * 0.2), Indicate(right, color=theme.GOOD),
                  run_time=theme.REVEAL)
        self.counter = VGroup(counter, acc)
        self.thumbs = VGroup(thumbs, marks, first)
        self.still("counter")

    def beat_report(self):
        """The reference's lines: the update uses delta_o; e and nr_correct only report."""
        self.play(*fade_out(self, self.thumbs), run_time=theme.REVEAL / 2)
        code = code_listing(REPORT_CODE)
        code.to_edge(LEFT, buff=SAFE_BUFF).set_y(1.0)
        lines = code.code_lines
        steer = backdrop(SurroundingRectangle(VGroup(lines[REPORT_LINES["delta"]],
                                                     lines[REPORT_LINES["update"]]),
                                              buff=0.05, stroke_width=0)
                         .set_fill(theme.ACCENT, 0.18))
        steer_note = label("← the update uses only this", theme.BODY_SIZE, theme.ACCENT)
        steer_note.next_to(lines[REPORT_LINES["delta"]], RIGHT, buff=0.6)
        e_note = label("← never used", theme.SMALL_SIZE, theme.TEXT)
        e_note.next_to(lines[REPORT_LINES["e"]], RIGHT, buff=0.4)
        only = label("← only printed", theme.SMALL_SIZE, theme.TEXT)
        only.next_to(lines[REPORT_LINES["print"]], RIGHT, buff=0.4)
        self.play(FadeIn(code), self.counter.animate.to_corner(DOWN + RIGHT, buff=SAFE_BUFF),
                  run_time=theme.REVEAL)
        self.play(FadeIn(steer), FadeIn(steer_note), run_time=theme.REVEAL)
        start = only.get_bottom()
        arrow = Arrow(start, [start[0], self.counter.get_top()[1], 0], buff=0.12,
                      color=theme.MUTED, stroke_width=3)
        self.play(FadeIn(e_note), FadeIn(only), FadeIn(arrow),
                  Indicate(lines[REPORT_LINES["count"]], color=theme.MUTED, scale_factor=1.05),
                  run_time=theme.REVEAL)
        self.still("report")
