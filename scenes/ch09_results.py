"""Chapter 9, results: accuracy per epoch (online training vs held-out) and learning curves."""

from manim import DOWN, RIGHT, UP, Create, FadeIn, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.numbers import TextTable
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import formula
from scenes.values.format import fmt, fmt_int, fmt_pct
from scenes.values.results import FORMULAS

PLOT_WIDTH, PLOT_HEIGHT = 5.6, 2.4
#: Accuracies are fractions: the plot spans all of them.
ACC_RANGE = (0.0, 1.0)


def accuracy_rows(v):
    """One row per epoch: epoch, nr_correct / n_train, online training and held-out accuracy."""
    return [[fmt_int(ep), f"{fmt_int(n)} / {fmt_int(v['n_train'])}", fmt_pct(tr), fmt_pct(te)]
            for ep, n, tr, te in zip(v["epochs"], v["nr_correct"], v["train_acc"],
                                     v["test_acc"])]


def x_ticks(total):
    return [(t, fmt_int(t)) for t in nice_ticks(0, total, 4)]


class Results(ChapterScene):
    slug = "results"

    def beat_train_acc(self):
        """The per-epoch table without the held-out column, and the online accuracy dots."""
        v = self.values
        self.title_card()
        table = TextTable(["epoch", "nr_correct / n_train", "online training accuracy",
                           "held-out accuracy"], accuracy_rows(v),
                          colors=[theme.TEXT, theme.TEXT, theme.CURVE, theme.ACCENT])
        table.to_edge(UP, buff=1.1)
        held_out = VGroup(table.head[3], *[table.cells[(r, 3)] for r in range(len(v["epochs"]))])
        acc = LinePlot((0, v["total_samples"]), ACC_RANGE, x_ticks(v["total_samples"]),
                       [(t, fmt_pct(t, 0)) for t in nice_ticks(*ACC_RANGE, 4)],
                       "images seen", "", PLOT_WIDTH, PLOT_HEIGHT)
        cost = LinePlot((0, v["total_samples"]), (0, v["curve_e_max"]),
                        x_ticks(v["total_samples"]),
                        [(t, fmt(t, 2)) for t in nice_ticks(0, v["curve_e_max"], 3)],
                        "images seen", "mean cost e", PLOT_WIDTH, PLOT_HEIGHT)
        VGroup(acc, cost).arrange(RIGHT, buff=1.2, aligned_edge=DOWN).to_edge(DOWN, buff=0.35)
        rule = formula(FORMULAS[0], size=theme.FORMULA_SIZE * 0.65)
        rule.next_to(table, DOWN, buff=0.25)
        self.play(FadeIn(VGroup(*[m for m in table.family_members_with_points()
                                  if m not in held_out.family_members_with_points()])),
                  Write(rule), run_time=theme.REVEAL)
        ends = VGroup(*[acc.vline(x, f"epoch {fmt_int(ep)}") for x, ep in
                        zip(v["epoch_ends"], v["epochs"])])
        train_dots = acc.dots(v["epoch_ends"], v["train_acc"], color=theme.CURVE)
        self.play(FadeIn(acc), FadeIn(ends), FadeIn(train_dots), run_time=theme.REVEAL)
        self.held_out, self.acc, self.cost, self.rule = held_out, acc, cost, rule
        self.train_dots = train_dots

    def beat_test_acc(self):
        """The held-out column and dots; the formula switches to held-out accuracy."""
        v = self.values
        rule2 = formula(FORMULAS[1], size=theme.FORMULA_SIZE * 0.65).move_to(self.rule)
        self.test_dots = self.acc.dots(v["epoch_ends"], v["test_acc"], color=theme.ACCENT)
        self.play(FadeIn(self.held_out), FadeIn(self.test_dots),
                  self.rule.animate.set_opacity(0), Write(rule2), run_time=theme.REVEAL)

    def beat_curves(self):
        """The running accuracy and mean-cost curves with their legends."""
        v = self.values
        every = fmt_int(v["curve_every"])
        acc_line = self.acc.series(v["curve_seen"], v["curve_acc"], color=theme.CURVE)
        e_line = self.cost.series(v["curve_seen"], v["curve_e"], color=theme.NEGATIVE)
        legend = self.acc.legend([(f"online, per {every} images", theme.CURVE),
                                  ("held-out, after each epoch", theme.ACCENT)],
                                 corner=DOWN + RIGHT)
        e_legend = self.cost.legend([(f"mean e, per {every} images", theme.NEGATIVE)])
        self.play(FadeIn(self.cost), FadeIn(legend), FadeIn(e_legend), run_time=theme.REVEAL)
        self.play(Create(acc_line), Create(e_line), run_time=theme.REVEAL * 3)
        self.bring_to_front(self.train_dots, self.test_dots)
        self.still("results")
