"""The optimizers chapter: the valley (its pair of weights, lowest point, start and rates
picked by the rule, found again with scipy's minimizer and second differences of an
independent forward pass), the three walks recomputed with finite-difference slopes and the
update formulas written out (never nnmath.optimizers or the chapter's own functions); the five
runs' scores, chance wobble and the tie rule on the gap recomputed from the recorded arrays
and, for the recorded network, from its weights."""

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


def images(a):
    """The data chapter's images as columns, 0..1."""
    return a["data_img"].reshape(len(a["data_img"]), -1).T / 255.0


def slice_cost(a, rule, r, c, c2, w):
    """The mean cost of the data chapter's images, the whole forward pass re-run with the
    weights before the first recorded step and w_h_o[r, c], w_h_o[r, c2] = w."""
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    w_h_o = w_h_o.copy()
    w_h_o[r, c], w_h_o[r, c2] = w
    _, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, images(a))
    l = np.eye(o.shape[0])[a["data_label"].astype(int)].T
    if rule == "mse":
        return float(np.mean(np.mean((o - l) ** 2, axis=0)))
    return float(np.mean(-np.sum(l * np.log(o) + (1 - l) * np.log(1 - o), axis=0)))


def slope(a, rule, r, c, c2, w):
    """Both slopes at ``w`` by central finite differences."""
    g = np.zeros(2)
    for k in range(2):
        d = np.zeros(2)
        d[k] = EPS
        g[k] = (slice_cost(a, rule, r, c, c2, w + d) - slice_cost(a, rule, r, c, c2, w - d)) / (
            2 * EPS)
    return g


def curvature(a, rule, r, c, c2, w, h=1e-4):
    """The cost's second differences at ``w``: the valley's shape."""
    f = lambda p: slice_cost(a, rule, r, c, c2, p)
    m = np.zeros((2, 2))
    e = np.eye(2) * h
    for i in range(2):
        for j in range(2):
            m[i, j] = (f(w + e[i] + e[j]) - f(w + e[i] - e[j]) - f(w - e[i] + e[j])
                       + f(w - e[i] - e[j])) / (4 * h * h)
    return m


def bottom(a, rule, r, c, c2, w0):
    """The slice's lowest point, by scipy's own minimizer from the recorded weights."""
    from scipy.optimize import minimize
    res = minimize(lambda p: slice_cost(a, rule, r, c, c2, p), w0,
                   jac=lambda p: slope(a, rule, r, c, c2, p), method="BFGS",
                   options={"gtol": 1e-10})
    return res.x


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


def test_slice_is_a_narrow_valley_picked_by_the_rule(trace):
    a, meta = trace.arrays, trace.meta
    s = optimizers.values(trace)["slice"]
    rule = meta["delta_rule"]
    h = a["step_h"][0][:, 0]
    label = int(a["step_label"][0])
    # the downhill chapter's weight: the most active hidden neuron into the label's output
    c, r = int(np.argmax(h)), label
    assert (s["r"], s["c"]) == (r, c)
    assert s["n_images"] == len(a["data_img"])
    w_h_o = a["step_w_h_o"][0]
    # the second neuron: the valley closest to NARROWNESS times longer than wide at its bottom
    found = {}
    for k in range(w_h_o.shape[1]):
        if k == c:
            continue
        w0 = np.array([w_h_o[r, c], w_h_o[r, k]])
        low = bottom(a, rule, r, c, k, w0)
        lam = np.linalg.eigvalsh(curvature(a, rule, r, c, k, low))
        found[k] = (np.sqrt(lam[1] / lam[0]), low, w0)
    pick = min(found, key=lambda k: (abs(found[k][0] - optimizers.NARROWNESS), k))
    assert s["c2"] == pick
    narrow, low, w0 = found[pick]
    np.testing.assert_allclose(s["narrowness"], narrow, rtol=1e-3)
    np.testing.assert_allclose(s["low"], low, rtol=1e-5, atol=1e-6)
    assert narrow > 3  # a valley: several times longer than wide
    # the start: on the level line START_RISE above the bottom, a half-axis each way, on the
    # recorded weights' side
    lam, vec = np.linalg.eigh(curvature(a, rule, r, c, pick, low))
    side = np.sign(vec.T @ (w0 - low))
    want = low + sum(side[k] * np.sqrt(2 * optimizers.START_RISE / lam[k]) * vec[:, k]
                     for k in range(2))
    np.testing.assert_allclose(s["start"], want, rtol=1e-4, atol=1e-5)
    close(s["cost0"], slice_cost(a, rule, r, c, pick, np.array(s["start"])))
    # the rates' rule: ZIGZAG over the steepest curvature; Adam's, SGD's first step on the
    # steeper weight; both to two significant digits
    assert s["rate"] == float(f"{optimizers.ZIGZAG / lam[1]:.2g}")
    first = s["rate"] * np.abs(slope(a, rule, r, c, pick, np.array(s["start"])))
    assert s["adam_rate"] == float(f"{first.max():.2g}")


def test_slice_walks_are_the_update_rules_on_the_real_cost(trace):
    a, meta = trace.arrays, trace.meta
    s = optimizers.values(trace)["slice"]
    rule, r, c, c2 = meta["delta_rule"], s["r"], s["c"], s["c2"]

    def grad(w):
        return slope(a, rule, r, c, c2, w)

    start = np.array(s["start"])
    n = s["n_steps"]
    bm = meta.get("beyond", {})
    runs = {run["optimizer"]: run for run in bm.get("optimizer_runs", [])}
    beta = runs.get("momentum", {}).get("momentum", 0.9)
    b1, b2 = runs.get("adam", {}).get("beta1", 0.9), runs.get("adam", {}).get("beta2", 0.999)
    want = {"sgd": sgd_path(grad, start, s["rate"], n),
            "momentum": momentum_path(grad, start, s["rate"], beta, n),
            "adam": adam_path(grad, start, s["adam_rate"], b1, b2, n)}
    assert [w["name"] for w in s["walks"]] == ["sgd", "momentum", "adam"]
    (a0, a1), (bb0, bb1) = s["box"]
    for w in s["walks"]:
        np.testing.assert_allclose(w["path"], want[w["name"]], rtol=1e-6, atol=1e-7)
        costs = [slice_cost(a, rule, r, c, c2, p) for p in np.array(w["path"])]
        np.testing.assert_allclose(w["cost"], costs, rtol=1e-9)
        assert w["cost_end_text"] == fmt(costs[-1], 3)
        path = np.array(w["path"])  # every step inside the drawn box
        assert np.all((a0 <= path[:, 0]) & (path[:, 0] <= a1))
        assert np.all((bb0 <= path[:, 1]) & (path[:, 1] <= bb1))
    # what the sentences say, checked on the paths: SGD zig-zags across the valley (its
    # position across the floor changes side on its first steps) and then crawls; momentum
    # overshoots too and travels further along the valley than SGD, as does Adam, whose first
    # step is as big along both weights
    low = np.array(s["low"])
    _, vec = np.linalg.eigh(curvature(a, rule, r, c, c2, low))
    sgd, mom, adam = (np.array(w["path"]) for w in s["walks"])
    across = (sgd - low) @ vec[:, 1]
    assert across[0] * across[1] < 0 and across[1] * across[2] < 0
    steps = np.linalg.norm(np.diff(sgd, axis=0), axis=1)
    assert steps[-1] < steps[0] / 5
    m_across = (mom - low) @ vec[:, 1]
    assert np.any(m_across[:-1] * m_across[1:] < 0)
    along = lambda p: abs((p[-1] - p[0]) @ vec[:, 0])  # travelled along it
    assert along(mom) > along(sgd) and along(adam) > along(sgd)
    first = np.abs(adam[1] - adam[0])
    np.testing.assert_allclose(first[0], first[1], rtol=1e-3)


def test_slice_landscape_lines_and_shading_are_the_cost(trace):
    a, meta = trace.arrays, trace.meta
    s = optimizers.values(trace)["slice"]
    rule, r, c, c2 = meta["delta_rule"], s["r"], s["c"], s["c2"]
    # each line joins equal costs (to a thousandth of the levels' spread)
    spread = s["levels"][-1] - s["levels"][0]
    n_points = 0
    for level, pieces in zip(s["levels"], s["contours"]):
        for piece in pieces:
            for p in piece[:: max(1, len(piece) // 4)]:
                assert abs(slice_cost(a, rule, r, c, c2, np.array(p)) - level) < 1e-3 * spread
                n_points += 1
    assert n_points > 0
    shade = np.array(s["shade"])
    (a0, a1), (b0, b1) = s["box"]
    ga, gb = np.linspace(a0, a1, shade.shape[1]), np.linspace(b0, b1, shade.shape[0])
    for i, j in ((0, 0), (shade.shape[0] - 1, 3), (17, shade.shape[1] - 1)):
        close(shade[i, j], slice_cost(a, rule, r, c, c2, np.array([ga[j], gb[i]])))


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
    # each band: two of its own score's standard errors
    for x, acc in zip(race["runs"], accs):
        close(x["band"], 2 * np.sqrt(acc * (1 - acc) / n))
    # the tie rule on the GAP: both scores wobble, the gap's standard error is
    # sqrt(a1 (1 - a1) / n + a2 (1 - a2) / n); more than two of those is more than chance
    se_gap = np.sqrt(best * (1 - best) / n + accs * (1 - accs) / n)
    assert [x["tie"] for x in race["runs"]] == [bool(best - acc <= 2 * g + 1e-12)
                                                for acc, g in zip(accs, se_gap)]
    others = np.arange(len(accs)) != np.argmax(accs)
    lo_hi = [fmt(200 * se_gap[others].min(), 1), fmt(200 * se_gap[others].max(), 1)]
    assert race["gap_texts"] == (lo_hi[:1] if lo_hi[0] == lo_hi[1] else lo_hi)
    entries = {e[0]: e for e in optimizers.narration(v)}
    tie = entries["tie"][1]
    for t in race["gap_texts"]:
        assert t in tie
    for x, g, acc in zip(race["runs"], se_gap, accs):
        if x["tie"] or acc == best:
            continue
        assert f"{x['title']} at {x['acc_text']}" in tie.split(";")[-1]
        assert "behind" in tie
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
        assert "did best on training images set aside" in entries["same"][1]
        assert all(f"{g:g}" in entries["same"][2] for g in rule["grid"])
    else:
        assert "usual learning rate" in entries["same"][1]
    assert "standard error" in entries["se"][1]
    assert "gap" in entries["tie"][2] and "sqrt" in entries["tie"][2]
    # the wobble is taught in words (the noise beat) before it is named
    cues = [e[0] for e in optimizers.narration(v)]
    assert cues.index("noise") < cues.index("se")
    assert "standard error" not in entries["noise"][1]


def test_without_comparison_runs_the_slice_stays_and_nothing_is_invented(trace):
    v = optimizers.values(without_beyond(trace))
    assert v["race"] is None and "re-record" in v["missing_note"]
    cues = [e[0] for e in optimizers.narration(v)]
    assert cues == ["question", "sgd", "momentum", "adam", "missing"]


def test_the_network_all_five_train_is_named_from_the_trace(trace):
    v = optimizers.values(trace)
    net = trace.meta["beyond"]["optimizer_network"]
    entries = {e[0]: e for e in optimizers.narration(v)}
    words = {"relu": "ReLU hidden layer", "sigmoid": "sigmoid hidden layer"}
    assert words[net["hidden"]] in entries["race"][1]
    assert f"{net['output']} outputs" in entries["race"][1]
    assert {"cce": "cross-entropy cost"}.get(net["cost"], net["cost"]) in entries["race"][1]
    assert "same weights" in entries["same"][1] and "same images" in entries["same"][1]
    a = trace.arrays
    sizes = [a["beyond_w_i_h"].shape[1], a["beyond_w_i_h"].shape[0], a["beyond_w_h_o"].shape[0]]
    shown = v["race"]["net_words"]["layers"]
    assert [int(t.split()[0].replace(",", "")) for t in shown] == sizes
