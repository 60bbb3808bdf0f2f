"""One neuron: the values it displays and says, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, sigmoid
from scenes.values import one_neuron


def test_one_neuron_outputs_costs_and_answer(trace):
    a = trace.arrays
    v = one_neuron.values(trace)
    x, y = np.array(v["x"]), np.array(v["y"])
    close(x, a["neuron_x"])
    assert list(y) == [0, 0, 1, 1]
    assert len(v["e"]) == len(v["iters"]) == len(v["w"])
    for w, o, e in zip(v["w"], v["o"], v["e"]):
        out = sigmoid(x @ np.array(w))
        close(o, out)
        close(e, np.mean((out - y) ** 2))  # the cost e of the cost chapter
    assert v["e_texts"] == [f"{e:.4f}" for e in v["e"]]
    close(v["new_o"], sigmoid(np.array(v["new_x"]) @ np.array(v["w"][-1])))
    close(v["new_sum"], np.array(v["new_x"]) @ np.array(v["w"][-1]))
    assert v["new_x"] == [1.0, 0.0, 0.0]
    assert v["new_copies"] == 0 and v["new_o"] > 0.99  # it answers with its first input
    assert v["iterations"] == int(a["neuron_iters"][-1]) == v["iters"][-1]
    assert v["e"][-1] < v["e"][0]


def test_one_neuron_squared_misses_average_to_the_starting_cost(trace):
    """The column of (o - l)**2 shown at the start: one per row, from the recorded outputs of
    iteration 0, and their mean is the cost e said."""
    a = trace.arrays
    v = one_neuron.values(trace)
    x, y = a["neuron_x"], a["neuron_y"]
    sq = (sigmoid(x @ a["neuron_w"][0]) - y) ** 2
    assert v["sq_texts"] == [f"{q:.3f}" for q in sq]
    assert v["e_texts"][0] == f"{np.mean(sq):.4f}"


def test_one_neuron_worked_iteration_gives_the_recorded_next_weights(trace):
    """The hand-worked step (sums, outputs, l - o, o(1 - o), d, X^T d) lands exactly on the
    recorded weights of iteration 1, and every shown piece is that step's number."""
    a = trace.arrays
    v = one_neuron.values(trace)
    x, y = a["neuron_x"], a["neuron_y"]
    assert a["neuron_iters"][0] == 0 and a["neuron_iters"][1] == 1
    w0 = a["neuron_w"][0]
    s = x @ w0
    o = sigmoid(s)
    d = (y - o) * o * (1 - o)
    close(v["sum"], s)
    close(v["out"], o)
    close(v["out"], a["neuron_o"][0])
    close(v["miss"], y - o)
    close(v["squash"], o * (1 - o))
    close(v["d"], d)
    close(v["step"], x.T @ d)
    close(v["w_next"], a["neuron_w"][1])
    k = v["row"]
    assert y[k] == 1 and np.all(y[:k] != 1)  # the rule: the first row whose target is 1
    assert v["row_word"] == ("first", "second", "third", "fourth")[k]
    assert v["sum_text"] == f"{s[k]:.3f}" and v["out_text"] == f"{o[k]:.3f}"
    assert v["miss_text"] == f"{y[k] - o[k]:.3f}"
    assert v["squash_text"] == f"{o[k] * (1 - o[k]):.3f}"
    assert v["d_texts"] == [f"{t:.3f}" for t in d]
    assert v["step_texts"] == [f"{t:.3f}" for t in x.T @ d]
    assert v["w1_texts"] == [f"{t:.3f}" for t in a["neuron_w"][1]]


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


def test_one_neuron_bias_input_and_narration(trace):
    a = trace.arrays
    v = one_neuron.values(trace)
    x = np.asarray(a["neuron_x"])
    constant = [j for j in range(x.shape[1]) if np.all(x[:, j] == 1.0)]
    assert constant == [2]
    assert v["bias_input"] == (constant[0], 1.0)
    lines = one_neuron.narration(v)
    cues = [line[0] for line in lines]
    assert cues == ["setup", "bias", "start", "sum", "miss", "push", "step", "learn", "end",
                    "new"]
    said = {line[0]: line[1] for line in lines}
    # x3 = 1 makes w3 a bias; the next chapter (not a numbered one) shows why
    assert "x3 is 1" in said["bias"] and "bias" in said["bias"] and "next chapter" in said["bias"]
    assert "chapter 2" not in " ".join(said.values())
    assert f"{np.mean((a['neuron_y'] - sigmoid(x @ a['neuron_w'][0])) ** 2):.4f}" in said["start"]
    assert v["d_texts"][v["row"]] in said["push"]
    assert all(t in said["step"] for t in v["w1_texts"])
    assert f"{a['neuron_new_o'][0]:.4f}" in said["new"]
    # words taught later (backprop) are not used in what is said
    for word in ("slope", "gradient", "learning rate"):
        assert word not in " ".join(said.values()).lower()


def test_one_neuron_unseen_input_says_the_bias_input_is_off(trace):
    """Every input with the bias input x3 = 1 is a training row, so the unseen input has
    x3 = 0; a viewer told x3 is "1 in every row" must hear that it is off here."""
    a = trace.arrays
    x, new = np.asarray(a["neuron_x"]), np.asarray(a["neuron_new_x"] if "neuron_new_x" in a
                                                   else one_neuron.values(trace)["new_x"])
    assert not any(np.array_equal(row, new) for row in x)
    said = dict(line[:2] for line in one_neuron.narration(one_neuron.values(trace)))["new"]
    if new[2] == 0:
        assert "x3 off and so no bias" in said
    else:
        assert "no bias" not in said
