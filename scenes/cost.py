"""The cost chapter: o - l and its square row by row on the first real step, the mean e, the
guess as the longest bar against the label's, nr_correct counting, and the close cousin of e
whose slope the code's step follows.

Every beat lays its animations along its sentence (:mod:`scenes.timing`): the columns arrive
as "output o" and "label l" are said and are compared row by row; each difference and square
is made while its phrase is spoken; a marker reads down the squares as "every term" is said,
stands on the largest as its value is said and stretches across its row back to the row's
name; the squares are counted and flow into their sum; the
counter counts image after image as "counting on" is said; and the label's row is priced by
e's term and by its cousin while a tracker sweeps its output toward a confident mistake.

Every number the table, the sum, e and the last beat's readouts show is computed from the
digits shown beside it (:func:`scenes.values.cost.shown_table`), so a viewer who squares a
shown difference gets the shown square.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Circumscribe,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    GrowFromEdge,
    Indicate,
    Integer,
    LaggedStart,
    Rectangle,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    Write,
    config,
    linear,
    smooth,
)

from scenes import theme
from scenes.backprop import DOTS, short_label, short_name, with_gaps
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.network import PixelGrid, weight_color
from scenes.kit.numbers import RowColumns
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, fade_out, formula, label, verdict
from scenes.values.cost import COUSIN_TOP, FORMULAS, O_DIGITS, TERM_DIGITS
from scenes.values.format import fmt, fmt_int, fmt_pct

#: Length of a bar whose output is 1 (scene units).
BAR_UNIT = 4.2
#: Font size of a LaTeX counter whose cap height matches the title's.
COUNTER_SIZE = 56
#: The widest the row of first images may be.
THUMBS_WIDTH = 12.0
#: Colours of e's term and of its cousin in the last beat (two costs compared, as two runs).
SQ_COLOR, COUSIN_COLOR = theme.RUN_COLORS[0], theme.RUN_COLORS[1]
#: Points per curve in the last beat's plot.
CURVE_POINTS = 200


#: The widest a class name may be beside its row, under the image, and in a tag.
NAME_WIDTH, NOTE_WIDTH, TAG_WIDTH, AXIS_NAME_WIDTH = 1.4, 2.4, 2.2, 1.0


class ByRow(list):
    """A column's entries (ellipses included, in order) looked up by an output's true index:
    ``col[i]`` is output i's entry wherever the rows shown put it."""

    def __init__(self, items, pos):
        super().__init__(items)
        self.pos = pos

    def __getitem__(self, i):
        return list.__getitem__(self, self.pos[i] if isinstance(i, (int, np.integer)) else i)


def leaves(group):
    """The members of a bare Group (nested bare Groups opened), in order."""
    out = []
    for m in group.submobjects:
        out += leaves(m) if type(m) is Group else [m]
    return out


class Cost(ChapterScene):
    slug = "cost"

    def play_beat(self, cue_id):
        """Play the beat, then put back on their own the pieces a grouped emphasis gathered:
        playing a LaggedStart of Indicates adds a bare Group of its pieces to the scene and
        takes them out of their own columns, which a later fade_out of the columns would then
        not reach."""
        super().play_beat(cue_id)
        for group in [m for m in self.mobjects if type(m) is Group]:
            self.remove(group)
            self.add(*leaves(group))

    def beat_compare(self):
        """The first image and its label; o arrives as "output o" is said, l as "label l";
        the pairs are compared row by row; the image is framed and its label lit."""
        v = self.values
        names = v["class_names"]
        k = v["label"]
        self.title_card()
        img = PixelGrid(v["img"], side_length=2.2)
        note = VGroup(label("label", theme.SMALL_SIZE, theme.MUTED),
                      short_label(names[k], NOTE_WIDTH, theme.BODY_SIZE, theme.TARGET))
        note.arrange(DOWN, buff=0.12)
        self.img_group = VGroup(img, note.next_to(img, DOWN, buff=0.25))
        self.img_group.to_edge(LEFT, buff=SAFE_BUFF).set_y(0.0)
        # many outputs: the rows the sentences name, the first and the last, and ellipses
        self.order = with_gaps(v["out_runs"])
        self.shown = [i for i in self.order if i is not None]
        pos = {i: p for p, i in enumerate(self.order) if i is not None}

        def col(texts, colors):
            return ([DOTS if i is None else texts[i] for i in self.order],
                    [theme.MUTED if i is None else colors[i] for i in self.order])

        # the arithmetic is done on the shown digits (values.cost.shown_table)
        diff, terms = v["shown_diff"], v["shown_terms"]
        cols = [col([fmt(x, O_DIGITS) for x in v["shown_o"]], [theme.OUTPUT] * v["n_out"]),
                col([fmt_int(x) for x in v["l"]],
                    [theme.TARGET if x else theme.MUTED for x in v["l"]]),
                col([fmt(x, O_DIGITS) for x in diff], [weight_color(x) for x in diff]),
                col([fmt(x, TERM_DIGITS) for x in terms], [theme.NEUTRAL] * v["n_out"])]
        self.table = RowColumns(
            [c[0] for c in cols],
            colors=[c[1] for c in cols],
            heads=["o", "l", "o - l", "(o - l)\u00b2"],
            ops=["-", "=", r"\xrightarrow{\ (\,)^2\ }"], col_gap=0.25, row_gap=0.38)
        names_col = VGroup(*[label(DOTS, theme.TINY_SIZE, theme.MUTED) if i is None else
                             short_label(names[i], NAME_WIDTH, theme.TINY_SIZE,
                                         theme.TARGET if i == k else theme.MUTED)
                             for i in self.order])
        for t, cell in zip(names_col, self.table.cells[0]):
            t.set_y(cell.get_y())
        names_col.align_to(self.table, LEFT).shift(LEFT * (names_col.width + 0.2))
        for t in names_col:
            t.align_to(names_col, RIGHT)
        self.rows = VGroup(names_col, self.table)
        self.rows.next_to(img, RIGHT, buff=0.35).set_y(-0.1)
        self.names_col = ByRow(names_col, pos)
        self.table.cells = [ByRow(c, pos) for c in self.table.cells]
        t = self.table
        self.play(FadeIn(img, shift=RIGHT * 0.2), FadeIn(note[0]), until="output")
        # "the network's output o": the outputs arrive row by row
        self.play(FadeIn(names_col), FadeIn(t.brackets[0]), FadeIn(t.heads[0]),
                  LaggedStart(*[FadeIn(c, shift=RIGHT * 0.2) for c in t.cells[0]],
                              lag_ratio=0.08), at="output", through="o")
        # "the one-hot label l"
        self.play(FadeIn(t.brackets[1]), FadeIn(t.heads[1]),
                  LaggedStart(*[FadeIn(c, shift=LEFT * 0.2) for c in t.cols[1]],
                              lag_ratio=0.08), at="one-hot", through="l,")
        # "row by row": each o and its l are pointed at together, down the rows
        pairs = [AnimationGroup(Indicate(t.cells[0][i], color=theme.ACCENT),
                                Indicate(t.cells[1][i], color=theme.ACCENT),
                                Indicate(self.names_col[i], color=theme.ACCENT))
                 for i in self.shown]
        self.play(LaggedStart(*pairs, lag_ratio=0.3), at="row", until="very")
        self.play(Circumscribe(img, color=theme.ACCENT), at="very", until="labelled")
        self.play(FadeIn(note[1], shift=UP * 0.1), at="labelled", until=names[k])
        self.light(note[1], self.names_col[k], t.cells[1][k], at=names[k])

    def beat_subtract(self):
        """Each o and l meet in o - l, row by row; the label's row, the one negative entry,
        is framed as it is said, and its l = 1 as "wants a 1" is said."""
        v = self.values
        t = self.table
        k = v["label"]
        self.play(FadeIn(t.ops[0]), FadeIn(t.ops[1]), FadeIn(t.brackets[2]),
                  FadeIn(t.heads[2], shift=DOWN * 0.2),
                  until="o minus")
        self.play(LaggedStart(*[TransformFromCopy(VGroup(t.cells[0][i], t.cells[1][i]),
                                                  t.cells[2][i]) for i in self.shown],
                              lag_ratio=0.12), at="o minus", through="l.")
        self.remove(*t.cells[2])
        self.add(t.cols[2])
        self.play(Circumscribe(VGroup(self.names_col[k], t.cells[2][k]), color=theme.ACCENT),
                  at="only", until=fmt(v["shown_diff"][k], O_DIGITS))
        self.light(t.cells[2][k], at=fmt(v["shown_diff"][k], O_DIGITS))
        self.play(Circumscribe(VGroup(t.cells[0][k], t.cells[2][k]), color=theme.MUTED),
                  at="because", until=fmt_int(v["l"][k]))
        self.light(t.cells[1][k], at=fmt_int(v["l"][k]))

    def beat_square(self):
        """Each difference squared into the last column as "square each difference" is said;
        every term lights as positive; the largest term and its row light as they are said."""
        v = self.values
        t = self.table
        big = v["biggest_term"]
        self.play(FadeIn(t.ops[2]), FadeIn(t.brackets[3]), FadeIn(t.heads[3]), until="square")
        self.play(LaggedStart(*[TransformFromCopy(t.cells[2][i], t.cells[3][i])
                                for i in self.shown], lag_ratio=0.12),
                  at="square", through="difference,")
        self.remove(*t.cells[3])
        self.add(t.cols[3])
        # "every term counts as positive; the largest": a marker reads down the squares,
        # each lighting as it passes, then stands on the largest as its value is said
        term = fmt(v["shown_terms"][big], TERM_DIGITS)
        cells = t.cells[3]
        pad = 0.08
        marker = self.cell_marker([cells[i] for i in self.shown], pad)
        first = self.shown[0]
        self.play_steps([lambda i=i: [FadeIn(marker) if i == first
                                       else marker.animate.move_to(cells[i]),
                                       Indicate(cells[i], color=theme.ACCENT)]
                          for i in self.shown], at="every", until=term)
        self.play(marker.animate.move_to(cells[big]), cells[big].animate.set_color(theme.ACCENT),
                  Indicate(cells[big], color=theme.ACCENT), at=term, run_time=theme.LIGHT)
        # "is row k": the marker stretches left across the whole row, back to its name
        whole = VGroup(self.names_col[big], *[col[big] for col in t.cells])
        self.play(marker.animate.stretch_to_fit_width(whole.width + 2 * pad)
                  .align_to(cells[big], RIGHT).shift(RIGHT * pad),
                  Indicate(self.names_col[big], color=theme.ACCENT, scale_factor=1.15),
                  at="row", through=v["class_names"][big])
        self.accent_marker = marker

    @staticmethod
    def cell_marker(cells, pad):
        """A faint accent band as wide as the widest of ``cells``, on the first (a backdrop:
        the cell it stands on is read through it)."""
        band = Rectangle(width=max(c.width for c in cells) + 2 * pad,
                         height=max(c.height for c in cells) + 2 * pad)
        band.set_stroke(theme.ACCENT, 2).set_fill(theme.ACCENT, 0.15).set_z_index(-1)
        return backdrop(band.move_to(cells[0]))

    def beat_mean(self):
        """The squares are counted and flow into their sum; divided by their number it is e,
        the formula is written, e is framed as "one number", and learning's aim points down."""
        v = self.values
        t = self.table
        n_text = fmt_int(v["n_out"])
        count = label(f"{n_text} squares", theme.BODY_SIZE)
        value = label(f"sum = {fmt(v['shown_sum'], TERM_DIGITS)}", theme.BODY_SIZE)
        total = VGroup(count, value).arrange(RIGHT, buff=theme.GAP)
        mean = label(f"e = sum / {n_text} = {fmt(v['shown_e'], TERM_DIGITS)}",
                     theme.BODY_SIZE, theme.ACCENT)
        self.result = VGroup(total, mean).arrange(DOWN, aligned_edge=RIGHT, buff=0.2)
        self.result.next_to(t.brackets[3], DOWN, buff=0.25).align_to(t.brackets[3], RIGHT)
        self.mse = formula(FORMULAS[0]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        aim = label("learning makes a cost small", theme.SMALL_SIZE, theme.ACCENT)
        arrow = Arrow(UP * 0.35, DOWN * 0.35, buff=0, color=theme.ACCENT, stroke_width=4)
        self.aim = VGroup(aim, arrow).arrange(RIGHT, buff=theme.GAP_SMALL)
        self.aim.next_to(mean, LEFT, buff=theme.GAP_LARGE)
        # "The n squares": counted down the column as the count appears
        self.play(t.cells[3][v["biggest_term"]].animate.set_color(theme.NEUTRAL),
                  FadeOut(self.accent_marker), FadeIn(count, shift=UP * 0.1),
                  LaggedStart(*[Indicate(c, color=theme.ACCENT) for c in t.cells[3]],
                              lag_ratio=0.2), at=n_text, until="add")
        # "add up to": the squares flow into the sum
        flying = [c.copy() for c in t.cells[3]]
        self.play(LaggedStart(*[FadeOut(c, target_position=value, scale=1.3) for c in flying],
                              lag_ratio=0.06), at="add", until=fmt(v["shown_sum"], TERM_DIGITS))
        self.play(FadeIn(value, scale=0.8), at=fmt(v["shown_sum"], TERM_DIGITS),
                  run_time=theme.LIGHT)
        # "their mean, e = ...": divided by their number; the formula says the same
        self.play(Write(self.mse), FadeIn(mean, shift=RIGHT * 0.2), at="mean",
                  until=fmt(v["shown_e"], TERM_DIGITS))
        self.light(mean, at=fmt(v["shown_e"], TERM_DIGITS))
        self.play(Circumscribe(self.mse, color=theme.ACCENT), at="cost:", until="one number")
        self.play(Circumscribe(mean, color=theme.ACCENT), at="one number", through="wrong,")
        self.play(FadeIn(aim, shift=RIGHT * 0.2), GrowFromEdge(arrow, UP), at="learning",
                  through="small.")
        self.still("mse_terms")

    def beat_argmax(self):
        """o grows into bars; the longest is the guess, lit as it is said with its value; the
        label's bar (what it wants) arrives as "the label" is said; the verdict last."""
        v = self.values
        t = self.table
        names = v["class_names"]
        gone = VGroup(t.cols[1:], t.brackets[1:], t.heads[1:], t.ops, self.result, self.mse,
                      self.aim)
        self.argmax = formula(FORMULAS[1]).to_corner(UP + RIGHT, buff=SAFE_BUFF)
        x0 = t.brackets[0].get_right()[0] + 0.3
        guess_tag = label(f"guess {short_name(names[v['guess']], TAG_WIDTH, theme.SMALL_SIZE)}",
                          theme.SMALL_SIZE, theme.OUTPUT)
        label_tag = label(f"label {short_name(names[v['label']], TAG_WIDTH, theme.SMALL_SIZE)}: "
                          f"wants {fmt_int(v['l'][v['label']])}",
                          theme.SMALL_SIZE, theme.TARGET)
        room = config.frame_width / 2 - SAFE_BUFF - x0 - 0.25
        unit = min(BAR_UNIT, room - max(guess_tag.width, label_tag.width))
        bars = VGroup()
        for i in self.shown:
            o = v["o"][i]
            bar = Rectangle(width=max(o * unit, 0.02), height=0.26)
            bar.set_fill(theme.NEUTRAL, 0.45).set_stroke(width=0)
            bar.move_to([x0 + bar.width / 2, t.cells[0][i].get_y(), 0])
            bars.add(bar)
        one = Rectangle(width=unit, height=0.26).set_stroke(theme.TARGET, 2)
        one.set_fill(opacity=0).move_to([x0 + unit / 2, t.cells[0][v["label"]].get_y(), 0])
        bar_of = dict(zip(self.shown, bars))
        guess_tag.next_to(bar_of[v["guess"]], RIGHT, buff=0.2)
        if v["guess"] == v["label"]:
            guess_tag.next_to(one, RIGHT, buff=0.2)
        label_tag.next_to(one, RIGHT, buff=0.2)
        if v["guess"] == v["label"]:
            label_tag.next_to(guess_tag, DOWN, buff=0.1)
        answer = VGroup(label(f"guess {short_name(names[v['guess']], TAG_WIDTH, theme.BODY_SIZE)}"
                              f", label {short_name(names[v['label']], TAG_WIDTH, theme.BODY_SIZE)}",
                              theme.BODY_SIZE),
                        verdict(v["correct"])).arrange(RIGHT, buff=0.25)
        answer.next_to(self.argmax, DOWN, buff=0.35).align_to(self.argmax, RIGHT)
        guess_name = names[v["guess"]]
        self.play(*fade_out(self, gone), until="guess")
        # "its largest output": the bars grow, and the formula says which one is the guess
        self.play(Write(self.argmax),
                  LaggedStart(*[GrowFromEdge(b, LEFT) for b in bars], lag_ratio=0.08),
                  at="guess", through="output,")
        self.play(bar_of[v["guess"]].animate.set_fill(theme.OUTPUT, 0.9),
                  FadeIn(guess_tag, shift=LEFT * 0.2),
                  at=guess_name, run_time=theme.LIGHT)
        self.play(t.cells[0][v["guess"]].animate.set_color(theme.ACCENT).scale(1.15),
                  at=fmt(v["o"][v["guess"]], O_DIGITS), run_time=theme.LIGHT)
        self.play(FadeIn(one), FadeIn(label_tag, shift=LEFT * 0.2), at="label",
                  until=names[v["label"]])
        self.light(label_tag, at=names[v["label"]])
        self.play(FadeIn(answer, shift=DOWN * 0.2), at="so", through="guess")
        self.play(Indicate(answer[1], scale_factor=1.4), at="right" if v["correct"] else "wrong",
                  run_time=theme.LIGHT)
        self.bars = VGroup(bars, one, guess_tag, label_tag, answer)

    def beat_counter(self):
        """The first images one by one, right or wrong, as "counts the right guesses" is said;
        then the count runs on, window by window, through the whole first pass."""
        v = self.values
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
        self.play(*fade_out(self, self.bars, self.rows, self.img_group, self.argmax),
                  FadeIn(counter), run_time=theme.REVEAL)
        # "counts the right guesses": image after image, each guess right or wrong, counted
        per_image = self.seconds_to("training:", said=True) / max(n, 1)
        for i in range(n):
            c_seen, c_right = v["counter"][i]
            self.play(FadeIn(thumbs[i], shift=DOWN * 0.2), FadeIn(marks[i]),
                      seen_t.animate.set_value(c_seen), right_t.animate.set_value(c_right),
                      run_time=max(theme.MIN_RUN / 2, per_image))
        first_seen, first_correct = v["counter"][n - 1]
        first = label(f"{fmt_int(first_correct)} of the first {fmt_int(first_seen)}",
                      theme.BODY_SIZE, theme.ACCENT).next_to(marks, DOWN, buff=0.3)
        for m in (right, seen):
            m.clear_updaters()
        self.play(FadeIn(first), Indicate(right, color=theme.ACCENT),
                  at=fmt_int(first_correct), run_time=theme.LIGHT)
        self.light(seen, at=fmt_int(first_seen))
        # "counting on, image after image": window by window through the first pass
        path = np.array(v["counter"][n:], dtype=float)
        idx = ValueTracker(0)

        def at(k):
            return path[min(int(k), len(path) - 1)]

        right.add_updater(lambda m: m.set_value(round(right_t.get_value())))
        seen.add_updater(lambda m: m.set_value(round(seen_t.get_value())))
        right.add_updater(lambda m: place())
        seen_t.add_updater(lambda m: m.set_value(at(idx.get_value())[0]))
        right_t.add_updater(lambda m: m.set_value(at(idx.get_value())[1]))
        self.add(seen_t, right_t)
        done = fmt_int(v["nr_correct_first_epoch"])
        self.play(idx.animate.set_value(len(path) - 1), FadeOut(first), at="counting",
                  until=done, rate_func=linear)
        for m in (seen_t, right_t, right, seen):
            m.clear_updaters()
        right.set_value(int(path[-1][1]))
        seen.set_value(int(path[-1][0]))
        place()
        self.light(right, at=done)
        self.light(seen, seen_name, at=fmt_int(v["n_train"]))
        pct = fmt_pct(v["train_acc_first_epoch"])
        acc = label(f"{pct} right in the first pass", theme.BODY_SIZE, theme.ACCENT)
        acc.next_to(counter, DOWN, buff=0.45)
        self.play(FadeIn(acc, shift=DOWN * 0.2), Indicate(right, color=theme.GOOD),
                  at=pct, run_time=theme.REVEAL)
        self.counter = VGroup(counter, acc)
        self.thumbs = VGroup(thumbs, marks)
        self.still("counter")

    def beat_cousin(self):
        """The label's row priced two ways: e's term (o - 1)^2 drawn as "measure of how wrong"
        is said, the close cousin, the log cost C, whose term for this row is -ln(o), as "close
        cousin" is said, both at the real output;
        then a tracker sweeps the output toward a confident mistake and the cousin's price
        climbs far above e's."""
        v = self.values
        names = v["class_names"]
        xs = np.linspace(v["confident_o"], 1.0, CURVE_POINTS)
        small = theme.SMALL_SIZE
        main = region("main")
        plot = LinePlot((0.0, 1.0), (0.0, COUSIN_TOP),
                        x_ticks=[(x, f"{x:g}") for x in nice_ticks(0.0, 1.0, 2)],
                        y_ticks=[(y, f"{y:g}") for y in nice_ticks(0.0, COUSIN_TOP, 4)],
                        x_label=(f"output o of the label's row (label "
                                 f"{short_name(names[v['label']], AXIS_NAME_WIDTH, small)}, "
                                 f"l = {fmt_int(v['l'][v['label']])})"),
                        y_label="penalty for this row", width=main.width - 1.0,
                        height=main.height - 1.2)
        plot.move_to(main.center)
        sq_curve = plot.series(xs, (xs - 1.0) ** 2, color=SQ_COLOR)
        cousin_curve = plot.series(xs, -np.log(xs), color=COUSIN_COLOR)
        o_t = ValueTracker(v["label_o"])

        def sq_at():
            return (o_t.get_value() - 1.0) ** 2

        def cousin_at():
            return -np.log(o_t.get_value())

        def shown_o():
            """The output as its readout shows it: the two prices read from these digits, so
            the readouts' arithmetic holds on the screen (as the table's does)."""
            return float(fmt(o_t.get_value(), O_DIGITS))

        sq_dot = Dot(radius=0.09, color=SQ_COLOR).add_updater(
            lambda m: m.move_to(plot.c2p(o_t.get_value(), sq_at())), call_updater=True)
        cousin_dot = Dot(radius=0.09, color=COUSIN_COLOR).add_updater(
            lambda m: m.move_to(plot.c2p(o_t.get_value(), cousin_at())), call_updater=True)
        side = region("side")

        def readout(name, color, fn):
            number = DecimalNumber(fn(), num_decimal_places=O_DIGITS, font_size=theme.TEX_SIZE[
                theme.BODY_SIZE], color=color)
            number.add_updater(lambda m: m.set_value(fn()))
            return VGroup(label(name, theme.SMALL_SIZE, color), number).arrange(
                DOWN, aligned_edge=LEFT, buff=theme.GAP_SMALL)

        o_read = readout("output o", theme.OUTPUT, shown_o)
        sq_read = readout("e's term (o - l)\u00b2", SQ_COLOR, lambda: (shown_o() - 1.0) ** 2)
        cousin_read = readout("C's term \u2212ln o", COUSIN_COLOR, lambda: -np.log(shown_o()))
        reads = VGroup(o_read, sq_read, cousin_read).arrange(DOWN, aligned_edge=LEFT,
                                                             buff=theme.GAP_LARGE)
        reads.move_to(side.center).align_to([side.left + theme.GAP, 0, 0], LEFT)
        self.play(*fade_out(self, self.counter, self.thumbs), until="measure")
        # "our measure of how wrong": e's term for this row, at the real output
        self.play(FadeIn(plot), Create(sq_curve), FadeIn(o_read), at="measure", until="how")
        self.play(FadeIn(sq_dot, scale=2), FadeIn(sq_read, shift=LEFT * 0.2), at="how",
                  through="wrong;")
        # "what training really makes small is a close cousin of e": drawn, then priced
        self.play(Create(cousin_curve), at="training", until="close")
        self.play(FadeIn(cousin_dot, scale=2), FadeIn(cousin_read, shift=LEFT * 0.2),
                  at="close", through="e,")
        # "punishes confident mistakes": the label's output slides toward zero, a confident
        # wrong answer; the cousin's price climbs far past e's
        mistake = label("confident mistake", theme.SMALL_SIZE, theme.TEXT)
        mistake.next_to(plot.c2p(v["confident_o"], v["confident_cousin"]), RIGHT,
                        buff=theme.GAP_SMALL)
        self.play(o_t.animate.set_value(v["confident_o"]),
                  FadeIn(mistake, rate_func=lambda a: smooth(min(1.0, max(0.0, 3 * a - 2)))),
                  at="punishes", until="much", rate_func=linear)
        self.play(Indicate(cousin_read, color=theme.ACCENT), Indicate(cousin_dot),
                  at="much", through="harder.")
        for m in (sq_dot, cousin_dot, *o_read, *sq_read, *cousin_read):
            m.clear_updaters()
        self.still("cousin")
