"""Chapter 8 (backprop): the values it displays, recomputed from the trace."""

import itertools

import numpy as np

from chapters.helpers import close, forward, weights_before
from scenes.values import backprop


def test_backprop_deltas_and_updates_match_the_next_recorded_step(trace):
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    k = 0
    assert a["step_index"][1] == a["step_index"][0] + 1 and v["step"] == a["step_index"][k]
    lr = meta["learn_rate"]
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    l = np.eye(len(o))[a["step_label"][k]][:, None]
    d_o = o - l
    close(v["delta_o"], d_o[:, 0])
    close(v["mse_delta_o"], (2.0 / len(o) * (o - l) * o * (1 - o))[:, 0])
    new_w_h_o = w_h_o - lr * d_o @ h.T
    new_b_h_o = b_h_o - lr * d_o
    w_for_h = w_h_o if meta["order"] == "correct" else new_w_h_o
    w_other = new_w_h_o if meta["order"] == "correct" else w_h_o
    d_h = (w_for_h.T @ d_o) * h * (1 - h)
    close(v["back"], (w_for_h.T @ d_o)[:, 0])
    close(v["slope"], (h * (1 - h))[:, 0])
    close(v["delta_h"], d_h[:, 0])
    close(v["delta_h_other_order"], ((w_other.T @ d_o) * h * (1 - h))[:, 0])
    new_w_i_h = w_i_h - lr * d_h @ img.T
    new_b_i_h = b_i_h - lr * d_h
    # the recomputed update IS the next recorded step's "before"
    close(new_w_h_o, a["step_w_h_o"][k + 1])
    close(new_w_i_h, a["step_w_i_h"][k + 1])
    close(new_b_h_o, a["step_b_h_o"][k + 1])
    close(new_b_i_h, a["step_b_i_h"][k + 1])
    r, ch, ci = v["rows"], v["cols_h"], v["cols_i"]
    close(v["w_h_o_before"], w_h_o[np.ix_(r, ch)])
    close(v["w_h_o_after"], new_w_h_o[np.ix_(r, ch)])
    close(v["grad_w_h_o"], (d_o @ h.T)[np.ix_(r, ch)])
    close(v["b_h_o_before"], b_h_o[r, 0])
    close(v["b_h_o_after"], new_b_h_o[r, 0])
    assert all(img[c, 0] > 0 for c in ci) and len(ci) > 0
    close(v["img_at_cols"], img[ci, 0])
    close(v["img"], img[:, 0])
    close(v["w_i_h_before"], w_i_h[np.ix_(r, ci)])
    close(v["w_i_h_after"], new_w_i_h[np.ix_(r, ci)])
    close(v["b_i_h_before"], b_i_h[r, 0])
    close(v["b_i_h_after"], new_b_i_h[r, 0])
    assert v["learn_rate"] == lr and v["order"] == meta["order"]
    # a column of w_i_h stays put exactly when its pixel is 0 (delta_h has no zero entry)
    assert np.all(d_h != 0)
    assert v["n_w_i_h_unchanged_cols"] == v["n_dark_pixels"] == int(np.sum(img == 0))


def _bce(o, l):
    o, l = np.asarray(o, dtype=float), np.asarray(l, dtype=float)
    return -np.sum(l * np.log(o) + (1 - l) * np.log(1 - o))


def test_backprop_the_followed_weight_and_its_slope(trace):
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    k, lr = 0, meta["learn_rate"]
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    label = int(a["step_label"][k])
    l = np.eye(len(o))[label][:, None]
    r, c = label, int(np.argmax(h[:, 0]))
    assert (v["r"], v["c"]) == (r, c)
    grad = (o[r, 0] - l[r, 0]) * h[c, 0]
    close(v["grad_rc"], grad)
    close(v["step_rc"], -lr * grad)
    close(v["w_rc_before"], w_h_o[r, c])
    close(v["w_rc_after"], w_h_o[r, c] - lr * grad)
    close(v["h_pre"], (b_i_h + w_i_h @ img)[:, 0])
    # the weight's slope delta_o[r] * h[c] is the cost's slope (central difference)
    eps = 1e-6
    up, down = w_h_o.copy(), w_h_o.copy()
    up[r, c] += eps
    down[r, c] -= eps
    slope = (_bce(forward(w_i_h, b_i_h, up, b_h_o, img)[1], l)
             - _bce(forward(w_i_h, b_i_h, down, b_h_o, img)[1], l)) / (2 * eps)
    np.testing.assert_allclose(slope, grad, rtol=1e-6)
    # the whole step lowers this image's cost
    close(v["cost_before"], _bce(o, l))
    _, o_after = forward(*weights_before(a, k + 1), img)
    close(v["cost_after"], _bce(o_after, l))
    assert v["cost_after"] < v["cost_before"]
    # the followed block holds the followed weight at its centre (or edge)
    rows, cols = v["w_block_rows"], v["w_block_cols"]
    assert r in rows and c in cols
    close(v["w_blk_before"], w_h_o[np.ix_(rows, cols)])
    close(v["w_blk_after"], a["step_w_h_o"][k + 1][np.ix_(rows, cols)])


def test_backprop_a_blank_pixel_beside_a_lit_one_and_their_columns(trace):
    """The blank pixel is the zero nearest the brightest pixel in its row; the fed pixel is
    its neighbour towards the brightest, lit; only the lit one's column of w_i_h moves."""
    a = trace.arrays
    v = backprop.values(trace)
    img = a["step_img"][0][:, 0]
    bright = int(np.argmax(img))
    dark, fed = v["px_dark"], v["px_lit"]
    assert img[dark] == 0 and dark // 28 == bright // 28
    # no zero pixel in that row is nearer to the brightest one
    nearer = [j for j in range(28 * (bright // 28), 28 * (bright // 28) + 28)
              if img[j] == 0 and abs(j - bright) < abs(dark - bright)]
    assert nearer == []
    assert abs(fed - dark) == 1 and abs(fed - bright) < abs(dark - bright) and img[fed] > 0
    rows = v["wi_rows"]
    assert v["c"] in rows
    before, after = a["step_w_i_h"][0], a["step_w_i_h"][1]
    close(v["wi_before"], before[np.ix_(rows, [dark, fed])])
    close(v["wi_after"], after[np.ix_(rows, [dark, fed])])
    assert np.array_equal(before[:, dark], after[:, dark])
    assert not np.array_equal(before[:, fed], after[:, fed])


def _tsig(text):
    """Significant digits of a number's text."""
    return max(1, len(text.lstrip("-").replace(".", "").lstrip("0")))


def test_backprop_the_chain_of_slopes_multiplies_out(trace):
    """The followed weight's slope as a chain, link by link, recomputed with NumPy: the cost
    per unit of output r (the log cost's -l/o + (1 - l)/(1 - o), or the squared error's
    2/n (o - l)), output r per unit of its sum (the sigmoid's slope, by a central difference),
    the sum per unit of the weight (h_c); the shown texts multiply out by hand to delta_o
    as shown and to the slope as shown, and the links match finite differences."""
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    img = a["step_img"][0]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    l = np.eye(len(o))[a["step_label"][0]][:, None]
    r, c = v["r"], v["c"]
    o_r, l_r = o[r, 0], l[r, 0]
    if meta["delta_rule"] == "cross_entropy":
        per_out = -l_r / o_r + (1 - l_r) / (1 - o_r)
        cost = lambda x: -(l_r * np.log(x) + (1 - l_r) * np.log(1 - x))
    else:
        per_out = 2.0 / len(o) * (o_r - l_r)
        cost = lambda x: (x - l_r) ** 2 / len(o)
    eps = 1e-6
    np.testing.assert_allclose((cost(o_r + eps) - cost(o_r - eps)) / (2 * eps), per_out,
                               rtol=1e-5)
    z = (b_h_o + w_h_o @ h)[r, 0]
    sig = lambda x: 1.0 / (1.0 + np.exp(-x))
    per_sum = (sig(z + eps) - sig(z - eps)) / (2 * eps)
    np.testing.assert_allclose(v["link_out"], per_out, rtol=1e-9)
    np.testing.assert_allclose(v["link_sum"], per_sum, rtol=1e-6)
    a_t, b_t, h_t = v["link_out_text"], v["link_sum_text"], v["h_c_text"]
    d_t, g_t = v["d_rc_text"], v["grad_rc_text"]
    # each shown link is the true value rounded to its own digits
    for text, x in ((a_t, per_out), (b_t, per_sum), (h_t, h[c, 0])):
        places = len(text.split(".")[1]) if "." in text else 0
        assert abs(float(text) - x) <= 0.5 * 10 ** -places + 1e-9
    # worked out by hand: the first two links give delta_o as shown, all three the slope
    d_places = len(d_t.split(".")[1])
    assert f"{float(a_t) * float(b_t):.{d_places}f}" == d_t
    assert _sig(float(a_t) * float(b_t) * float(h_t), _tsig(g_t)) == g_t
    assert g_t == _sig((o_r - l_r if meta["delta_rule"] == "cross_entropy"
                        else per_out * per_sum) * h[c, 0], backprop.SLOPE_SIG)


def test_backprop_an_input_weight_slope_is_delta_h_times_its_pixel(trace):
    """The input weight from the fed pixel into hidden neuron c: its slope delta_h[c] x pixel,
    recomputed from the recorded weights, is what the step used (the next recorded w_i_h);
    the shown texts multiply out by hand; the blank pixel's weight has slope 0 and stays."""
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    img = a["step_img"][0]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    l = np.eye(len(o))[a["step_label"][0]][:, None]
    w_for_h = w_h_o if meta["order"] == "correct" else a["step_w_h_o"][1]
    d_h = (w_for_h.T @ (o - l)) * h * (1 - h)
    c, fed, dark = v["c"], v["px_lit"], v["px_dark"]
    slope = d_h[c, 0] * img[fed, 0]
    close(v["in_slope"], slope)
    step = a["step_w_i_h"][1][c, fed] - w_i_h[c, fed]
    np.testing.assert_allclose(step, -meta["learn_rate"] * slope, rtol=1e-6)
    dh_t, px_t, s_t = v["in_delta_h_text"], v["in_px_text"], v["in_slope_text"]
    n = backprop.DELTA_H_SIG
    assert s_t == _sig(slope, n)
    assert _sig(float(dh_t) * float(px_t), n) == s_t
    for text, x in ((dh_t, d_h[c, 0]), (px_t, img[fed, 0])):
        assert abs(float(text) - x) <= 0.5 * 10 ** -len(text.split(".")[1])
    assert img[dark, 0] == 0 and float(v["in_dark_text"]) == 0
    assert a["step_w_i_h"][1][c, dark] == w_i_h[c, dark]


def _sig(x, n):
    """``x`` to ``n`` significant digits, written out independently of the values module."""
    x = float(x)
    decimals = max(0, n - 1 - int(np.floor(np.log10(abs(x)))))
    text = f"{x:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


def test_backprop_products_on_screen_check_out_by_hand(trace):
    """Every product the chapter says (delta_o x h = slope, back x slope = delta_h, the
    weight's update, the terms summed into what hidden neuron c collects) is exact: the
    result is the trace's own value rounded, and the shown factors, worked by hand, give
    that same text."""
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    k, lr = 0, meta["learn_rate"]
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    l = np.eye(len(o))[a["step_label"][k]][:, None]
    r, c = v["r"], v["c"]
    d_o = o - l
    w_for_h = w_h_o if meta["order"] == "correct" else a["step_w_h_o"][k + 1]
    back = (w_for_h.T @ d_o)[:, 0]
    slope = (h * (1 - h))[:, 0]
    # delta_o x h = the followed weight's slope
    grad = d_o[r, 0] * h[c, 0]
    n = backprop.SLOPE_SIG
    assert v["grad_rc_text"] == _sig(grad, n)
    assert _sig(float(v["d_rc_text"]) * float(v["h_c_text"]), n) == v["grad_rc_text"]
    assert abs(float(v["d_rc_text"]) - d_o[r, 0]) <= 0.5 * 10 ** -(len(v["d_rc_text"].split(".")[1]))
    assert abs(float(v["h_c_text"]) - h[c, 0]) <= 0.5 * 10 ** -(len(v["h_c_text"].split(".")[1]))
    # the weight's update: before - rate x slope (the shown texts) = after (the trace's)
    w_after = a["step_w_h_o"][k + 1][r, c]
    assert v["learn_rate_text"] == f"{lr:.2f}" and float(v["learn_rate_text"]) == lr
    assert v["w_rc_after_text"] == f"{w_after:.{backprop.W_H_O_DIGITS}f}"
    assert v["w_rc_before_text"] == f"{w_h_o[r, c]:.{backprop.W_H_O_DIGITS}f}"
    worked = float(v["w_rc_before_text"]) - float(v["learn_rate_text"]) * float(v["grad_rc_text"])
    assert f"{worked:.{backprop.W_H_O_DIGITS}f}" == v["w_rc_after_text"]
    # the nudge as the check shows it: -rate x slope (the shown texts) = the recorded change
    shown = -float(v["learn_rate_text"]) * float(v["grad_rc_text"])
    assert _sig(shown, backprop.SLOPE_SIG) == v["nudge_text"]
    assert v["nudge_text"] == _sig(w_after - w_h_o[r, c], backprop.SLOPE_SIG)
    # what hidden neuron c collects: its terms are delta_o[i] x w[i, c], summing to back[c]
    close(v["back_terms"], w_for_h[:, c] * d_o[:, 0])
    close(sum(v["back_terms"]), back[c])
    m = backprop.DELTA_H_SIG
    total = v["back_c_text"]
    places = len(total.split(".")[1])
    assert f"{sum(float(t) for t in v['back_term_texts']):.{places}f}" == total
    assert abs(float(total) - back[c]) <= 0.5 * 10 ** -places
    # back x slope = delta_h, 0.0156 x 0.0290 = 0.00045 (0.016 x 0.029 would not give it)
    assert v["delta_h_c_text"] == _sig(back[c] * slope[c], m)
    assert _sig(float(v["back_c_text"]) * float(v["slope_c_text"]), m) == v["delta_h_c_text"]
    close(back[c] * slope[c], a["step_delta_h"][k][c, 0])
    assert abs(float(v["slope_c_text"]) - slope[c]) <= 0.5 * 10 ** -(len(v["slope_c_text"].split(".")[1]))
    assert v["h_pre_c_text"] == f"{(b_i_h + w_i_h @ img)[c, 0]:.2f}"


def test_backprop_one_weight_alone_and_the_whole_step(trace):
    """The cost after moving only the followed weight by its step, the forward pass re-run;
    it falls by about slope x step, and the whole step (every weight) lowers it further here."""
    a = trace.arrays
    v = backprop.values(trace)
    k = 0
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    l = np.eye(w_h_o.shape[0])[a["step_label"][k]][:, None]
    r, c = v["r"], v["c"]
    w = w_h_o.copy()
    w[r, c] = a["step_w_h_o"][k + 1][r, c]
    _, o_one = forward(w_i_h, b_i_h, w, b_h_o, img)
    close(v["cost_after_one"], _bce(o_one, l))
    drop = v["cost_after_one"] - v["cost_before"]
    np.testing.assert_allclose(drop, v["grad_rc"] * v["step_rc"], rtol=1e-2)
    assert v["cost_after"] < v["cost_after_one"] < v["cost_before"]
    assert v["cost_texts"] == [f"{x:.{backprop.COST_DIGITS}f}" for x in
                               (v["cost_before"], v["cost_after_one"], v["cost_after"])]
    # the tangent sweeps the sigmoid from 0 to neuron c's recorded input
    close(v["sweep_x"][-1], (b_i_h + w_i_h @ img)[c, 0])
    assert v["sweep_x"][0] == 0
    assert v["r"] in v["out_shown"] and v["c"] in [i for run in v["hid_runs"] for i in run]


def test_backprop_product_texts_need_enough_digits():
    # the blind review's case: 0.016 x 0.029 = 0.000464, not 0.00045
    assert backprop.product_texts(0.015636447, 0.029005342, 2) == ("0.0156", "0.0290", "0.00045")
    assert backprop.sig_text(0.97010069, 3) == "0.970"
    assert backprop.sum_texts([0.5, 0.25], "0.75") == ["0.50", "0.25"]


def test_backprop_sig_keeps_two_significant_digits():
    assert backprop.sig(0.000453540) == "0.00045"
    assert backprop.sig(-0.0287) == "-0.029"
    assert backprop.sig(0.0290053) == "0.029"


def test_backprop_the_check_nudge_one_weight_and_rerun_the_forward_pass(trace):
    """The check on screen: the followed weight nudged by its step, the forward pass re-run
    (NumPy, from the recorded weights), the cost (binary cross-entropy summed over the rows)
    moves by the shown change; the shown texts work out by hand; slope x nudge is close."""
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    k = 0
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    l = np.eye(w_h_o.shape[0])[a["step_label"][k]][:, None]
    r, c = v["r"], v["c"]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    nudge = a["step_w_h_o"][k + 1][r, c] - w_h_o[r, c]
    close(nudge, -meta["learn_rate"] * (o[r, 0] - l[r, 0]) * h[c, 0])
    close(v["nudge"], nudge)
    w = w_h_o.copy()
    w[r, c] += nudge
    _, o_one = forward(w_i_h, b_i_h, w, b_h_o, img)
    close(v["o_nudged"], o_one[:, 0])
    change = _bce(o_one, l) - _bce(o, l)
    assert v["cost_change_text"] == _sig(change, backprop.SLOPE_SIG)
    before, after = v["cost_check_texts"]
    assert abs(float(before) - _bce(o, l)) <= 0.5 * 10 ** -len(before.split(".")[1])
    assert abs(float(after) - _bce(o_one, l)) <= 0.5 * 10 ** -len(after.split(".")[1])
    assert _sig(float(after) - float(before), backprop.SLOPE_SIG) == v["cost_change_text"]
    # slope x nudge, from the shown texts, is within a percent of the real change
    assert v["nudge_text"] == _sig(nudge, backprop.SLOPE_SIG)
    predicted = float(v["grad_rc_text"]) * float(v["nudge_text"])
    assert v["predicted_change_text"] == _sig(predicted, backprop.SLOPE_SIG)
    np.testing.assert_allclose(predicted, change, rtol=1e-2)
    # e, the mean squared error, beside it
    close(v["e_before"], np.mean((o - l) ** 2))
    close(v["e_nudged"], np.mean((o_one - l) ** 2))
    assert v["n_weights_text"] == f"{w_i_h.size + w_h_o.size:,}"


def test_backprop_rows_shown_keep_the_label_and_mark_every_gap():
    for n, keep in ((2, [1]), (4, [0]), (10, [7]), (26, [20]), (26, [0]), (26, [13, 25]),
                    (26, [3, 12, 19])):
        runs = backprop.shown_runs(n, keep)
        rows = [i for run in runs for i in run]
        assert rows == sorted(set(rows)) and set(keep) <= set(rows)
        assert all(run == list(range(run[0], run[-1] + 1)) for run in runs)
        assert all(b[0] > a[-1] + 1 for a, b in itertools.pairwise(runs))  # a real gap
        assert len(rows) + len(runs) - 1 <= backprop.MAX_OUT_ROWS
        assert rows == list(range(n)) if n <= backprop.MAX_OUT_ROWS else rows[0] == 0


def test_backprop_the_cost_and_its_slope_before_the_chain(trace):
    """The beat before the chain writes this image's cost and works out the chain's first
    link: for the log cost C (summed over the outputs) only the label's term, -ln o, holds the
    label's output, so dC/do there is -1/o; a central difference of the WHOLE cost, o of the
    label alone moved, agrees. o's text is the recomputed o rounded to its own decimals, and
    -1/o worked out by hand from that text gives the first link as shown; the sentence says
    both (e's slope, 2/n (o - 1), for a run on the squared error)."""
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    _, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, a["step_img"][0])
    o = o[:, 0]
    r = int(a["step_label"][0])
    l = np.eye(len(o))[r]
    ce = meta["delta_rule"] == "cross_entropy"

    def whole(x):
        p = o.copy()
        p[r] = x
        return _bce(p, l) if ce else float(np.mean((p - l) ** 2))

    eps = 1e-6
    slope = (whole(o[r] + eps) - whole(o[r] - eps)) / (2 * eps)
    np.testing.assert_allclose(slope, -1.0 / o[r] if ce else 2.0 / len(o) * (o[r] - 1),
                               rtol=1e-5)
    o_t, link = v["o_r_text"], v["link_out_text"]
    places = len(o_t.split(".")[1])
    assert places >= 4 and abs(float(o_t) - o[r]) <= 0.5 * 10 ** -places + 1e-12
    by_hand = -1.0 / float(o_t) if ce else 2.0 / len(o) * (float(o_t) - 1)
    assert _sig(by_hand, _tsig(link)) == link
    assert abs(float(link) - slope) <= 0.5 * 10 ** -len(link.split(".")[1]) + 1e-6
    assert o_t in v["term_slope_parts"]
    cue, sentence, _ = backprop.narration(v)[2]
    assert cue == "cost_slope" and f"o at {o_t}, {link}." in sentence
    order = [n[0] for n in backprop.narration(v)]
    assert order.index("cost_slope") < order.index("chain")
