"""Backpropagation: the deltas and the updates of one real step, and a check of one slope.

The step shown is the first recorded one whose successor was recorded too
(steps 0 and 1 of the shipped trace), so "after" is not recomputed here: it
is the next step's recorded "before". The ``order`` the run used decides
which ``w_h_o`` enters ``delta_h``; the squared error's slope for the same step is
computed with ``nnmath.costs.output_delta`` for the teacher note (never on screen).

The check: the followed weight (label row r, most active hidden neuron c) is nudged by its
recorded step alone and the forward pass re-run; this image's cost moves by about slope x
nudge. The cost is the one whose slope the recorded step follows: binary cross-entropy
summed over the outputs (the downhill chapter's log cost C), or e itself for a run
trained on the squared error's slope.

Before the chain, the cost is written for this image (:func:`cost_sentence`): the log cost C's
formula, its only term that holds the label's output, -ln o, and that term's slope -1/o
worked out at o (:func:`output_text` picks o's digits so that -1/o, by hand, gives the chain's
first link as shown); for a run on e's own slope, e's term (o - l)^2 / n and 2/n (o - l).

The chain of slopes along the followed weight's path (cost per unit of output r, output r
per unit of its sum, the sum per unit of the weight) is given as texts that multiply out by
hand to delta_o and to the slope as shown (:func:`chain_texts`); an input weight's slope is
hidden neuron c's delta_h times the pixel at the stroke's edge that fed it, beside a blank
pixel whose weight's slope is 0 (:func:`pixel_pair`).

Every product and difference the chapter says is given as texts whose factors, worked out
by hand, give the result shown (:func:`product_texts`, :func:`cost_texts`).
"""

import math

import numpy as np

from nnmath.costs import binary_cross_entropy, output_delta
from scenes.values.downhill import COST_TEX
from scenes.values.format import fmt, fmt_int, fmt_sci

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


def followed(h):
    """The hidden neuron the chapter follows: the most active one (largest h), so its weight
    into the label neuron makes the largest move of that row."""
    return int(np.argmax(np.asarray(h).reshape(-1)))


def pixel_pair(img):
    """A pixel at a stroke's edge and the blank one beside it: from the brightest pixel (first
    of them), the zero pixel nearest to it in its row (left first) is the blank one, and its
    neighbour towards the brightest, lit (nothing nearer is zero) and usually grey, is the
    one that feeds a weight whose slope the chapter works out: delta_h x a pixel that is
    not 1 shows the multiplication, delta_h x 0 shows why a blank pixel's weight stays."""
    img = np.asarray(img, dtype=float).reshape(-1)
    side = math.isqrt(img.size)
    lit = int(np.argmax(img))
    row, col = divmod(lit, side)
    for d in range(1, side):
        for c in (col - d, col + d):
            if 0 <= c < side and img[row * side + c] == 0:
                toward = c + (1 if c < col else -1)
                return row * side + toward, row * side + c
    return lit, int(np.flatnonzero(img == 0)[0])


def cross_entropy(o, l):
    """Binary cross-entropy of outputs o against labels l, summed: the cost o - l descends
    (nnmath's, whose outputs are clipped off exactly 0 and 1: a saturated run stays finite)."""
    return float(binary_cross_entropy(np.asarray(o, dtype=float), np.asarray(l, dtype=float)))


#: Significant digits of the followed weight's slope and of neuron c's delta_h.
SLOPE_SIG = 3
DELTA_H_SIG = 2
#: Decimals of this image's cost.
COST_DIGITS = 3
#: Points of the tangent's sweep along the sigmoid, from 0 to the recorded input.
SWEEP_POINTS = 25

#: The most output rows the chapter draws (diagram and columns); more are elided by
#: :func:`shown_runs`, which always keeps the label's row.
MAX_OUT_ROWS = 10


def shown_runs(n, keep, most=MAX_OUT_ROWS):
    """The rows of ``n`` a column draws, as runs of consecutive indices (an ellipsis stands
    between two runs): all when ``n <= most``; else ``keep``, the first and the last row, and
    then their neighbours nearest first, while rows plus ellipses fit in ``most`` slots."""
    if n <= most:
        return [list(range(n))]
    chosen = {0, n - 1} | {int(k) for k in keep}

    def slots(rows):
        return len(rows) + len(runs_of(rows)) - 1

    anchors = sorted(chosen)
    for d in range(1, n):
        for a in anchors:
            for i in (a + d, a - d):
                if 0 <= i < n and i not in chosen and slots(chosen | {i}) <= most:
                    chosen.add(i)
    return runs_of(chosen)


def runs_of(rows):
    """``rows`` sorted and split into runs of consecutive indices: [0, 1, 5] -> [[0, 1], [5]]."""
    out = []
    for i in sorted(int(x) for x in rows):
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def cost_texts(before, after, n=3):
    """``(before_text, after_text, change_text)``: the change to ``n`` significant digits,
    and the two costs with the fewest decimals (at least 3) whose difference, worked out by
    hand from the texts, gives that same change text."""
    change = sig_text(after - before, n)
    for d in range(3, 12):
        tb, ta = fmt(before, d), fmt(after, d)
        if sig_text(float(ta) - float(tb), n) == change:
            return tb, ta, change
    raise ValueError(f"no decimals make {before} -> {after} change by {change}")


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

    r, c = int(a["step_label"][k]), followed(h)
    lit, dark = pixel_pair(img)
    w0 = float(w_h_o[r, c])
    # the same image's cost after the whole step (all four updates)
    b_i_h_next, b_h_o_next = a["step_b_i_h"][k + 1], a["step_b_h_o"][k + 1]
    h_after = 1.0 / (1.0 + np.exp(-(b_i_h_next + w_i_h_next @ img)))
    o_after = 1.0 / (1.0 + np.exp(-(b_h_o_next + w_h_o_next @ h_after)))
    hid_rows = sorted({0, 1, c, h.shape[0] - 2, h.shape[0] - 1})
    # the check: the forward pass re-run with ONLY the followed weight nudged by its step
    w1 = float(w_h_o_next[r, c])
    w_nudged = w_h_o.copy()
    w_nudged[r, c] = w1
    o_one = sigmoid_np(a["step_b_h_o"][k] + w_nudged @ h)
    # the cost whose slope the recorded step follows: e's close cousin, or e itself
    image_cost = (cross_entropy if meta["delta_rule"] == "cross_entropy"
                  else lambda o_, l_: float(np.mean((np.asarray(o_) - np.asarray(l_)) ** 2)))
    cost_one = image_cost(o_one[:, 0], l[:, 0])
    cost0 = image_cost(o[:, 0], l[:, 0])
    grad_rc = float(delta_o[r, 0] * h[c, 0])
    nudge_text = sig_text(w1 - w0, SLOPE_SIG)
    before_text, one_text, change_text = cost_texts(cost0, cost_one, SLOPE_SIG)
    predicted_text = sig_text(float(sig_text(grad_rc, SLOPE_SIG)) * float(nudge_text),
                              SLOPE_SIG)
    out_runs = shown_runs(o.shape[0], [r])
    hid_runs = runs_of(hid_rows)
    d_text, h_text, g_text = product_texts(delta_o[r, 0], h[c, 0], SLOPE_SIG)
    back_text, slope_text, dh_text = product_texts(back[c, 0], slope[c, 0], DELTA_H_SIG)
    # what hidden neuron c collects: every output's delta_o times the weight from c to it
    terms = (w_used[:, c] * delta_o[:, 0])
    term_texts = sum_texts(terms, back_text)
    # the chain of slopes along the followed path, link by link from the cost back: the cost
    # per unit of output r, output r per unit of its sum (the sigmoid's slope o(1 - o)),
    # the sum per unit of the weight (h_c); the first two multiply to delta_o[r]
    o_r, l_r = float(o[r, 0]), float(l[r, 0])
    per_sum = o_r * (1 - o_r)
    per_out = ((o_r - l_r) / per_sum if meta["delta_rule"] == "cross_entropy"
               else 2.0 / o.shape[0] * (o_r - l_r))
    link_a, link_b = chain_texts(per_out, per_sum, h_text, d_text, g_text)
    o_r_text = output_text(o_r, o.shape[0], meta["delta_rule"], link_a)
    # an input weight's slope: hidden neuron c's delta_h times the pixel that fed it
    dh_c, px_fed = float(delta_h[c, 0]), float(img[lit, 0])
    in_dh_text, in_px_text, in_slope_text = product_texts(dh_c, px_fed, DELTA_H_SIG)
    # the sigmoid's slope drawn as the tangent sweeps from 0 to the recorded input
    sweep = np.linspace(0.0, float(a["step_h_pre"][k][c, 0]), SWEEP_POINTS)

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
        # the one weight the chapter follows: label row r, most active hidden neuron c
        "r": r, "c": c,
        "w_rc_before": w0, "w_rc_after": float(w_h_o_next[r, c]),
        "grad_rc": float(delta_o[r, 0] * h[c, 0]),
        "step_rc": float(-lr * delta_o[r, 0] * h[c, 0]),
        "w_block_rows": [i for i in (r - 1, r, r + 1) if 0 <= i < w_h_o.shape[0]],
        "w_block_cols": [j for j in (c - 1, c, c + 1) if 0 <= j < w_h_o.shape[1]],
        "cost_before": cost0,
        "cost_name": ("the log cost C" if meta["delta_rule"] == "cross_entropy"
                      else "e itself"),
        "cost_caption": ("log cost C:" if meta["delta_rule"] == "cross_entropy"
                         else "cost, e itself:"),
        "cost_after": image_cost(o_after[:, 0], l[:, 0]),
        "h_pre": a["step_h_pre"][k][:, 0].tolist(),
        "hid_rows": hid_rows,
        # a lit pixel and the dark one beside it, and their columns of w_i_h
        "px_lit": lit, "px_dark": dark,
        "px_lit_value": float(img[lit, 0]), "px_dark_value": float(img[dark, 0]),
        "wi_rows": [i for i in (c - 1, c, c + 1) if 0 <= i < h.shape[0]],
        "w_h_o_full": w_h_o.tolist(),
        "w_blk_before": block(w_h_o, [i for i in (r - 1, r, r + 1) if 0 <= i < w_h_o.shape[0]],
                              [j for j in (c - 1, c, c + 1) if 0 <= j < w_h_o.shape[1]]),
        "w_blk_after": block(w_h_o_next,
                             [i for i in (r - 1, r, r + 1) if 0 <= i < w_h_o.shape[0]],
                             [j for j in (c - 1, c, c + 1) if 0 <= j < w_h_o.shape[1]]),
        "wi_before": block(w_i_h, [i for i in (c - 1, c, c + 1) if 0 <= i < h.shape[0]],
                           [dark, lit]),
        "wi_after": block(w_i_h_next, [i for i in (c - 1, c, c + 1) if 0 <= i < h.shape[0]],
                          [dark, lit]),
        "n_w_i_h_unchanged_cols": int(np.sum(np.all(w_i_h_next == w_i_h, axis=0))),
        # the texts of the chapter's products: factors with enough digits that their product,
        # worked by hand, gives the result shown (product_texts)
        "d_rc_text": d_text, "h_c_text": h_text, "grad_rc_text": g_text,
        "back_c_text": back_text, "slope_c_text": slope_text, "delta_h_c_text": dh_text,
        "h_pre_c_text": fmt(a["step_h_pre"][k][c, 0], 2),
        "w_rc_before_text": fmt(w0, W_H_O_DIGITS), "w_rc_after_text": fmt(w1, W_H_O_DIGITS),
        "learn_rate_text": fmt(lr, 2),
        "step_rc_text": sig_text(-lr * grad_rc, SLOPE_SIG),
        "cost_after_one": cost_one,
        "cost_texts": [fmt(x, COST_DIGITS) for x in (cost0, cost_one,
                                                     image_cost(o_after[:, 0], l[:, 0]))],
        "sweep_x": sweep.tolist(),
        "sweep_slope": (sigmoid_np(sweep) * (1 - sigmoid_np(sweep))).tolist(),
        "n_weights": int(w_i_h.size + w_h_o.size),
        "n_weights_text": fmt_int(w_i_h.size + w_h_o.size),
        # the check: nudge the followed weight by its step, re-run the forward pass
        "nudge": w1 - w0, "nudge_text": nudge_text,
        "o_nudged": o_one[:, 0].tolist(),
        "cost_check_texts": [before_text, one_text], "cost_change_text": change_text,
        "predicted_change_text": predicted_text,
        "e_before": float(np.mean((o - l) ** 2)), "e_nudged": float(np.mean((o_one - l) ** 2)),
        "out_runs": out_runs, "out_shown": [i for run in out_runs for i in run],
        "hid_runs": hid_runs,
        # the shown pixels' columns of w_i_h (the input edges the last beat draws)
        "w_i_h_shown": {int(j): w_i_h[:, j].tolist() for j in sorted({lit, dark,
                                                                     img.shape[0] - 1})},
        "back_terms": terms.tolist(), "back_term_texts": term_texts,
        # the chain of slopes (cost per output, output per sum; the third link is h_c_text)
        "link_out": per_out, "link_sum": per_sum,
        "link_out_text": link_a, "link_sum_text": link_b,
        # the first link worked out: the cost's formula, the label's term, its slope at o
        "cost_tex": COST_TEX[meta["delta_rule"]],
        "o_r_text": o_r_text, **cost_slope_texts(meta["delta_rule"], o.shape[0], o_r_text),
        # an input weight's slope, delta_h x pixel, for the fed pixel and the blank one
        "in_slope": dh_c * px_fed,
        "in_delta_h_text": in_dh_text, "in_px_text": in_px_text,
        "in_slope_text": in_slope_text,
        "in_dark_text": fmt(float(img[dark, 0]), 0),
    }


def sigmoid_np(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def sig_text(x, n):
    """``x`` rounded to ``n`` significant digits: ``sig_text(0.97010, 3) == '0.970'``."""
    x = float(x)
    if x == 0:
        return fmt(x, n - 1)
    return fmt(x, max(0, n - 1 - math.floor(math.log10(abs(x)))))


def product_texts(a, b, n):
    """``(a_text, b_text, product_text)``: the product ``a * b`` to ``n`` significant digits,
    and the factors with the fewest significant digits (at least ``n``) whose product, worked
    out from the texts, rounds to that same text; so "0.0156 times 0.0290 is 0.00045" checks
    out by hand (0.016 times 0.029 would give 0.00046)."""
    p = sig_text(float(a) * float(b), n)
    for m in range(n, n + 8):
        ta, tb = sig_text(a, m), sig_text(b, m)
        if sig_text(float(ta) * float(tb), n) == p:
            return ta, tb, p
    raise ValueError(f"no factor digits reproduce {a} * {b} = {p}")


def link_out_from(o_text, n, rule):
    """The cost per unit of the label's output (l = 1) worked out by hand from o's text: the
    log cost's label term -ln o has slope -1/o; e's term (o - 1)^2 / n has 2/n (o - 1)."""
    o_ = float(o_text)
    return -1.0 / o_ if rule == "cross_entropy" else 2.0 / n * (o_ - 1.0)


def output_text(o, n, rule, link_text):
    """The label's output ``o`` with the fewest decimals (at least 4, as the delta_o beat's
    column shows it) whose slope, worked out by hand (:func:`link_out_from`), rounds to the
    first link as shown, ``link_text``."""
    for d in range(4, 13):
        text = fmt(o, d)
        if sig_text(link_out_from(text, n, rule), significant(link_text)) == link_text:
            return text
    raise ValueError(f"no decimals of o = {o} give the slope {link_text}")


def cost_slope_texts(rule, n, o_text):
    """The label's term of the cost and its slope, as the panel writes them (plain text):
    the formula, then the slope with o's value put in (the result is ``link_out_text``)."""
    if rule == "cross_entropy":
        return {"term_text": "\u2212ln o", "term_slope_text": "\u22121 / o",
                "term_slope_parts": ["\u22121 /", o_text]}
    return {"term_text": "(o \u2212 l)\u00b2 / n", "term_slope_text": "2/n \u00d7 (o \u2212 l)",
            "term_slope_parts": [f"2/{n} \u00d7 (", o_text, "\u2212 1)"]}


def chain_texts(a, b, h, d_text, g_text):
    """``(a_text, b_text)``: the first two links of the chain (the cost per unit of the
    output, the output per unit of its sum) with the fewest significant digits (at least 3)
    such that, worked out by hand, ``a x b`` rounds to ``d_text`` (delta_o as shown) and
    ``a x b x h_text`` to ``g_text`` (the weight's slope as shown): ``h`` is a text."""
    places = decimals_of(d_text)
    for m in range(3, 12):
        ta, tb = sig_text(a, m), sig_text(b, m)
        ab = float(ta) * float(tb)
        if (fmt(ab, places) == d_text
                and sig_text(ab * float(h), significant(g_text)) == g_text):
            return ta, tb
    raise ValueError(f"no digits make {a} x {b} give {d_text} and {g_text}")


def significant(text):
    """Significant digits of a number's text: '-0.577' -> 3, '0.00045' -> 2."""
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    return max(1, len(digits))


def decimals_of(text):
    return len(text.split(".")[1]) if "." in text else 0


def sum_texts(terms, total_text):
    """The terms as texts with the fewest decimals (at least those of ``total_text``) whose
    sum, added up by hand, rounds to ``total_text``."""
    d0 = decimals_of(total_text)
    for d in range(d0, d0 + 8):
        texts = [fmt(t, d) for t in terms]
        if fmt(sum(float(t) for t in texts), d0) == total_text:
            return texts
    raise ValueError(f"no decimals make {list(terms)} add up to {total_text}")


def sig(x, n=2):
    """``x`` with ``n`` significant digits after its leading zeros (at least 4 decimals)."""
    x = float(x)
    if x == 0:
        return fmt(x, 4)
    lead = -int(np.floor(np.log10(abs(x))))
    return fmt(x, max(3, lead + n - 1))


def narration(v):
    """The spoken script: cue id, sentence and (for some beats) a teacher note, numbers
    formatted from the values. The reference code's quirks (what o - l is the slope of, the
    order of its updates) are teacher notes, never spoken or shown."""
    names = v["class_names"]
    r, c = v["r"], v["c"]
    name = names[r]
    before, _, whole = v["cost_texts"]
    mse = sig(v["mse_delta_o"][r])
    if v["delta_rule"] == "cross_entropy":
        delta_note = ("The reference video calls o - l a trick for the derivative of its mean "
                      "squared error. It is the exact slope of binary cross-entropy (summed "
                      "over the outputs) through the sigmoid outputs, the cost this chapter's "
                      "check nudges; the squared error's own slope has the extra factors "
                      f"o(1 - o) and two over n ({mse} for the label neuron here). "
                      "`nnmath train --delta-rule mse` trains with it.")
    else:
        delta_note = (f"This run trains on the squared error's own slope, {mse} for the label "
                      "neuron: two over n, times (o - l) o (1 - o).")
    other = sig(v["delta_h_other_order"][c])
    if v["order"] == "correct":
        order_note = ("The reference code updates w_h_o before it computes delta_h (its "
                      "narration says 'our updated weight matrix'); we use w_h_o from before "
                      f"the update, which is the slope. In its order neuron {c}'s delta_h "
                      f"would be {other}: tiny at a learning rate of {v['learn_rate_text']}, "
                      "but not the slope. `nnmath record --order reference` reproduces it.")
    else:
        order_note = ("This run keeps the reference's order: w_h_o is updated before delta_h "
                      f"is computed. With the earlier weights, neuron {c}'s delta_h would be "
                      f"{other}, the true slope.")
    check_note = ("The cost is the binary cross-entropy summed over the outputs, "
                  "-sum(l ln o + (1 - l) ln(1 - o)): the log cost C of the downhill "
                  "chapter, added over all the rows, and the cost whose slope o - l is. e, the "
                  "mean squared error the reference prints, is shown beside it, "
                  f"{fmt(v['e_before'], 5)} before the nudge and {fmt(v['e_nudged'], 5)} after. "
                  "The change is not exactly slope times nudge because the cost curves: the "
                  "slope is the change per unit for a nudge that shrinks towards zero. The whole "
                  f"step, every weight at once, takes this image's cost from {before} to "
                  f"{whole}.")
    if v["delta_rule"] == "cross_entropy":
        cost_note = ("C is the binary cross-entropy summed over the outputs, "
                     "-sum(l ln o + (1 - l) ln(1 - o)). At the label l is one, so that "
                     "output's term is -ln o; no other output's term contains the label's o. "
                     "So dC/do is minus one over o at the label; in general it is "
                     "(o - l) / (o (1 - o)).")
    else:
        cost_note = ("This run descends e itself, the mean of (o - l) squared; at the label, "
                     "where l is one, its slope is two over n times (o - l).")
    return [
        ("downhill", (f"Going downhill needs the slope of every weight, all "
                      f"{v['n_weights_text']} of them together, the gradient: where do they "
                      "come from?")),
        ("delta_o", (f"Backpropagation starts at the output, with what each output wants: up "
                     f"at the label, {name}, and down everywhere else. delta_o is o minus l; "
                     f"at the label it is {fmt(v['delta_o'][r], 4)}: that output should "
                     "rise."),
         delta_note),
        ("cost_slope", cost_sentence(v), cost_note),
        ("chain", (f"For the weight from hidden neuron {c} to output {name}, the slope is a "
                   "chain, multiplied link by link: the cost per output, times the output per "
                   f"sum, {v['link_sum_text']}, times what fed the weight, "
                   f"{v['h_c_text']}: {v['grad_rc_text']}."),
         ("The chain rule: dC/dw = dC/do x do/dz x dz/dw, with z the output's weighted sum. "
          "For the log cost dC/do = (o - l) / (o (1 - o)), the sigmoid's do/dz = o (1 - o), and "
          "dz/dw = h_c; the first two multiply to o - l, so the o (1 - o) cancels. "
          "All of them at once: np.outer(delta_o, h), the update's delta_o @ h.T.")),
        ("slope", (f"The first two links make that output's delta_o, {v['d_rc_text']}: a "
                   "weight's slope is its output's delta_o times what fed it.")),
        ("check", (f"Check it: nudge this weight by its step, {v['nudge_text']}, re-run the "
                   f"forward pass, and this image's cost moves by {v['cost_change_text']}: "
                   f"almost exactly slope times nudge, {v['predicted_change_text']}."),
         ("The step is minus the learning rate times the slope; the weight goes from "
          f"{v['w_rc_before_text']} to {v['w_rc_after_text']}. " + check_note)),
        ("back", (f"One layer back, the error flows right to left along the same edges: hidden "
                  f"neuron {c} collects each output's delta_o times their weight, "
                  f"{v['back_c_text']} in all."),
         order_note),
        ("delta_h", (f"Then it crosses the sigmoid backwards, times its slope at "
                     f"neuron {c}'s input {v['h_pre_c_text']}: h times one minus h, "
                     f"{v['slope_c_text']}. So delta_h is their product, "
                     f"{v['delta_h_c_text']}.")),
        ("update_ih", (f"An input weight's slope is the same rule: hidden neuron {c}'s delta_h, {v['in_delta_h_text']}, times the "
                       f"pixel that fed it, {v['in_px_text']}: {v['in_slope_text']}.")),
        ("blank", (f"A blank pixel is zero, so its weights' slopes are zero: "
                   f"{fmt_int(v['n_w_i_h_unchanged_cols'])} of "
                   f"{fmt_int(v['n_in'])} columns do not move.")),
    ]


def cost_sentence(v):
    """The sentence that writes the cost for this image and works out the chain's first link,
    the cost per unit of the label's output, before the chain uses it."""
    o_t, link = v["o_r_text"], v["link_out_text"]
    if v["delta_rule"] == "cross_entropy":
        return ("The log cost C has one term with that output, minus the log of o, whose "
                "slope, the cost per output, is minus one over o: with o at "
                f"{o_t}, {link}.")
    return ("The cost e itself has one term with that output, o minus l squared over n, "
            "whose slope, the cost per output, is two over n times o minus l: with o at "
            f"{o_t}, {link}.")


def key_numbers(v):
    """The handout's numbers for this chapter."""
    i = v["label"]
    return [
        ("learning rate", fmt(v["learn_rate"], 2)),
        ("order", v["order"]),
        (f"delta_o at the label neuron ({v['class_names'][i]})", fmt(v["delta_o"][i], 5)),
        ("the squared error's slope there (teacher note)", fmt(v["mse_delta_o"][i], 5)),
        (f"w_h_o[{v['r']}, {v['c']}] before / after", (f"{fmt(v['w_rc_before'], 6)} / "
                                                       f"{fmt(v['w_rc_after'], 6)}")),
        (f"change of w_h_o[{v['r']}, {v['c']}]", fmt_sci(v["w_rc_after"] - v["w_rc_before"])),
        ("unchanged columns of w_i_h", f"{v['n_w_i_h_unchanged_cols']} of {v['n_in']}"),
    ]
