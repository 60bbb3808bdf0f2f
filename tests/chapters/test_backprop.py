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
    assert v["order"] in caption
    if trace.meta["delta_rule"] == "cross_entropy":
        assert "cross-entropy" in backprop.delta_caption(v)
        assert "not of MSE" in backprop.delta_caption(v)
