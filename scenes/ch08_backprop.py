"""Chapter 8, backpropagation: the deltas and updates of step 0, checked against step 1."""

from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, FadeOut, VGroup, Write

from scenes import theme
from scenes.chapter_scene import ChapterScene
from scenes.kit.network import PixelGrid
from scenes.kit.numbers import MatrixView, VectorColumn
from scenes.kit.text import formula, headed, label
from scenes.values.backprop import FORMULAS, delta_caption, order_caption
from scenes.values.format import fmt, fmt_int, fmt_shape

#: Decimals of the output-side vectors (o, l, deltas).
VEC_DIGITS = 4
#: How many entries of a 20-long vector are drawn (the rest elided with a vertical ellipsis).
HIDDEN_SHOWN = 8
#: Column width of a weight matrix per character of its widest number, plus padding.
COL_WIDTH_PER_CHAR = 0.16
COL_PAD = 0.3
#: Widest a before/after pair may be (the frame is about 14.2 units wide).
MAX_WIDTH = 12.5


def index_labels(column, names):
    """Small labels left of a VectorColumn's entries (class names or neuron numbers)."""
    return VGroup(*[label(names[i], theme.TINY_SIZE, theme.MUTED).next_to(t, LEFT, buff=0.4)
                    for i, t in column.entries.items()])


def matrix(m, digits, cols=None):
    """A small real matrix, wide enough for its numbers, with optional column labels above."""
    widest = max(len(fmt(x, digits)) for row in m for x in row)
    view = MatrixView(m, max_rows=len(m), max_cols=len(m[0]), digits=digits,
                      col_width=COL_WIDTH_PER_CHAR * widest + COL_PAD)
    if cols is None:
        return view
    heads = VGroup(*[label(c, theme.TINY_SIZE, theme.MUTED).next_to(view.cells[(0, i)], UP,
                                                                    buff=0.25)
                     for i, c in enumerate(cols)])
    return VGroup(heads, view)


def before_after(before, after, digits, title_before, title_after, cols=None, down=False):
    """Two small matrices of real weights with an arrow from the first to the second."""
    left = headed(matrix(before, digits, cols), title_before)
    right = headed(matrix(after, digits, cols), title_after)
    group = VGroup(left, right).arrange(DOWN if down else RIGHT, buff=0.6 if down else 1.2)
    if down:
        arrow = Arrow(left.get_bottom(), right.get_top(), buff=0.05, color=theme.MUTED)
    else:
        arrow = Arrow(left[1].get_right(), right[1].get_left(), buff=0.15, color=theme.MUTED)
    return VGroup(group, arrow)


class Backpropagation(ChapterScene):
    slug = "backprop"

    def beat_delta_o(self):
        """The step notes, then delta_o = o - l as columns beside o and l."""
        v = self.values
        names = v["class_names"]
        n_out = v["n_out"]
        self.title_card()
        step_note = label(f"recorded step {fmt_int(v['step'])} and the next one, step "
                          f"{fmt_int(v['next_step'])}", theme.SMALL_SIZE, theme.MUTED)
        step_note.to_corner(UP + RIGHT, buff=0.45)
        self.order_note = label(order_caption(v), theme.TINY_SIZE, theme.ACCENT)
        self.order_note.to_edge(DOWN, buff=0.25)
        self.play(FadeIn(step_note), FadeIn(self.order_note), run_time=theme.REVEAL)

        self.f_do = formula(FORMULAS[0]).to_edge(UP, buff=1.0)
        o = VectorColumn(v["o"], max_shown=n_out, digits=VEC_DIGITS)
        l_col = VectorColumn(v["l"], max_shown=n_out, digits=0)
        d_o = VectorColumn(v["delta_o"], max_shown=n_out, digits=VEC_DIGITS, color=theme.ACCENT)
        self.cols = VGroup(headed(o, "o"), headed(l_col, "l"), headed(d_o, "delta_o = o - l"))
        self.cols.arrange(RIGHT, buff=0.6, aligned_edge=UP).next_to(self.f_do, DOWN, buff=0.4)
        self.cols.to_edge(LEFT, buff=1.2)
        self.idx = index_labels(o, names)
        self.play(Write(self.f_do), FadeIn(self.cols[:2]), FadeIn(self.idx),
                  run_time=theme.REVEAL)
        self.play(FadeIn(self.cols[2], shift=LEFT * 0.2), run_time=theme.REVEAL)

    def beat_aside(self):
        """The MSE gradient as a muted aside column, its formula, and the delta rule caption."""
        v = self.values
        mse = VectorColumn(v["mse_delta_o"], max_shown=v["n_out"], digits=VEC_DIGITS,
                           color=theme.MUTED)
        self.mse_col = headed(mse, "MSE gradient (aside)")
        self.mse_col.next_to(self.cols, RIGHT, buff=0.8).align_to(self.cols, UP)
        self.f_mse = formula(FORMULAS[6], size=theme.FORMULA_SIZE * 0.7, color=theme.MUTED)
        self.f_mse.next_to(self.f_do, RIGHT, buff=1.2)
        self.caption = label(delta_caption(v), theme.SMALL_SIZE, theme.TEXT)
        self.caption.next_to(self.order_note, UP, buff=0.25)
        self.play(FadeIn(self.mse_col), Write(self.f_mse), FadeIn(self.caption),
                  run_time=theme.REVEAL)

    def beat_update_ho(self):
        """The hidden-to-output update: w_h_o and b_h_o before and after the step."""
        v = self.values
        n_out = v["n_out"]
        self.play(*[FadeOut(m) for m in (self.f_do, self.cols, self.idx, self.mse_col,
                                         self.f_mse, self.caption)],
                  run_time=theme.REVEAL)
        self.f_w = formula(FORMULAS[1]).to_edge(UP, buff=1.0)
        self.eta = label(f"learning rate = {fmt(v['learn_rate'], 2)}", theme.BODY_SIZE,
                         theme.ACCENT)
        self.eta.next_to(self.f_w, DOWN, buff=0.25)
        part = (f"rows {v['rows'][0]}-{v['rows'][-1]}, cols {v['cols_h'][0]}-"
                f"{v['cols_h'][-1]} of {fmt_shape((n_out, v['n_hid']))}")
        self.w = before_after(v["w_h_o_before"], v["w_h_o_after"], v["w_h_o_digits"],
                              f"w_h_o at step {fmt_int(v['step'])}: {part}",
                              f"w_h_o at step {fmt_int(v['next_step'])}")
        self.w.scale_to_fit_width(min(self.w.width, MAX_WIDTH)).next_to(self.eta, DOWN,
                                                                        buff=0.5)
        self.b = before_after([[x] for x in v["b_h_o_before"]],
                              [[x] for x in v["b_h_o_after"]],
                              v["w_h_o_digits"], "b_h_o before", "b_h_o after")
        self.b.next_to(self.w, DOWN, buff=0.4)
        self.play(Write(self.f_w), FadeIn(self.eta), run_time=theme.REVEAL)
        self.play(FadeIn(self.w), run_time=theme.REVEAL)
        self.play(FadeIn(self.b), run_time=theme.REVEAL)
        self.still("output_update")

    def beat_delta_h(self):
        """delta_h from w_h_o.T @ delta_o and the sigmoid's slope, beside the other order."""
        v = self.values
        self.play(FadeOut(self.f_w), FadeOut(self.eta), FadeOut(self.w), FadeOut(self.b),
                  run_time=theme.REVEAL)
        self.f_dh = formula(FORMULAS[3]).to_edge(UP, buff=1.0)
        hidden = [str(i) for i in range(v["n_hid"])]
        back = VectorColumn(v["back"], max_shown=HIDDEN_SHOWN, digits=VEC_DIGITS)
        slope = VectorColumn(v["slope"], max_shown=HIDDEN_SHOWN, digits=VEC_DIGITS)
        d_h = VectorColumn(v["delta_h"], max_shown=HIDDEN_SHOWN, digits=VEC_DIGITS,
                           color=theme.ACCENT)
        other = VectorColumn(v["delta_h_other_order"], max_shown=HIDDEN_SHOWN,
                             digits=VEC_DIGITS, color=theme.MUTED)
        other_title = ("other order (reference)" if v["order"] == "correct"
                       else "other order (correct)")
        self.hcols = VGroup(headed(back, "w_h_o.T @ delta_o"), headed(slope, "h * (1 - h)"),
                            headed(d_h, "delta_h"), headed(other, other_title))
        self.hcols.arrange(RIGHT, buff=0.7, aligned_edge=UP).next_to(self.f_dh, DOWN, buff=0.4)
        self.hidx = index_labels(back, hidden)
        self.play(Write(self.f_dh), FadeIn(self.hcols[:2]), FadeIn(self.hidx),
                  run_time=theme.REVEAL)
        self.play(FadeIn(self.hcols[2], shift=LEFT * 0.2), run_time=theme.REVEAL)
        self.play(FadeIn(self.hcols[3]), run_time=theme.REVEAL)

    def beat_update_ih(self):
        """The input-to-hidden update on lit pixels' columns; unlit columns stay unchanged."""
        v = self.values
        self.play(FadeOut(self.f_dh), FadeOut(self.hcols), FadeOut(self.hidx),
                  run_time=theme.REVEAL)
        f_wi = formula(FORMULAS[4]).to_edge(UP, buff=1.0)
        img = PixelGrid(v["img"], side_length=2.4)
        for c in v["cols_i"]:
            img.cell(c).set_stroke(theme.ACCENT, width=2.0)
        img_note = label("lit pixels shown", theme.TINY_SIZE, theme.ACCENT)
        img_group = VGroup(img, img_note.next_to(img, DOWN, buff=0.15))
        img_group.to_edge(LEFT, buff=0.5).shift(DOWN * 0.3)
        part_i = (f"rows {v['rows'][0]}-{v['rows'][-1]} of "
                  f"{fmt_shape((v['n_hid'], v['n_in']))}, lit columns")
        wi = before_after(v["w_i_h_before"], v["w_i_h_after"], v["w_i_h_digits"],
                          f"w_i_h at step {fmt_int(v['step'])}: {part_i}",
                          f"w_i_h at step {fmt_int(v['next_step'])}",
                          cols=[f"col {c}" for c in v["cols_i"]], down=True)
        wi.scale(0.8).next_to(img_group, RIGHT, buff=0.5).next_to(f_wi, DOWN, buff=0.3,
                                                                 coor_mask=UP)
        bi = before_after([[x] for x in v["b_i_h_before"]], [[x] for x in v["b_i_h_after"]],
                          v["w_i_h_digits"], "b_i_h before", "b_i_h after", down=True)
        bi.scale(0.8).next_to(wi, RIGHT, buff=0.5)
        unchanged = label(f"{fmt_int(v['n_w_i_h_unchanged_cols'])} of {fmt_int(v['n_in'])} "
                          f"columns unchanged: their pixel is zero", theme.SMALL_SIZE, theme.TEXT)
        unchanged.next_to(self.order_note, UP, buff=0.25)
        self.play(Write(f_wi), FadeIn(img_group), run_time=theme.REVEAL)
        self.play(FadeIn(wi), FadeIn(bi), run_time=theme.REVEAL)
        self.play(FadeIn(unchanged), run_time=theme.REVEAL)
        self.still("input_update")
