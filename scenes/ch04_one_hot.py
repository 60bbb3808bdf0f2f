"""Chapter 4: real labels of recorded training steps becoming one-hot target vectors."""

from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, FadeOut, SurroundingRectangle, VGroup

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import NetworkDiagram, PixelGrid
from scenes.kit.numbers import VectorColumn
from scenes.kit.text import code_listing, label


def one_hot_view(v, k, scale=1.0):
    """Image, label and one-hot column of example k, with the hot entry highlighted."""
    grid = PixelGrid(v["images"][k], side_length=1.6 * scale, stroke=False)
    name = label(f"label {v['label_texts'][k]}", theme.SMALL_SIZE, theme.TEXT)
    col = VectorColumn(v["one_hot"][k], max_shown=v["n_classes"], texts=v["one_hot_texts"][k],
                       size=theme.SMALL_SIZE, row_gap=0.4 * scale)
    hot = col.entries[v["hot_index"][k]]
    hot.set_color(theme.ACCENT)
    box = SurroundingRectangle(hot, color=theme.ACCENT, buff=0.06)
    left = VGroup(grid, name).arrange(DOWN, buff=0.15)
    arrow = Arrow(LEFT * 0.4, RIGHT * 0.4, color=theme.MUTED, buff=0)
    view = VGroup(left, arrow, VGroup(col, box)).arrange(RIGHT, buff=0.25)
    return view, col


def one_hot_row(v, k):
    """A compact view of example k: small image, label, and its one-hot vector as a row."""
    grid = PixelGrid(v["images"][k], side_length=1.0, stroke=False)
    name = label(f"label {v['label_texts'][k]}", theme.SMALL_SIZE, theme.TEXT)
    entries = VGroup(*[label(t, theme.SMALL_SIZE,
                             theme.ACCENT if i == v["hot_index"][k] else theme.TEXT, mono=True)
                       for i, t in enumerate(v["one_hot_texts"][k])]).arrange(RIGHT, buff=0.16)
    row = VGroup(label("[", theme.BODY_SIZE, theme.MUTED, mono=True), entries,
                 label("]", theme.BODY_SIZE, theme.MUTED, mono=True)).arrange(RIGHT, buff=0.1)
    arrow = Arrow(LEFT * 0.3, RIGHT * 0.3, color=theme.MUTED, buff=0)
    return VGroup(grid, name, arrow, row).arrange(RIGHT, buff=0.25)


class OneHot(ChapterScene):
    slug = "one_hot"

    def beat_outputs(self):
        """The title, then the output layer with one neuron per class name."""
        v = self.values
        self.title_card()
        out = NetworkDiagram([v["n_classes"]], max_shown=v["n_classes"], height=5.0)
        out.move_to([-5.2, -0.4, 0])
        names = VGroup(*[label(n, theme.SMALL_SIZE, theme.MUTED).next_to(
            out.neuron(0, i), LEFT, buff=0.2) for i, n in enumerate(v["class_names"])])
        out_t = label(f"{v['n_classes_text']} outputs", theme.SMALL_SIZE, theme.TEXT)
        out_t.next_to(out, UP, buff=0.25)
        self.play(FadeIn(out), FadeIn(names), FadeIn(out_t), run_time=theme.REVEAL)
        self.out = out

    def beat_first(self):
        """The first training image, its label and one-hot column, lit on the output layer."""
        v = self.values
        view, _ = one_hot_view(v, 0)
        view.move_to([-1.9, -0.4, 0])
        self.play(FadeIn(view), run_time=theme.REVEAL)
        self.out.fill_layer(0, v["one_hot"][0])
        self.play(self.out.layers.animate.set_stroke(theme.ACCENT, opacity=1.0), run_time=0.5)

    def beat_more(self):
        """The next images with their one-hot vectors as rows, one after another."""
        v = self.values
        more = VGroup(*[one_hot_row(v, k) for k in range(1, len(v["labels"]))])
        more.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        if more.width > 5.9:
            more.scale_to_fit_width(5.9)
        more.move_to([3.5, -0.4, 0])
        for m in more:
            self.play(FadeIn(m, shift=LEFT * 0.2), run_time=0.8)
        self.more = more

    def beat_code(self):
        """The one line of code that builds the targets, and the shape of one target."""
        v = self.values
        code = code_listing(v["code"])
        shape = label(f"each target l: {v['shape_text']} after reshaping", theme.SMALL_SIZE,
                      theme.MUTED)
        block = VGroup(code, shape).arrange(DOWN, buff=0.25).move_to([3.9, -0.4, 0])
        self.play(FadeOut(self.more), run_time=0.4)
        self.play(FadeIn(block), run_time=theme.REVEAL)
        self.still("one-hot")
