"""Chapter 5: epochs, the inner loop over image-label pairs, and reshaping (784,) to (784, 1)."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    FadeIn,
    FadeOut,
    Rectangle,
    SurroundingRectangle,
    Transform,
    VGroup,
)

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.numbers import VectorColumn
from scenes.kit.text import code_listing, label
from scenes.values.format import fmt


def code_line(code, number):
    """The mobject of 1-based source line ``number`` of a kit code listing."""
    return code.code_lines[number - 1]


class TrainingLoops(ChapterScene):
    slug = "training_loops"

    def beat_epochs(self):
        """The training loop's code, the outer loop marked, and the number of epochs."""
        v = self.values
        self.title_card()
        self.code = code_listing(v["code"]).scale(0.95).move_to([-3.4, -0.2, 0])
        lines = v["code"].splitlines()
        self.line_of = {key: 1 + next(i for i, t in enumerate(lines) if key in t)
                        for key in ("for epoch", "for img", "img.shape", "l.shape")}
        self.play(FadeIn(self.code), run_time=theme.REVEAL)
        self.mark = SurroundingRectangle(code_line(self.code, self.line_of["for epoch"]),
                                         color=theme.ACCENT, buff=0.05)
        self.epochs = label(f"{v['epochs_text']} epochs", theme.HEADING_SIZE, theme.ACCENT)
        self.epochs.move_to([0.6, 2.2, 0], aligned_edge=LEFT)
        self.play(FadeIn(self.mark), FadeIn(self.epochs), run_time=theme.REVEAL)

    def beat_inner(self):
        """The inner loop marked: image-label pairs per epoch and the total of updates."""
        v = self.values
        mark2 = SurroundingRectangle(code_line(self.code, self.line_of["for img"]),
                                     color=theme.ACCENT, buff=0.05)
        self.pairs = label(f"× {v['n_train_text']} image-label pairs", theme.BODY_SIZE,
                           theme.TEXT)
        self.total = label(f"= {v['n_steps_text']} updates", theme.BODY_SIZE, theme.ACCENT)
        VGroup(self.pairs, self.total).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(
            self.epochs, DOWN, buff=0.3, aligned_edge=LEFT)
        self.play(Transform(self.mark, mark2), FadeIn(self.pairs), run_time=theme.REVEAL)
        self.play(FadeIn(self.total), run_time=theme.REVEAL)

    def beat_counter(self):
        """A progress bar and loop counter jumping through the recorded steps."""
        v = self.values
        bar_w = 5.0
        track = Rectangle(width=bar_w, height=0.25).set_stroke(theme.MUTED, 1.5)
        track.move_to([0.6, -0.9, 0], aligned_edge=LEFT)
        self.track = track

        def texts(k):
            e = label(f"epoch {v['counter_epoch_texts'][k]} of {v['epochs_text']}",
                      theme.BODY_SIZE, theme.TEXT)
            s = label(f"image {v['counter_sample_texts'][k]} of {v['n_train_text']}",
                      theme.BODY_SIZE, theme.TEXT)
            u = label(f"update {v['counter_step_texts'][k]} of {v['n_steps_text']}",
                      theme.SMALL_SIZE, theme.MUTED)
            group = VGroup(e, s, u).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
            return group.next_to(track, DOWN, buff=0.3).align_to(track, LEFT)

        def fill(k):
            done = v["counter_step_values"][k] / v["n_steps"]
            bar = Rectangle(width=max(bar_w * done, 0.01), height=0.25)
            bar.set_fill(theme.ACCENT, 1.0).set_stroke(width=0)
            return bar.align_to(track, LEFT).set_y(track.get_y())

        self.counter, self.bar = texts(0), fill(0)
        self.play(FadeIn(track), FadeIn(self.bar), FadeIn(self.counter), run_time=theme.REVEAL)
        for k in range(1, len(v["counter_epoch_texts"])):
            self.play(Transform(self.counter, texts(k)), Transform(self.bar, fill(k)),
                      run_time=0.6)
            self.wait(0.4)

    def beat_reshape(self):
        """The reshape lines marked: the flat image vector becomes a column."""
        v = self.values
        code, line_of = self.code, self.line_of
        mark3 = SurroundingRectangle(VGroup(code_line(code, line_of["img.shape"]),
                                            code_line(code, line_of["l.shape"])),
                                     color=theme.ACCENT, buff=0.05)
        self.play(Transform(self.mark, mark3),
                  FadeOut(VGroup(self.epochs, self.pairs, self.total, self.track, self.bar,
                                 self.counter)), run_time=theme.REVEAL)
        flat = label("[ " + "  ".join(fmt(x, 2) for x in v["flat_preview"]) + "  ⋯ ]",
                     theme.SMALL_SIZE, theme.TEXT, mono=True)
        flat_t = label(f"img {v['flat_shape_text']}", theme.BODY_SIZE, theme.MUTED)
        col = VectorColumn(v["example_img"], max_shown=6, digits=2, size=theme.SMALL_SIZE)
        col_t = label(f"img {v['column_shape_text']}", theme.BODY_SIZE, theme.ACCENT)
        top = VGroup(flat_t, flat).arrange(DOWN, buff=0.2).move_to([3.6, 2.0, 0])
        bottom = VGroup(col_t, col).arrange(RIGHT, buff=0.4).move_to([3.6, -1.3, 0])
        arrow = Arrow(top.get_bottom(), bottom.get_top(), color=theme.MUTED, buff=0.2)
        self.play(FadeIn(top), run_time=theme.REVEAL)
        self.play(FadeIn(arrow), FadeIn(bottom), run_time=theme.REVEAL)
        self.still("loops")
