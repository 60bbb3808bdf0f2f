"""The downhill chapter: its curve, slope, step, repeated steps, landscape and gradient,
recomputed from the recorded weights with an independent NumPy forward pass and finite
differences (never from the chapter's own functions)."""

import numpy as np
import pytest

from chapters.helpers import close, forward, sigmoid, weights_before
from scenes.values import downhill


def cost_of(o, l, rule):
    """This image's cost whose slope the recorded run's step follows, written out."""
    o, l = np.asarray(o, dtype=float).reshape(-1), np.asarray(l, dtype=float).reshape(-1)
    if rule == "mse":
        return float(np.mean((o - l) ** 2))
    return float(-np.sum(l * np.log(o) + (1 - l) * np.log(1 - o)))


def cost_with(a, rule, changes):
    """The first image's cost, the whole forward pass re-run with ``w_h_o[r, c] = w`` for each
    ``(r, c, w)`` in ``changes``."""
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    w_h_o = w_h_o.copy()
    for r, c, w in changes:
        w_h_o[r, c] = w
    _, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, a["step_img"][0])
    return cost_of(o, a["step_l"][0], rule)


def slope_of(a, rule, r, c, w, eps=1e-6):
    """The cost's slope along ``w_h_o[r, c]`` at ``w``, by a central finite difference."""
    return (cost_with(a, rule, [(r, c, w + eps)]) - cost_with(a, rule, [(r, c, w - eps)])) / (
        2 * eps)


def number(text):
    """A shown number's text as a float (its minus sign is U+2212, as the video writes it)."""
    return float(text.replace("\u2212", "-"))


@pytest.fixture(scope="module")
def v(trace):
    return downhill.values(trace)


def test_the_followed_weight_is_the_label_row_from_the_most_active_hidden_neuron(trace, v):
    a = trace.arrays
    h, o = forward(*weights_before(a, 0), a["step_img"][0])
    assert v["r"] == v["label"] == int(a["step_label"][0])
    assert v["c"] == int(np.argmax(h[:, 0]))
    wrong = [i for i in range(len(o)) if i != v["r"]]
    assert v["q"] == max(wrong, key=lambda i: o[i, 0])
    close(v["w0"], a["step_w_h_o"][0][v["r"], v["c"]])
    close(v["cost0"], cost_with(a, v["rule"], []))
    close(v["e0"], np.mean((o[:, 0] - a["step_l"][0][:, 0]) ** 2))


def test_the_curve_is_the_forward_pass_rerun_at_each_weight(trace, v):
    a = trace.arrays
    r, c = v["r"], v["c"]
    want = [cost_with(a, v["rule"], [(r, c, w)]) for w in v["curve_ws"]]
    close(v["curve_cost"], want)
    # the drawn range holds today's weight and the whole path of the repeated steps
    assert v["curve_ws"][0] < min(v["w0"], v["wn"]) < max(v["w0"], v["wn"]) < v["curve_ws"][-1]


def test_the_slope_is_the_curves_finite_difference(trace, v):
    slope = slope_of(trace.arrays, v["rule"], v["r"], v["c"], v["w0"])
    np.testing.assert_allclose(v["slope0"], slope, rtol=1e-6, atol=1e-9)
    assert number(v["slope0_text"]) == pytest.approx(v["slope0"], abs=5e-3 * abs(v["slope0"]))


def test_the_step_is_minus_the_learning_rate_times_the_slope_and_the_codes_own_change(trace, v):
    a, meta = trace.arrays, trace.meta
    r, c = v["r"], v["c"]
    assert v["learn_rate"] == meta["learn_rate"]
    close(v["step_w"], -meta["learn_rate"] * v["slope0"])
    # the update the code really made to this weight: the next recorded step's weights
    # (w_h_o's change reads only delta_o and h, computed before any weight moves)
    if a["step_index"][1] == a["step_index"][0] + 1:
        change = a["step_w_h_o"][1][r, c] - a["step_w_h_o"][0][r, c]
        np.testing.assert_allclose(v["step_w"], change, rtol=1e-9, atol=1e-15)
    # and the recorded delta_o times what fed the weight
    close(v["slope0"], a["step_delta_o"][0][r, 0] * a["step_h"][0][c, 0])
    # the step goes downhill on the curve
    assert cost_with(a, v["rule"], [(r, c, v["w1"])]) < v["cost0"]


def test_the_repeated_steps_follow_the_same_rule(trace, v):
    a, meta = trace.arrays, trace.meta
    r, c, rate, rule = v["r"], v["c"], meta["learn_rate"], v["rule"]
    h, o = forward(*weights_before(a, 0), a["step_img"][0])
    l = a["step_l"][0][:, 0]
    z0 = a["step_b_h_o"][0][r, 0] + a["step_w_h_o"][0][r] @ h[:, 0]
    w0 = a["step_w_h_o"][0][r, c]

    def slope(w):  # the rule's slope, written out for this one output
        o_r = sigmoid(z0 + (w - w0) * h[c, 0])
        if rule == "mse":
            return 2.0 / len(l) * (o_r - l[r]) * o_r * (1 - o_r) * h[c, 0]
        return (o_r - l[r]) * h[c, 0]

    path = [w0]
    for _ in range(v["n_steps"]):
        path.append(path[-1] - rate * slope(path[-1]))
    path = np.array(path)
    np.testing.assert_allclose(v["path"], path[v["path_steps"]], rtol=1e-9, atol=1e-12)
    assert v["path_steps"][0] == 0 and v["path_steps"][-1] == v["n_steps"]
    close(v["wn"], path[-1])
    close(v["cost_n"], cost_with(a, rule, [(r, c, path[-1])]))
    np.testing.assert_allclose(v["path_slope"], [slope(w) for w in path[v["path_steps"]]],
                               rtol=1e-9, atol=1e-12)
    # the cost falls at every shown step, and e falls with it
    assert np.all(np.diff(v["path_cost"]) < 0)
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    moved = w_h_o.copy()
    moved[r, c] = path[-1]
    _, o_n = forward(w_i_h, b_i_h, moved, b_h_o, a["step_img"][0])
    close(v["e_n"], np.mean((o_n[:, 0] - l) ** 2))
    assert v["e_n"] < v["e0"]


def test_the_step_count_is_the_first_round_count_half_way_down(trace, v):
    a, meta = trace.arrays, trace.meta
    r, c, rule = v["r"], v["c"], v["rule"]
    o = a["step_o"][0][:, 0].copy()
    l = a["step_l"][0][:, 0]
    o[r] = np.clip(l[r], 1e-12, 1 - 1e-12)
    floor = cost_of(o, l, rule)
    close(v["cost_floor"], floor)
    counts = downhill.ROUND_COUNTS
    assert v["n_steps"] in counts
    half = downhill.HALF_WAY * (v["cost0"] - floor)
    if v["n_steps"] != counts[-1] or v["cost0"] - v["cost_n"] >= half:
        assert v["cost0"] - v["cost_n"] >= half
    earlier = counts[:counts.index(v["n_steps"])]
    if earlier:  # the count before did not get half way (the path's first part is that run)
        n = earlier[-1]
        w = v["w0"]
        for _ in range(n):
            w = w - meta["learn_rate"] * slope_of(a, rule, r, c, w, eps=1e-7)
        assert v["cost0"] - cost_with(a, rule, [(r, c, w)]) < half


def test_the_landscape_lines_join_equal_costs(trace, v):
    a = trace.arrays
    r, q, c, rule = v["r"], v["q"], v["c"], v["rule"]
    spread = max(v["levels"]) - min(v["levels"])
    (a0, a1), (b0, b1) = v["box"]
    assert a1 - a0 == pytest.approx(b1 - b0)  # equal units on both axes
    n_points = 0
    for level, pieces in zip(v["levels"], v["contours"]):
        for piece in pieces:
            for x, y in piece[::5]:
                assert a0 - 1e-9 <= x <= a1 + 1e-9 and b0 - 1e-9 <= y <= b1 + 1e-9
                got = cost_with(a, rule, [(r, c, x), (q, c, y)])
                assert abs(got - level) < 1e-3 * spread
                n_points += 1
    assert n_points > 0


def test_the_landscape_steps_move_both_weights_downhill(trace, v):
    a, meta = trace.arrays, trace.meta
    r, q, c, rule = v["r"], v["q"], v["c"], v["rule"]
    x, y = a["step_w_h_o"][0][r, c], a["step_w_h_o"][0][q, c]
    path = [(x, y)]
    for _ in range(v["n_steps"]):
        gx = (cost_with(a, rule, [(r, c, x + 1e-6), (q, c, y)])
              - cost_with(a, rule, [(r, c, x - 1e-6), (q, c, y)])) / 2e-6
        gy = (cost_with(a, rule, [(r, c, x), (q, c, y + 1e-6)])
              - cost_with(a, rule, [(r, c, x), (q, c, y - 1e-6)])) / 2e-6
        x, y = x - meta["learn_rate"] * gx, y - meta["learn_rate"] * gy
        path.append((x, y))
    path = np.array(path)
    np.testing.assert_allclose(v["path2"], path[v["path_steps"]], rtol=1e-5, atol=1e-7)
    close(v["path2_cost"], [cost_with(a, rule, [(r, c, px), (q, c, py)])
                            for px, py in np.array(v["path2"])])
    assert np.all(np.diff(v["path2_cost"]) < 0)
    np.testing.assert_allclose(v["cost2_n"], cost_with(a, rule, [(r, c, x), (q, c, y)]),
                               rtol=1e-6)


def test_the_gradient_is_every_weights_slope_counted_from_the_sizes(trace, v):
    a = trace.arrays
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, 0)
    assert v["n_weights"] == w_i_h.size + w_h_o.size
    assert v["n_biases"] == b_i_h.size + b_h_o.size
    assert v["n_slopes"] == v["n_weights"] + v["n_biases"]
    g_ih, g_ho = np.array(v["grad_w_i_h"]), np.array(v["grad_w_h_o"])
    assert g_ih.shape == w_i_h.shape and g_ho.shape == w_h_o.shape
    img, l, rule = a["step_img"][0], a["step_l"][0], v["rule"]

    def cost_at(wih, who):
        _, o = forward(wih, b_i_h, who, b_h_o, img)
        return cost_of(o, l, rule)

    # a few weights of each layer by finite differences: a lit pixel's, a dark pixel's
    lit, dark = int(np.argmax(img[:, 0])), int(np.argmin(img[:, 0]))
    eps = 1e-6
    for j in (0, v["c"], w_i_h.shape[0] - 1):
        for i in (lit, dark):
            up, down = w_i_h.copy(), w_i_h.copy()
            up[j, i] += eps
            down[j, i] -= eps
            fd = (cost_at(up, w_h_o) - cost_at(down, w_h_o)) / (2 * eps)
            np.testing.assert_allclose(g_ih[j, i], fd, rtol=1e-5, atol=1e-9)
    for k in (0, v["r"]):
        up, down = w_h_o.copy(), w_h_o.copy()
        up[k, v["c"]] += eps
        down[k, v["c"]] -= eps
        fd = (cost_at(w_i_h, up) - cost_at(w_i_h, down)) / (2 * eps)
        np.testing.assert_allclose(g_ho[k, v["c"]], fd, rtol=1e-5, atol=1e-9)
    # a dark pixel's weights have no slope: the picture is black there
    assert np.all(g_ih[:, img[:, 0] == 0] == 0)
    # as said: each hidden neuron's row is the image's pixels times one number for it
    for j in range(g_ih.shape[0]):
        k = g_ih[j, lit] / img[lit, 0]
        np.testing.assert_allclose(g_ih[j], k * img[:, 0], rtol=1e-9,
                                   atol=1e-12 * max(1.0, np.abs(g_ih[j]).max()))


def test_the_narration_says_the_shown_numbers(trace, v):
    said = " ".join(s for _, s, *_ in downhill.narration(v))
    for key in ("w0_text", "slope0_text", "rate_text", "step_text", "n_text", "cost0_text",
                "cost_n_text", "e_n_text", "cost2_n_text"):
        assert v[key] in said
    assert f"{v['n_weights']:,}" in said and f"{v['n_biases']:,}" in said


def test_shown_numbers_use_the_true_minus_sign(v):
    for key in ("w0_text", "slope0_text", "step_text", "wn_text", "cost0_text", "cost_n_text",
                "e_n_text", "cost2_n_text"):
        assert "-" not in v[key], key
    assert number(v["w0_text"]) == pytest.approx(v["w0"], abs=1e-4)
    assert number(v["step_text"]) == pytest.approx(v["step_w"], rel=5e-3)


def test_the_cost_drawn_is_named_and_its_formula_is_the_one_the_step_follows(trace, v):
    """The curve's cost is C = -sum(l ln o + (1 - l) ln(1 - o)) for the reference's o - l rule
    (its slope through the sigmoid is o - l: checked against the recorded delta_o by a finite
    difference of the output's weighted sum), e itself for the mse rule; the narration says
    why that cost and not e when they differ."""
    a = trace.arrays
    cues = [cue for cue, *_ in downhill.narration(v)]
    if v["rule"] == "mse":
        assert v["cost_symbol"] == "e" and "why" not in cues
        return
    assert v["cost_symbol"] == "C" and r"\ln" in v["cost_tex"] and "why" in cues
    o_pre, l = a["step_o_pre"][0][:, 0], a["step_l"][0][:, 0]
    r, eps = v["r"], 1e-6
    up, down = o_pre.copy(), o_pre.copy()
    up[r] += eps
    down[r] -= eps
    fd = (cost_of(sigmoid(up), l, "cross_entropy")
          - cost_of(sigmoid(down), l, "cross_entropy")) / (2 * eps)
    np.testing.assert_allclose(fd, a["step_delta_o"][0][r, 0], rtol=1e-5, atol=1e-9)
    said = {cue: s for cue, s, *_ in downhill.narration(v)}
    assert "not e" in said["why"] and "C" in said["curve"]
    # e's slope beside C's: e's finite difference along the same weight at the same value,
    # said and shown; the code's step is C's slope times the rate, not e's
    e_slope = slope_of(a, "mse", r, v["c"], v["w0"])
    np.testing.assert_allclose(v["e_slope0"], e_slope, rtol=1e-5, atol=1e-12)
    assert number(v["e_slope0_text"]) == pytest.approx(e_slope, abs=5e-3 * abs(e_slope))
    assert v["e_slope0_text"] in said["why"] and v["slope0_text"] in said["why"]
    assert "-" not in v["e_slope0_text"]
    assert abs(v["step_w"] + v["learn_rate"] * e_slope) > 1e-3 * abs(v["step_w"])


def test_the_step_arrows_are_drawn_a_stated_round_number_of_times_longer(v):
    rounds = [m * 10 ** k for k in range(6) for m in (1, 2, 5)]
    width = v["curve_ws"][-1] - v["curve_ws"][0]
    room = downhill.ARROW_SHARE * width
    assert v["zoom"] in rounds and v["zoom_text"] == f"{v['zoom']:,}"
    assert v["zoom"] * abs(v["step_w"]) <= max(room, abs(v["step_w"]))
    bigger = [z for z in rounds if z > v["zoom"]]
    if abs(v["step_w"]) < room and bigger:  # the next round factor would not fit
        assert bigger[0] * abs(v["step_w"]) > room
    (a0, a1), _ = v["box"]
    length2 = v["learn_rate"] * np.linalg.norm(v["slopes2"])
    assert v["zoom2"] in rounds
    assert v["zoom2"] * length2 <= max(downhill.ARROW_SHARE_2D * (a1 - a0), length2)


def test_the_landscape_shading_is_the_cost_at_every_grid_point(trace, v):
    a = trace.arrays
    r, q, c, rule = v["r"], v["q"], v["c"], v["rule"]
    shade = np.array(v["shade"])
    (a0, a1), (b0, b1) = v["box"]
    rows, cols = shade.shape
    ga, gb = np.linspace(a0, a1, cols), np.linspace(b0, b1, rows)
    for i, j in ((0, 0), (rows - 1, cols - 1), (rows // 3, 2 * cols // 3), (rows - 1, 0)):
        want = cost_with(a, rule, [(r, c, ga[j]), (q, c, gb[i])])
        np.testing.assert_allclose(shade[i, j], want, rtol=1e-9)
    assert v["shade_lo"] == shade.min() and v["shade_hi"] == shade.max()
    # the path ends lower on the shading than it starts: downhill
    assert v["path2_cost"][-1] < v["path2_cost"][0]


def test_the_gradient_picture_shows_each_weights_step(v):
    rate = v["learn_rate"]
    np.testing.assert_allclose(v["step_w_i_h"], -rate * np.array(v["grad_w_i_h"]), rtol=1e-12)
    np.testing.assert_allclose(v["step_w_h_o"], -rate * np.array(v["grad_w_h_o"]), rtol=1e-12)
    # the label's output weights from an active hidden neuron are raised (blue)
    assert v["step_w_h_o"][v["r"]][v["c"]] > 0
