"""The optimizers chapter: how better optimizers turn slopes into steps, and do they help?

First, real steps in a real valley: two weights into one output (the downhill chapter's and
one more, picked by a rule in :mod:`scenes.values.optimizers`), the mean cost of the data
chapter's images shaded (dark low), its axes named as "two weights" is said, the image count
lit as said, its level lines drawn as "valley" is said; the three optimizers are named in the
side panel as "three optimizers" is said and their shared start flashes as "start" is said.
Then each takes its steps, one sentence each, every step drawn as a segment and a dot while
the sentence says what the rule does, its cost counting down beside its name: SGD zig-zags
across the valley and crawls, momentum overshoots and rolls on along it, Adam's first step is
as big along both weights; each end cost is lit as it is said.

Then the whole network: the landscape gives way to the five recorded runs as rows (name,
learning rate, one plain line for what each does) under the network they all train, drawn
from the trace (its layer sizes in boxes, the hidden and output kinds lit as said, its cost);
"same start, same images, same order" is written as said, then the rates and how they were
chosen. Adagrad's and RMSProp's lines arrive as they are explained; their held-out accuracies
slide along an axis to where they landed; each score's band of its chance wobble opens out as
that wobble is said, and is named (two standard errors) only after. Last, the gap rule: the
best score's line runs down every row, and on every row a zone grows left from it, as wide as
that run's gap from the best may be by chance (two standard errors of the gap); runs inside
their zone are marked a tie, runs behind step back, the part of their gap past the zone drawn.
Without the runs the chapter says so.

Every number is the trace's, through :mod:`scenes.values.optimizers`; every beat lays its
animations along its sentence's words.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    GrowFromCenter,
    GrowFromEdge,
    LaggedStart,
    Line,
    Rectangle,
    ShowPassingFlash,
    SurroundingRectangle,
    VGroup,
    VMobject,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene, mark
from scenes.downhill import shade_cells, ticks
from scenes.kit.layout import region
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, fitted_label, label
from scenes.values.downhill import COST_DIGITS
from scenes.values.format import fmt_pct

RUN_COLORS = theme.RUN_COLORS
#: What each optimizer does, in the words its sentence uses, as one short line on screen.
PLAIN = {"sgd": "straight down the slope", "momentum": "keeps part of its last step",
         "adagrad": "own size: all past slopes", "rmsprop": "own size: recent slopes",
         "adam": "own step size per weight"}
#: The phrase each slice sentence starts its rule on, and the one its steps run until.
RULE_AT = {"sgd": "steps straight", "momentum": "keeps", "adam": "gives"}


def run_color(name):
    """One colour per optimizer, the same on the slice and in the race."""
    order = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
    return RUN_COLORS[order.index(name) % len(RUN_COLORS)] if name in order else theme.TEXT


class Optimizers(ChapterScene):
    slug = "optimizers"

    # --- the slice: real steps on the downhill chapter's landscape ----------------------------

    def beat_question(self):
        """The valley appears (its shading, then its lines of equal cost as "valley" is said),
        its two weights named on the axes and the images counted as said; the three optimizers
        are named in the side panel; their shared start flashes as "start" is said."""
        s = self.values["slice"]
        names = s["class_names"]
        main, side = region("main"), region("side")
        (a0, a1), (b0, b1) = s["box"]
        size = main.height - 0.6
        into = names[s["r"]]
        plot = LinePlot((a0, a1), (b0, b1), ticks(a0, a1, 4, 1), ticks(b0, b1, 4, 1),
                        f"weight: hidden {s['c']} \u2192 {into}", "", size, size)
        plot.x_title.next_to(plot.axes, DOWN, buff=0.4)
        plot.move_to(main.center).shift(RIGHT * 0.35 + DOWN * 0.2)
        up_name = fitted_label(f"weight: hidden {s['c2']} \u2192 {into}", size,
                               theme.SMALL_SIZE, theme.MUTED).rotate(np.pi / 2)
        up_name.next_to(plot.tick_labels, LEFT, buff=0.15).set_y(plot.axes.get_center()[1])
        corner, top = plot.c2p(a0, b0), plot.c2p(a1, b1)
        shade = shade_cells(s["shade"], s["shade_lo"], s["shade_hi"], top[0] - corner[0],
                            top[1] - corner[1]).move_to((corner + top) / 2)
        lines = VGroup()
        for pieces in s["contours"]:
            for piece in pieces:
                line = VMobject().set_points_as_corners(np.array([plot.c2p(x, y)
                                                                  for x, y in piece]))
                lines.add(line.set_stroke(theme.TEXT, 1.5, opacity=0.45))
        head = VGroup(label("optimizer:", theme.SMALL_SIZE, theme.ACCENT),
                      fitted_label("slopes \u2192 a step", side.width, theme.SMALL_SIZE,
                                   theme.TEXT)).arrange(RIGHT, buff=0.15)
        head.move_to([side.left, side.top - 0.2, 0], aligned_edge=LEFT + UP)
        sym = s["cost_symbol"]
        images = VGroup(label(f"cost {sym}: mean of", theme.SMALL_SIZE, theme.MUTED),
                        label(f"{s['n_images_text']} images", theme.SMALL_SIZE, theme.TEXT))
        images.arrange(RIGHT, buff=0.15).next_to(head, DOWN, buff=theme.GAP)
        images.align_to(head, LEFT)
        start_read = VGroup(label(f"start: cost {sym}", theme.SMALL_SIZE, theme.MUTED),
                            label(s["cost0_text"], theme.SMALL_SIZE, theme.TEXT))
        start_read.arrange(RIGHT, buff=0.15).next_to(images, DOWN, buff=0.12)
        start_read.align_to(head, LEFT)
        rows = VGroup()
        for w in s["walks"]:
            color = run_color(w["name"])
            name = label(w["title"], theme.BODY_SIZE, color)
            rate = label(f"rate {w['rate_text']}", theme.TINY_SIZE, theme.MUTED)
            plain = fitted_label(PLAIN[w["name"]], side.width, theme.SMALL_SIZE, theme.TEXT)
            cost = DecimalNumber(s["cost0"], num_decimal_places=COST_DIGITS, color=theme.TEXT,
                                 font_size=theme.TEX_SIZE[theme.SMALL_SIZE])
            cost_name = label(f"cost {sym}", theme.SMALL_SIZE, theme.MUTED)
            swatch = Dot(radius=0.09, color=color)
            top_line = VGroup(swatch, name, rate).arrange(RIGHT, buff=0.2)
            rate.align_to(name, DOWN)
            cost_line = VGroup(cost_name, cost).arrange(RIGHT, buff=0.15)
            row = VGroup(top_line, plain, cost_line).arrange(DOWN, aligned_edge=LEFT,
                                                             buff=0.1)
            row.swatch, row.name_, row.rate = swatch, name, rate
            row.plain, row.cost, row.cost_line = plain, cost, cost_line
            rows.add(row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=theme.GAP)
        rows.next_to(start_read, DOWN, buff=theme.GAP_LARGE).align_to(head, LEFT)
        start = Dot(plot.c2p(*s["start"]), radius=0.11, color=theme.ACCENT).set_z_index(3)
        self.card = self.title_card(FadeIn(plot), FadeIn(shade), until="two weights")
        self.play(FadeIn(up_name), mark(plot.x_title, 1.05), at="two weights",
                  until="the cost")
        self.play(FadeIn(images, shift=LEFT * 0.2), at="the cost", until=s["n_images_text"])
        self.light(images[1], at=s["n_images_text"])
        self.play(LaggedStart(*[Create(m) for m in lines], lag_ratio=0.3),
                  at="forms", through="valley;")
        # the names arrive with their own sentences (each is taught there): colours first
        self.play(LaggedStart(*[FadeIn(r.swatch, scale=2) for r in rows], lag_ratio=0.3),
                  at="three", through="optimizers,")
        self.play(FadeIn(head, shift=LEFT * 0.2), at="rules", through="steps,")
        self.play(*[FadeIn(r.cost_line) for r in rows], FadeIn(start_read),
                  at="take", until="start")
        self.play(FadeIn(start, scale=2), Flash(start, color=theme.ACCENT), at="start",
                  run_time=theme.REVEAL)
        self.plot, self.rows, self.start_dot, self.start_read = plot, rows, start, start_read
        self.panel = None

    def walk(self, k, cost_phrase):
        """Optimizer ``k`` of the slice: its name and rule marked as said, then its steps one
        by one (a segment and a dot each, its cost counting down), until ``cost_phrase``."""
        s = self.values["slice"]
        w = s["walks"][k]
        row = self.rows[k]
        color = run_color(w["name"])
        path, costs = np.array(w["path"]), w["cost"]
        # the row being spoken about: a panel moves onto it
        panel = SurroundingRectangle(row, buff=0.1).set_stroke(width=0).set_fill(color, 0.14)
        backdrop(panel)
        moves = ([FadeIn(panel)] if self.panel is None
                 else [self.panel.animate.become(panel)])
        self.play(FadeIn(row.name_, shift=LEFT * 0.2), FadeIn(row.rate), mark(row.swatch, 1.6),
                  *moves, at=w["title"], run_time=theme.REVEAL)
        if self.panel is None:
            self.panel = panel
        self.play(FadeIn(row.plain, shift=LEFT * 0.2), at=RULE_AT[w["name"]],
                  run_time=theme.REVEAL)
        pts = [self.plot.c2p(*p) for p in path]
        trail = VGroup()
        ball = Dot(pts[0], radius=0.14, color=color).set_z_index(2)
        self.add(ball)

        kept = []  # momentum: the part of its last step it keeps, drawn under each new step
        beta = self.values["slice"]["momentum"]

        def step(t):
            def anims():
                seg = Line(pts[t], pts[t + 1]).set_stroke(color, 5).set_z_index(1)
                dot = Dot(pts[t + 1], radius=0.07, color=color).set_z_index(1)
                trail.add(seg, dot)
                extra = [FadeOut(m) for m in kept]
                kept.clear()
                if w["name"] == "momentum" and t > 0:
                    ghost = Line(pts[t], pts[t] + beta * (pts[t] - pts[t - 1]))
                    ghost.set_stroke(theme.TEXT, 14, opacity=0.35)
                    kept.append(ghost)
                    extra.append(FadeIn(ghost))
                return [Create(seg), FadeIn(dot), ball.animate.move_to(pts[t + 1]),
                        ChangeDecimalToValue(row.cost, costs[t + 1]), *extra]
            return anims

        self.play_steps([step(t) for t in range(len(pts) - 1)], until=cost_phrase)
        if kept:
            self.play(FadeOut(kept[0]), run_time=theme.MIN_RUN)
        self.add(self.start_dot, ball)  # the shared start and the ball on top of every path
        # "the cost falls": a flash runs along the whole walk, the ball pulsing at its end
        flash = VMobject().set_points_as_corners(np.array(pts)).set_stroke(theme.ACCENT, 9)
        self.play(ShowPassingFlash(flash, time_width=0.6), mark(ball, 1.6), at=cost_phrase,
                  through="falls")
        return trail

    def beat_sgd(self):
        """SGD's name and rule as they are said, then its steps, shrinking as they go; its
        last cost lit as said."""
        s = self.values["slice"]
        self.trail_sgd = self.walk(0, "the cost")
        self.light(self.rows[0].cost, at=s["walks"][0]["cost_end_text"])

    def beat_momentum(self):
        """Momentum's rule as it is said, then its steps, growing as it rolls on; its cost lit."""
        s = self.values["slice"]
        self.walk(1, "the cost")
        self.light(self.rows[1].cost, at=s["walks"][1]["cost_end_text"])

    def beat_adam(self):
        """Adam's rule as it is said, then its steps; its cost lit."""
        s = self.values["slice"]
        self.walk(2, "the cost")
        self.light(self.rows[2].cost, at=s["walks"][2]["cost_end_text"])
        self.still("slice")

    # --- without the comparison runs ---------------------------------------------------------

    def beat_missing(self):
        """Without comparison runs in the trace: say what is not shown, invent no number."""
        self.say_runs_missing()

    # --- the whole network: five recorded runs ---------------------------------------------

    def beat_race(self):
        """The landscape gives way to five rows, one per run, named as "five optimizers" is
        said, with the plain lines of the three already seen; the learning-rate column and how
        it was chosen as "learning rate" is said."""
        r = self.values["race"]
        runs = r["runs"]
        accs = [x["acc"] for x in runs]
        wob = r["wobble"]
        lo, hi = min(accs) - 1.5 * wob, max(accs) + 1.5 * wob
        tick_vals = nice_ticks(lo, hi, 4)
        lo, hi = min(lo, tick_vals[0]), max(hi, tick_vals[-1])
        area = region("full")
        top, gap = area.top - 1.35, 0.64
        x_name = area.left
        x_rate = x_name + max(label(x["title"], theme.BODY_SIZE).width for x in runs) + theme.GAP
        x_plain = x_rate + max(label("rate", theme.SMALL_SIZE).width,
                               *[label(x["rate_text"], theme.SMALL_SIZE).width
                                 for x in runs]) + theme.GAP_LARGE
        left = x_plain + max(label(t, theme.SMALL_SIZE).width
                             for t in PLAIN.values()) + theme.GAP_LARGE
        value_w = max(label(x["acc_text"], theme.SMALL_SIZE).width for x in runs)
        width = area.right - left - value_w - theme.GAP

        def x_of(a):
            return left + (a - lo) / (hi - lo) * width

        names, rates, plains, dots, values = (VGroup() for _ in range(5))
        for i, x in enumerate(runs):
            y = top - i * gap
            color = run_color(x["name"])
            names.add(label(x["title"], theme.BODY_SIZE, color)
                      .move_to([x_name, y, 0], aligned_edge=LEFT))
            rates.add(label(x["rate_text"], theme.SMALL_SIZE, theme.TEXT)
                      .move_to([x_rate, y, 0], aligned_edge=LEFT))
            plains.add(label(PLAIN.get(x["name"], ""), theme.SMALL_SIZE, theme.TEXT)
                       .move_to([x_plain, y, 0], aligned_edge=LEFT))
            dots.add(Dot([x_of(x["acc"]), y, 0], radius=0.1, color=color))
            values.add(label(x["acc_text"], theme.SMALL_SIZE, color)
                       .move_to([x_of(hi) + theme.GAP, y, 0], aligned_edge=LEFT))
        header_y = top + gap * 0.75
        headers = VGroup(*[label(t, theme.SMALL_SIZE, theme.MUTED).move_to(
            [x, header_y, 0], aligned_edge=LEFT) for t, x in (
            ("optimizer", x_name), ("rate", x_rate), ("each step", x_plain))])
        chosen = ("rates: best on training images set aside" if r["rate_rule"]
                  else "rates: each optimizer's usual one")
        # the network all five train, in the activations chapter's words, from the trace
        nw = r["net_words"]
        layers = VGroup(*[label(t, theme.SMALL_SIZE, theme.TEXT) for t in nw["layers"]])
        boxes = VGroup(*[SurroundingRectangle(t, buff=0.1).set_stroke(theme.MUTED, 1.5)
                         for t in layers])
        net = VGroup()
        for i, (t, b) in enumerate(zip(layers, boxes)):
            if i:
                net.add(label("\u2192", theme.SMALL_SIZE, theme.MUTED))
            net.add(VGroup(b, t))
        net.add(label(nw["cost_text"], theme.SMALL_SIZE, theme.TEXT))
        net.arrange(RIGHT, buff=0.2)
        net.move_to([area.left, area.top - 0.3, 0], aligned_edge=LEFT)
        dot_ = "\u00b7"
        same = VGroup(label("same start", theme.SMALL_SIZE, theme.ACCENT),
                      label(dot_, theme.SMALL_SIZE, theme.MUTED),
                      label("same images", theme.SMALL_SIZE, theme.ACCENT),
                      label(dot_, theme.SMALL_SIZE, theme.MUTED),
                      label("same order", theme.SMALL_SIZE, theme.ACCENT)).arrange(RIGHT,
                                                                                  buff=0.15)
        same.move_to([area.right, top + gap * 0.75, 0], aligned_edge=RIGHT)
        axis_y = top - (len(runs) - 1) * gap - gap * 0.6
        axis = Line([x_of(lo), axis_y, 0], [x_of(hi), axis_y, 0]).set_stroke(theme.MUTED, 1.5)
        digits = 0 if all(abs(100 * t - round(100 * t)) < 1e-9 for t in tick_vals) else 1
        shown = [t for t in tick_vals if lo <= t <= hi]
        widest = max(label(fmt_pct(t, digits), theme.TINY_SIZE).width for t in shown)
        while len(shown) > 2 and x_of(shown[1]) - x_of(shown[0]) < widest + theme.GAP:
            shown = shown[::2]  # every other tick, until the labels stand apart
        tick_labels = VGroup(*[label(fmt_pct(t, digits), theme.TINY_SIZE, theme.MUTED)
                               .next_to([x_of(t), axis_y, 0], DOWN, buff=0.12) for t in shown])
        note = label(chosen, theme.SMALL_SIZE, theme.MUTED)
        note.next_to(tick_labels, DOWN, buff=theme.GAP).align_to([area.left, 0, 0], LEFT)
        seen = [i for i, x in enumerate(runs) if x["name"] in ("sgd", "momentum", "adam")]
        self.play(*self.leave(), until="Five")
        self.play(LaggedStart(*[FadeIn(m, shift=RIGHT * 0.2) for m in names], lag_ratio=0.2),
                  FadeIn(headers[0]), at="Five", through="optimizers")
        self.play(LaggedStart(*[FadeIn(plains[i], shift=RIGHT * 0.2) for i in seen],
                              lag_ratio=0.2), FadeIn(headers[2]),
                  *[mark(names[i]) for i in seen], at="trained", until="network")
        parts = [m for m in net]
        self.play(LaggedStart(*[FadeIn(m, shift=RIGHT * 0.2) for m in parts[:-1]],
                              lag_ratio=0.3), at="network", until=nw["hidden"])
        self.light(layers[1], at=nw["hidden"])
        self.light(layers[2], at=nw["output"])
        self.play(FadeIn(parts[-1], shift=RIGHT * 0.2), at=nw["cost"], through="cost.")
        self.race = {"names": names, "rates": rates, "plains": plains, "dots": dots,
                     "values": values, "x_of": x_of, "top": top, "gap": gap, "axis": axis,
                     "ticks": tick_labels, "note": note, "lo": lo, "hi": hi, "net": net,
                     "same": same, "headers": headers}

    def beat_same(self):
        """The fair race: "same start, same images, same order" written as said, the network's
        boxes marked; the learning-rate column and how it was chosen as "learning rate" is
        said."""
        race = self.race
        rates, note, same = race["rates"], race["note"], race["same"]
        # one line, each piece written as the sentence names it
        self.play(FadeIn(same[0], shift=LEFT * 0.2), mark(race["net"], 1.03),
                  at="same weights", until="same images")
        self.play(FadeIn(same[1:3], shift=LEFT * 0.2), at="same images", until="same order")
        self.play(FadeIn(same[3:], shift=LEFT * 0.2), at="same order", until="each at")
        self.play(FadeIn(rates), FadeIn(race["headers"][1]), at="each at",
                  until="learning rate")
        band = SurroundingRectangle(rates, color=theme.ACCENT, buff=0.12)
        backdrop(band.set_stroke(width=0).set_fill(theme.ACCENT, 0.18))
        self.play(FadeIn(band), FadeIn(note, shift=UP * 0.1),
                  LaggedStart(*[mark(t) for t in rates], lag_ratio=0.15),
                  at="learning rate", run_time=max(theme.REVEAL, self.seconds_left() - 0.2))
        self.play(FadeOut(band), run_time=theme.MIN_RUN)

    def beat_adaptive(self):
        """Adagrad's and RMSProp's lines arrive as each is explained; Adam's own step size,
        which they share, lit as "size each weight's step too" is said."""
        race, runs = self.race, self.values["race"]["runs"]
        idx = {x["name"]: i for i, x in enumerate(runs)}
        self.play(*[mark(race["names"][idx[n]]) for n in ("adagrad", "rmsprop") if n in idx],
                  until="size")
        if "adam" in idx:
            self.play(mark(race["plains"][idx["adam"]], 1.08), at="size", through="too:")
        if "adagrad" in idx:
            i = idx["adagrad"]
            self.play(FadeIn(race["plains"][i], shift=RIGHT * 0.2), mark(race["names"][i]),
                      at="Adagrad from", until="RMSProp")
        if "rmsprop" in idx:
            i = idx["rmsprop"]
            self.play(FadeIn(race["plains"][i], shift=RIGHT * 0.2), mark(race["names"][i]),
                      at="RMSProp", through="ones.")

    def beat_scores(self):
        """The axis as "measured" is said; the count of test images lit; the scores slide
        from the axis's left end to where they landed; the lowest and highest lit."""
        r = self.values["race"]
        race = self.race
        x_of, dots, values = race["x_of"], race["dots"], race["values"]
        count = label(f"accuracy on {r['n_test_text']} test images", theme.SMALL_SIZE,
                      theme.MUTED)
        count.next_to(race["ticks"], DOWN, buff=theme.GAP).align_to([region("full").right, 0, 0],
                                                                    RIGHT)
        landed = [d.get_x() for d in dots]
        for d in dots:
            d.set_x(x_of(race["lo"]))
        self.play(Create(race["axis"]), FadeIn(race["ticks"]), at="On",
                  until=r["n_test_text"])
        self.play(FadeIn(count), at=r["n_test_text"], run_time=theme.LIGHT)
        self.play(LaggedStart(*[FadeIn(d) for d in dots], lag_ratio=0.1),
                  until="they score")
        self.play(LaggedStart(*[d.animate.set_x(x) for d, x in zip(dots, landed)],
                              lag_ratio=0.15),
                  LaggedStart(*[FadeIn(t) for t in values], lag_ratio=0.15),
                  at="they score", until=r["lo_text"])
        accs = [x["acc"] for x in r["runs"]]
        lo_i, hi_i = int(np.argmin(accs)), int(np.argmax(accs))
        self.play(mark(values[lo_i]), mark(dots[lo_i], 1.6), at=r["lo_text"],
                  run_time=theme.LIGHT)
        self.play(mark(values[hi_i]), mark(dots[hi_i], 1.6), at=r["hi_text"],
                  run_time=theme.LIGHT)
        self.count = count

    def beat_noise(self):
        """The chance wobble in words: the test-image count marked as "a sample" is said;
        every score's band opens out from its dot as the wobble's size is said, the size
        shown and lit; the bands marked as "the width of these bands" is said."""
        r = self.values["race"]
        race = self.race
        x_of, top, gap = race["x_of"], race["top"], race["gap"]
        bands = VGroup()
        for i, x in enumerate(r["runs"]):
            wob = x["band"]  # each score's own wobble
            b = Rectangle(width=x_of(x["acc"] + wob) - x_of(x["acc"] - wob), height=0.34)
            color = run_color(x["name"])
            b.set_stroke(color, 2).set_fill(color, 0.3).move_to([x_of(x["acc"]), top - i * gap, 0])
            bands.add(b)
        text = label(f"by chance alone: \u00b1{r['wobble_text']} points", theme.SMALL_SIZE,
                     theme.TEXT)
        text.next_to(race["note"], DOWN, buff=0.12).align_to(race["note"], LEFT)
        self.play(mark(self.count, 1.05), at="sample", until="by chance")
        self.play(FadeIn(text, shift=UP * 0.1), at="by chance", until=r["wobble_text"])
        self.play(*[GrowFromCenter(b) for b in bands], mark(text, 1.05),
                  at=r["wobble_text"], through="way,")
        self.add(race["dots"])  # the dots in front of their bands
        self.play(*[mark(b, 1.15) for b in bands], at="the width", through="bands.")
        self.bands, self.wobble_text = bands, text

    def beat_se(self):
        """The wobble named: its size marked, then "= two standard errors" written beside it
        and the bands stretching as "two standard errors" is said; the bands settle."""
        text = label("= two standard errors", theme.SMALL_SIZE, theme.ACCENT)
        text.next_to(self.wobble_text, RIGHT, buff=0.15)
        self.play(mark(self.wobble_text, 1.05), until="two")
        self.play(FadeIn(text, shift=LEFT * 0.2),
                  *[b.animate.stretch(1.3, 1) for b in self.bands], at="two", through="errors.")
        self.play(*[b.animate.stretch(1 / 1.3, 1) for b in self.bands], run_time=theme.REVEAL)

    def tie_phrase(self):
        """The word of the tie sentence that says who ties (it differs with the verdict)."""
        r = self.values["race"]
        others = [x for i, x in enumerate(r["runs"]) if i != r["best"]]
        tied = [x for x in others if x["tie"]]
        if len(tied) == len(others):
            return "tie"
        if not tied:
            return "none ties"
        return "ties" if len(tied) == 1 else "tie"

    def beat_tie(self):
        """The gap rule: two bands marked as "both scores" are said; the best score's line
        down every rows as "a gap" is said; the gap chance alone can make written and lit as
        said, then on every row a zone grows left from the best line, as wide as that run's
        gap may be by chance (two standard errors of the gap), the bands dimming; runs whose
        dot sits in their zone marked as "tie" is said; each run behind lit as its score is
        said, its row stepping back, the part of its gap beyond its zone drawn."""
        r = self.values["race"]
        race = self.race
        runs = r["runs"]
        x_of, top, gap = race["x_of"], race["top"], race["gap"]
        best = r["best"]
        others = [i for i in range(len(runs)) if i != best]
        tied = [i for i in others if runs[i]["tie"]]
        behind = [i for i in others if not runs[i]["tie"]]
        line = DashedLine([x_of(r["best_acc"]), top + gap * 0.45, 0],
                          [x_of(r["best_acc"]), top - (len(runs) - 0.55) * gap, 0])
        line.set_stroke(theme.ACCENT, 3)
        zones = VGroup()
        for i in others:
            need = runs[i]["gap_need"]
            z = Rectangle(width=x_of(r["best_acc"]) - x_of(r["best_acc"] - need), height=0.2)
            z.set_stroke(theme.ACCENT, 1.5).set_fill(theme.ACCENT, 0.22)
            z.move_to([x_of(r["best_acc"]), top - i * gap, 0], aligned_edge=RIGHT)
            zones.add(z)
        texts = r["gap_texts"]
        rule = VGroup(label("a gap beats chance past", theme.SMALL_SIZE, theme.TEXT),
                      *[label(t, theme.SMALL_SIZE, theme.ACCENT) for t in texts])
        if len(texts) > 1:
            rule.insert(2, label("to", theme.SMALL_SIZE, theme.TEXT))
        rule.add(label("points", theme.SMALL_SIZE, theme.TEXT)).arrange(RIGHT, buff=0.12)
        rule.next_to(self.wobble_text, DOWN, buff=0.12).align_to(self.wobble_text, LEFT)
        pair = VGroup(self.bands[best], self.bands[others[0]]) if others else self.bands
        self.play(mark(pair, 1.15), until="a gap")
        self.play(Create(line), FadeIn(rule, shift=UP * 0.1), at="a gap", until=texts[0])
        self.light(rule[1], at=texts[0])
        if len(texts) > 1:
            self.light(rule[3], at=texts[-1])
        self.play(*[GrowFromEdge(z, RIGHT) for z in zones],
                  *[b.animate.set_fill(opacity=0.08).set_stroke(opacity=0.3)
                    for b in self.bands], at="points:", until=self.tie_phrase())
        self.add(race["dots"])  # the dots in front of their zones
        phrase = self.tie_phrase()
        self.play(LaggedStart(*[m for i in tied for m in (mark(race["names"][i]),
                                                         mark(race["dots"][i], 1.6))],
                              lag_ratio=0.1) if tied else mark(race["names"][best]),
                  at=phrase, until=runs[best]["acc_text"])
        self.play(mark(race["values"][best]), mark(race["dots"][best], 1.6),
                  at=runs[best]["acc_text"], run_time=theme.LIGHT)
        # each run behind: its score lit as said, its row stepping back
        for i in behind:
            self.play(mark(race["values"][i]), mark(race["dots"][i], 1.6),
                      VGroup(race["names"][i], race["plains"][i], race["rates"][i])
                      .animate.set_opacity(0.45),
                      at=runs[i]["acc_text"], run_time=theme.REVEAL)
        if behind:
            gap_marks = [Line([x_of(runs[i]["acc"]), top - i * gap, 0],
                              [x_of(r["best_acc"] - runs[i]["gap_need"]), top - i * gap, 0])
                         .set_stroke(theme.BAD, 4) for i in behind]
            self.play(*[Create(m) for m in gap_marks], at="behind", run_time=max(theme.REVEAL, self.seconds_left()))
        else:
            self.play(*[mark(z, 1.1) for z in zones], at="no rule", run_time=max(theme.REVEAL, self.seconds_left()))
        self.still("race")
