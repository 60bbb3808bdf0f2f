"""Chapter 11 (beyond): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, sigmoid, weights_before, without_beyond
from scenes.values import beyond


def check_example(ex, img, h_pre, z, label):
    close(ex["img"], img)
    close(ex["z"], z)
    p = np.exp(z - z.max()) / np.sum(np.exp(z - z.max()))
    close(ex["softmax_p"], p)
    close(ex["softmax_sum"], 1.0)
    close(ex["sigmoid_sum"], np.sum(sigmoid(z)))
    close(ex["h_pre"], h_pre)
    close(ex["relu_h"], [max(0.0, x) for x in h_pre])
    assert ex["n_relu_zero"] == int(np.sum(h_pre <= 0))
    assert ex["label"] == label and ex["guess"] == int(np.argmax(z))
    close(ex["ce"], -np.log(p[label]))


def test_beyond_example_on_the_reference_networks_real_logits(trace):
    a = trace.arrays
    ex = beyond.values(without_beyond(trace))["example"]
    k = len(a["step_index"]) - 1
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h_pre = b_i_h + w_i_h @ img
    z = b_h_o + w_h_o @ sigmoid(h_pre)
    assert ex["source"] == "reference" and ex["step"] == a["step_index"][k]
    check_example(ex, img[:, 0], h_pre[:, 0], z[:, 0], int(a["step_label"][k]))


def test_beyond_example_on_the_softmax_networks_real_logits(trace):
    a = trace.arrays
    assert "beyond_curve_step" in a, "nnmath record should write the beyond runs"
    ex = beyond.values(trace)["example"]
    k = len(a["beyond_softmax_index"]) - 1
    img = a["beyond_softmax_img"][k][:, None] / 255.0
    h_pre = a["beyond_b_i_h"] + a["beyond_w_i_h"] @ img
    z = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ np.maximum(h_pre, 0.0)
    label = int(a["test_label"][a["beyond_softmax_index"][k]])
    assert ex["source"] == "softmax_network"
    check_example(ex, img[:, 0], h_pre[:, 0], z[:, 0], label)


def test_beyond_runs_curves_step_sizes_and_held_out_accuracy(trace, dataset_for):
    a, bm = trace.arrays, trace.meta["beyond"]
    runs = beyond.values(trace)["runs"]
    assert runs["seen"] == [int(s) + 1 for s in a["beyond_curve_step"]]
    assert [r["name"] for r in runs["loss"]] == ["sigmoid_mse", "relu_softmax_cce"]
    assert [r["name"] for r in runs["opt"]] == ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    for i, r in enumerate(runs["loss"]):
        close(r["acc"], a["beyond_loss_curve_acc"][i])
        close(r["test_acc"], a["beyond_loss_epoch_test_acc"][i])
    steps = a["beyond_probe_step"]
    for i, r in enumerate(runs["opt"]):
        close(r["acc"], a["beyond_opt_curve_acc"][i])
        close(r["step_size"], a["beyond_probe_update_norm"][i] / a["beyond_probe_grad_norm"][i])
        if r["name"] == "sgd":  # plain SGD moves exactly lr / (1 + decay * step) per gradient
            close(r["step_size"], r["learn_rate"] / (1 + bm["decay"] * steps))
    # the Adam network's held-out accuracy, from its recorded weights and the real images
    data = dataset_for(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    z = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ np.maximum(
        a["beyond_b_i_h"] + a["beyond_w_i_h"] @ x, 0.0)
    acc = np.mean(np.argmax(z, axis=0) == data.test_labels)
    close(runs["opt"][-1]["test_acc"][-1], acc)


def test_beyond_without_comparison_runs_says_so_and_invents_nothing(trace):
    v = beyond.values(without_beyond(trace))
    assert v["has_runs"] is False and v["runs"] is None
    assert "re-record with nnmath record" in v["missing_note"]
    cues = [c for c, _ in beyond.narration(v)]
    assert "missing" in cues and "loss_race" not in cues
