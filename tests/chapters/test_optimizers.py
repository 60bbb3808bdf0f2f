"""The optimizers chapter: the three walks on the downhill chapter's slice, recomputed with an
independent forward pass, finite-difference slopes and the update formulas written out (never
nnmath.optimizers or the chapter's own functions); the five runs' scores, chance wobble and tie
recomputed from the recorded arrays and, for the recorded network, from its weights."""

import numpy as np

from chapters.helpers import close, forward, weights_before, without_beyond
from scenes.values import optimizers
from scenes.values.format import fmt, fmt_int, fmt_pct

EPS = 1e-6


def cost_of(o, l, rule):
    """This image's cost whose slope the recorded run's step follows, written out."""
    o, l = np.asarray(o, dtype=float).reshape(-1), np.asarray(l, dtype=float).reshape(-1)
    if rule == "mse":
        return float(np.mean((o - l) ** 2))
    return float(-np.sum(l * np.log(o) + (1 - l) * np.log(1 - o)))


def slice_cost(a, rule, r, q, c, w):
    """The first image's cost, the whole forward pass re-run with w_h_o[r, c], w_h_o[q, c] = w."""
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    w_h_o = w_h_o.copy()
    w_h_o[r, c], w_h_o[q, c] = w
    _, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, a["step_img"][0])
    return cost_of(o, a["step_l"][0], rule)


def slope(a, rule, r, q, c, w):
    """Both slopes at ``w`` by central finite differences."""
    g = np.zeros(2)
    for k in range(2):
        d = np.zeros(2)
        d[k] = EPS
        g[k] = (slice_cost(a, rule, r, q, c, w + d) - slice_cost(a, rule, r, q, c, w - d)) / (
            2 * EPS)
    return g


def sgd_path(grad, w, rate, n):
    out = [w.copy()]
    for _ in range(n):
        w = w - rate * grad(w)
        out.append(w)
    return np.array(out)


def momentum_path(grad, w, rate, beta, n):
    """v = beta v - rate g; w = w + v."""
    out, v = [w.copy()], np.zeros(2)
    for _ in range(n):
        v = beta * v - rate * grad(w)
        w = w + v
        out.append(w)
    return np.array(out)


def adam_path(grad, w, rate, b1, b2, n, eps=1e-7):
    """m, v running averages of g and g^2, corrected for their zero start (Kingma & Ba)."""
    out, m, v = [w.copy()], np.zeros(2), np.zeros(2)
    for t in range(1, n + 1):
        g = grad(w)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - rate * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        out.append(w)
    return np.array(out)


def test_slice_walks_are_the_update_rules_on_the_real_cost(trace):
    a, meta = trace.arrays, trace.meta
    s = optimizers.values(trace)["slice"]
    rule = meta["delta_rule"]
    h, o = a["step_h"][0][:, 0], a["step_o"][0][:, 0]
    label = int(a["step_label"][0])
    # the downhill chapter's weights: most active hidden neuron into the label and into the
    # largest wrong output
    c = int(np.argmax(h))
    wrong = o.copy()
    wrong[label] = -np.inf
    r, q = label, int(np.argmax(wrong))
    assert (s["r"], s["q"], s["c"]) == (r, q, c)
    start = np.array([a["step_w_h_o"][0][r, c], a["step_w_h_o"][0][q, c]])
    close(s["start"], start)
    close(s["cost0"], slice_cost(a, rule, r, q, c, start))

    def grad(w):
        return slope(a, rule, r, q, c, w)

    # the rates' rule: SGD's and momentum's rate is the downhill rate x its step count / N,
    # rounded down to 1, 2 or 5 x 10^k; Adam's, SGD's first step on the steeper weight to two
    # significant digits
    target = float(meta["learn_rate"]) * s["downhill_steps"] / s["n_steps"]
    k = np.floor(np.log10(target))
    allowed = [m * 10.0 ** e for e in (k - 1, k) for m in (1, 2, 5)]
    assert s["rate"] == max(x for x in allowed if x <= target * (1 + 1e-12))
    first = s["rate"] * np.abs(grad(start))
    np.testing.assert_allclose(s["adam_rate"], float(f"{first.max():.2g}"))
    n = s["n_steps"]
    bm = meta.get("beyond", {})
    runs = {run["optimizer"]: run for run in bm.get("optimizer_runs", [])}
    beta = runs.get("momentum", {}).get("momentum", 0.9)
    b1, b2 = runs.get("adam", {}).get("beta1", 0.9), runs.get("adam", {}).get("beta2", 0.999)
    want = {"sgd": sgd_path(grad, start, s["rate"], n),
            "momentum": momentum_path(grad, start, s["rate"], beta, n),
            "adam": adam_path(grad, start, s["adam_rate"], b1, b2, n)}
    assert [w["name"] for w in s["walks"]] == ["sgd", "momentum", "adam"]
    for w in s["walks"]:
        np.testing.assert_allclose(w["path"], want[w["name"]], rtol=1e-6, atol=1e-8)
        costs = [slice_cost(a, rule, r, q, c, p) for p in np.array(w["path"])]
        np.testing.assert_allclose(w["cost"], costs, rtol=1e-9)
        assert w["cost_end_text"] == fmt(costs[-1], 3)
        (a0, a1), (b0, b1_) = s["box"]  # every step inside the drawn box
        path = np.array(w["path"])
        assert np.all((a0 <= path[:, 0]) & (path[:, 0] <= a1))
        assert np.all((b0 <= path[:, 1]) & (path[:, 1] <= b1_))
    # SGD's steps shrink as the ground flattens; momentum's grow past SGD's
    sgd, mom = (np.array(w["step_lengths"]) for w in s["walks"][:2])
    assert sgd[-1] < sgd[0] and mom[-1] > sgd[-1]


def test_slice_landscape_lines_and_shading_are_the_cost(trace):
    a, meta = trace.arrays, trace.meta
    s = optimizers.values(trace)["slice"]
    rule, r, q, c = meta["delta_rule"], s["r"], s["q"], s["c"]
    # each line joins equal costs (solved on a sampled grid, as the downhill chapter's: to a
    # thousandth of the levels' spread)
    spread = s["levels"][-1] - s["levels"][0]
    n_points = 0
    for level, pieces in zip(s["levels"], s["contours"]):
        for piece in pieces:
            for p in piece[:: max(1, len(piece) // 5)]:
                assert abs(slice_cost(a, rule, r, q, c, np.array(p)) - level) < 1e-3 * spread
                n_points += 1
    assert n_points > 0
    shade = np.array(s["shade"])
    (a0, a1), (b0, b1) = s["box"]
    ga, gb = np.linspace(a0, a1, shade.shape[1]), np.linspace(b0, b1, shade.shape[0])
    for i, j in ((0, 0), (shade.shape[0] - 1, 3), (17, shade.shape[1] - 1)):
        close(shade[i, j], slice_cost(a, rule, r, q, c, np.array([ga[j], gb[i]])))


def test_race_scores_chance_wobble_and_tie(trace, dataset_for):
    a, bm = trace.arrays, trace.meta["beyond"]
    v = optimizers.values(trace)
    race = v["race"]
    accs = a["beyond_opt_epoch_test_acc"][:, -1]
    assert [x["name"] for x in race["runs"]] == [r["optimizer"] for r in bm["optimizer_runs"]]
    for x, acc, run in zip(race["runs"], accs, bm["optimizer_runs"]):
        close(x["acc"], acc)
        assert x["acc_text"] == fmt_pct(acc) and x["learn_rate"] == run["learn_rate"]
    n = int(trace.meta["n_test"])
    best = accs.max()
    se = np.sqrt(best * (1 - best) / n)
    close(race["se"], se)
    close(race["wobble"], 2 * se)
    assert race["wobble_text"] == fmt(200 * se, 1)
    assert [x["tie"] for x in race["runs"]] == [bool(best - acc <= 2 * se + 1e-12)
                                                for acc in accs]
    assert race["n_test_text"] == fmt_int(n)
    # the recorded network's weights give its run's held-out accuracy on the real images
    data = dataset_for(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    hidden = a["beyond_b_i_h"] + a["beyond_w_i_h"] @ x
    net = bm.get("optimizer_network", {})
    hidden = np.maximum(hidden, 0.0) if net.get("hidden", "relu") == "relu" else (
        1 / (1 + np.exp(-hidden)))
    z = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ hidden
    k = [r["optimizer"] for r in bm["optimizer_runs"]].index(bm["softmax_network"])
    close(race["runs"][k]["acc"], np.mean(np.argmax(z, axis=0) == data.test_labels))
    # every number said is the values' text
    said = " ".join(e[1] for e in optimizers.narration(v))
    for text in (race["wobble_text"], race["lo_text"], race["hi_text"], race["n_test_text"]):
        assert text in said
    assert fmt_pct(best) in said


def test_rate_rule_said_in_words_and_grid_in_the_note(trace):
    v = optimizers.values(trace)
    entries = {e[0]: e for e in optimizers.narration(v)}
    rule = trace.meta["beyond"].get("rate_rule")
    if rule:
        assert "did best on training images set aside" in entries["race"][1]
        assert all(f"{g:g}" in entries["race"][2] for g in rule["grid"])
    else:
        assert "usual learning rate" in entries["race"][1]
    assert "standard error" in entries["se"][1]
    # the wobble is taught in words (the noise beat) before it is named
    cues = [e[0] for e in optimizers.narration(v)]
    assert cues.index("noise") < cues.index("se")
    assert "standard error" not in entries["noise"][1]


def test_without_comparison_runs_the_slice_stays_and_nothing_is_invented(trace):
    v = optimizers.values(without_beyond(trace))
    assert v["race"] is None and "re-record" in v["missing_note"]
    cues = [e[0] for e in optimizers.narration(v)]
    assert cues == ["question", "sgd", "momentum", "adam", "missing"]
