"""Chapter 8 (backprop): the values it displays, recomputed from the trace."""

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


def test_backprop_captions_name_the_order_and_the_gradient(trace):
    v = backprop.values(trace)
    caption = backprop.order_caption(v)
    assert ("before its update" if v["order"] == "correct" else "reference's order") in caption
    if trace.meta["delta_rule"] == "cross_entropy":
        assert "cross-entropy" in backprop.delta_caption(v)
        assert "not MSE" in backprop.delta_caption(v)


def _bce(o, l):
    o, l = np.asarray(o, dtype=float), np.asarray(l, dtype=float)
    return -np.sum(l * np.log(o) + (1 - l) * np.log(1 - o))


def test_backprop_the_followed_weight_its_slope_and_the_cost_downhill(trace):
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
    # the curve is this image's cross-entropy with only w_h_o[r, c] moved; its slope at the
    # recorded weight is the gradient (central difference)
    ws = np.asarray(v["cost_ws"])
    for i in (0, len(ws) // 2, len(ws) - 1):
        w = w_h_o.copy()
        w[r, c] = ws[i]
        _, o_w = forward(w_i_h, b_i_h, w, b_h_o, img)
        close(v["cost_curve"][i], _bce(o_w, l))
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


def test_backprop_a_dark_pixel_beside_a_lit_one_and_their_columns(trace):
    a = trace.arrays
    v = backprop.values(trace)
    img = a["step_img"][0][:, 0]
    lit = int(np.argmax(img))
    assert v["px_lit"] == lit and img[lit] == img.max() > 0
    dark = v["px_dark"]
    assert img[dark] == 0 and dark // 28 == lit // 28
    # no zero pixel in that row is nearer to the lit one
    nearer = [j for j in range(28 * (lit // 28), 28 * (lit // 28) + 28)
              if img[j] == 0 and abs(j - lit) < abs(dark - lit)]
    assert nearer == []
    rows = v["wi_rows"]
    assert v["c"] in rows
    before, after = a["step_w_i_h"][0], a["step_w_i_h"][1]
    close(v["wi_before"], before[np.ix_(rows, [dark, lit])])
    close(v["wi_after"], after[np.ix_(rows, [dark, lit])])
    assert np.array_equal(before[:, dark], after[:, dark])
    assert not np.array_equal(before[:, lit], after[:, lit])


def test_backprop_sig_keeps_two_significant_digits():
    assert backprop.sig(0.000453540) == "0.00045"
    assert backprop.sig(-0.0287) == "-0.029"
    assert backprop.sig(0.0290053) == "0.029"
