"""Chapter 3: real images as grids of pixels, 28 x 28 = 784 values, scaling, the data set."""

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, LaggedStart, Rectangle, VGroup

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.plots import OutputBars
from scenes.kit.text import label


class Dataset(ChapterScene):
    slug = "dataset"

    def beat_images(self):
        """The title, a row of real images with labels, the first one large with its size."""
        v = self.values
        self.title_card()
        cards = VGroup()
        for img, name in zip(v["images"], v["label_texts"]):
            grid = PixelGrid(img, side_length=1.35, stroke=False)
            cards.add(VGroup(grid, label(name, theme.SMALL_SIZE, theme.MUTED).next_to(
                grid, DOWN, buff=0.12)))
        cards.arrange(RIGHT, buff=0.25).move_to([0, 1.6, 0])
        self.play(LaggedStart(*[FadeIn(c) for c in cards], lag_ratio=0.15), run_time=2)
        big = PixelGrid(v["images"][0], side_length=3.6).move_to([-3.8, -1.6, 0])
        size = label(f"{v['side_text']} × {v['side_text']} = {v['n_pixels_text']} pixels",
                     theme.BODY_SIZE, theme.TEXT).next_to(big, RIGHT, buff=0.6).shift(UP * 1.1)
        self.play(FadeIn(big), cards[0].animate.set_opacity(0.4), run_time=theme.REVEAL)
        self.play(FadeIn(size), run_time=theme.REVEAL)
        self.cards, self.big, self.size = cards, big, size

    def beat_pixels(self):
        """A run of pixels boxed in the large image: raw values and the same values scaled."""
        v = self.values
        first = v["pixel_row"] * v["side"] + v["pixel_col"]
        cells = VGroup(*[self.big.cell(first + k) for k in range(len(v["pixels_raw"]))])
        box = Rectangle(width=cells.width + 0.06, height=cells.height + 0.06)
        box.set_stroke(theme.ACCENT, 3).move_to(cells)
        raw = VGroup(*[label(t, theme.SMALL_SIZE, theme.TEXT, mono=True)
                       for t in v["pixels_raw_texts"]]).arrange(RIGHT, buff=0.3)
        scaled = VGroup(*[label(t, theme.SMALL_SIZE, theme.ACCENT, mono=True)
                          for t in v["pixels_scaled_texts"]]).arrange(RIGHT, buff=0.3)
        raw_t = label("raw", theme.SMALL_SIZE, theme.MUTED)
        div_t = label(f"÷ {v['scale_text']}", theme.SMALL_SIZE, theme.MUTED)
        table = VGroup(VGroup(raw_t, raw).arrange(RIGHT, buff=0.4),
                       VGroup(div_t, scaled).arrange(RIGHT, buff=0.4)).arrange(
            DOWN, aligned_edge=RIGHT, buff=0.3)
        table.next_to(self.size, DOWN, buff=0.6, aligned_edge=LEFT)
        self.play(FadeIn(box), FadeIn(table[0]), run_time=theme.REVEAL)
        self.play(FadeIn(table[1], shift=DOWN * 0.2), run_time=theme.REVEAL)
        self.table, self.box = table, box

    def beat_dataset(self):
        """The image moves aside; the data set's name, provenance and files."""
        v = self.values
        self.play(FadeOut(VGroup(self.cards, self.size, self.table, self.box)),
                  self.big.animate.scale(0.7).move_to([-4.9, -0.3, 0]), run_time=theme.REVEAL)
        name = label(v["title"], theme.HEADING_SIZE, theme.ACCENT, weight="BOLD")
        prov = label(",\n".join(v["provenance"].split(": ", 1)[1].split(", ")),
                     theme.BODY_SIZE, theme.TEXT)
        files = VGroup(*[label(f, theme.TINY_SIZE, theme.MUTED, mono=True) for f in v["files"]])
        files.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        info = VGroup(name, prov, files).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        if info.width > 9.0:
            info.scale_to_fit_width(9.0)
        info.move_to([1.4, 1.6, 0])
        self.play(FadeIn(info), run_time=theme.REVEAL)
        self.info = info

    def beat_shape(self):
        """The shape of the training images as one array."""
        v = self.values
        shape = label(f"training images: {v['train_shape_text']}", theme.BODY_SIZE, theme.TEXT,
                      mono=True)
        shape.next_to(self.info, DOWN, buff=0.4, aligned_edge=LEFT)
        self.play(FadeIn(shape), run_time=theme.REVEAL)

    def beat_counts(self):
        """Bars of the number of training images per class."""
        v = self.values
        bars = OutputBars(v["label_counts"], v["class_names"], texts=v["label_count_texts"],
                          top=v["count_max"], width=7.0, height=1.6)
        bars_t = label("training images per class", theme.SMALL_SIZE, theme.MUTED)
        VGroup(bars_t, bars).arrange(DOWN, buff=0.3).move_to([1.6, -2.3, 0])
        self.play(FadeIn(bars_t), LaggedStart(*[FadeIn(b, shift=UP * 0.1) for b in bars.bars],
                                              lag_ratio=0.08),
                  FadeIn(bars[0]), FadeIn(bars.names), FadeIn(bars.value_labels), run_time=2)
        self.still("dataset")
