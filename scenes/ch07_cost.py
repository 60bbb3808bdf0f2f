"""Chapter 7, the cost: MSE term by term on the first real step, argmax, nr_correct."""

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Transform, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import CountText, VectorColumn
from scenes.kit.plots import OutputBars
from scenes.kit.text import formula, headed, label, verdict
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

    def beat_mse(self):
        """The MSE formula, the first image, and its output o beside the one-hot label l."""
        v = self.values
        names = v["class_names"]
        self.title_card()
        self.mse = formula(FORMULAS[0]).to_edge(UP, buff=1.0)
        img = PixelGrid(v["img"], side_length=2.6)
        img_note = label(f"step {fmt_int(v['step'])}: label {names[v['label']]}",
                         theme.SMALL_SIZE, theme.MUTED).next_to(img, DOWN, buff=0.2)
        self.img_group = VGroup(img, img_note).to_edge(LEFT, buff=0.6).shift(DOWN * 0.6)
        self.o_col = headed(VectorColumn(v["o"], max_shown=v["n_out"], digits=O_DIGITS), "o")
        self.l_col = headed(VectorColumn(v["l"], max_shown=v["n_out"], digits=L_DIGITS), "l")
        self.t_col = headed(VectorColumn(v["terms"], max_shown=v["n_out"], digits=TERM_DIGITS,
                                         color=theme.ACCENT), "(o - l)\u00b2")
        self.cols = VGroup(self.o_col, self.l_col, self.t_col)
        self.cols.arrange(RIGHT, buff=0.5, aligned_edge=UP)
        self.cols.next_to(self.img_group, RIGHT, buff=0.7).shift(DOWN * 0.1)
        self.idx = VGroup(*[label(names[i], theme.TINY_SIZE, theme.MUTED).next_to(
            self.o_col[1].entries[i], LEFT, buff=0.45) for i in range(v["n_out"])])
        self.play(Write(self.mse), FadeIn(self.img_group), run_time=theme.REVEAL)
        self.play(FadeIn(self.o_col), FadeIn(self.idx), FadeIn(self.l_col),
                  run_time=theme.REVEAL)

    def beat_terms(self):
        """The squared differences, their sum, and the cost e."""
        v = self.values
        self.play(FadeIn(self.t_col, shift=LEFT * 0.2), run_time=theme.REVEAL)
        total = label(f"sum = {fmt(v['terms_sum'], TERM_DIGITS)}", theme.BODY_SIZE)
        e_line = label(f"e = {fmt(v['terms_sum'], TERM_DIGITS)} / {fmt_int(v['n_out'])} "
                       f"= {fmt(v['e'], TERM_DIGITS)}", theme.BODY_SIZE, theme.ACCENT)
        self.result = VGroup(total, e_line).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self.result.next_to(self.cols, RIGHT, buff=0.7)
        self.play(FadeIn(total), run_time=theme.REVEAL)
        self.play(FadeIn(e_line), run_time=theme.REVEAL)
        self.still("mse_terms")

    def beat_argmax(self):
        """The argmax formula and output bars: the guess against the label, right or wrong."""
        v = self.values
        names = v["class_names"]
        self.play(FadeOut(self.mse), FadeOut(self.t_col), FadeOut(self.l_col),
                  FadeOut(self.result), run_time=theme.REVEAL)
        self.argmax = formula(FORMULAS[1]).to_edge(UP, buff=1.0)
        self.bars = OutputBars(v["o"], names, highlight=v["guess"], width=6.4, height=2.4)
        self.bars.next_to(self.o_col, RIGHT, buff=0.6).align_to(self.o_col, DOWN)
        self.answer = VGroup(label(f"guess {names[v['guess']]}, label {names[v['label']]}",
                                   theme.BODY_SIZE), verdict(v["correct"]))
        self.answer.arrange(RIGHT, buff=0.25)
        self.answer.next_to(self.bars, UP, buff=0.4)
        self.play(Write(self.argmax), FadeIn(self.bars), run_time=theme.REVEAL)
        self.play(FadeIn(self.answer), run_time=theme.REVEAL)

    def beat_counter(self):
        """nr_correct counting while training, ending at the first epoch's accuracy."""
        v = self.values
        self.play(FadeOut(self.argmax), FadeOut(self.bars), FadeOut(self.answer),
                  FadeOut(self.o_col), FadeOut(self.idx), FadeOut(self.img_group),
                  run_time=theme.REVEAL)
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
