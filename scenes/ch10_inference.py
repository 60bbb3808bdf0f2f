"""Chapter 10, inference: held-out images, the trained network's outputs, guesses and mistakes."""

from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.plots import OutputBars
from scenes.kit.text import formula, label, verdict
from scenes.values.format import fmt, fmt_int, fmt_pct
from scenes.values.inference import FORMULAS

PIXELS_SIDE = 2.0
BARS_WIDTH, BARS_HEIGHT = 3.6, 1.4
#: Space between the image's caption and the top of a full-height bar.
BARS_GAP = 0.35
VALUE_DIGITS = 3


def panel(ex, names):
    """One held-out example: its pixels, its ten outputs as bars, its guess against its label.

    Only the guess's and the label's outputs are written above their bars, so the
    numbers stay readable; the bars carry the other eight.
    """
    grid = PixelGrid(ex["img"], side_length=PIXELS_SIDE)
    note = label(f"held-out image {fmt_int(ex['test_index'])}", theme.TINY_SIZE, theme.MUTED)
    note.next_to(grid, DOWN, buff=0.15)
    bars = OutputBars(ex["o"], names, highlight=ex["guess"], width=BARS_WIDTH,
                      height=BARS_HEIGHT, show_values=False)
    names_top = note.get_bottom()[1] - BARS_HEIGHT - BARS_GAP
    bars.shift(UP * (names_top - bars.names.get_top()[1])
               + RIGHT * (grid.get_center()[0] - bars.get_center()[0]))
    values = VGroup()
    for i, color in ((ex["guess"], theme.BAR_TOP), (ex["label"], theme.GOOD)):
        if i == ex["guess"] and i == ex["label"] and len(values):
            continue
        values.add(label(fmt(ex["o"][i], VALUE_DIGITS), theme.TINY_SIZE, color)
                   .next_to(bars.bars[i], UP, buff=0.06))
    answer = VGroup(label(f"guess {names[ex['guess']]}, label {names[ex['label']]}",
                          theme.SMALL_SIZE), verdict(ex["correct"], theme.SMALL_SIZE))
    answer.arrange(RIGHT, buff=0.2).next_to(bars.names, DOWN, buff=0.2)
    answer.set_x(grid.get_center()[0])
    return VGroup(grid, note, bars, values, answer)


def panels(examples, names):
    row = VGroup(*[panel(ex, names) for ex in examples]).arrange(RIGHT, buff=0.6, aligned_edge=UP)
    return row.next_to(UP * 2.6, DOWN, buff=0.1)


class Inference(ChapterScene):
    slug = "inference"
    #: The panels on screen, if any.
    shown = None
    #: Whether the title card and the argmax rule are up.
    introduced = False

    def intro(self):
        """Title card and argmax rule, at the start of whichever beat comes first.

        The narration has "guess" only when there are examples and "mistake" only when
        there are mistakes, so the first beat depends on the trace.
        """
        if self.introduced:
            return
        self.introduced = True
        self.title_card()
        rule = formula(FORMULAS[1], size=theme.FORMULA_SIZE * 0.8).to_corner(UP + RIGHT,
                                                                              buff=0.45)
        self.play(Write(rule), run_time=theme.REVEAL)

    def beat_guess(self):
        """The first held-out images with their outputs, guesses and labels."""
        v = self.values
        self.intro()
        self.shown = panels(v["examples"], v["class_names"])
        for p in self.shown:
            self.play(FadeIn(p), run_time=theme.REVEAL)
        self.still("examples")

    def beat_mistake(self):
        """The first held-out mistakes replace the examples."""
        v = self.values
        self.intro()
        wrong = panels(v["mistakes"], v["class_names"])
        if self.shown is not None:
            self.play(FadeOut(self.shown), run_time=theme.REVEAL)
        for p in wrong:
            self.play(FadeIn(p), run_time=theme.REVEAL)
        self.shown = wrong

    def beat_total(self):
        """The totals over every held-out image."""
        v = self.values
        self.intro()
        total = label(f"all {fmt_int(v['n_test'])} held-out images: {fmt_int(v['n_right'])} right "
                      f"({fmt_pct(v['test_acc'])}), {fmt_int(v['n_mistakes'])} mistakes",
                      theme.BODY_SIZE, theme.ACCENT).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(total), run_time=theme.REVEAL)
        self.still("mistakes" if v["mistakes"] else "total")
