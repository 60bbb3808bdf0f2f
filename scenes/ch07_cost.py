"""Chapter 7, the cost: MSE term by term on the first real step, argmax, nr_correct."""

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Transform, VGroup, Write

from scenes import theme
from scenes.kit import ChapterScene, OutputBars, PixelGrid, VectorColumn, formula, label
from scenes.kit_extra import CountText, headed, verdict
from scenes.values.cost import FORMULAS
from scenes.values.format import fmt, fmt_int, fmt_pct

#: Digits shown for outputs, labels and squared terms.
O_DIGITS, L_DIGITS, TERM_DIGITS = 3, 0, 4
#: How many window checkpoints the counter visits after the per-image phase.
COUNTER_WINDOWS = 16


def counter_path(counter, n_per_image, n_windows=COUNTER_WINDOWS):
    """The checkpoints the counter animates through: every per-image one, then evenly spread."""
    head, tail = counter[:n_per_image], counter[n_per_image:]
    if len(tail) > n_windows:
        step = len(tail) / n_windows
        tail = [tail[round((i + 1) * step) - 1] for i in range(n_windows)]
    return head + tail


class Cost(ChapterScene):
    slug = "cost"

    def construct(self):
        v = self.values
        names = v["class_names"]
        self.title_card()

        self.cue("mse")
        mse = formula(FORMULAS[0]).to_edge(UP, buff=1.0)
        img = PixelGrid(v["img"], side_length=2.6)
        img_note = label(f"step {fmt_int(v['step'])}: label {names[v['label']]}",
                         theme.SMALL_SIZE, theme.MUTED).next_to(img, DOWN, buff=0.2)
        img_group = VGroup(img, img_note).to_edge(LEFT, buff=0.6).shift(DOWN * 0.6)
        o_col = headed(VectorColumn(v["o"], max_shown=v["n_out"], digits=O_DIGITS), "o")
        l_col = headed(VectorColumn(v["l"], max_shown=v["n_out"], digits=L_DIGITS), "l")
        t_col = headed(VectorColumn(v["terms"], max_shown=v["n_out"], digits=TERM_DIGITS,
                                    color=theme.ACCENT), "(o - l)\u00b2")
        cols = VGroup(o_col, l_col, t_col).arrange(RIGHT, buff=0.5, aligned_edge=UP)
        cols.next_to(img_group, RIGHT, buff=0.7).shift(DOWN * 0.1)
        idx = VGroup(*[label(names[i], theme.TINY_SIZE, theme.MUTED).next_to(
            o_col[1].entries[i], LEFT, buff=0.45) for i in range(v["n_out"])])
        self.play(Write(mse), FadeIn(img_group), run_time=theme.REVEAL)
        self.play(FadeIn(o_col), FadeIn(idx), FadeIn(l_col), run_time=theme.REVEAL)

        self.cue("terms")
        self.play(FadeIn(t_col, shift=LEFT * 0.2), run_time=theme.REVEAL)
        total = label(f"sum = {fmt(v['terms_sum'], TERM_DIGITS)}", theme.BODY_SIZE)
        e_line = label(f"e = {fmt(v['terms_sum'], TERM_DIGITS)} / {fmt_int(v['n_out'])} "
                       f"= {fmt(v['e'], TERM_DIGITS)}", theme.BODY_SIZE, theme.ACCENT)
        result = VGroup(total, e_line).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        result.next_to(cols, RIGHT, buff=0.7)
        self.play(FadeIn(total), run_time=theme.REVEAL)
        self.play(FadeIn(e_line), run_time=theme.REVEAL)
        self.still("mse_terms")

        self.cue("argmax")
        self.play(FadeOut(mse), FadeOut(t_col), FadeOut(l_col), FadeOut(result),
                  run_time=theme.REVEAL)
        argmax = formula(FORMULAS[1]).to_edge(UP, buff=1.0)
        bars = OutputBars(v["o"], names, highlight=v["guess"], width=6.4, height=2.4)
        bars.next_to(o_col, RIGHT, buff=0.6).align_to(o_col, DOWN)
        answer = VGroup(label(f"guess {names[v['guess']]}, label {names[v['label']]}",
                              theme.BODY_SIZE), verdict(v["correct"])).arrange(RIGHT, buff=0.25)
        answer.next_to(bars, UP, buff=0.4)
        self.play(Write(argmax), FadeIn(bars), run_time=theme.REVEAL)
        self.play(FadeIn(answer), run_time=theme.REVEAL)

        self.cue("counter")
        self.play(FadeOut(argmax), FadeOut(bars), FadeOut(answer), FadeOut(o_col), FadeOut(idx),
                  FadeOut(img_group), run_time=theme.REVEAL)
        rule = formula(FORMULAS[2]).to_edge(UP, buff=1.0)
        counter = CountText(0, 0, f"nr_correct / images seen in epoch "
                            f"{fmt_int(v['counter_epoch'])}, counted while training")
        counter.move_to(UP * 0.3)
        self.play(Write(rule), FadeIn(counter), run_time=theme.REVEAL)
        path = counter_path(v["counter"], v["n_per_image"])
        for i, (seen, right) in enumerate(path):
            slow = i < v["n_per_image"]
            self.play(Transform(counter.numbers, counter.at(right, seen)),
                      run_time=theme.REVEAL / 2 if slow else theme.REVEAL / 4)
        acc = label(f"online training accuracy, epoch {fmt_int(v['counter_epoch'])}: "
                    f"{fmt_int(v['nr_correct_first_epoch'])} / "
                    f"{fmt_int(v['n_train'])} = {fmt_pct(v['train_acc_first_epoch'])}",
                    theme.BODY_SIZE, theme.ACCENT).next_to(counter, DOWN, buff=0.6)
        self.play(FadeIn(acc), run_time=theme.REVEAL)
        self.still("counter")
        self.wait(theme.HOLD)
