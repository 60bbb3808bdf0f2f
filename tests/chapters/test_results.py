"""The results chapter: the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, forward, weights_before
from scenes.values import results


def test_results_accuracies_are_counts_over_n(trace):
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    assert v["nr_correct"] == [int(x) for x in a["epoch_nr_correct"]]
    close(v["train_acc"], np.array(v["nr_correct"]) / meta["n_train"])
    close(v["test_acc"][-1], np.sum(a["test_pred"] == a["test_label"]) / meta["n_test"])


def test_results_held_out_tallies_count_the_right_guesses_behind_each_figure(trace):
    """The tally under the held-out column: right guesses over the held-out images, the
    last one the final network's recorded verdicts, each one its epoch's accuracy."""
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    assert v["test_right"][-1] == int(np.sum(a["test_pred"] == a["test_label"]))
    assert all(isinstance(k, int) and 0 <= k <= meta["n_test"] for k in v["test_right"])
    close(np.array(v["test_right"]) / meta["n_test"], a["epoch_test_acc"])


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


def final_outputs(trace):
    """The finished network run on the held-out images the trace keeps pixels of."""
    a = trace.arrays
    x = a["infer_img"][:, :, 0].T
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    return o.T


def test_results_grid_is_every_kept_image_in_held_out_order_with_its_guess(trace):
    a = trace.arrays
    v = results.values(trace)
    o = final_outputs(trace)
    assert [g["index"] for g in v["grid"]] == sorted(int(i) for i in a["infer_index"])
    for g, out, lab, img in zip(v["grid"], o, a["infer_label"], a["infer_img"][:, :, 0]):
        assert g["guess"] == int(np.argmax(out)) and g["label"] == int(lab)
        assert g["correct"] == (g["guess"] == g["label"])
        close(g["img"], img)


def test_results_grid_holds_every_mistake_of_its_stretch_and_counts_them(trace):
    """"The first n, then every mistake among the first span": the first n held-out images
    are all there, every wrong guess among the first span is in the grid, and the count of
    mistakes is over those span images."""
    a = trace.arrays
    v = results.values(trace)
    index = [g["index"] for g in v["grid"]]
    assert index[:v["n_first"]] == list(range(v["n_first"]))
    assert v["span"] == max(index) + 1
    wrong = np.flatnonzero(a["test_pred"][:v["span"]] != a["test_label"][:v["span"]])
    assert set(wrong.tolist()) <= set(index)
    assert v["span_wrong"] == len(wrong)
    assert v["span_wrong"] == sum(not g["correct"] for g in v["grid"])


def test_results_mistake_is_the_surest_wrong_guess_other_than_the_first(trace):
    a = trace.arrays
    v = results.values(trace)
    o = final_outputs(trace)
    wrong = [r for r in range(len(o)) if np.argmax(o[r]) != a["infer_label"][r]]
    m = v["mistake"]
    if not wrong:
        assert m is None
        return
    pool = wrong[1:] or wrong
    best = max(pool, key=lambda r: o[r].max())
    assert m["index"] == int(a["infer_index"][best])
    close(m["o"], o[best])
    close(m["o_guess"], o[best].max())
    close(m["o_label"], o[best][a["infer_label"][best]])
    assert m["guess"] != m["label"]
    if len(wrong) > 1:  # not the inference chapter's first mistake
        assert best != wrong[0]
    assert m["guess"] in m["classes"] and m["label"] in m["classes"]
    assert len(m["classes"]) <= results.MAX_BARS and m["classes"] == sorted(m["classes"])


def test_results_bars_keep_guess_label_and_largest_outputs():
    o = np.linspace(0, 1, 26)
    shown = results.bar_classes(o, 25, 0, max_bars=10)
    assert len(shown) == 10 and 0 in shown and 25 in shown
    assert set(shown) - {0} == set(range(17, 26))


def test_results_epoch_rows_keep_first_and_last():
    assert results.epoch_rows(3) == [0, 1, 2]
    rows = results.epoch_rows(20)
    assert rows[0] == 0 and rows[-1] == 19 and len(rows) <= results.MAX_EPOCH_ROWS


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


def test_results_teacher_note_figures_come_from_the_trace(trace):
    """The figures moved to the teacher note: the last curve window's share right and e."""
    a = trace.arrays
    v = results.values(trace)
    close(v["curve_acc_end"], a["curve_acc"][-1])
    close([v["curve_e_first"], v["curve_e_last"]], [a["curve_e"][0], a["curve_e"][-1]])
