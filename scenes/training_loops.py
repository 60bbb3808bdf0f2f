"""Training loops: what happens over 24,000 steps (the shipped trace's 3 epochs x 8,000 images).

The loop's code is an outline (the hook shows the same listing): the two loops, and a comment
line for each part of the body. It lights its lines as the narration names what repeats (a band
over the code, right of the line numbers; a named line pulses rightwards, into its own line).
Then the body beat opens it: the title goes, the outline moves up, and each comment unfolds,
as its part is named, into the reference's real statements (read from
:mod:`nnmath.reference`, in the run's order, :func:`scenes.values.training_loops.body_groups`)
in a listing of their own under the outline, growing out of the comment line and folding back
into it when the next part unfolds (one part at a time, so every line stays at the code size):
the forward pass (input to hidden, then hidden to output), the squared error e and
nr_correct (captioned under the listing: e is only watched, each step follows the slope of
the log cost C; or of e itself for a run trained on e's own slope), and backpropagation, whose slope lines (delta_o, delta_h) and update lines (all, the weights', the
biases') are banded as the narration names them. The last part folds back as the counters
come in. On the right,
one table of counters (epoch, image, step, nr_correct, each "of" its end) reads one tracker of
steps done that only moves forward. The table shows the latest recorded state at or below the
tracker (:func:`scenes.values.training_loops.state_at`): a recorded (image, nr_correct) pair,
the count reset by the loop's last line, or a new epoch at image 0; so the counters step from
real state to real state, never interpolate, and (epoch - 1) x images + image = step at every
frame. Each epoch's count drops into a strip below as it is said. Then the code and the
finished counters give way to the run's two recorded curves (the mean of e, the squared error,
and the share guessed right), drawn by a pen replaying along their step axes; then what
training added to row r of ``w_i_h`` (final row minus starting row, three pictures on one
colour scale); then that change for up to 20 hidden neurons, appearing at step 0 (nothing yet)
with a fresh step counter and growing snapshot by recorded snapshot, forward only, the counter
reading each snapshot's step. The tiles fill the frame's height on the right; the text column
on the left holds their caption at the top and the colour key (a strip of the colour steps,
its ends labelled) in the middle. The raised / lowered words show only while the pictures are
of the change: last, the tiles blend their starting noise back in (the rows as they are, with
their own words: blue positive, red negative weight) and out again (the change alone); the key
moves down to make room for the two average sizes. Words that give way to others in the same
place go out before the new ones come in (:func:`swap`), never on top of each other.

The change pictures are :class:`ChangeTile` shapes whose colours come from
:func:`scenes.values.training_loops.change_levels` on a scale fixed for the whole run."""

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    Integer,
    Rectangle,
    ReplacementTransform,
    Square,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    always_redraw,
    linear,
    smooth,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.plots import LinePlot, nice_ticks
from scenes.kit.text import backdrop, code_listing, label
from scenes.timing import PhraseNotFound
from scenes.values.training_loops import LEVELS, change_levels, level_color, state_at

#: The right edge of the counters / tiles zone, and the gap between the code and that zone.
RIGHT_EDGE = 6.3
ZONE_GAP = 0.5
#: Rows of the counter table (y of each baseline row) and of the per-epoch strip.
TABLE_TOP, TABLE_STEP = 2.3, 0.68
#: The second strip of nr_correct rows (more than 3 epochs) sits this far below the first.
ROW_STEP = 0.5
#: Seconds an epoch's count takes to drop into its row, and nr_correct to reset.
WRITE_RUN, RESET_RUN = 0.6, 0.4
#: Change tiles: columns of the grid, tile side and gap (scene units); the grid's centre
#: height, right of the text column (which starts at TEXT_LEFT and ends before the grid).
TILE_COLS, TILE, TILE_GAP, TILES_Y = 5, 1.3, 0.12, -0.33
TEXT_LEFT = -6.2
#: The text column's bottom: a full grid's (four rows), whatever the number of tiles.
COLUMN_BOTTOM = TILES_Y - (4 * TILE + 3 * TILE_GAP) / 2
#: The colour key's strip: its width and height (the key's bottom is the grid's).
KEY_W, KEY_H = 3.6, 0.3
#: The curves: each plot's height and the share plot's lowest point (its step-axis title).
PLOT_HEIGHT, PLOT_BOTTOM = 3.0, -2.9
#: The three pictures of the "added" beat.
BIG = 2.3
#: The outline's top once the title has gone (the title's own top), so an unfolded part fits
#: below it; the gap between the outline and the unfolded part, and the part's panel margins.
CODE_TOP = 3.25
UNFOLD_GAP, PANEL_PAD_X, PANEL_PAD_Y = 0.22, 0.22, 0.12
#: Seconds a part takes to fold back into its comment line (before the table comes in), and
#: the least a fold and the next part's unfolding take together (more when the words allow).
FOLD_RUN, REFOLD_RUN = 0.7, 1.2


def code_line(code, number):
    """The mobject of 1-based source line ``number`` of a kit code listing."""
    return code.code_lines[number - 1]


class Pulse(Indicate):
    """:class:`Indicate` that grows from the mobject's left edge: a code line pulses to the
    right, into its own line, never over the listing's line numbers on its left."""

    def create_target(self):
        return self.mobject.copy().scale(self.scale_factor, about_edge=LEFT).set_color(
            self.color)


def runs(numbers):
    """1-based line numbers as runs of adjacent lines: [1, 2, 4] -> [[1, 2], [4]]."""
    out = []
    for n in sorted(numbers):
        if out and n == out[-1][-1] + 1:
            out[-1].append(n)
        else:
            out.append([n])
    return out


def unfolded(lines, width):
    """An outline comment's real statements as a code listing of their own: the kit's
    listing (font, colours) without line numbers (its lines are not the outline's), its panel
    ``width`` wide (the widest part's, so every part has the same panel) and close around the
    text; it remembers its pitch and line texts, and has a band (on its first line until the
    scene moves it)."""
    panel = code_listing("\n".join(lines))
    panel.remove(panel.line_numbers)
    text = panel.code_lines
    ys = [ln.get_y() for ln in text]
    panel.pitch = (ys[0] - ys[-1]) / (len(ys) - 1) if len(ys) > 1 else 0.42
    top, bottom = ys[0] + panel.pitch / 2 + PANEL_PAD_Y, ys[-1] - panel.pitch / 2 - PANEL_PAD_Y
    left = text.get_left()[0] - PANEL_PAD_X
    panel.background.stretch_to_fit_width(width + 2 * PANEL_PAD_X)
    panel.background.stretch_to_fit_height(top - bottom)
    panel.background.move_to([left, (top + bottom) / 2, 0], aligned_edge=LEFT)
    panel.initial_width = panel.width  # its text is the kit's code size, unscaled
    panel.texts = list(lines)
    panel.band = band_over(panel, [1])
    panel.submobjects.insert(1, panel.band)  # behind the text, above the panel
    return panel


def band_over(panel, numbers):
    """A translucent band behind each run of adjacent lines ``numbers`` (1-based, at most two
    runs) of an unfolded part, from the panel's left to its right: always two rectangles (for
    a single run the second is an unseen copy of the first), so one band moves into the
    next."""
    bands = VGroup()
    left = panel.background.get_left()[0] + 0.06
    right = panel.background.get_right()[0] - 0.06
    found = runs(numbers)
    if len(found) > 2:
        raise ValueError(f"lines {numbers} make more than two runs")
    for k, run in enumerate((found * 2)[:2]):
        top = panel.code_lines[run[0] - 1].get_y() + panel.pitch / 2
        bottom = panel.code_lines[run[-1] - 1].get_y() - panel.pitch / 2
        band = Rectangle(width=right - left, height=top - bottom)
        # a single run's second rectangle is its first, unseen (no doubled colour)
        band.set_fill(theme.ACCENT, 0.22 if k < len(found) else 0).set_stroke(width=0)
        bands.add(backdrop(band.move_to([(left + right) / 2, (top + bottom) / 2, 0])))
    return backdrop(bands)


def pulse(line):
    """A code line's "spoken now" pulse."""
    return Pulse(line, color=theme.ACCENT, scale_factor=1.03)


def swap(old, new):
    """``old`` words give way to ``new`` ones in their place: out first, then in, so the two
    are never on screen on top of each other."""
    return (FadeOut(old, shift=UP * 0.15, rate_func=lambda t: smooth(min(1.0, 2 * t))),
            FadeIn(new, shift=UP * 0.15, rate_func=lambda t: smooth(max(0.0, 2 * t - 1))))


def counter(value, size=theme.BODY_SIZE, color=theme.TEXT):
    """An integer in the theme's font size for LaTeX numbers, commas between thousands."""
    n = Integer(value, group_with_commas=True, font_size=size * 1.36, color=color)
    n.text_role = "body" if size >= theme.BODY_SIZE else "small"
    return n


class ChangeTile(VGroup):
    """A change picture: a black square, one shape per colour step holding the squares of the
    weights at that step (:func:`change_levels`), and a thin frame. :meth:`show` redraws it
    for another picture, keeping its shapes (so updaters and transforms see the same family).
    """

    def __init__(self, change, scale, side):
        super().__init__()
        self.scale_value, self.side_length = scale, side
        self.back = Square(side_length=side).set_stroke(width=0).set_fill(theme.PIXEL_OFF, 1)
        self.steps = VGroup(*[VMobject().set_stroke(width=0).set_fill(level_color(q), 1)
                              for q in range(-LEVELS, LEVELS + 1) if q])
        self.frame = Square(side_length=side).set_stroke(theme.MUTED, 1.0).set_fill(opacity=0)
        self.add(self.back, self.steps, self.frame)
        self.show(change)

    def show(self, change):
        levels = change_levels(change, self.scale_value)
        cols = levels.shape[1]
        cell = self.back.width / cols
        corner = self.back.get_corner(UP + LEFT)
        unit = np.array([[0, 0], [1, 0], [1, -1], [0, -1], [0, 0]], dtype=float) * cell
        third = np.array([0.0, 1 / 3, 2 / 3, 1.0])[:, None]
        for shape, q in zip(self.steps, [q for q in range(-LEVELS, LEVELS + 1) if q]):
            r, c = np.nonzero(levels == q)
            if r.size == 0:
                shape.clear_points()
                continue
            origin = np.stack([c * cell, -r * cell], axis=1)  # each square's top-left
            pts = []
            for k in range(4):  # four straight sides as cubic Bezier curves
                a, b = unit[k], unit[k + 1]
                seg = a + third * (b - a)  # (4, 2)
                pts.append(origin[:, None, :] + seg[None])
            pts = np.concatenate(pts, axis=1).reshape(-1, 2)  # square by square
            shape.set_points(np.column_stack([pts + corner[:2], np.zeros(len(pts))]))
        return self


class TrainingLoops(ChapterScene):
    slug = "training_loops"

    # --- the code and its highlight -----------------------------------------------------------

    def highlight(self, *numbers):
        """A band behind source lines ``numbers`` (1-based), over the code only: from
        between the line numbers and the code to the panel's right edge (the line numbers
        stay outside it)."""
        lines = [code_line(self.code, n) for n in numbers]
        pitch = self.pitch
        top = max(ln.get_center()[1] for ln in lines) + pitch / 2
        bottom = min(ln.get_center()[1] for ln in lines) - pitch / 2
        left = (self.code.line_numbers.get_right()[0] + self.code.code_lines.get_left()[0]) / 2
        right = self.code.background.get_right()[0] - 0.05
        band = Rectangle(width=right - left, height=top - bottom)
        band.set_fill(theme.ACCENT, 0.22).set_stroke(theme.ACCENT, 0)
        return backdrop(band.move_to([(left + right) / 2, (top + bottom) / 2, 0]))

    def move_band(self, *numbers, **kwargs):
        return Transform(self.band, self.highlight(*numbers), **kwargs)

    def said(self, phrase):
        """Whether ``phrase`` is still to be said in this beat's sentence."""
        try:
            self.clock.find(phrase, advance=False)
        except PhraseNotFound:
            return False
        return True

    def at_or_now(self, phrase):
        """``{"at": phrase}`` if the sentence still says it, else nothing (play now)."""
        return {"at": phrase} if self.said(phrase) else {}

    # --- beats --------------------------------------------------------------------------------

    def beat_epochs(self):
        """The training loop's outline; its body (the three comment lines: what repeats) lights
        as "what we have seen" is said, the two loops' lines as "two loops", then the outer
        loop and the epochs."""
        v = self.values
        self.card = self.title_card()
        self.code = code_listing(v["code"])
        self.code.align_to([-6.3, 0, 0], LEFT).align_to([0, 2.65, 0], UP)
        self.zone_x = self.code.get_right()[0] + ZONE_GAP
        lines = v["code"].splitlines()
        self.line_of = {key: 1 + next(i for i, t in enumerate(lines) if key in t)
                        for key in ("epochs =", "for epoch", "for img", "# forward", "# cost",
                                    "# backprop", "nr_correct = 0")}
        ys = [ln.get_center()[1] for ln in self.code.code_lines]
        self.pitch = (ys[0] - ys[-1]) / (len(ys) - 1)
        self.comments = [self.line_of[k] for k in ("# forward", "# cost", "# backprop")]
        self.band = self.highlight(*self.comments)
        self.code.submobjects.insert(1, self.band)  # behind the text, above the panel
        self.band.set_opacity(0)
        self.play(FadeIn(self.code), until="what we have seen")
        self.play(self.move_band(*self.comments), at="what we have seen", until="two loops")
        self.play(self.move_band(self.line_of["for epoch"], self.line_of["for img"]),
                  pulse(code_line(self.code, self.line_of["for epoch"])),
                  pulse(code_line(self.code, self.line_of["for img"])),
                  at="two loops", until="outer")
        self.epochs = VGroup(counter(v["epochs"], theme.HEADING_SIZE, theme.ACCENT),
                             label("epochs", theme.HEADING_SIZE, theme.ACCENT))
        self.epochs.arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        self.epochs.move_to([RIGHT_EDGE, TABLE_TOP, 0], aligned_edge=RIGHT)
        self.play(self.move_band(self.line_of["epochs ="], self.line_of["for epoch"]),
                  at="outer", until="epochs:")
        self.play(FadeIn(self.epochs[1], shift=RIGHT * 0.3), at="epochs:",
                  until=v["epochs_text"])
        self.play(FadeIn(self.epochs[0], scale=1.4), at=v["epochs_text"], until="whole")
        self.play(pulse(code_line(self.code, self.line_of["for epoch"])), at="whole",
                  through="set.")

    def beat_inner(self):
        """The inner loop marked; the product epochs x pairs = steps is written under the
        epochs, term by term, as it is said."""
        v = self.values
        n = v["n_train_text"]
        pairs = VGroup(label("×", theme.BODY_SIZE, theme.MUTED), counter(v["n_train"]),
                       label("pairs", theme.BODY_SIZE, theme.TEXT))
        updates = VGroup(label("=", theme.BODY_SIZE, theme.MUTED),
                         counter(v["n_steps"], color=theme.ACCENT),
                         label("steps", theme.BODY_SIZE, theme.ACCENT))
        for k, g in enumerate((pairs, updates)):
            g.arrange(RIGHT, buff=0.15, aligned_edge=DOWN)
            g.move_to([RIGHT_EDGE, TABLE_TOP - (k + 1) * TABLE_STEP, 0], aligned_edge=RIGHT)
        self.play(self.move_band(self.line_of["for img"]), until="one image")
        self.play(pulse(code_line(self.code, self.line_of["for img"])), at="one image",
                  until=n)
        self.play(FadeIn(pairs[1:], scale=1.3), at=n, until=v["epochs_text"])
        self.play(Indicate(self.epochs, color=theme.ACCENT), FadeIn(pairs[0]),
                  at=v["epochs_text"], until=n)
        self.light(pairs[1], at=n)
        self.play(FadeIn(updates[0]), until=v["n_steps_text"])
        self.play(FadeIn(updates[1:], shift=RIGHT * 0.2), at=v["n_steps_text"], until="steps.")
        self.play(Indicate(updates[1:], color=theme.ACCENT), at="steps.", run_time=theme.LIGHT)
        self.equation = VGroup(pairs, updates)
        self.total = updates[1]

    # --- the body: each comment unfolds into the real lines it stands for -------------------

    def unfold(self):
        """The body's parts (forward, cost, backpropagation), each as its own listing under
        the outline, all as wide as the widest; each remembers its comment."""
        v = self.values
        width = max(code_listing("\n".join(g[2])).code_lines.width for g in v["body"])
        parts = []
        for _, comment, lines in v["body"]:
            panel = unfolded(lines, width)
            # centred: the widest line nearly fills the safe width
            panel.set_x(0).align_to([0, self.code.get_bottom()[1] - UNFOLD_GAP, 0], UP)
            panel.comment = comment
            parts.append(panel)
        return parts

    def lines_of(self, panel, names):
        """1-based lines of ``panel`` that set one of ``names`` (``h_pre``, ``w_h_o``, ...)."""
        return [i + 1 for i, t in enumerate(panel.texts)
                if t.split(" ", 1)[0] in names]

    def band_to(self, panel, numbers):
        return Transform(panel.band, band_over(panel, numbers))

    def refold(self, old, new):
        """``old`` part folds back into its comment line while ``new`` grows out of its own:
        the first half folds, the second unfolds, never both on screen at once."""
        line = code_line(self.code, self.line_of[new.comment])
        back = code_line(self.code, self.line_of[old.comment])
        return (FadeOut(old, target_position=back.get_center(), scale=0.2,
                        rate_func=lambda t: smooth(min(1.0, 2 * t))),
                FadeIn(new, target_position=line.get_center(), scale=0.2,
                       rate_func=lambda t: smooth(max(0.0, 2 * t - 1))),
                self.move_band(self.line_of[new.comment]))

    def mark_at(self, phrase, before, *animations):
        """A quick mark as ``phrase`` starts: :data:`theme.LIGHT` seconds, or less when
        ``before`` comes sooner (so the marks never fall behind the words)."""
        self.wait_for(phrase)
        seconds = self.seconds_to(before)
        self.play(*animations, run_time=max(theme.MIN_RUN, min(theme.LIGHT, seconds)))

    def beat_body(self):
        """The title goes (until the curves) and the outline moves up to make room; each
        comment of the body unfolds, as its part is named, into the reference's real lines
        (one part at a time, the last folding back as the next grows), and a band lights the
        lines each phrase names: the forward pass (input to hidden, hidden to output), the cost
        line and nr_correct's, the slopes delta_o and delta_h, and the step (every update,
        the weights' lines, then the biases')."""
        v = self.values
        lift = (CODE_TOP - self.code.get_top()[1]) * UP
        self.play(FadeOut(self.card), self.code.animate.shift(lift), until="code we have")
        fwd, cost, back = self.unfold()
        slopes = v["slope_names"]
        updates = [t.split(" ", 1)[0] for t in back.texts if " += " in t]
        # each part comes in with its first lines lit: input to hidden, the cost, the slopes
        for part, names in ((fwd, ("h_pre", "h")), (cost, ("e",)), (back, slopes)):
            part.band.become(band_over(part, self.lines_of(part, names)))
        self.play(self.move_band(*self.comments),
                  *[pulse(code_line(self.code, n)) for n in self.comments],
                  at="code we have", until="forward pass")
        line = code_line(self.code, self.line_of["# forward"])
        self.play(self.move_band(self.line_of["# forward"]),
                  FadeIn(fwd, target_position=line.get_center(), scale=0.2),
                  at="forward pass", run_time=theme.REVEAL)
        # then hidden to output
        self.play(self.band_to(fwd, self.lines_of(fwd, ("o_pre", "o"))),
                  until="the squared")
        # e's line carries a caption: it is watched, the step follows C's slope
        caption = label(v["e_caption"], theme.SMALL_SIZE, theme.TEXT)
        caption.next_to(cost.background, DOWN, buff=theme.GAP_SMALL)
        caption.align_to(cost.background, LEFT)
        self.wait_for("the squared")
        self.play(*self.refold(fwd, cost),
                  FadeIn(caption, shift=UP * 0.2,
                         rate_func=lambda t: smooth(max(0.0, 2 * t - 1))),
                  run_time=max(REFOLD_RUN, self.seconds_to("right guesses")))
        self.mark_at("right guesses", "the slopes",
                     self.band_to(cost, self.lines_of(cost, ("nr_correct",))))
        if v["follows_cousin"]:  # "only watched": both lines, and the caption, lit
            self.mark_at("only watched", "the slopes", Indicate(caption, color=theme.ACCENT,
                                                             scale_factor=1.05),
                         self.band_to(cost, self.lines_of(cost, ("e", "nr_correct"))))
        self.wait_for("the slopes")
        self.play(*self.refold(cost, back),
                  FadeOut(caption, rate_func=lambda t: smooth(min(1.0, 2 * t))),
                  run_time=max(REFOLD_RUN, self.seconds_to(slopes[0])))
        for name, nxt in zip(slopes, (slopes[1], "step that moves")):
            line = back.code_lines[self.lines_of(back, (name,))[0] - 1]
            self.mark_at(name, nxt, self.band_to(back, self.lines_of(back, (name,))),
                         Pulse(line, color=theme.ACCENT, scale_factor=1.0))
        self.mark_at("step that moves", "every weight",
                     self.band_to(back, self.lines_of(back, updates)))
        self.mark_at("every weight", "bias.", self.band_to(
            back, self.lines_of(back, [u for u in updates if u.startswith("w_")])))
        self.play(self.band_to(back, self.lines_of(back, [u for u in updates
                                                          if u.startswith("b_")])),
                  at="bias.", run_time=min(theme.LIGHT, max(theme.MIN_RUN,
                                                            self.seconds_left())))
        self.part = back

    # --- the counters: one tracker of steps done drives them all -----------------------------

    def build_table(self):
        """Epoch and image, step and nr_correct, each with its "of" end, in a table of two
        rows under the code: in each cell the name left, the value right-aligned before "of
        ...", which starts at a fixed x, so no value ever reaches its "of" (the cell leaves room
        for the widest value)."""
        v = self.values
        n_train = v["n_train"]
        specs = (("epoch", theme.TEXT, v["epochs"], False),
                 ("image", theme.TEXT, n_train, False),
                 ("step", theme.ACCENT, v["n_steps"], False),
                 ("nr_correct", theme.GOOD, n_train, True))
        names = [label(s[0], theme.BODY_SIZE, s[1], mono=s[3]) for s in specs]
        ofs = [VGroup(label("of", theme.BODY_SIZE, theme.MUTED),
                      counter(s[2], color=theme.MUTED)).arrange(RIGHT, buff=0.15,
                                                                aligned_edge=DOWN)
               for s in specs]
        values = [counter(0, color=s[1]) for s in specs]
        top = self.code.get_bottom()[1] - 0.55
        cells = ((-6.2, -0.3), (0.3, RIGHT_EDGE))
        self.rows = []
        for i, (nm, val, of) in enumerate(zip(names, values, ofs)):
            left, right = cells[i % 2]
            y = top - (i // 2) * TABLE_STEP
            of_w = max(o.width for o in ofs[i % 2::2])
            nm.move_to([left, y, 0], aligned_edge=LEFT)
            of.move_to([right - of_w, y, 0], aligned_edge=LEFT).align_to(nm, DOWN)
            val.move_to(of.get_left() + LEFT * theme.GAP, aligned_edge=RIGHT).align_to(nm, DOWN)
            self.rows.append(VGroup(nm, val, of))
        self.strip_y = top - 2 * TABLE_STEP - 0.1
        # the tracker only moves forward; the table shows the latest recorded state at or
        # below it (between epochs: n + 0.25 the reset count, n + 0.5 the ticked-over epoch)
        self.steps = ValueTracker(0)
        keys, states = v["counter_keys"], v["counter_states"]

        def getter(i):
            return lambda: state_at(keys, states, self.steps.get_value())[i]

        self.getters = tuple(getter(i) for i in range(4))
        self.attach()

    def attach(self):
        """Each value follows the steps done: right-aligned before its "of", on its name's
        baseline, wherever the row stands."""
        for (nm, val, of), get in zip(self.rows, self.getters):
            val.clear_updaters()
            val.add_updater(lambda m, get=get, nm=nm, of=of: m.set_value(get()).move_to(
                of.get_left() + LEFT * theme.GAP, aligned_edge=RIGHT).align_to(nm, DOWN))
            val.update()

    def freeze(self):
        for row in self.rows:
            row[1].clear_updaters()

    def write_count(self, e, phrase, reset=False):
        """nr_correct as it stands flies down into epoch ``e``'s slot of the strip."""
        v = self.values
        shown = v["shown_epochs"]
        line = self.line_of["nr_correct = 0"]
        resets = [self.move_band(line)] if reset else []
        if e not in shown:
            if reset:
                self.play(*resets, run_time=RESET_RUN)
                self.reset_state()
            return
        k = shown.index(e)
        gap = next((j for j in range(1, len(shown)) if shown[j] != shown[j - 1] + 1), None)
        n_slots = len(shown) + (gap is not None)
        per_row = min(n_slots, 4)  # an epoch's "epoch k: count" needs 1/4 width
        slot = 12.4 / per_row

        def place(mob, pos):
            return mob.move_to([-6.2 + (pos % per_row + 0.5) * slot,
                                self.strip_y - ROW_STEP * (pos // per_row), 0])

        anims = []
        if gap is not None and k == gap:
            dots = place(label("...", theme.BODY_SIZE, theme.MUTED), gap)
            anims.append(FadeIn(dots))
            self.strip.add(dots)
        pos = k + (gap is not None and k >= gap)
        t = v["nr_correct_texts"][e]
        row = VGroup(label(f"epoch {v['epoch_texts'][e]}:", theme.BODY_SIZE, theme.TEXT),
                     label(t, theme.BODY_SIZE, theme.GOOD)).arrange(RIGHT, buff=0.2)
        place(row, pos)
        src = self.rows[3][1].copy().clear_updaters()
        self.add(src)
        timing = {"at": phrase} if phrase and self.said(phrase) else {}
        if reset:  # the count leaves for the strip as the last line sets it to 0
            if timing:
                self.wait_for(phrase)
            timing = {}
            self.reset_state()
        self.play(ReplacementTransform(src, row[1]), FadeIn(row[0]), *anims, *resets,
                  Indicate(self.rows[3][0], color=theme.ACCENT),
                  run_time=RESET_RUN if reset else WRITE_RUN, **timing)
        self.strip.add(row)

    def reset_state(self):
        """The loop's last line has run: the tracker moves on (0.25 past the epoch's last
        image) to the recorded state with nr_correct reset to 0."""
        self.steps.set_value(round(self.steps.get_value()) + 0.25)
        self.rows[3][1].update()

    def reset_count(self, **timing):
        """The loop's last line: nr_correct back to 0 until the next image (next epoch)."""
        line = self.line_of["nr_correct = 0"]
        self.play(self.move_band(line), pulse(code_line(self.code, line)), **timing)
        self.reset_state()
        self.play(Indicate(self.rows[3][1], color=theme.ACCENT), run_time=RESET_RUN)

    def next_epoch(self, e, **timing):
        """The outer loop's line; epoch ``e + 2`` begins, none of its images seen yet
        (0-based ``e`` done)."""
        self.play(self.move_band(self.line_of["for epoch"]),
                  self.steps.animate.set_value((e + 1) * self.values["n_train"] + 0.5),
                  Indicate(self.rows[0][1], color=theme.ACCENT), **timing)

    def beat_counter(self):
        """The table of counters replaces the epochs heading (its number becomes epoch's "of",
        the equation's steps become step's "of") as the unfolded part folds back into its
        comment; the first image is one pass through the body (lit) and one step, then the
        counters run to the epoch's last image while nr_correct follows its recorded running
        count; the count is written down as said, the last line resets it and the epoch ticks
        over."""
        v = self.values
        n = v["n_train"]
        self.build_table()
        rows = self.rows
        body = (self.line_of["for img"], self.line_of["# backprop"])
        self.strip = VGroup()
        back = code_line(self.code, self.line_of[self.part.comment])
        self.play(FadeOut(self.part, target_position=back.get_center(), scale=0.2),
                  self.move_band(*self.comments), run_time=FOLD_RUN)
        self.play(FadeIn(VGroup(*[VGroup(r[0], r[1]) for r in rows]), shift=UP * 0.2),
                  TransformFromCopy(self.epochs[0], rows[0][2][1]),
                  TransformFromCopy(self.total, rows[2][2][1]),
                  FadeIn(VGroup(rows[0][2][0], rows[2][2][0], rows[1][2], rows[3][2])),
                  until="image number")
        # the first image: one pass through the body, one step
        self.play(self.move_band(*body), self.steps.animate.set_value(1),
                  Indicate(rows[1][1], color=theme.ACCENT),
                  Indicate(rows[2][1], color=theme.ACCENT), at="image number", until="climbs")
        self.play(self.move_band(*body), self.steps.animate.set_value(n), rate_func=linear,
                  at="climbs", until=v["n_train_text"])
        self.light(rows[1][1], rows[1][2][1], at=v["n_train_text"])
        self.play(Indicate(rows[3][0], color=theme.ACCENT), at="nr_correct",
                  until=v["nr_correct_texts"][0])
        self.write_count(0, v["nr_correct_texts"][0])
        if v["epochs"] > 1:
            self.reset_count(at="resets", until="epoch")
            self.next_epoch(0, at="epoch", through="over.")
        else:
            self.freeze()
            self.light(rows[2][1], rows[2][2][1], at=v["n_steps_text"])
            self.still("loops")

    def beat_run(self):
        """The later epochs run on the same counters; each epoch's count drops into the strip
        as it is said while the loop's last line resets it (one short move, so a long list of
        counts keeps up with the voice), and the steps reach their end."""
        v = self.values
        n, epochs = v["n_train"], v["epochs"]
        body = (self.line_of["for img"], self.line_of["# backprop"])
        for e in range(1, epochs):
            t = v["nr_correct_texts"][e]
            phrase = t if e in v["shown_epochs"] and self.said(t) else None
            timing = {"until": phrase} if phrase else {"run_time": 0.4}
            self.play(self.move_band(*body), self.steps.animate.set_value((e + 1) * n),
                      rate_func=linear, **timing)
            self.write_count(e, phrase, reset=e < epochs - 1)
        self.freeze()
        # "of n": the image counter and nr_correct both end at n (a motion that lasts while
        # the sentence goes on to the steps, so the picture never stalls here)
        self.play(Indicate(self.rows[1][2], color=theme.ACCENT),
                  Indicate(self.rows[3][2], color=theme.ACCENT),
                  at=v["n_train_text"], until=v["n_steps_text"])
        self.play(Indicate(self.rows[2][1], color=theme.ACCENT),
                  Indicate(self.rows[2][2][1], color=theme.ACCENT),
                  Indicate(self.total, color=theme.ACCENT),
                  at=v["n_steps_text"], run_time=theme.LIGHT)
        self.still("loops")

    # --- the curves ---------------------------------------------------------------------------

    def build_plots(self):
        """The mean of e and the share guessed right against steps done, side by side where
        the code and the counters were."""
        v = self.values
        xs, n_steps = v["curve_x"], v["n_steps"]
        x_ticks = [(t, f"{int(t):,}") for t in nice_ticks(0, n_steps, 2) if t <= n_steps]
        e_hi = max(v["curve_e"])
        e_ticks = nice_ticks(0, e_hi, 2)
        width, height = 5.0, PLOT_HEIGHT
        cost = LinePlot((0, n_steps), (0, max(e_ticks[-1], e_hi)), x_ticks=x_ticks,
                        y_ticks=[(t, f"{t:g}") for t in e_ticks],
                        y_label="mean of e", x_label="steps", width=width, height=height)
        share = LinePlot((0, n_steps), (0, 1), x_ticks=x_ticks,
                         y_ticks=[(t, f"{round(100 * t)}%") for t in (0, 0.5, 1)],
                         y_label="share guessed right", x_label="steps", width=width,
                         height=height)
        for plot, x in ((cost, -3.15), (share, 3.4)):
            plot.shift([x - plot.axes.get_x(), 0, 0])
        share.shift([0, PLOT_BOTTOM - share.get_bottom()[1], 0])
        cost.shift([0, share.axes.get_y() - cost.axes.get_y(), 0])
        cost_all = cost.series(xs, v["curve_e"], color=theme.CURVE)
        share_all = share.series(xs, v["curve_acc"], color=theme.GOOD)
        return cost, share, cost_all, share_all

    def pen(self, plot, ys, color):
        """The curve drawn up to the replay's steps done."""
        xs = self.values["curve_x"]

        def draw():
            k = int(np.searchsorted(xs, self.replay.get_value() + 1e-9, side="right"))
            if k < 2:
                return VGroup()
            return plot.series(xs[:k], ys[:k], color=color)
        return always_redraw(draw)

    def beat_curves(self):
        """The code, strip and counters (the finished run) give way to the two curves (and the
        title, which made room for the unfolded code, comes back); a pen
        replays them along their step axes, every window's point as the replay reaches it (no
        counter is rewound); the ends are named and lit as said."""
        v = self.values
        self.remove(self.band)
        self.replay = ValueTracker(0)
        plots = self.build_plots()
        cost, share, cost_all, share_all = plots
        self.plots = VGroup(cost, share)
        every = label(f"a point per {v['curve_every_text']} images", theme.SMALL_SIZE,
                      theme.MUTED)
        every.to_edge(UP, buff=0.75).align_to([RIGHT_EDGE, 0, 0], RIGHT)
        self.play(FadeOut(VGroup(self.code, self.epochs, self.equation, self.strip,
                                 *self.rows)),
                  FadeIn(self.plots), FadeIn(self.card), until="every")  # the title is back
        pens = (self.pen(cost, v["curve_e"], theme.CURVE),
                self.pen(share, v["curve_acc"], theme.GOOD))
        self.add(*pens)
        self.play(FadeIn(every), self.replay.animate.set_value(v["n_steps"]),
                  rate_func=linear, at="every", until=v["e_first_text"])
        self.remove(*pens)
        self.add(cost_all, share_all)
        e0 = label(v["e_first_text"], theme.SMALL_SIZE, theme.CURVE)
        e1 = label(v["e_last_text"], theme.SMALL_SIZE, theme.CURVE)
        a0 = label(v["acc_first_text"], theme.SMALL_SIZE, theme.GOOD)
        a1 = label(v["acc_last_text"], theme.SMALL_SIZE, theme.GOOD)
        # the ends, written after each curve's title as they are said: first -> last
        arrows = [label("→", theme.SMALL_SIZE, theme.MUTED) for _ in range(2)]
        for plot, first, arrow, last in ((cost, e0, arrows[0], e1), (share, a0, arrows[1], a1)):
            VGroup(first, arrow, last).arrange(RIGHT, buff=0.15).next_to(
                plot.y_title, RIGHT, buff=0.35)
        self.play(FadeIn(e0, scale=1.6),
                  at=v["e_first_text"], run_time=theme.LIGHT)
        self.play(FadeIn(e1, scale=1.6), FadeIn(arrows[0]),
                  at=v["e_last_text"], run_time=theme.LIGHT)
        self.play(Indicate(share_all, color=theme.ACCENT, scale_factor=1.02),
                  **self.at_or_now("share"), until=v["acc_first_text"])
        # each end of the share curve is one group of images: its point, and a band over the
        # plot where that group sits, marked as it is said
        ends, bands = VGroup(), VGroup()
        for i in (0, -1):
            point = share.c2p(v["curve_x"][i], v["curve_acc"][i])
            ends.add(Dot(point, radius=0.09, color=theme.ACCENT))
            bands.add(Rectangle(width=0.22, height=share.axes.height).set_stroke(width=0)
                      .set_fill(theme.ACCENT, 0.3).move_to([point[0], share.axes.get_y(), 0]))
        self.play(FadeIn(a0, scale=1.6),
                  at=v["acc_first_text"], run_time=theme.LIGHT)
        self.play(GrowFromEdge(bands[0], DOWN), GrowFromCenter(ends[0]),
                  Indicate(a0, color=theme.ACCENT), at="first group",
                  until=v["acc_last_text"])
        self.play(FadeIn(a1, scale=1.6), FadeIn(arrows[1]), GrowFromCenter(ends[1]),
                  FadeOut(bands[0]), GrowFromEdge(bands[1], DOWN),
                  at=v["acc_last_text"], run_time=theme.REVEAL)
        self.play(Indicate(VGroup(a1, ends[1]), color=theme.ACCENT), FadeOut(bands[1]),
                  at="last.", run_time=max(theme.MIN_RUN, self.seconds_left() - 0.2))
        self.curve_marks = VGroup(e0, e1, a0, a1, *arrows, *ends)
        self.every = every
        self.curves = VGroup(cost_all, share_all)

    # --- what training added ------------------------------------------------------------------

    def beat_added(self):
        """The curves give way; row r after training, minus row r at the start, is what
        training added: three pictures on one colour scale."""
        v = self.values
        scale = v["scale"]
        others = VGroup(self.every, self.plots, self.curves, self.curve_marks)
        after = ChangeTile(v["featured_final"], scale, BIG)
        start = ChangeTile(v["featured_init"], scale, BIG)
        added = ChangeTile(v["featured_change"], scale, BIG)
        minus = label("−", theme.HEADING_SIZE, theme.TEXT)
        eq = label("=", theme.HEADING_SIZE, theme.TEXT)
        VGroup(after, minus, start, eq, added).arrange(RIGHT, buff=0.35).move_to([0, -0.2, 0])
        caps = VGroup(*[label(t, theme.SMALL_SIZE, theme.MUTED).next_to(m, DOWN, buff=0.15)
                        for t, m in (("final", after), ("start", start), ("added", added))])
        caps[2].set_color(theme.ACCENT)
        head = VGroup(label("row", theme.BODY_SIZE, theme.TEXT),
                      label(v["featured_text"], theme.BODY_SIZE, theme.ACCENT),
                      label("of w_i_h", theme.BODY_SIZE, theme.TEXT, mono=True))
        head.arrange(RIGHT, buff=0.15, aligned_edge=DOWN).next_to(after, UP, buff=0.4)
        head.align_to(after, LEFT)
        self.play(FadeOut(others), until="row")
        self.play(FadeIn(head), at="row", until=v["featured_text"])
        self.light(head[1], at=v["featured_text"])
        # "the weights into hidden neuron r": the row drawn as its picture while said
        self.play(FadeIn(after, shift=UP * 0.3), FadeIn(caps[0]), at="the weights into",
                  until="subtract")
        self.play(FadeIn(minus), FadeIn(start, shift=LEFT * 0.3), FadeIn(caps[1]),
                  at="subtract", until="final")
        self.play(Indicate(after.frame, color=theme.ACCENT), at="final", until="what is left")
        self.play(FadeIn(eq), TransformFromCopy(after, added), FadeIn(caps[2]),
                  at="what is left", until="added.")
        self.play(Indicate(added.frame, color=theme.ACCENT), at="added.", run_time=theme.LIGHT)
        self.equation_pics = VGroup(after, minus, start, eq, caps[0], caps[1], head)
        self.added, self.added_cap = added, caps[2]

    def tile_grid(self):
        """The shown neurons' change pictures at step 0 (nothing added yet), rows of
        TILE_COLS, right of the text column, as tall as the frame allows (the words beside
        them fill the column from top to bottom); the featured row's frame in the accent
        colour."""
        v = self.values
        n = len(v["tiles"])
        tiles = VGroup(*[ChangeTile(v["changes"][0][i], v["scale"], TILE)
                         for i in range(n)])
        tiles.arrange_in_grid(cols=min(TILE_COLS, n), buff=TILE_GAP)
        tiles.move_to([RIGHT_EDGE, TILES_Y, 0], aligned_edge=RIGHT)
        tiles[v["featured_pos"]].frame.set_stroke(theme.ACCENT, 2.0)
        return tiles

    def step_counter(self):
        """A fresh step counter, "step 0 of <steps>", at the top right: it only counts up."""
        v = self.values
        row = VGroup(label("step", theme.BODY_SIZE, theme.ACCENT),
                     counter(v["n_steps"], color=theme.ACCENT),
                     VGroup(label("of", theme.BODY_SIZE, theme.MUTED),
                            counter(v["n_steps"], color=theme.MUTED)).arrange(
                                RIGHT, buff=0.15, aligned_edge=DOWN))
        row.arrange(RIGHT, buff=theme.GAP, aligned_edge=DOWN)  # room for the widest value
        row.move_to([RIGHT_EDGE, 3.05, 0], aligned_edge=RIGHT)
        row[1].set_value(0).move_to(row[2].get_left() + LEFT * theme.GAP,
                                    aligned_edge=RIGHT).align_to(row[0], DOWN)
        return row

    def snapshot_at(self, steps):
        """The recorded snapshot step at or before ``steps`` steps done: what the tiles draw
        and the step counter reads."""
        v = self.values
        k = int(np.searchsorted(v["snapshot_steps"], steps + 1e-9, side="right")) - 1
        return v["snapshot_steps"][max(k, 0)]

    def show_state(self, tiles, steps, mix=0.0):
        """Each tile shows the latest recorded state at or before ``steps`` steps done, with
        ``mix`` times the starting row added back (0: the change alone; 1: the row itself)."""
        v = self.values
        k = int(np.searchsorted(v["snapshot_steps"], steps + 1e-9, side="right")) - 1
        k = max(k, 0)
        key = (k, round(mix, 3))
        if getattr(tiles, "shown_key", None) == key:
            return
        tiles.shown_key = key
        change = v["changes"][k]
        if mix:
            change = change + mix * (v["rows_final"] - v["changes"][-1])
        for t, pic in zip(tiles, change):
            t.show(pic)

    def colour_key(self):
        """The tiles' colour scale as a strip of their colour steps, red (lowered by the
        scale or more) through black (no change) to blue, its ends labelled."""
        v = self.values
        steps = range(-LEVELS, LEVELS + 1)
        strip = VGroup(*[Rectangle(width=KEY_W / len(steps), height=KEY_H).set_stroke(width=0)
                         .set_fill(level_color(q), 1) for q in steps]).arrange(RIGHT, buff=0)
        ends = VGroup(label(f"−{v['scale_text']}", theme.SMALL_SIZE, theme.MUTED),
                      label(f"+{v['scale_text']}", theme.SMALL_SIZE, theme.MUTED))
        ends[0].next_to(strip, DOWN, buff=0.12).align_to(strip, LEFT)
        ends[1].next_to(strip, DOWN, buff=0.12).align_to(strip, RIGHT)
        return VGroup(strip, ends)

    def beat_grow(self):
        """The three pictures go (the added one shrinking toward its neuron's slot); the shown
        neurons' tiles appear at step 0, nothing added yet, with a fresh step counter at 0;
        then they grow snapshot by recorded snapshot as the counter climbs (faster and faster,
        as the snapshots thin out), only ever forward; blue and red are named in a key, shown
        only while the pictures are of the change."""
        v = self.values
        n_steps = v["n_steps"]
        tiles = self.tile_grid()
        slot = tiles[v["featured_pos"]]
        caption = label("what training added to each row", theme.SMALL_SIZE, theme.TEXT)
        count = label(f"{v['n_tiles_text']} hidden neurons:" if v["n_tiles"] == v["hidden"]
                      else f"{v['n_tiles_text']} of the {v['hidden_text']} hidden neurons:",
                      theme.SMALL_SIZE, theme.MUTED)
        VGroup(count, caption).arrange(DOWN, buff=0.12, aligned_edge=LEFT).move_to(
            [TEXT_LEFT, 2.2, 0], aligned_edge=LEFT)
        legend = VGroup(label("blue: raised", theme.BODY_SIZE, theme.POSITIVE),
                        label("red: lowered", theme.BODY_SIZE, theme.NEGATIVE),
                        self.colour_key())
        # the key in the middle of the text column (the average sizes take its place later)
        legend.arrange(DOWN, buff=0.25, aligned_edge=LEFT).move_to(
            [TEXT_LEFT, (caption.get_bottom()[1] + COLUMN_BOTTOM) / 2, 0],
            aligned_edge=LEFT)
        step_row = self.step_counter()
        steps = ValueTracker(0)
        step_row[1].add_updater(lambda m: m.set_value(self.snapshot_at(steps.get_value())).move_to(
            step_row[2].get_left() + LEFT * theme.GAP, aligned_edge=RIGHT).align_to(
                step_row[0], DOWN))
        self.play(FadeOut(self.equation_pics), FadeOut(self.added_cap),
                  FadeOut(self.added, target_position=slot.get_center(), scale=TILE / BIG),
                  FadeIn(caption), until="that change")
        self.play(FadeIn(tiles, lag_ratio=0.05), FadeIn(count), FadeIn(legend[2]),
                  at="that change",
                  until=v["n_tiles_text"])
        self.light(count, at=v["n_tiles_text"])
        if v["n_tiles"] != v["hidden"]:
            self.light(count, at=v["hidden_text"])
        self.play(FadeIn(step_row, shift=DOWN * 0.2), Indicate(slot.frame, color=theme.ACCENT),
                  **self.at_or_now("snapshot"), until="0")
        self.play(Indicate(step_row[1], color=theme.ACCENT), at="0", until="nothing")
        # growth, snapshot by snapshot: equal time per tenfold of steps
        log_end = math.log1p(n_steps)
        frac = ValueTracker(0.0)
        steps.add_updater(lambda m: m.set_value(math.expm1(frac.get_value() * log_end)))
        tiles.add_updater(lambda m: self.show_state(m, steps.get_value()))
        self.add(steps, tiles)
        said_end = math.log1p(0.5 * n_steps) / log_end
        self.play(frac.animate.set_value(said_end), rate_func=linear, at="nothing",
                  until=v["n_steps_text"])
        self.play(frac.animate.set_value(0.93),
                  step_row[2][1].animate(rate_func=lambda t: min(1.0, 4 * t)).set_color(
                      theme.ACCENT),
                  rate_func=linear, at=v["n_steps_text"], until="blue")
        self.play(frac.animate.set_value(0.97), FadeIn(legend[0], scale=1.3),
                  rate_func=linear, at="blue", until="red")
        self.play(frac.animate.set_value(1.0), FadeIn(legend[1], scale=1.3),
                  rate_func=linear, at="red", through="lowered")
        steps.clear_updaters()
        steps.set_value(n_steps)
        step_row[1].clear_updaters()
        step_row[1].set_value(n_steps)
        tiles.clear_updaters()
        self.show_state(tiles, n_steps)
        self.tiles, self.tile_caption, self.legend = tiles, caption, legend
        self.still("added")

    def beat_rows(self):
        """The starting rows blend back in (the rows as they are: noise with a trace of the
        strokes) while the change's key (raised / lowered) gives way to the weights' own (blue
        positive, red negative); the two average sizes are written and lit as said; then the
        starting noise blends out again, and the change's key comes back with the change."""
        v = self.values
        tiles = self.tiles
        change_key = self.legend[:2]
        weight_key = VGroup(label("blue: positive weight", theme.BODY_SIZE, theme.POSITIVE),
                            label("red: negative weight", theme.BODY_SIZE, theme.NEGATIVE))
        for new, old in zip(weight_key, change_key):
            new.move_to(old, aligned_edge=LEFT)
        mix = ValueTracker(0.0)
        tiles.add_updater(lambda m: self.show_state(m, v["n_steps"], mix.get_value()))
        self.add(tiles)
        rows_cap = label("the rows of w_i_h", theme.SMALL_SIZE, theme.TEXT)
        rows_cap.move_to(self.tile_caption, aligned_edge=LEFT)
        sizes = VGroup(
            VGroup(label("final weights, average size", theme.BODY_SIZE, theme.TEXT),
                   label(v["mean_w_text"], theme.HEADING_SIZE, theme.TEXT)),
            VGroup(label("added, average size", theme.BODY_SIZE, theme.ACCENT),
                   label(v["mean_change_text"], theme.HEADING_SIZE, theme.ACCENT)))
        for g in sizes:
            g.arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        sizes.arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        # between the caption and the key
        # the key goes down to the column's bottom, the sizes come between it and the caption
        down = (COLUMN_BOTTOM - self.legend.get_bottom()[1]) * UP
        weight_key.shift(down)
        middle = (self.tile_caption.get_bottom()[1] + self.legend.get_top()[1] + down[1]) / 2
        sizes.move_to([TEXT_LEFT, middle, 0], aligned_edge=LEFT)
        self.play(mix.animate.set_value(1.0), *swap(self.tile_caption, rows_cap),
                  *swap(change_key, weight_key), self.legend[2].animate.shift(down),
                  until="weights average")
        change_key.shift(down)  # (faded out: it comes back in the key's new place)
        self.play(FadeIn(sizes[0]), at="weights average", until=v["mean_w_text"])
        self.light(sizes[0][1], at=v["mean_w_text"])
        self.play(FadeIn(sizes[1]), at="what training", until=v["mean_change_text"])
        self.light(sizes[1][1], at=v["mean_change_text"])
        back = label("what training added to each row", theme.SMALL_SIZE, theme.TEXT)
        back.move_to(self.tile_caption, aligned_edge=LEFT)
        self.play(mix.animate.set_value(0.0), *swap(rows_cap, back),
                  *swap(weight_key, change_key), at="the change alone", until="learned")
        tiles.clear_updaters()
        frames = VGroup(*[t.frame for t in tiles])
        self.play(Indicate(frames, color=theme.ACCENT, scale_factor=1.03), at="learned",
                  through="for.")
        self.still("change")
