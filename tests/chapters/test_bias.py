"""Chapter 2 (bias): the values it displays, recomputed from the trace."""

import numpy as np
import pytest

from chapters.helpers import chapter_values, sigmoid


def replay_neuron(x, y, w, b, use_bias, lr, iterations):
    """Full-batch gradient descent on one sigmoid neuron, delta = o - l, written out here."""
    w, b = np.array(w, dtype=float), float(b)
    for _ in range(iterations):
        o = sigmoid(x @ w + b)
        d = o - y
        w = w - lr * (x.T @ d) / len(y)
        if use_bias:
            b = b - lr * d.sum() / len(y)
    return w, b


def test_bias_lines_accuracies_and_the_origin(trace):
    _, v = chapter_values("bias", trace)
    x, y = trace["bias_x"], trace["bias_y"].astype(float)
    assert np.all(trace["b_i_h_init"] == 0) and v["b_init_values"] == ["0.00"]
    lr = trace.meta["bias_experiment"]["learn_rate"]
    its = trace["bias_iters"]
    for key, use_bias in (("nobias", False), ("with", True)):
        run = v[key]
        for w, b, acc, it in zip(run["w"], run["b"], run["acc"], v["iters"]):
            k = int(np.flatnonzero(its == it)[0])
            assert np.array_equal(w, trace[f"bias_{key}_w"][k])
            # accuracy recomputed from the points and the recorded weights
            assert acc == pytest.approx(np.mean((sigmoid(x @ w + b) > 0.5) == (y == 1)))
        # the line at the next snapshot follows by gradient descent from the first one
        w1, b1 = replay_neuron(x, y, trace[f"bias_{key}_w"][0], trace[f"bias_{key}_b"][0],
                               use_bias, lr, int(its[1] - its[0]))
        assert np.allclose(w1, trace[f"bias_{key}_w"][1], atol=1e-10)
        assert b1 == pytest.approx(trace[f"bias_{key}_b"][1], abs=1e-10)
    # without bias the line passes through the origin at every frame; with bias it does not
    assert np.all(v["nobias"]["b"] == 0)
    assert abs(v["with"]["final_b"]) > 0.1
    wb = v["with"]
    assert abs(wb["final_w"] @ np.zeros(2) + wb["final_b"]) > 0.1
    final = sigmoid(x @ wb["final_w"] + wb["final_b"]) > 0.5
    assert wb["final_acc"] == pytest.approx(np.mean(final == (y == 1)))
    assert wb["final_acc"] > v["nobias"]["final_acc"]
    lo, hi = v["x_range"][0], v["x_range"][1]
    assert lo <= min(0, x.min()) and hi >= max(0, x.max())
