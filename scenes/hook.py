"""The hook: what we will build, and the map of what follows.

The training code (an outline: a loop whose steps are comment lines) writes itself line by
line while the title comes in; a band lights the loop's lines as "this Python loop learns" is
said, the images the network will read line up under it, and the band moves to the steps as
"its three steps" are named (the sentence says the steps are still to be filled in, since the
listing shows them as comments). Trained, the network reads the images one at a time: an
image grows out of the row, ten bars (one per class, its name on the left; with more classes
than fit, the rows the read images guess or answer, the first and the last, with an ellipsis
between runs) rise from zero to the network's real outputs while "rise" is said, the tallest
turns to the output colour on "tallest" and is tagged the guess; the next image follows, and
the first mistake shows its guess crossed and the right answer in the target colour, up as
"wrong" is said and held until the sentence ends. A split bar then checks every held-out image
in order, green for right, red for wrong, with counters read from one running count, and the
share is lit with the green part as it is said. The code comes back, a band sweeps every line
on "every line", the score is lit on "every number" and the band goes to the steps on "really
learning"; then the map: the later chapters' titles (from the manifest) under the code, each
lit while the narration names it, with the band on the code lines it explains.

The code and the titles are declared announcements (:func:`scenes.kit.text.announce`): they
name what later chapters teach, so the teach-before-use check does not count their words.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Indicate,
    Integer,
    LaggedStart,
    Rectangle,
    ReplacementTransform,
    Transform,
    ValueTracker,
    VGroup,
    always_redraw,
    linear,
)

from scenes import theme
from scenes.backprop import DOTS, with_gaps
from scenes.chapter_scene import ChapterScene, whole_frames
from scenes.kit.layout import code_line
from scenes.kit.network import PixelGrid
from scenes.kit.text import announce, backdrop, code_listing, fitted_label, label, verdict
from scenes.values.hook import counted

#: The code's top edge (just under the title card).
CODE_TOP = 2.7
#: The row of images waiting under the code: each image's side, the gap, the row's height;
#: while they are read, the row waits under the reading place (its left edge), so an image
#: rising to be read never crosses the bars.
THUMB_SIDE, THUMB_GAP, THUMB_Y, THUMB_LEFT = 1.0, 0.35, -2.75, -6.3
#: The image being read and the bars of its outputs (one row per class).
IMAGE_SIDE, IMAGE_X, IMAGE_Y = 2.4, -5.1, 0.3
NAMES_RIGHT, BAR_LEFT, BAR_MAX, BAR_HEIGHT = -1.15, -1.0, 3.3, 0.3
ROWS_TOP, ROW_GAP = 2.35, 0.46
#: Seconds an image takes to reach the reading place (bars moving), and to be tagged.
READ_MOVE, READ_STYLE = 0.6, 0.35
#: A bar that is not the guess (nor the right answer): the output colour, faint.
OTHER_OPACITY = 0.35
VALUE_SIZE = theme.TEX_SIZE[theme.SMALL_SIZE]
#: The score: the split bar's width and height, its row, and its row once the code is back.
SCORE_W, SCORE_H, SCORE_Y, SCORE_LOW_Y = 8.6, 0.55, -0.1, -2.45
SCORE_LEFT = -5.8
COUNT_SIZE = theme.TEX_SIZE[theme.BODY_SIZE]
#: The map under the code: titles in this many columns, rows at most this far apart, the
#: first row's centre and the lowest a row's centre may go (inside the safe area).
MAP_COLUMNS, MAP_ROW_GAP, MAP_TOP, MAP_BOTTOM = 4, 0.48, -2.05, -3.42


def row_y(i):
    return ROWS_TOP - i * ROW_GAP


def bar_width(x):
    return max(float(np.clip(x, 0.0, 1.0)) * BAR_MAX, 0.02)


class Hook(ChapterScene):
    slug = "hook"

    # --- the code and its bands ---------------------------------------------------------------

    def bands_on(self, lines):
        """Translucent bands behind code lines ``lines`` (1-based), one per run of adjacent
        lines, the listing's full width; each fills exactly its lines' pitch."""
        runs, group = [], VGroup()
        for n in sorted(lines):
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        panel = self.code.background
        for run in runs:
            top = code_line(self.code, run[0]).get_y() + self.pitch / 2
            bottom = code_line(self.code, run[-1]).get_y() - self.pitch / 2
            band = Rectangle(width=panel.width - 0.1, height=top - bottom)
            band.set_fill(theme.ACCENT, 0.22).set_stroke(theme.ACCENT, 0)
            group.add(backdrop(band.move_to([panel.get_x(), (top + bottom) / 2, 0])))
        return backdrop(group)

    def move_bands(self, lines, **kwargs):
        return Transform(self.bands, self.bands_on(lines), **kwargs)

    # --- the outputs ----------------------------------------------------------------------------

    def output_rows(self):
        """Class names, bars and values, the bars' widths and the values following one
        tracker per output (all 0 to start). One row per class; with more classes than fit,
        the rows of :func:`scenes.values.hook` ``out_runs`` (the classes the read images
        guess or answer, the first and the last) with an ellipsis between runs."""
        names = self.values["class_names"]
        self.rows = with_gaps(self.values["out_runs"])  # class per row, None = ellipsis
        self.slot = {i: k for k, i in enumerate(self.rows) if i is not None}
        self.shown = [i for i in self.rows if i is not None]
        self.trackers = {i: ValueTracker(0.0) for i in self.shown}
        self.names, self.bars, self.numbers = VGroup(), VGroup(), VGroup()
        self.name_of, self.bar_of, self.number_of = {}, {}, {}
        for k, i in enumerate(self.rows):
            y = row_y(k)
            if i is None:
                dots = label(DOTS, theme.SMALL_SIZE, theme.MUTED)
                self.names.add(dots.move_to([NAMES_RIGHT, y, 0], aligned_edge=RIGHT))
                continue
            t = self.trackers[i]
            text = fitted_label(names[i], NAMES_RIGHT - IMAGE_X - IMAGE_SIDE / 2 - 0.9)
            self.names.add(text.move_to([NAMES_RIGHT, y, 0], aligned_edge=RIGHT))
            bar = Rectangle(width=BAR_MAX, height=BAR_HEIGHT).set_stroke(width=0)
            bar.set_fill(theme.OUTPUT, OTHER_OPACITY)
            bar.add_updater(lambda m, t=t, y=y: m.stretch_to_fit_width(
                bar_width(t.get_value())).move_to([BAR_LEFT, y, 0], aligned_edge=LEFT))
            number = DecimalNumber(0, num_decimal_places=2, font_size=VALUE_SIZE,
                                   color=theme.MUTED)
            number.text_role = "small"
            number.add_updater(lambda m, t=t, b=bar: m.set_value(t.get_value()).next_to(
                b, RIGHT, buff=0.12))
            self.bars.add(bar)
            self.numbers.add(number)
            self.name_of[i], self.bar_of[i], self.number_of[i] = text, bar, number
        for m in (*self.bars, *self.numbers):
            m.update()
        return VGroup(self.names, self.bars, self.numbers)

    def set_outputs(self, ex):
        """Animations carrying every drawn bar and value to ``ex``'s outputs."""
        return [self.trackers[i].animate.set_value(ex["o"][i]) for i in self.shown]

    def tags(self, ex):
        """The guess's tag (with a tick or a cross) and, for a mistake, the right answer's,
        right of each row's value at ``ex``'s outputs."""
        def right_of(i):
            return BAR_LEFT + bar_width(ex["o"][i]) + 0.12 + self.number_of[i].width + 0.25

        g = VGroup(label("guess", theme.SMALL_SIZE, theme.OUTPUT),
                   verdict(ex["right"], theme.SMALL_SIZE)).arrange(RIGHT, buff=0.15)
        g.move_to([right_of(ex["guess"]), row_y(self.slot[ex["guess"]]), 0], aligned_edge=LEFT)
        if ex["right"]:
            return VGroup(g)
        a = label("right answer", theme.SMALL_SIZE, theme.TARGET)
        a.move_to([right_of(ex["answer"]), row_y(self.slot[ex["answer"]]), 0],
                  aligned_edge=LEFT)
        return VGroup(g, a)

    def styles(self, ex):
        """Bar colours for ``ex``: the guess in the output colour, a missed answer in the
        target colour, the rest faint; values likewise."""
        out = []
        for i in self.shown:
            bar, number = self.bar_of[i], self.number_of[i]
            if i == ex["answer"] and not ex["right"]:
                color, opacity = theme.TARGET, 1.0
            elif i == ex["guess"]:
                color, opacity = theme.OUTPUT, 1.0
            else:
                color, opacity = theme.OUTPUT, OTHER_OPACITY
            out.append(bar.animate.set_fill(color, opacity))
            out.append(number.animate.set_color(theme.MUTED if opacity < 1 else color))
        return out

    def read_next(self, k, ex, move_time, style_time):
        """Image ``k`` of the waiting row takes the reading place while the bars go to its
        outputs (``move_time``); then its guess is coloured and tagged (``style_time``)."""
        thumb = self.thumbs[k]
        big = PixelGrid(ex["img"], side_length=IMAGE_SIDE, stroke=False).move_to(
            [IMAGE_X, IMAGE_Y, 0])
        # the bars follow their trackers only while they are not animated themselves: the
        # values move first, the colours after
        self.play(FadeOut(self.image, shift=LEFT * 0.4), FadeOut(self.tag_group),
                  ReplacementTransform(thumb, big), *self.set_outputs(ex), run_time=move_time)
        self.image = big
        self.tag_group = self.tags(ex)
        self.play(*self.styles(ex), FadeIn(self.tag_group, shift=LEFT * 0.2),
                  run_time=style_time)

    # --- beats --------------------------------------------------------------------------------

    def beat_code(self):
        """The training code writes itself line by line while the title comes in; a band
        lights the loop's lines as it "learns", the images it learns to read line up under
        it as they are named, and the band moves to the steps (its comment lines) as they
        are named."""
        v = self.values
        self.code = announce(code_listing(v["code"]))
        self.code.move_to([0, CODE_TOP - self.code.height / 2, 0])
        ys = [ln.get_y() for ln in self.code.code_lines]
        self.pitch = (ys[0] - ys[-1]) / (len(ys) - 1)
        self.bands = self.bands_on([1]).set_opacity(0)
        self.code.submobjects.insert(1, self.bands)  # behind the text, above the panel
        shown = v["reading"]
        self.thumbs = VGroup(*[PixelGrid(ex["img"], side_length=THUMB_SIDE, stroke=False)
                               for ex in shown]).arrange(RIGHT, buff=THUMB_GAP)
        self.thumbs.move_to([0, THUMB_Y, 0])
        lines = [VGroup(number, line) for number, line in
                 zip(self.code.line_numbers, self.code.code_lines)]
        self.title_card(FadeIn(self.code.background), LaggedStart(
            *[FadeIn(line, shift=RIGHT * 0.2) for line in lines], lag_ratio=0.3),
            until="learns")
        # the pieces came in one by one; from now on the listing is one mobject
        self.remove(self.code.background, *lines)
        self.add(self.code)
        what = v["what"].split()[0]
        steps = f"{v['n_steps_words']} steps"
        self.play(self.move_bands(v["loop_lines"]), at="learns", until=what)
        self.play(LaggedStart(*[FadeIn(t, shift=UP * 0.3) for t in self.thumbs],
                              lag_ratio=0.3), at=what, until=steps)
        self.play(self.move_bands(v["step_lines"]), Indicate(VGroup(*[
            code_line(self.code, n) for n in v["step_lines"]]), color=theme.ACCENT,
            scale_factor=1.03), at=steps, run_time=max(theme.REVEAL, self.seconds_left()))

    def beat_reads(self):
        """The code steps aside; the first image grows into the reading place, an arrow goes
        into the outputs, the bars rise, the tallest is coloured and tagged the guess."""
        first = self.values["reading"][0]
        self.output_rows()
        self.image = PixelGrid(first["img"], side_length=IMAGE_SIDE, stroke=False).move_to(
            [IMAGE_X, IMAGE_Y, 0])
        self.arrow = Arrow([IMAGE_X + IMAGE_SIDE / 2 + 0.1, IMAGE_Y, 0],
                           [NAMES_RIGHT - self.names.width - 0.15, IMAGE_Y, 0], buff=0,
                           color=theme.MUTED, stroke_width=4)
        self.play(FadeOut(self.code, shift=UP * 0.4),
                  self.thumbs.animate.arrange(RIGHT, buff=THUMB_GAP * 0.6).move_to(
                      [THUMB_LEFT, THUMB_Y, 0], aligned_edge=LEFT), until="reads")
        self.play(ReplacementTransform(self.thumbs[0], self.image), FadeIn(self.names),
                  at="reads", until="goes")
        self.play(FadeIn(VGroup(self.bars, self.numbers)), FadeIn(self.arrow, shift=RIGHT * 0.3),
                  at="goes", until="rise")
        self.play(*self.set_outputs(first), at="rise", until="tallest")
        # the tag comes with the colour, so it is up (to be read) a little longer
        self.tag_group = self.tags(first)
        self.play(*self.styles(first), Indicate(self.name_of[first["guess"]], color=theme.OUTPUT),
                  FadeIn(self.tag_group, shift=LEFT * 0.2), at="tallest", until="guess")
        self.play(Indicate(self.tag_group, color=theme.OUTPUT), at="guess",
                  run_time=max(theme.REVEAL, self.seconds_left()))

    def beat_more(self):
        """The next images take the reading place one after another, the bars moving to each
        one's outputs and its guess tagged; the first mistake last, early enough that its
        crossed guess and its right answer are up as "wrong" is said and stay up (about two
        seconds) until the sentence ends."""
        v = self.values
        rest = v["reading"][1:]
        if not rest:  # nothing more to read (a network that has not learned): its mistake
            self.play(Indicate(VGroup(self.image, self.tag_group), color=theme.ACCENT,
                               scale_factor=1.05),
                      run_time=max(theme.REVEAL, self.seconds_left()))
            self.still("reads")
            return
        rights = [ex for ex in rest if ex["right"]]
        mistake = rest[-1] if len(rights) < len(rest) else None
        word = next((w for w in ("sometimes", "often") if self.clock.says(w)), None)
        # the mistake starts a little before its word, so its tags are up as it is said
        span = (self.seconds_to(word) - READ_MOVE if word and mistake else self.seconds_left())
        start, each = self.time, span / max(len(rights), 1)
        for k, ex in enumerate(rights, start=1):
            self.read_next(k, ex, READ_MOVE, READ_STYLE)
            slot_end = start + k * each - self.time  # the tags stay up for the rest of its slot
            if slot_end > 0.05:
                self.wait(whole_frames(slot_end))
        if mistake is not None:
            if word:
                self.wait_for(word)  # (only if the rights ran short of it)
            self.read_next(len(rest), mistake, READ_MOVE, READ_STYLE)
        self.still("reads")

    def beat_score(self):
        """Every held-out image checked in order: the split bar grows green for right and red
        for wrong while the counters count, the number of images and the share lit as said."""
        v = self.values
        n = v["n_test"]
        checked = ValueTracker(0)

        def now():
            return counted(v, round(checked.get_value()))

        track = Rectangle(width=SCORE_W, height=SCORE_H).set_stroke(theme.MUTED, 1.5)
        track.move_to([SCORE_LEFT + SCORE_W / 2, SCORE_Y, 0])

        def segment(start, share, color):
            w = max(SCORE_W * share, 0.001)
            r = Rectangle(width=w, height=SCORE_H).set_stroke(width=0).set_fill(color, 1.0)
            return r.move_to([SCORE_LEFT + start * SCORE_W, track.get_y(), 0], aligned_edge=LEFT)

        good = always_redraw(lambda: segment(0, now()[1] / n, theme.GOOD))
        bad = always_redraw(lambda: segment(now()[1] / n, now()[2] / n, theme.BAD))
        total = Integer(n, group_with_commas=True, font_size=COUNT_SIZE, color=theme.TEXT)
        total.text_role = "body"
        caption = label(f"{v['plural']} it never saw", theme.BODY_SIZE, theme.MUTED)
        head = VGroup(total, caption).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        head.next_to(track, UP, buff=0.35).align_to(track, LEFT)
        # made at their final values, so each row is laid out for its widest number
        self.right_count = Integer(v["n_right"], group_with_commas=True, font_size=COUNT_SIZE,
                                   color=theme.GOOD)
        self.wrong_count = Integer(v["n_wrong"], group_with_commas=True, font_size=COUNT_SIZE,
                                   color=theme.BAD)
        for m in (self.right_count, self.wrong_count):
            m.text_role = "body"
        right_row = VGroup(verdict(True), self.right_count,
                           label("right", theme.BODY_SIZE, theme.GOOD)).arrange(
            RIGHT, buff=0.15, aligned_edge=DOWN)
        wrong_row = VGroup(verdict(False), self.wrong_count,
                           label("wrong", theme.BODY_SIZE, theme.BAD)).arrange(
            RIGHT, buff=0.15, aligned_edge=DOWN)
        right_row.next_to(track, DOWN, buff=0.3).align_to(track, LEFT)
        wrong_row.next_to(track, DOWN, buff=0.3).align_to(track, RIGHT)
        anchors = [m.get_right() for m in (self.right_count, self.wrong_count)]
        for m, a in zip((self.right_count, self.wrong_count), anchors):
            m.set_value(0).move_to(a, aligned_edge=RIGHT)
        self.share = label(v["share_text"], theme.TITLE_SIZE, theme.ACCENT, weight="BOLD")
        self.share.next_to(track, RIGHT, buff=0.4)
        self.play(FadeOut(VGroup(self.image, self.arrow, self.tag_group, self.names,
                                 self.bars, self.numbers), shift=DOWN * 0.3),
                  FadeIn(track), FadeIn(head, shift=DOWN * 0.2), FadeIn(right_row),
                  FadeIn(wrong_row), until=v["n_test_text"])
        for m, k, a in ((self.right_count, 1, anchors[0]), (self.wrong_count, 2, anchors[1])):
            m.add_updater(lambda x, k=k, a=a: x.set_value(now()[k]).move_to(
                a, aligned_edge=RIGHT))
        self.add(good, bad)
        self.play(checked.animate(rate_func=linear).set_value(n),
                  Indicate(total, color=theme.ACCENT),
                  at=v["n_test_text"], until=v["share_text"])
        for m in (self.right_count, self.wrong_count):
            m.clear_updaters()
        self.remove(good, bad)
        good, bad = good.copy().clear_updaters(), bad.copy().clear_updaters()
        self.add(good, bad)
        self.play(FadeIn(self.share, scale=1.3), Indicate(self.right_count, color=theme.GOOD),
                  at=v["share_text"], run_time=theme.LIGHT)
        # the right share is the green part of the bar: both lit while the sentence ends
        self.play(Indicate(VGroup(good, self.share), color=theme.ACCENT, scale_factor=1.04),
                  run_time=max(theme.LIGHT, self.seconds_left()))
        self.still("score")
        self.score_bar = VGroup(track, good, bad, self.share)
        self.score_rows = VGroup(right_row, wrong_row)
        self.score_head = head

    def beat_promise(self):
        """The code comes back above the score; a band sweeps every line as "every line" is
        said; the score's numbers are lit on "every number"."""
        self.play(FadeOut(self.score_head, shift=UP * 0.3),
                  self.score_bar.animate.shift(UP * (SCORE_LOW_Y - SCORE_Y)),
                  self.score_rows.animate.shift(UP * (SCORE_LOW_Y - SCORE_Y)), until="will")
        self.play(FadeIn(self.code, shift=DOWN * 0.3), at="will", until="every")
        n_lines = len(self.code.code_lines)
        self.bands.become(self.bands_on([1]))
        self.play(self.move_bands(range(1, n_lines + 1)), at="every", through="line,")
        self.play(self.bands.animate.set_opacity(0), Indicate(self.share, color=theme.ACCENT),
                  Indicate(self.score_rows, color=theme.ACCENT, scale_factor=1.05),
                  at="every number", until="really")
        # the learning happens in the loop's steps: the band goes to them
        self.play(self.move_bands(self.values["step_lines"]), at="really",
                  run_time=max(theme.REVEAL, self.seconds_left()))

    def map_titles(self):
        """The later chapters' titles in a grid under the code, in reading order."""
        chapters = self.values["map"]
        width = 12.8 / MAP_COLUMNS
        n_rows = -(-len(chapters) // MAP_COLUMNS)
        gap = min(MAP_ROW_GAP, (MAP_TOP - MAP_BOTTOM) / max(n_rows - 1, 1))
        titles = VGroup()
        for k, c in enumerate(chapters):
            t = fitted_label(c["title"], width - 0.2, theme.SMALL_SIZE, theme.MUTED)
            row, col = divmod(k, MAP_COLUMNS)
            t.move_to([-6.3 + col * width, MAP_TOP - row * gap, 0], aligned_edge=LEFT)
            titles.add(t)
        return announce(titles)

    def light_chapters(self, part, offset):
        """Each chapter of ``part`` lit as its words are said, the band on its code lines."""
        for k, c in enumerate(part, start=offset):
            self.wait_for(c["words"])
            nxt = part[k - offset + 1]["words"] if k - offset + 1 < len(part) else None
            seconds = self.seconds_to(nxt) if nxt else self.seconds_left()
            previous = [self.titles[k - 1].animate.set_color(theme.TEXT)] if k else []
            self.play(self.move_bands(c["lines"]), self.titles[k].animate.set_color(
                theme.ACCENT), *previous, run_time=max(theme.MIN_RUN, seconds))

    def beat_map_first(self):
        """The score gives way to the map: the later chapters' titles under the code; each
        lights with the code lines it explains as the narration names it."""
        v = self.values
        self.titles = self.map_titles()
        first = v["map_first"][0]
        self.play(FadeOut(VGroup(self.score_bar, self.score_rows), shift=DOWN * 0.3),
                  self.bands.animate.set_opacity(0),
                  LaggedStart(*[FadeIn(t, shift=UP * 0.15) for t in self.titles],
                              lag_ratio=0.1), until=first["words"])
        self.light_chapters(v["map_first"], 0)

    def beat_map_then(self):
        """The rest of the map, lit chapter by chapter as it is named."""
        v = self.values
        self.light_chapters(v["map_then"], len(v["map_first"]))
        self.still("map")
        self.play(self.titles[-1].animate.set_color(theme.TEXT),
                  self.bands.animate.set_opacity(0), run_time=theme.MIN_RUN)

