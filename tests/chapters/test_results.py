"""Chapter 9 (results): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, forward, weights_before
from scenes.values import results


def test_results_accuracies_are_counts_over_n(trace):
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    assert v["nr_correct"] == [int(x) for x in a["epoch_nr_correct"]]
    close(v["train_acc"], np.array(v["nr_correct"]) / meta["n_train"])
    close(v["test_acc"][-1], np.sum(a["test_pred"] == a["test_label"]) / meta["n_test"])
    assert v["curve_seen"] == [int(s) + 1 for s in a["curve_step"]]
    close(v["curve_acc"], a["curve_acc"])
    close(v["curve_e"], a["curve_e"])
    assert v["total_samples"] == meta["epochs"] * meta["n_train"] == v["curve_seen"][-1]


def test_results_held_out_accuracy_per_epoch_from_recorded_weights_and_real_images(trace, dataset_for):
    """After each epoch: the last step's weights plus its update, run on every held-out image."""
    a, meta = trace.arrays, trace.meta
    data = dataset_for(trace)
    v = results.values(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    lr = meta["learn_rate"]
    for e in range(1, meta["epochs"] + 1):
        pos = trace.position(e * meta["n_train"] - 1)
        w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, pos)
        img = a["step_img"][pos]
        h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
        d_o = o - np.eye(len(o))[a["step_label"][pos]][:, None]
        w_new = w_h_o - lr * d_o @ h.T
        d_h = ((w_h_o if meta["order"] == "correct" else w_new).T @ d_o) * h * (1 - h)
        _, out = forward(w_i_h - lr * d_h @ img.T, b_i_h - lr * d_h, w_new, b_h_o - lr * d_o, x)
        acc = np.sum(np.argmax(out, axis=0) == data.test_labels) / len(data.test_labels)
        close(v["test_acc"][e - 1], acc)


def test_results_curve_point_at_each_epoch_end(trace):
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    n = meta["n_train"]
    for e in range(1, meta["epochs"] + 1):
        hit = [i for i, s in enumerate(a["curve_step"]) if int(s) == e * n - 1]
        assert len(hit) == 1
        close(v["curve_at_epoch_end"][e - 1], a["curve_acc"][hit[0]])


def test_results_reference_figure_is_a_quoted_constant_and_the_reason_fits_the_data(trace):
    v = results.values(trace)
    assert v["reference_accuracy"] == results.REFERENCE_ACCURACY
    assert v["reference_n_train"] == results.REFERENCE_N_TRAIN
    entry = {e[0]: e for e in results.narration(v)}["reference"]
    sentence, note = entry[1], entry[2]
    assert "93%" in sentence
    if trace.meta["dataset"] == "mnist-10k":
        assert "8,000" in sentence and "60,000" in sentence
        assert "8,000" in results.why_caption(v) and "60,000" in results.why_caption(v)
    elif trace.meta["dataset"] == "fashion-mnist":
        assert "Fashion-MNIST" in sentence
    # the commands that record the full MNIST are a teacher note, never spoken
    assert "--dataset mnist" in results.MNIST_COMMANDS
    assert "--dataset mnist" in note
    for e in results.narration(v):
        assert "nnmath" not in e[1] and "render.sh" not in e[1]


def test_results_running_count_of_right_guesses_adds_up_to_each_epoch(trace):
    """The online beat's counter: right guesses so far in the epoch at each curve point,
    ending at the epoch's nr_correct."""
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    every, n = v["curve_every"], meta["n_train"]
    steps = np.asarray(a["curve_step"])
    for e in range(meta["epochs"]):
        sel = np.flatnonzero(steps // n == e)
        windows = np.rint(np.asarray(a["curve_acc"])[sel] * every)
        close(v["curve_right_so_far"][sel[0]], windows[0])
        assert v["curve_right_so_far"][sel[-1]] == v["nr_correct"][e]
