"""Chapter 6 (forward): the values it displays, recomputed from the trace."""

import math

import numpy as np
import pytest

from chapters.helpers import chapter_values, sigmoid


def test_forward_products_sum_sigmoid_hidden_and_output(trace):
    _, v = chapter_values("forward", trace)
    img = trace["step_img"][0][:, 0]
    w1, b1 = trace["w_i_h_init"], trace["b_i_h_init"]
    w2, b2 = trace["w_h_o_init"], trace["b_h_o_init"]
    products = w1[0] * img
    nonzero = np.count_nonzero(products)
    assert v["n_nonzero"] == nonzero == np.count_nonzero(img)
    # the shown terms are the largest |products| and their numbers are the real ones
    k = len(v["terms"])
    threshold = np.sort(np.abs(products))[-k]
    assert all(abs(products[j]) >= threshold for j in v["terms"])
    for (j_text, w_text, x_text, p_text), j in zip(v["term_rows"], v["terms"]):
        assert j_text == str(j)
        assert (w_text, x_text, p_text) == (f"{w1[0, j]:.3f}", f"{img[j]:.3f}",
                                            f"{w1[0, j] * img[j]:.3f}")
    total = math.fsum(products)
    assert v["total"] == pytest.approx(total, abs=1e-12)
    assert v["rest"] == pytest.approx(total - math.fsum(products[v["terms"]]), abs=1e-12)
    assert v["n_rest"] == nonzero - k
    h_pre = b1[0, 0] + total
    assert v["h_pre"] == pytest.approx(h_pre, abs=1e-12)
    assert v["h_pre"] == pytest.approx(trace["step_h_pre"][0][0, 0], abs=1e-12)
    assert v["h0"] == pytest.approx(1 / (1 + math.exp(-h_pre)), abs=1e-12)
    lo, hi, _ = v["x_range"]
    assert lo <= h_pre <= hi
    h = sigmoid(b1 + w1 @ img[:, None])
    o = sigmoid(b2 + w2 @ h)
    assert np.allclose(v["h"], h[:, 0], atol=1e-12)
    assert np.allclose(v["o"], o[:, 0], atol=1e-12)
    assert v["guess"] == int(np.argmax(o))
    assert v["o_max_text"] == f"{o.max():.3f}"
