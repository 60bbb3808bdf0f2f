"""Chapter 10, inference: held-out images, the trained network's outputs, guesses and mistakes."""

from manim import DOWN, RIGHT, UP, FadeIn, FadeOut, VGroup, Write

from scenes import theme
from scenes.kit import ChapterScene, OutputBars, PixelGrid, formula, label
from scenes.kit_extra import verdict
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

    def construct(self):
        v = self.values
        names = v["class_names"]
        self.title_card()
        rule = formula(FORMULAS[1], size=theme.FORMULA_SIZE * 0.8).to_corner(UP + RIGHT,
                                                                              buff=0.45)
        self.play(Write(rule), run_time=theme.REVEAL)

        shown = None
        if v["examples"]:
            self.cue("guess")
            shown = panels(v["examples"], names)
            for p in shown:
                self.play(FadeIn(p), run_time=theme.REVEAL)
            self.still("examples")

        if v["mistakes"]:
            self.cue("mistake")
            wrong = panels(v["mistakes"], names)
            if shown is not None:
                self.play(FadeOut(shown), run_time=theme.REVEAL)
            for p in wrong:
                self.play(FadeIn(p), run_time=theme.REVEAL)
            shown = wrong

        self.cue("total")
        total = label(f"all {fmt_int(v['n_test'])} held-out images: {fmt_int(v['n_right'])} right "
                      f"({fmt_pct(v['test_acc'])}), {fmt_int(v['n_mistakes'])} mistakes",
                      theme.BODY_SIZE, theme.ACCENT).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(total), run_time=theme.REVEAL)
        self.still("mistakes" if v["mistakes"] else "total")
        self.wait(theme.HOLD)
