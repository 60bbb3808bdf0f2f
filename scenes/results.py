"""Chapter 9, results: the learning curves as they are drawn, the two accuracies per epoch
(the online one counted along the curve as the network trains), why the epoch figure sits
below the curve's end, our figures beside the reference's, and which figure to trust.

Every beat's animations follow its sentence's words (``at`` / ``until`` / ``through``); a
spoken number is marked as it is said."""

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
    Integer,
    LaggedStart,
    Line,
    Rectangle,
    ReplacementTransform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    always_redraw,
)

from scenes import theme
from scenes.chapter_scene import SAFE_BUFF, ChapterScene
from scenes.kit.layout import region
from scenes.kit.numbers import TextTable
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, fade_out, label
from scenes.values.format import fmt, fmt_int, fmt_pct
from scenes.values.results import DATASET_TITLES, curve_verbs, why_caption

#: Colours of the three measures: the running curve and each epoch's online figure (both
#: counted while training), and the held-out accuracy.
RUNNING, ONLINE, HELD_OUT = theme.NEUTRAL, theme.NEUTRAL, theme.TEXT
#: Length of a 100% bar in the comparison (scene units).
BAR_FULL = 6.0
#: Numbers that count in a table cell: TeX digits as tall as the cell's text.
COUNT_SIZE = theme.TEX_SIZE[theme.SMALL_SIZE]
#: Opacity of what the narration has set aside (the figures that are not the answer).
DIMMED = 0.3


def x_ticks(total):
    return [(t, fmt_int(t)) for t in nice_ticks(0, total, 4)]


def mark(mob):
    """The "spoken now" mark of :meth:`ChapterScene.light`, to play beside other animations."""
    return Indicate(mob, color=theme.ACCENT, scale_factor=1.15)


class Results(ChapterScene):
    slug = "results"

    def beat_curves(self):
        """Both running curves drawn as the sentence runs: the share right climbs, then the
        mean cost falls, its first and last points marked as they are said."""
        v = self.values
        every = fmt_int(v["curve_every"])
        self.title_card()
        self.acc = LinePlot((0, v["total_samples"]), (0.0, 1.0), x_ticks(v["total_samples"]),
                            [(t, fmt_pct(t, 0)) for t in nice_ticks(0.0, 1.0, 4)],
                            "images seen", f"share right, per {every} images", 5.5, 4.3)
        self.acc.to_edge(LEFT, buff=SAFE_BUFF).to_edge(DOWN, buff=SAFE_BUFF)
        self.cost = LinePlot((0, v["total_samples"]), (0, v["curve_e_max"]),
                             x_ticks(v["total_samples"]),
                             [(t, fmt(t, 2)) for t in nice_ticks(0, v["curve_e_max"], 3)],
                             "images seen", "", 4.3, 2.6)
        self.cost.to_edge(RIGHT, buff=SAFE_BUFF).align_to(self.acc.axes, DOWN)
        first, arrow, final = (label(fmt(v["curve_e"][0], 3), theme.BODY_SIZE, theme.TEXT),
                               label("\u2192", theme.BODY_SIZE, theme.MUTED),
                               label(fmt(v["curve_e"][-1], 3), theme.BODY_SIZE, theme.TEXT))
        cost_title = VGroup(
            label(f"mean cost e, per {every} images", theme.SMALL_SIZE, theme.MUTED),
            VGroup(first, arrow, final).arrange(RIGHT, buff=0.2)
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        cost_title.next_to(self.cost.axes, UP, buff=0.3).align_to(self.cost.axes, RIGHT)
        acc_line = self.acc.series(v["curve_seen"], v["curve_acc"], color=RUNNING, stroke_width=2)
        e_line = self.cost.series(v["curve_seen"], v["curve_e"], color=RUNNING, stroke_width=2)
        start, end = self.cost.dots([v["curve_seen"][0], v["curve_seen"][-1]],
                                    [v["curve_e"][0], v["curve_e"][-1]], color=theme.ACCENT)
        self.play(FadeIn(self.acc), FadeIn(self.cost), FadeIn(cost_title[0]), until=every)
        self.play(mark(self.acc.y_title), mark(cost_title[0]), run_time=theme.LIGHT)
        # a point every 100 images: the share-right curve grows while "climbs" is said
        acc_verb, cost_verb = curve_verbs(v)
        self.play(Create(acc_line), through=acc_verb)
        self.play(Create(e_line), through=cost_verb)
        self.play(FadeIn(first), FadeIn(start, scale=2), at=fmt(v["curve_e"][0], 3),
                  run_time=theme.REVEAL / 2)
        self.play(mark(first), mark(start), run_time=theme.LIGHT / 2)
        self.play(FadeIn(arrow), FadeIn(final), FadeIn(end, scale=2),
                  at=fmt(v["curve_e"][-1], 3), run_time=theme.REVEAL / 2)
        self.play(mark(final), mark(end), run_time=theme.LIGHT / 2)
        self.acc_line, self.cost_parts = acc_line, VGroup(self.cost, e_line, start, end,
                                                          cost_title)

    def beat_online(self):
        """The online accuracy counted along the curve: a cursor sweeps each epoch while the
        row's count of right guesses climbs; then the row's figure and its level over the
        epoch's span."""
        v = self.values
        n, n_train, last = len(v["epochs"]), v["n_train"], len(v["epochs"]) - 1
        rows = [[fmt_int(ep), f"{fmt_int(c)} / {fmt_int(n_train)}", fmt_pct(tr), fmt_pct(te)]
                for ep, c, tr, te in zip(v["epochs"], v["nr_correct"], v["train_acc"],
                                         v["test_acc"])]
        self.table = TextTable(["epoch", "right / seen", "online", "held-out"], rows,
                               colors=[theme.TEXT, theme.TEXT, ONLINE, HELD_OUT], col_gap=0.35)
        self.table.to_edge(RIGHT, buff=SAFE_BUFF).to_edge(UP, buff=1.35)
        cells = self.table.cells
        self.held_cells = VGroup(self.table.head[3], *[cells[(r, 3)] for r in range(n)])
        self.levels = VGroup()
        for e, acc in enumerate(v["train_acc"]):
            start = e * n_train
            self.levels.add(Line(self.acc.c2p(start, acc), self.acc.c2p(start + n_train, acc))
                            .set_stroke(ONLINE, 5))
        online_col = VGroup(self.table.head[2], *[cells[(r, 2)] for r in range(n)])

        # the cursor: images seen so far; the counts step at the recorded curve points
        seen = ValueTracker(0)
        cursor = always_redraw(lambda: Line(self.acc.c2p(seen.get_value(), 0.0),
                                            self.acc.c2p(seen.get_value(), 1.0))
                               .set_stroke(theme.ACCENT, 2))

        def counted(e):
            """Right guesses and images seen in epoch ``e`` at the cursor's last curve point."""
            k = int(seen.get_value() // v["curve_every"]) - 1
            in_epoch = int(seen.get_value() - e * n_train) // v["curve_every"]
            if in_epoch <= 0:
                return 0, 0
            return v["curve_right_so_far"][k], in_epoch * v["curve_every"]

        def counter(e):
            right = Integer(0, font_size=COUNT_SIZE, color=theme.ACCENT)
            of = Integer(0, font_size=COUNT_SIZE, color=theme.TEXT)
            group = VGroup(right, label("/", theme.SMALL_SIZE, theme.MUTED), of)

            def update(g):
                r, s = counted(e)
                g[0].set_value(r)
                g[2].set_value(s)
                g.arrange(RIGHT, buff=0.12).move_to(cells[(e, 1)])
            group.add_updater(update)
            update(group)
            return group

        def sweep_epoch(e, *also, **timing):
            """The cursor crosses epoch ``e`` while row e's count climbs."""
            count = counter(e)
            self.add(count)
            self.play(seen.animate.set_value((e + 1) * n_train), *also, rate_func=lambda t: t,
                      **timing)
            count.clear_updaters()
            return count

        self.play(*fade_out(self, self.cost_parts), FadeIn(self.table.head[:3]),
                  FadeIn(self.table.rule), until="accuracy")
        self.play(mark(self.table.head[2]), run_time=theme.LIGHT)
        self.add(cursor)
        self.play(FadeIn(cells[(0, 0)]), at="counts", run_time=theme.MIN_RUN)
        count = sweep_epoch(0, until=fmt_int(v["nr_correct"][0]))
        self.play(ReplacementTransform(count, cells[(0, 1)]), run_time=theme.LIGHT)
        self.light(cells[(0, 1)], at=fmt_int(n_train))
        self.play(FadeIn(cells[(0, 2)]), Create(self.levels[0]),
                  at=fmt_pct(v["train_acc"][0]), run_time=theme.MIN_RUN)
        self.play(mark(cells[(0, 2)]), run_time=theme.LIGHT)
        # then more in every epoch: the cursor crosses the others, each row counted in turn
        self.wait_for("then")
        total = self.seconds_to(fmt_pct(v["train_acc"][last]))
        settle = theme.MIN_RUN
        share = max(theme.MIN_RUN, (total - settle * max(0, last - 1)) / max(1, last))
        for e in range(1, n):
            count = sweep_epoch(e, FadeIn(cells[(e, 0)]), run_time=share)
            anims = [ReplacementTransform(count, cells[(e, 1)]), FadeIn(cells[(e, 2)]),
                     Create(self.levels[e])]
            if e < last:
                self.play(*anims, run_time=settle)
        if last > 0:
            self.play(*anims, at=fmt_pct(v["train_acc"][last]), run_time=theme.MIN_RUN)
        self.play(mark(cells[(last, 2)]), mark(self.levels[last]), run_time=theme.LIGHT)
        self.play(*fade_out(self, cursor), Circumscribe(online_col, color=theme.ACCENT),
                  at="reference", run_time=theme.REVEAL)

    def beat_below(self):
        """Epoch 1: its whole span shaded under the level as "averages the whole epoch" is
        said, its early low points marked, then the shade shrinks to the curve's last window."""
        v = self.values
        n_train, every = v["n_train"], v["curve_every"]
        x0, x1 = self.acc.c2p(0, 0)[0], self.acc.c2p(n_train, 0)[0]
        span = Rectangle(width=abs(x1 - x0), height=self.acc.axes.height)
        span.set_fill(theme.ACCENT, 0.12).set_stroke(width=0)
        span.move_to(self.acc.axes, aligned_edge=LEFT + DOWN)
        backdrop(span)
        window = Rectangle(width=max(abs(x1 - x0) * every / n_train, 0.05),
                           height=self.acc.axes.height)
        window.set_fill(theme.ACCENT, 0.45).set_stroke(width=0)
        window.move_to(span, aligned_edge=RIGHT)
        backdrop(window)
        # the early mistakes: the curve's points in the first quarter of epoch 1
        early = [(s, a) for s, a in zip(v["curve_seen"], v["curve_acc"]) if s <= n_train // 4]
        early_line = self.acc.series([s for s, _ in early], [a for _, a in early],
                                     color=theme.BAD, stroke_width=4)
        end = self.acc.dots([n_train], [v["curve_at_epoch_end"][0]], color=theme.ACCENT)
        mean_note = VGroup(
            label(f"epoch {fmt_int(v['epochs'][0])}: {fmt_pct(v['train_acc'][0])}",
                  theme.BODY_SIZE, ONLINE),
            label(f"the mean over all {fmt_int(n_train)} images", theme.SMALL_SIZE,
                  ONLINE)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        end_value = label(f"curve at its end: {fmt_pct(v['curve_at_epoch_end'][0])}",
                          theme.BODY_SIZE, theme.ACCENT)
        end_note = VGroup(end_value, label(f"only the last {fmt_int(every)} images",
                                           theme.SMALL_SIZE, theme.ACCENT)
                          ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.notes = VGroup(mean_note, end_note).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        self.notes.next_to(self.table, DOWN, buff=0.5).to_edge(RIGHT, buff=SAFE_BUFF)
        self.play(self.levels[0].animate.set_stroke(theme.ACCENT), FadeIn(end, scale=2),
                  at="sits", run_time=theme.REVEAL)
        self.play(GrowFromEdge(span, LEFT), FadeIn(mean_note), at="averages", through="epoch,")
        self.play(Create(early_line), at="early", through="included,")
        self.play(FadeIn(end_note[0]), at=fmt_pct(v["curve_at_epoch_end"][0]),
                  run_time=theme.MIN_RUN)
        self.play(mark(end_note[0]), mark(end), run_time=theme.LIGHT)
        self.play(TransformFromCopy(span, window), FadeIn(end_note[1]), at="only",
                  through=fmt_int(every))
        self.play(mark(end_note[1]), mark(window), run_time=theme.LIGHT)
        self.span = VGroup(span, window, early_line)
        self.end_dot = end

    def beat_held_out(self):
        """The held-out column: the network is tested after each epoch, a dot on the curve
        and a cell in the table for each test, the first and last marked as said."""
        v = self.values
        n = len(v["epochs"])
        cells = self.table.cells
        dots = self.acc.dots(v["epoch_ends"], v["test_acc"], color=HELD_OUT, radius=0.09)
        count = label(f"held-out: {fmt_int(v['n_test'])} images", theme.BODY_SIZE, HELD_OUT)
        never = label("never trained on", theme.SMALL_SIZE, HELD_OUT)
        note = VGroup(count, never).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        note.move_to(self.notes, aligned_edge=UP + LEFT)
        self.play(*fade_out(self, self.notes, self.span, self.end_dot),
                  self.levels[0].animate.set_stroke(ONLINE), FadeIn(self.table.head[3]),
                  until="held-out")
        self.play(mark(self.table.head[3]), run_time=theme.LIGHT)
        self.play(FadeIn(count), at=fmt_int(v["n_test"]), run_time=theme.MIN_RUN)
        self.play(mark(count), run_time=theme.LIGHT)
        self.play(FadeIn(never, shift=UP * 0.1), at="never", through="on,")
        # after each epoch: one test, one cell and one dot, in turn
        self.wait_for("after")
        share = max(theme.MIN_RUN, self.seconds_to(fmt_pct(v["test_acc"][0])) / n)
        for r in range(n):
            self.play(FadeIn(cells[(r, 3)]), TransformFromCopy(cells[(r, 3)], dots[r]),
                      run_time=share)
        self.play(mark(cells[(0, 3)]), mark(dots[0]), run_time=theme.LIGHT)
        self.play(mark(cells[(n - 1, 3)]), Circumscribe(cells[(n - 1, 3)], color=theme.ACCENT),
                  mark(dots[n - 1]), at=fmt_pct(v["test_acc"][n - 1]), run_time=theme.REVEAL)
        self.held_note, self.held_dots = note, dots
        self.still("results")

    def beat_reference(self):
        """Our two final figures as bars beside the reference's quoted one, each bar growing as
        its figure is said, and one line on screen saying why they differ."""
        v = self.values
        last = len(v["epochs"]) - 1
        ref_pct = fmt_pct(v["reference_accuracy"], 0)
        title = DATASET_TITLES.get(v["dataset"], v["dataset"])
        cells = self.table.cells
        rows = [
            (f"reference: {fmt_int(v['reference_n_train'])} MNIST training images",
             v["reference_accuracy"], f"over {ref_pct} (quoted)", theme.MUTED, None),
            (f"ours: {fmt_int(v['n_train'])} {title} training images, online",
             v["train_acc"][last], fmt_pct(v["train_acc"][last]), ONLINE, cells[(last, 2)]),
            (f"ours: {fmt_int(v['n_test'])} held-out images", v["test_acc"][last],
             fmt_pct(v["test_acc"][last]), HELD_OUT, cells[(last, 3)]),
        ]
        leave = [*fade_out(self, self.acc, self.acc_line, self.levels, self.held_dots,
                           self.held_note),
                 self.table.animate.to_edge(UP, buff=1.2).to_edge(RIGHT, buff=SAFE_BUFF)]

        x0 = region("main").left
        group = VGroup()
        for i, (name, acc, text, color, source) in enumerate(rows):
            y = 0.6 - i * 1.2
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
        why = label(why_caption(v), theme.BODY_SIZE, theme.TEXT)
        why.next_to(group, DOWN, buff=theme.GAP_LARGE).align_to(group, LEFT)
        region("full").fit(why)
        (ref_cap, ref_bar, ref_val), (on_cap, on_bar, on_val), (ho_cap, ho_bar, ho_val) = group

        # each figure arrives as it is said (in the order this trace's sentence says them)
        events = {}

        def event(phrase, *anims):
            events.setdefault(phrase, []).extend(anims)
        event(ref_pct, FadeIn(ref_cap), GrowFromEdge(ref_bar, LEFT), FadeIn(ref_val))
        event(fmt_int(v["reference_n_train"]), mark(ref_cap))
        event(fmt_int(v["n_train"]), FadeIn(on_cap), FadeIn(ho_cap), FadeIn(why))
        event(fmt_pct(v["train_acc"][last]), GrowFromEdge(on_bar, LEFT),
              TransformFromCopy(cells[(last, 2)], on_val), mark(cells[(last, 2)]))
        event(fmt_pct(v["test_acc"][last]), GrowFromEdge(ho_bar, LEFT),
              TransformFromCopy(cells[(last, 3)], ho_val), mark(cells[(last, 3)]))
        said = [p for p in events if self.clock.says(p)]
        if not said:
            said = [ref_pct]
        # a figure this trace's sentence does not say (a run that did not learn, an image
        # folder) arrives with the last one said; a mark of something unsaid is dropped
        for phrase in [p for p in events if p not in said]:
            events[said[-1]] += [a for a in events.pop(phrase)
                                 if not isinstance(a, Indicate)]
        order = sorted(events, key=lambda p: self.clock.find(p, advance=False))
        self.play(*leave, run_time=max(theme.MIN_RUN, self.seconds_to(order[0]) - 0.1))
        for k, phrase in enumerate(order):  # each lasts until the next figure is said
            after = self.seconds_to(order[k + 1]) - self.seconds_to(phrase) if k + 1 < len(
                order) else theme.REVEAL
            self.play(*events[phrase], at=phrase,
                      run_time=min(max(theme.REVEAL, after - 0.1), 2 * theme.REVEAL))
        self.compare, self.why = group, why
        self.still("reference")

    def beat_honest(self):
        """Which figure answers "how good is it?": the three are pointed at in turn, the
        held-out one turns to the accent colour and the other two step back."""
        (ref, online, held) = self.compare
        tag = label("\u2190 never trained on", theme.SMALL_SIZE, theme.ACCENT)
        tag.next_to(held[2], RIGHT, buff=theme.GAP)
        self.play(*fade_out(self, self.why), LaggedStart(*[mark(g[2]) for g in self.compare],
                                                         lag_ratio=0.5), through="figures,")
        self.play(held[1].animate.set_fill(theme.ACCENT, 0.9), held[2].animate.set_color(
            theme.ACCENT), at="held-out", through="answer:")
        self.play(ref.animate.fade(1 - DIMMED), online.animate.fade(1 - DIMMED),
                  self.table.animate.fade(1 - DIMMED), at="only", through="network,")
        self.play(FadeIn(tag, shift=LEFT * 0.2), Circumscribe(held, color=theme.ACCENT),
                  at="images", through="on.")

