"""Chapter 8, backpropagation: the deltas and the updates of one real step.

The step shown is the first recorded one whose successor was recorded too
(steps 0 and 1 of the shipped trace), so "after" is not recomputed here: it
is the next step's recorded "before". The ``order`` the run used decides
which ``w_h_o`` enters ``delta_h``; the MSE gradient for the same step is
computed with ``nnmath.costs.output_delta`` as a measured aside.
"""

import numpy as np

from nnmath.costs import output_delta
from scenes.values.format import fmt, fmt_sci

FORMULAS = [
    r"\delta_o = o - l",
    r"w_{h\to o} \leftarrow w_{h\to o} - \eta\, \delta_o\, h^{\top}",
    r"b_{h\to o} \leftarrow b_{h\to o} - \eta\, \delta_o",
    r"\delta_h = w_{h\to o}^{\top} \delta_o \odot h \odot (1 - h)",
    r"w_{i\to h} \leftarrow w_{i\to h} - \eta\, \delta_h\, \mathrm{img}^{\top}",
    r"b_{i\to h} \leftarrow b_{i\to h} - \eta\, \delta_h",
    (r"\frac{\partial\, \mathrm{MSE}}{\partial\, o_{\mathrm{pre}}} "
    r"= \tfrac{2}{n}(o - l)\, o\,(1 - o)"),
]

#: How many rows and columns of a weight matrix the chapter shows (the rest is elided).
SHOWN_ROWS = 3
SHOWN_COLS = 4
#: Decimals that make this step's changes visible: w_h_o moves by about 1e-3 to 1e-5,
#: w_i_h and b_i_h by about 1e-4 to 1e-6.
W_H_O_DIGITS = 5
W_I_H_DIGITS = 6


def consecutive_pair(step_index):
    """Position k of the first recorded step whose next sample (k + 1) was recorded too."""
    hits = np.flatnonzero(np.diff(step_index) == 1)
    if len(hits) == 0:
        raise ValueError("the trace has no two consecutive recorded steps; "
                         "re-record it with `nnmath record --first 2` or more")
    return int(hits[0])


def lit_pixels(img, n):
    """The first ``n`` pixel indices whose value is not 0 (their weights do change)."""
    return [int(i) for i in np.flatnonzero(img != 0)[:n]]


def values(trace):
    """Everything chapter 8 shows, for the step at ``consecutive_pair`` and the one after."""
    a, meta = trace.arrays, trace.meta
    k = consecutive_pair(a["step_index"])
    lr = float(meta["learn_rate"])
    o, l, h = a["step_o"][k], a["step_l"][k], a["step_h"][k]
    o_pre, img = a["step_o_pre"][k], a["step_img"][k]
    delta_o, delta_h = a["step_delta_o"][k], a["step_delta_h"][k]
    w_h_o, w_h_o_next = a["step_w_h_o"][k], a["step_w_h_o"][k + 1]
    w_i_h, w_i_h_next = a["step_w_i_h"][k], a["step_w_i_h"][k + 1]
    w_used = w_h_o if meta["order"] == "correct" else w_h_o_next
    back = w_used.T @ delta_o
    slope = h * (1 - h)
    rows = list(range(min(SHOWN_ROWS, w_h_o.shape[0])))
    cols_h = list(range(min(SHOWN_COLS, w_h_o.shape[1])))
    cols_i = lit_pixels(img[:, 0], SHOWN_COLS)
    mse_delta = output_delta("mse", o_pre, o, l)

    def block(m, r, c):
        return m[np.ix_(r, c)].tolist()

    return {
        "step": int(a["step_index"][k]),
        "next_step": int(a["step_index"][k + 1]),
        "label": int(a["step_label"][k]),
        "class_names": list(meta["class_names"]),
        "learn_rate": lr,
        "w_h_o_digits": W_H_O_DIGITS,
        "w_i_h_digits": W_I_H_DIGITS,
        "order": meta["order"],
        "delta_rule": meta["delta_rule"],
        "o": o[:, 0].tolist(), "l": l[:, 0].tolist(), "h": h[:, 0].tolist(),
        "delta_o": delta_o[:, 0].tolist(),
        "mse_delta_o": mse_delta[:, 0].tolist(),
        "n_out": int(o.shape[0]), "n_hid": int(h.shape[0]), "n_in": int(img.shape[0]),
        # output layer
        "rows": rows, "cols_h": cols_h,
        "w_h_o_before": block(w_h_o, rows, cols_h),
        "w_h_o_after": block(w_h_o_next, rows, cols_h),
        "grad_w_h_o": block(delta_o @ h.T, rows, cols_h),
        "b_h_o_before": a["step_b_h_o"][k][rows, 0].tolist(),
        "b_h_o_after": a["step_b_h_o"][k + 1][rows, 0].tolist(),
        # hidden layer
        "back": back[:, 0].tolist(),
        "slope": slope[:, 0].tolist(),
        "delta_h": delta_h[:, 0].tolist(),
        "delta_h_other_order": ((w_h_o_next if meta["order"] == "correct" else w_h_o).T
                                @ delta_o * slope)[:, 0].tolist(),
        "img": img[:, 0].tolist(),
        "cols_i": cols_i,
        "img_at_cols": img[cols_i, 0].tolist(),
        "w_i_h_before": block(w_i_h, rows, cols_i),
        "w_i_h_after": block(w_i_h_next, rows, cols_i),
        "b_i_h_before": a["step_b_i_h"][k][rows, 0].tolist(),
        "b_i_h_after": a["step_b_i_h"][k + 1][rows, 0].tolist(),
        "n_dark_pixels": int(np.sum(img == 0)),
        "n_w_i_h_unchanged_cols": int(np.sum(np.all(w_i_h_next == w_i_h, axis=0))),
    }


def _order_sentence(v):
    if v["order"] == "correct":
        return ("delta_h uses w_h_o from before its update, the correct order; "
                "the reference code uses the already updated one.")
    return ("delta_h uses the already updated w_h_o, as the reference code does; "
            "the correct order uses the one from before the update.")


def order_caption(v):
    """The on-screen line naming which order this trace shows."""
    if v["order"] == "correct":
        return ("order shown: correct (delta_h uses w_h_o before its update; "
                "the reference code uses it after)")
    return ("order shown: reference (delta_h uses the updated w_h_o; "
            "the correct order uses it before)")


def delta_caption(v):
    """The on-screen line saying which gradient o - l is."""
    if v["delta_rule"] == "cross_entropy":
        return ("o - l is the gradient of cross-entropy through the sigmoid, not of MSE:\n"
                "the MSE gradient has the extra factor o (1 - o) and 2/n")
    return "this run trains on the MSE gradient 2/n (o - l) o (1 - o)"


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    i = v["label"]
    return [
        ("delta_o", (f"Backpropagation starts at the output: delta_o is o minus l; for the label "
                    f"neuron {v['class_names'][i]} it is {fmt(v['delta_o'][i], 4)}.")),
        ("aside", "That is the exact gradient of cross-entropy through a sigmoid, not of the MSE "
                  f"cost, whose gradient here would be {fmt(v['mse_delta_o'][i], 4)}."
         if v["delta_rule"] == "cross_entropy" else
         f"This run uses the MSE gradient, {fmt(v['mse_delta_o'][i], 4)} for the label neuron."),
        ("update_ho", (f"Each weight from hidden to output moves by minus the learning rate, "
                      f"{fmt(v['learn_rate'], 2)}, times delta_o times h; the first one goes "
                      f"from {fmt(v['w_h_o_before'][0][0], 5)} to "
                      f"{fmt(v['w_h_o_after'][0][0], 5)}.")),
        ("delta_h", "delta_h sends delta_o back through w_h_o and multiplies by h times one "
                    "minus h, the sigmoid's slope. " + _order_sentence(v)),
        ("update_ih", (f"Input weights change only where the pixel is lit: "
                      f"{v['n_w_i_h_unchanged_cols']} of {v['n_in']} columns stay exactly "
                      f"the same after this step.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    i = v["label"]
    return [
        ("learning rate", fmt(v["learn_rate"], 2)),
        ("order", v["order"]),
        (f"delta_o at the label neuron ({v['class_names'][i]})", fmt(v["delta_o"][i], 5)),
        ("MSE gradient there (aside)", fmt(v["mse_delta_o"][i], 5)),
        (f"w_h_o[{v['rows'][0]}, {v['cols_h'][0]}] before / after", (f"{fmt(v['w_h_o_before'][0][0], 6)} / "
                                       f"{fmt(v['w_h_o_after'][0][0], 6)}")),
        (f"change of w_h_o[{v['rows'][0]}, {v['cols_h'][0]}]", fmt_sci(v["w_h_o_after"][0][0] - v["w_h_o_before"][0][0])),
        ("unchanged columns of w_i_h", f"{v['n_w_i_h_unchanged_cols']} of {v['n_in']}"),
    ]
