"""Chapter 11 (beyond): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, sigmoid, weights_before, without_beyond
from scenes.values import beyond
from scenes.values.format import fmt_int, fmt_pct


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
    cues = [e[0] for e in beyond.narration(v)]
    assert "missing" in cues and "loss_race" not in cues
    assert cues[:5] == ["linear", "relu", "softmax", "ce", "grad"]


def notes_of(v):
    return {e[0]: e[2] for e in beyond.narration(v) if len(e) == 3}


def test_beyond_compared_runs_say_what_differs(trace):
    """The results chapter's run and the two loss runs: each setting read back from the trace.
    They differ in more than one thing, so the video does not show them: a teacher note says
    exactly what differs and that the gap is no verdict on the squared error."""
    a, meta, bm = trace.arrays, trace.meta, trace.meta["beyond"]
    v = beyond.values(trace)
    ref, mse, ce = v["settings"]
    close(ref["test_acc"], a["epoch_test_acc"])
    assert ref["learn_rate"] == meta["learn_rate"] == 0.01 and ref["gradient"] == "o \u2212 l"
    assert ref["init"] == "uniform" and "one image" in ref["step"]
    for row, i in ((mse, 0), (ce, 1)):
        close(row["test_acc"], a["beyond_loss_epoch_test_acc"][i])
        assert row["learn_rate"] == bm["loss_learn_rate"]
        assert str(bm["batch_size"]) in row["step"]
    assert mse["gradient"] == "true MSE" and mse["init"] == ref["init"]
    assert ce["gradient"] == "p \u2212 l" and ce["init"] == "He" and ce["hidden"] == "relu"
    said = {e[0]: e[1] for e in beyond.narration(v)}
    assert "loss_race" not in said
    assert not any("MSE" in sentence for sentence in said.values())
    note = notes_of(v)["grad"]
    for text in (fmt_pct(a["beyond_loss_epoch_test_acc"][0, -1]),
                 fmt_pct(a["beyond_loss_epoch_test_acc"][1, -1]),
                 fmt_pct(a["epoch_test_acc"][-1]), f"mean of {bm['batch_size']}",
                 "not a verdict", "four things"):
        assert text in note


def test_beyond_optimizers_explained_and_measured_from_the_trace(trace):
    """opt_race names every recorded optimizer with what it does, and says the held-out count
    and one standard error; tie says the best run's accuracy and each run behind's."""
    a = trace.arrays
    v = beyond.values(trace)
    runs = v["runs"]
    said = {e[0]: e[1] for e in beyond.narration(v)}
    race, tie = said["opt_race"], said["tie"]
    for r in runs["opt"]:
        assert r["title"] in race
    n = len(a["test_label"])
    final = a["beyond_opt_epoch_test_acc"][:, -1]
    se = np.sqrt(final.max() * (1 - final.max()) / n)
    assert fmt_int(n) in race and f"{100 * se:.1f} points" in race
    assert "standard error" in race and "momentum" in race and "optimizers" in race
    assert fmt_pct(final.max()) in tie and "learning rate" in tie
    behind = [r for r, acc in zip(runs["opt"], final) if final.max() - acc > 2 * se + 1e-12]
    for r in behind:
        assert f"{r['title']}, at {fmt_pct(r['test_acc'][-1])}" in tie
    assert ("behind" in tie) == bool(behind)


def test_beyond_sentences_name_no_data_set_code_and_relu_says_no_softmax(trace):
    v = beyond.values(trace)
    said = [e[1] for e in beyond.narration(v)]
    assert not any(v["dataset"] in s for s in said)
    relu = {e[0]: e[1] for e in beyond.narration(v)}["relu"]
    assert "softmax" not in relu.lower()
    from scenes.beyond import source_note
    assert not any("softmax" in line.lower()
                   for line in source_note(v["example"], v["class_names"]))


def test_beyond_optimizer_ties_and_standard_error(trace):
    a, meta = trace.arrays, trace.meta
    runs = beyond.values(trace)["runs"]
    final = a["beyond_opt_epoch_test_acc"][:, -1]
    n = len(a["test_label"])
    assert runs["n_test"] == n == meta["n_test"]
    best = final.max()
    se = np.sqrt(best * (1 - best) / n)
    close(runs["se"], se)
    assert [r["tie"] for r in runs["opt"]] == list(best - final <= 2 * se + 1e-12)
    assert [r["learn_rate"] for r in runs["opt"]] == [r["learn_rate"]
                                                       for r in meta["beyond"]["optimizer_runs"]]
    close(runs["best_relu_acc"], max(best, a["beyond_loss_epoch_test_acc"][1, -1]))


def test_beyond_sgd_steps_shrink_by_the_decay_alone(trace):
    a, bm = trace.arrays, trace.meta["beyond"]
    runs = beyond.values(trace)["runs"]
    sgd = [r["optimizer"] for r in bm["optimizer_runs"]].index("sgd")
    lr = bm["optimizer_runs"][sgd]["learn_rate"]
    steps = a["beyond_probe_step"]
    ratio = a["beyond_probe_update_norm"][sgd] / a["beyond_probe_grad_norm"][sgd]
    np.testing.assert_allclose(ratio, lr / (1 + bm["decay"] * steps), rtol=1e-6)
    close(runs["sgd_step_last"], ratio[-1])
    assert runs["decay"] == bm["decay"]


def test_beyond_example_mistake_and_follow_up_claims(trace):
    a = trace.arrays
    v = beyond.values(trace)
    ex = v["example"]
    k = len(a["beyond_softmax_index"]) - 1
    p = a["beyond_softmax_probs"][k]
    label = int(a["beyond_softmax_label"][k])
    assert ex["correct"] == (int(np.argmax(p)) == label)
    close(ex["p_label"], p[label])
    close(ex["p_guess"], p.max())
    said = {e[0]: e[1] for e in beyond.narration(v)}
    assert ("a mistake" in said["ce"]) == (not ex["correct"])
    assert v["follow_up"] == {"MNIST": 0.9742, "Fashion-MNIST": 0.87}
    # the follow-up video's claims are quoted for the teacher, never drawn beside ours
    assert "claims" not in said and not any("97.42%" in s for s in said.values())
    note = notes_of(v)["tie"]
    assert "97.42%" in note and "87%" in note and "not measured here" in note
