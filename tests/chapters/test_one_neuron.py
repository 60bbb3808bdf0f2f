"""Chapter 12 (one neuron): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, sigmoid
from scenes.values import one_neuron


def test_one_neuron_outputs_errors_and_answer(trace):
    a = trace.arrays
    v = one_neuron.values(trace)
    x, y = np.array(v["x"]), np.array(v["y"])
    close(x, a["neuron_x"])
    assert list(y) == [0, 0, 1, 1]
    for w, o, err in zip(v["w"], v["o"], v["err"]):
        out = sigmoid(x @ np.array(w))
        close(o, out)
        close(err, np.mean(np.abs(y - out)))
    close(v["new_o"], sigmoid(np.array(v["new_x"]) @ np.array(v["w"][-1])))
    assert v["new_x"] == [1.0, 0.0, 0.0]
    assert v["snapshots"][0] == 0 and v["snapshots"][-1] == len(v["iters"]) - 1
    assert v["err"][-1] < v["err"][0]


def test_one_neuron_weights_follow_the_update_rule_between_consecutive_iterations(trace):
    a = trace.arrays
    x, y = a["neuron_x"], a["neuron_y"][:, None]
    its = list(a["neuron_iters"])
    pairs = [i for i in range(len(its) - 1) if its[i + 1] == its[i] + 1]
    assert pairs
    for i in pairs:
        w = a["neuron_w"][i][:, None]
        o = sigmoid(x @ w)
        close(a["neuron_w"][i + 1], (w + x.T @ ((y - o) * o * (1 - o)))[:, 0])


def test_one_neuron_bias_input_is_the_constant_column(trace):
    a = trace.arrays
    v = one_neuron.values(trace)
    x = np.asarray(a["neuron_x"])
    constant = [j for j in range(x.shape[1]) if np.all(x[:, j] == 1.0)]
    assert constant == [2]
    assert v["bias_input"] == (constant[0], 1.0)
    assert v["bias_chapter"] == 2
    cues = [c for c, _ in one_neuron.narration(v)]
    assert cues == ["setup", "bias", "start", "learn", "end", "new"]
    said = dict(one_neuron.narration(v))
    assert "x3" in said["bias"] and "chapter 2" in said["bias"]
    assert f"{np.mean(np.abs(a['neuron_y'] - sigmoid(x @ a['neuron_w'][0]))):.4f}" in said["start"]
