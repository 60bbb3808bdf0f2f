"""The activations chapter (ReLU and softmax): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import close, sigmoid, weights_before, without_beyond
from scenes.values import activations
from scenes.values.format import fmt, fmt_int, fmt_pct

RUNS = ["sigmoid_log_cost", "relu_log_cost", "sigmoid_softmax_cce"]


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


def said(v):
    return {e[0]: e[1] for e in activations.narration(v)}


def notes_of(v):
    return {e[0]: e[2] for e in activations.narration(v) if len(e) == 3}


def test_activations_example_on_the_reference_networks_real_logits(trace):
    a = trace.arrays
    ex = activations.values(without_beyond(trace))["example"]
    k = len(a["step_index"]) - 1
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h_pre = b_i_h + w_i_h @ img
    z = b_h_o + w_h_o @ sigmoid(h_pre)
    assert ex["source"] == "reference" and ex["step"] == a["step_index"][k]
    check_example(ex, img[:, 0], h_pre[:, 0], z[:, 0], int(a["step_label"][k]))


def test_activations_example_on_the_softmax_networks_real_logits(trace):
    a = trace.arrays
    assert "beyond_curve_step" in a, "nnmath record should write the beyond runs"
    ex = activations.values(trace)["example"]
    k = len(a["beyond_softmax_index"]) - 1
    img = a["beyond_softmax_img"][k][:, None] / 255.0
    h_pre = a["beyond_b_i_h"] + a["beyond_w_i_h"] @ img
    z = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ np.maximum(h_pre, 0.0)
    label = int(a["test_label"][a["beyond_softmax_index"][k]])
    assert ex["source"] == "softmax_network"
    check_example(ex, img[:, 0], h_pre[:, 0], z[:, 0], label)


def test_activations_example_mistake_is_said_as_it_is(trace):
    a = trace.arrays
    v = activations.values(trace)
    ex = v["example"]
    k = len(a["beyond_softmax_index"]) - 1
    p = a["beyond_softmax_probs"][k]
    label = int(a["beyond_softmax_label"][k])
    assert ex["correct"] == (int(np.argmax(p)) == label)
    close(ex["p_label"], p[label])
    close(ex["p_guess"], p.max())
    ce = said(v)["ce"]
    assert ("a mistake" in ce) == (not ex["correct"])
    assert fmt(-np.log(p[label]), 2) in ce and fmt(p[label], 3) in ce


def test_activations_one_baseline_and_one_change_at_a_time(trace):
    """The three runs: the baseline (the video's network: sigmoid outputs stepping along the
    main run's own delta o - l, the log cost C) and each change alone, every one from the same
    start, batch and epochs; curves and accuracies read back from the trace."""
    a, bm = trace.arrays, trace.meta["beyond"]
    runs = activations.values(trace)["runs"]
    assert [r["name"] for r in runs["runs"]] == RUNS
    settings = {r["name"]: r for r in bm["loss_runs"]}
    base = settings["sigmoid_log_cost"]
    assert (base["hidden"], base["output"], base["cost"]) == ("sigmoid", "sigmoid", "bce")
    assert base["delta_rule"] == trace.meta["delta_rule"] == "cross_entropy"  # o - l
    relu, soft = settings["relu_log_cost"], settings["sigmoid_softmax_cce"]
    assert (relu["hidden"], relu["output"], relu["cost"]) == ("relu", "sigmoid", "bce")
    assert relu["delta_rule"] == base["delta_rule"]
    assert (soft["hidden"], soft["output"], soft["cost"]) == ("sigmoid", "softmax", "cce")
    assert len({r["init"] for r in bm["loss_runs"]}) == 1, "every run starts from one init"
    assert runs["seen"] == [int(s) + 1 for s in a["beyond_curve_step"]]
    for i, r in enumerate(runs["runs"]):
        close(r["acc"], a["beyond_loss_curve_acc"][i])
        close(r["test_acc"], a["beyond_loss_epoch_test_acc"][i])
        close(r["train_acc"], a["beyond_loss_epoch_train_acc"][i])
        assert r["learn_rate"] == bm["loss_runs"][i]["learn_rate"]
    assert runs["base"]["name"] == "sigmoid_log_cost"
    assert runs["base"]["legend"].startswith("ours") and "log cost C" in runs["base"]["legend"]
    assert [r["name"] for r in runs["changes"]] == RUNS[1:]


def test_activations_each_rate_is_the_best_of_the_grid_on_kept_aside_images(trace):
    """The rule, checked from the recorded validation accuracies: each run's rate is the grid
    rate with the highest accuracy on the kept-aside images (the smaller on a tie)."""
    a, bm = trace.arrays, trace.meta["beyond"]
    v = activations.values(trace)
    runs = v["runs"]
    grid = bm["rate_rule"]["grid"]
    assert runs["grid"] == grid and sorted(grid) == grid
    for i, r in enumerate(runs["runs"]):
        accs = a["beyond_loss_grid_val_acc"][i]
        best = min((k for k in range(len(grid)) if not np.isnan(accs[k])),
                   key=lambda k: (-accs[k], k))
        assert r["best_rate_index"] == best and r["learn_rate"] == grid[best]
        assert [x is None for x in r["grid_acc"]] == list(np.isnan(accs))
    note = notes_of(v)["rates"]
    for g in grid:
        assert f"{g:g}" in note
    assert fmt_int(bm["rate_rule"]["validation_images"]) in note
    assert "held-out test images play no part" in note


def gap_noise(p1, p2, n):
    """Two standard errors of the gap between two accuracies, each counted on n images."""
    return 2 * np.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)


def test_activations_verdict_is_only_as_big_as_the_noise_allows(trace):
    """Each change against ours: better or worse only beyond two standard errors of their gap
    on the held-out count, else a tie; the sentence says each accuracy and the gaps' noise."""
    a, meta = trace.arrays, trace.meta
    v = activations.values(trace)
    runs = v["runs"]
    n = len(a["test_label"])
    assert runs["n_test"] == n == meta["n_test"]
    final = a["beyond_loss_epoch_test_acc"][:, -1]
    se = np.sqrt(final[0] * (1 - final[0]) / n)
    close(runs["se"], se)
    noise = [gap_noise(f, final[0], n) for f in final[1:]]
    close([r["noise"] for r in runs["changes"]], noise)
    for r, x in zip(runs["changes"], noise):   # the band drawn around ours
        close([r["low"], r["high"]], [final[0] - x, final[0] + x])
        assert x > 2 * se  # the gap's noise is wider than one score's
    expected = ["better" if f - final[0] > x + 1e-12 else
                "worse" if final[0] - f > x + 1e-12 else "tie" for f, x in zip(final[1:], noise)]
    assert [r["verdict"] for r in runs["changes"]] == expected
    sentence = said(v)["verdict"]
    spoken = sorted({fmt(100 * x, 1) for x in noise}, key=float)
    assert fmt_int(n) in sentence and f"under {' to '.join(spoken)} points" in sentence
    for r, f in zip(runs["runs"], final):
        assert f"{r['spoken']}{' ends' if r is runs['base'] else ''} at {fmt_pct(f)}" in sentence
    verbs = {"better": ("does better", "both do better"), "worse": ("does worse", "both do worse"),
             "tie": ("ties ours", "both tie ours")}
    for kind in dict.fromkeys(expected):
        names = [r["spoken"] for r, k in zip(runs["changes"], expected) if k == kind]
        one, two = verbs[kind]
        assert (f"{names[0]} {one}" if len(names) == 1 else f"{names[0]} and {names[1]} {two}"
                ) in sentence
    assert "standard error" not in sentence  # the optimizers chapter teaches the term
    note = notes_of(v)["verdict"]
    assert "standard error" in note and fmt(100 * se, 2) in note
    assert "sqrt(p1 (1 - p1) / n + p2 (1 - p2) / n)" in note
    for x in noise:
        assert f"{fmt(100 * x, 2)} points" in note


def test_activations_race_says_how_each_curve_starts_and_ends(trace):
    """How each change's curve starts and ends against ours, from the first and last epoch's
    online accuracy, by the same rule (two standard errors of the gap) on the training count."""
    a, meta = trace.arrays, trace.meta
    v = activations.values(trace)
    runs = v["runs"]
    train = a["beyond_loss_epoch_train_acc"]
    n = meta["n_train"]

    def side(f, b):
        noise = gap_noise(f, b, n)
        return "ahead" if f - b > noise + 1e-12 else "behind" if b - f > noise + 1e-12 else "level"

    for i, r in enumerate(runs["changes"], start=1):
        assert r["pace"] == (side(train[i, 0], train[0, 0]), side(train[i, -1], train[0, -1]))
    sentence = said(v)["race"]
    start = {"behind": "slower", "level": "pace", "ahead": "faster"}
    for clause in runs["race"]:
        assert clause["text"] in sentence
        assert start[clause["pace"][0]] in clause["start"]
        for name in clause["names"]:
            assert name in clause["text"]
    assert sorted(n for c in runs["race"] for n in c["names"]) == sorted(
        r["spoken"] for r in runs["changes"])


def test_activations_says_what_is_fair_and_nothing_that_is_not_taught_here(trace):
    v = activations.values(trace)
    lines = said(v)
    assert list(lines) == ["linear", "relu", "softmax", "ce", "grad", "runs", "rates", "race",
                           "verdict", "dead"]
    assert "same weights" in lines["runs"] and "images" in lines["runs"]
    assert "ReLU" in lines["runs"] and "softmax and cross-entropy" in lines["runs"]
    assert "kept aside" in lines["rates"] and "learning rate" in lines["rates"]
    for sentence in lines.values():
        for word in ("optimizer", "momentum", "Adam", "standard error", "four things"):
            assert word not in sentence
        assert v["dataset"] not in sentence
    assert "softmax" not in lines["relu"].lower()
    note = notes_of(v)["runs"]
    assert "same initial weights" in note and "one thing" in note
    from scenes.activations import source_note
    assert not any("softmax" in line.lower()
                   for line in source_note(v["example"], v["class_names"]))


def test_activations_without_comparison_runs_says_so_and_invents_nothing(trace):
    v = activations.values(without_beyond(trace))
    assert v["has_runs"] is False and v["runs"] is None
    assert "re-record with nnmath record" in v["missing_note"]
    cues = [e[0] for e in activations.narration(v)]
    assert cues == ["linear", "relu", "softmax", "ce", "grad", "missing"]


def test_activations_dead_relu_neurons_are_counted_from_the_trace(trace):
    """The caveat's count is the ReLU run's recorded count of hidden neurons that are 0 on
    every held-out image (tests/test_beyond.py recomputes it from a transcription); the sigmoid
    runs have none; the sentence says the count and the layer's size, and that the verdict is
    about this small network only."""
    a, bm = trace.arrays, trace.meta["beyond"]
    v = activations.values(trace)
    runs = v["runs"]
    k = [r["hidden"] for r in bm["loss_runs"]].index("relu")
    dead = int(a["beyond_loss_dead_hidden"][k])
    assert runs["relu"]["name"] == bm["loss_runs"][k]["name"] and runs["relu"]["dead"] == dead
    assert 0 <= dead <= bm["hidden"] == runs["hidden"] == a["beyond_w_i_h"].shape[0]
    assert all(a["beyond_loss_dead_hidden"][i] == 0 for i, r in enumerate(bm["loss_runs"])
               if r["hidden"] != "relu")
    sentence = said(v)["dead"]
    assert f" {fmt_int(bm['hidden'])} " in sentence and "small network only" in sentence
    if dead:
        assert f"{fmt_int(dead)} of ReLU's {fmt_int(bm['hidden'])} hidden neurons" in sentence
    else:
        assert "none of these" in sentence
    assert "initial weights" in notes_of(v)["dead"]
