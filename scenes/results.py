"""Chapter 9, results: the learning curves as they are drawn, the two accuracies per epoch,
why the epoch figure sits below the running curve, and our figures beside the reference's."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circumscribe,
    Create,
    FadeIn,
    GrowFromEdge,
    Indicate,
    Line,
    Rectangle,
    TransformFromCopy,
    VGroup,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.numbers import TextTable
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, code_listing, fade_out, label
from scenes.values.format import fmt, fmt_int, fmt_pct
from scenes.values.results import DATASET_TITLES, MNIST_COMMANDS

#: Colours of the three measures: the running curve and each epoch's online figure (both
#: counted while training), and the held-out accuracy.
RUNNING, ONLINE, HELD_OUT = theme.NEUTRAL, theme.NEUTRAL, theme.TEXT
#: Length of a 100% bar in the comparison (scene units).
BAR_FULL = 6.0


def x_ticks(total):
    return [(t, fmt_int(t)) for t in nice_ticks(0, total, 4)]


class Results(ChapterScene):
    slug = "results"

    def beat_curves(self):
        """Both running curves drawn from the first image to the last."""
        v = self.values
        every = fmt_int(v["curve_every"])
        self.title_card()
        self.acc = LinePlot((0, v["total_samples"]), (0.0, 1.0), x_ticks(v["total_samples"]),
                            [(t, fmt_pct(t, 0)) for t in nice_ticks(0.0, 1.0, 4)],
                            "images seen", f"accuracy of the last {every} images", 5.4, 3.7)
        self.acc.to_edge(LEFT, buff=SAFE_BUFF).to_edge(DOWN, buff=SAFE_BUFF)
        self.cost = LinePlot((0, v["total_samples"]), (0, v["curve_e_max"]),
                             x_ticks(v["total_samples"]),
                             [(t, fmt(t, 2)) for t in nice_ticks(0, v["curve_e_max"], 3)],
                             "images seen", "", 4.3, 2.0)
        self.cost.to_edge(RIGHT, buff=SAFE_BUFF).align_to(self.acc.axes, DOWN)
        cost_title = VGroup(
            label(f"mean cost e of the last {every} images", theme.SMALL_SIZE, theme.MUTED),
            label(f"{fmt(v['curve_e'][0], 3)} \u2192 {fmt(v['curve_e'][-1], 3)}",
                  theme.BODY_SIZE, theme.TEXT)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        cost_title.next_to(self.cost.axes, UP, buff=0.3).align_to(self.cost.axes, RIGHT)
        self.cost_title = cost_title
        acc_line = self.acc.series(v["curve_seen"], v["curve_acc"], color=RUNNING, stroke_width=2)
        e_line = self.cost.series(v["curve_seen"], v["curve_e"], color=RUNNING, stroke_width=2)
        ends = self.cost.dots([v["curve_seen"][0], v["curve_seen"][-1]],
                              [v["curve_e"][0], v["curve_e"][-1]], color=theme.ACCENT)
        self.play(FadeIn(self.acc), FadeIn(self.cost), FadeIn(cost_title), run_time=theme.REVEAL)
        self.play(Create(acc_line), Create(e_line), run_time=theme.REVEAL * 4)
        self.play(FadeIn(ends), Indicate(cost_title, color=theme.ACCENT), run_time=theme.REVEAL)
        self.acc_line, self.cost_parts = acc_line, VGroup(self.cost, e_line, ends, cost_title)

    def beat_online(self):
        """The per-epoch table's online column; each epoch's figure as a level over its span."""
        v = self.values
        rows = [[fmt_int(ep), f"{fmt_int(n)} / {fmt_int(v['n_train'])}", fmt_pct(tr), fmt_pct(te)]
                for ep, n, tr, te in zip(v["epochs"], v["nr_correct"], v["train_acc"],
                                         v["test_acc"])]
        self.table = TextTable(["epoch", "right / seen", "online", "held-out"], rows,
                               colors=[theme.TEXT, theme.TEXT, ONLINE, HELD_OUT], col_gap=0.35)
        self.table.to_edge(RIGHT, buff=SAFE_BUFF).to_edge(UP, buff=1.35)
        n = len(v["epochs"])
        self.held_cells = VGroup(self.table.head[3], *[self.table.cells[(r, 3)] for r in range(n)])
        shown = VGroup(self.table.head[:3], self.table.rule,
                       *[self.table.cells[(r, c)] for r in range(n) for c in range(3)])
        self.levels = VGroup()
        for e, acc in enumerate(v["train_acc"]):
            start = e * v["n_train"]
            self.levels.add(Line(self.acc.c2p(start, acc), self.acc.c2p(start + v["n_train"], acc))
                            .set_stroke(ONLINE, 5))
        self.play(*fade_out(self, self.cost_parts), FadeIn(shown), run_time=theme.REVEAL)
        self.play(Create(self.levels), run_time=theme.REVEAL * 1.5)
        first = VGroup(self.table.cells[(0, 1)], self.table.cells[(0, 2)])
        self.play(Circumscribe(first, color=theme.ACCENT), Indicate(self.levels[0],
                                                                   color=theme.ACCENT),
                  Circumscribe(self.table.cells[(n - 1, 2)], color=theme.ACCENT),
                  run_time=theme.REVEAL)

    def beat_below(self):
        """Epoch 1: its whole span shaded under the level; the curve's last window beside it."""
        v = self.values
        span = Rectangle(width=abs(self.acc.c2p(v["n_train"], 0)[0] - self.acc.c2p(0, 0)[0]),
                         height=self.acc.axes.height)
        span.set_fill(theme.ACCENT, 0.12).set_stroke(width=0)
        span.move_to(self.acc.axes, aligned_edge=LEFT + DOWN)
        backdrop(span)
        end = self.acc.dots([v["n_train"]], [v["curve_at_epoch_end"][0]], color=theme.ACCENT)
        every = fmt_int(v["curve_every"])
        mean_note = VGroup(
            label(f"epoch {fmt_int(v['epochs'][0])}: {fmt_pct(v['train_acc'][0])}",
                  theme.BODY_SIZE, ONLINE),
            label(f"the mean over all {fmt_int(v['n_train'])} images", theme.SMALL_SIZE,
                  ONLINE)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        end_note = VGroup(
            label(f"curve at its end: {fmt_pct(v['curve_at_epoch_end'][0])}", theme.BODY_SIZE,
                  theme.ACCENT),
            label(f"only the last {every} images", theme.SMALL_SIZE, theme.ACCENT)
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.notes = VGroup(mean_note, end_note).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self.notes.next_to(self.table, DOWN, buff=0.5).to_edge(RIGHT, buff=SAFE_BUFF)
        self.play(FadeIn(span), self.levels[0].animate.set_stroke(theme.ACCENT),
                  FadeIn(mean_note), run_time=theme.REVEAL)
        self.play(FadeIn(end, scale=2), FadeIn(end_note), run_time=theme.REVEAL)
        self.play(Indicate(end, color=theme.ACCENT, scale_factor=2), run_time=theme.REVEAL)
        self.span, self.end_dot = span, end

    def beat_held_out(self):
        """The held-out column and a dot after each epoch."""
        v = self.values
        dots = self.acc.dots(v["epoch_ends"], v["test_acc"], color=HELD_OUT, radius=0.09)
        note = VGroup(label(f"held-out: {fmt_int(v['n_test'])} images", theme.BODY_SIZE,
                            HELD_OUT),
                      label("never trained on", theme.SMALL_SIZE,
                            HELD_OUT)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        note.move_to(self.notes, aligned_edge=UP + LEFT)
        self.play(*fade_out(self, self.notes, self.span, self.end_dot),
                  self.levels[0].animate.set_stroke(ONLINE), run_time=theme.REVEAL / 2)
        self.play(FadeIn(self.held_cells), FadeIn(note),
                  *[TransformFromCopy(self.table.cells[(r, 3)], d) for r, d in enumerate(dots)],
                  run_time=theme.REVEAL * 1.5)
        self.play(Circumscribe(self.table.cells[(len(dots) - 1, 3)], color=theme.ACCENT),
                  run_time=theme.REVEAL)
        self.held_note, self.held_dots = note, dots
        self.still("results")

    def beat_reference(self):
        """Our two final figures as bars beside the reference's quoted one, with the data sizes."""
        v = self.values
        last = len(v["epochs"]) - 1
        ref_text = f"over {fmt_pct(v['reference_accuracy'], 0)} (quoted)"
        title = DATASET_TITLES.get(v["dataset"], v["dataset"])
        rows = [
            (f"reference: {fmt_int(v['reference_n_train'])} MNIST training images",
             v["reference_accuracy"], ref_text, theme.MUTED, None),
            (f"ours: {fmt_int(v['n_train'])} {title} training images, online",
             v["train_acc"][last],
             fmt_pct(v["train_acc"][last]), ONLINE, self.table.cells[(last, 2)]),
            (f"ours: {fmt_int(v['n_test'])} held-out images", v["test_acc"][last],
             fmt_pct(v["test_acc"][last]), HELD_OUT, self.table.cells[(last, 3)]),
        ]
        self.play(*fade_out(self, self.acc, self.acc_line, self.levels, self.held_dots,
                            self.held_note),
                  self.table.animate.to_edge(UP, buff=1.2).to_edge(RIGHT, buff=SAFE_BUFF),
                  run_time=theme.REVEAL)
        x0 = -config_half_width() + SAFE_BUFF
        group, moves = VGroup(), []
        for i, (name, acc, text, color, source) in enumerate(rows):
            y = 0.75 - i * 1.05
            caption = label(name, theme.SMALL_SIZE, color if color != theme.MUTED else theme.TEXT)
            caption.move_to([x0, y + 0.36, 0], aligned_edge=LEFT)
            bar = Rectangle(width=acc * BAR_FULL, height=0.36).move_to([x0, y - 0.05, 0],
                                                                       aligned_edge=LEFT)
            if source is None:
                bar.set_fill(opacity=0).set_stroke(theme.MUTED, 2)
            else:
                bar.set_fill(color, 0.8).set_stroke(width=0)
            value = label(text, theme.BODY_SIZE, theme.TEXT).next_to(bar, RIGHT, buff=0.2)
            group.add(VGroup(caption, bar, value))
            moves.append((bar, value, source))
        self.play(*[FadeIn(g[0]) for g in group],
                  *[GrowFromEdge(b, LEFT) for b, _, _ in moves], run_time=theme.REVEAL)
        self.play(*[TransformFromCopy(s, val) if s is not None else FadeIn(val)
                    for _, val, s in moves], run_time=theme.REVEAL)
        self.play(Indicate(group[0][0], color=theme.ACCENT),
                  Indicate(group[1][0], color=theme.ACCENT), run_time=theme.REVEAL)
        self.compare = group
        self.still("reference")

    def beat_command(self):
        """The commands that record the full MNIST and render the video from it."""
        code = code_listing(MNIST_COMMANDS, language="bash")
        code.to_edge(DOWN, buff=SAFE_BUFF).to_edge(LEFT, buff=SAFE_BUFF)
        self.play(*fade_out(self, self.table), self.compare.animate.shift(UP * 0.6),
                  FadeIn(code, shift=UP * 0.3), run_time=theme.REVEAL)
        self.play(Circumscribe(code.code_lines[1], color=theme.ACCENT), run_time=theme.REVEAL)


def config_half_width():
    from manim import config

    return config.frame_width / 2

