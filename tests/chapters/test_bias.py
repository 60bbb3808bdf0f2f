"""The bias chapter: the values it displays and says, recomputed from the trace."""

import numpy as np
import pytest

from chapters.helpers import chapter_values, sigmoid


def replay_neuron(x, y, w, b, use_bias, lr, iterations):
    """Full-batch gradient descent on one sigmoid neuron, delta = o - l, written out here."""
    w, b = np.array(w, dtype=float), float(b)
    for _ in range(iterations):
        o = sigmoid(x @ w + b)
        d = o - y
        w = w - lr * (x.T @ d) / len(y)
        if use_bias:
            b = b - lr * d.sum() / len(y)
    return w, b


def test_bias_lines_accuracies_and_the_origin(trace):
    _, v = chapter_values("bias", trace)
    x, y = trace["bias_x"], trace["bias_y"].astype(float)
    assert np.all(trace["b_i_h_init"] == 0) and v["b_init_values"] == ["0.00"]
    lr = trace.meta["bias_experiment"]["learn_rate"]
    its = trace["bias_iters"]
    for key, use_bias in (("nobias", False), ("with", True)):
        run = v[key]
        for w, b, acc, it in zip(run["w"], run["b"], run["acc"], v["iters"]):
            k = int(np.flatnonzero(its == it)[0])
            assert np.array_equal(w, trace[f"bias_{key}_w"][k])
            # accuracy recomputed from the points and the recorded weights
            assert acc == pytest.approx(np.mean((sigmoid(x @ w + b) > 0.5) == (y == 1)))
        # the line at the next snapshot follows by gradient descent from the first one
        w1, b1 = replay_neuron(x, y, trace[f"bias_{key}_w"][0], trace[f"bias_{key}_b"][0],
                               use_bias, lr, int(its[1] - its[0]))
        assert np.allclose(w1, trace[f"bias_{key}_w"][1], atol=1e-10)
        assert b1 == pytest.approx(trace[f"bias_{key}_b"][1], abs=1e-10)
    # without bias the line passes through the origin at every frame; with bias it does not
    assert np.all(v["nobias"]["b"] == 0)
    assert abs(v["with"]["final_b"]) > 0.1
    wb = v["with"]
    assert abs(wb["final_w"] @ np.zeros(2) + wb["final_b"]) > 0.1
    final = sigmoid(x @ wb["final_w"] + wb["final_b"]) > 0.5
    assert wb["final_acc"] == pytest.approx(np.mean(final == (y == 1)))
    assert wb["final_acc"] > v["nobias"]["final_acc"]
    lo, hi = v["x_range"][0], v["x_range"][1]
    assert lo <= min(0, x.min()) and hi >= max(0, x.max())


def test_bias_every_snapshot_is_played_and_the_rules_hold(trace):
    module, v = chapter_values("bias", trace)
    x, y = trace["bias_x"], trace["bias_y"]
    its = trace["bias_iters"]
    # every recorded snapshot is animated (the line moves in small steps, never one jump)
    assert list(v["iters"]) == list(its)
    for key in ("nobias", "with"):
        acc = trace[f"bias_{key}_acc"]
        assert v[key]["acc_pct"] == [round(100 * a) for a in acc]
        assert v[key]["final_b_text"] == f"{trace[f'bias_{key}_b'][-1]:.2f}".replace("-0.00",
                                                                                   "0.00")
    # the line is where the output is 0.5: sigmoid(0)
    assert v["threshold"] == sigmoid(0.0) == 0.5 and v["threshold_text"] == "0.5"
    # class counts and ids from the labels
    assert v["class_ids"] == sorted({int(c) for c in y})
    assert v["class_count_texts"] == [f"{int((y == c).sum()):,}" for c in (0, 1)]
    # both class means lie in the same direction from the origin (within a few degrees),
    # so no line through the origin separates them
    means = [x[y == c].mean(axis=0) for c in (0, 1)]
    dirs = [np.degrees(np.arctan2(m[1], m[0])) for m in means]
    assert np.allclose(v["class_dirs"], dirs) and abs(dirs[0] - dirs[1]) < 5
    for m, m_v in zip(means, v["class_means"]):
        assert np.allclose(m, m_v)
    # the shown hidden biases: exact zeros read "0"
    b = trace["b_i_h_init"][:, 0]
    assert v["b_init_texts"] == ["0" if x_ == 0 else f"{x_:.2f}" for x_ in b]
    assert module.exact(1.0) == "1" and module.exact(0.25) == "0.25"


def test_half_plane_shading_is_the_predicted_side():
    from scenes.bias import half_plane

    w, b = np.array([1.0, 1.0]), -4.0
    box = ((-1, 5), (-1, 5))
    hi = half_plane(w, b, *box, side=1)
    lo = half_plane(w, b, *box, side=-1)
    # every corner of the class-1 side has w.p + b >= 0, of the class-0 side <= 0
    assert all(w @ np.array(p) + b >= -1e-9 for p in hi)
    assert all(w @ np.array(p) + b <= 1e-9 for p in lo)

    def area(poly):
        p = np.array(poly)
        return 0.5 * abs(np.dot(p[:, 0], np.roll(p[:, 1], 1)) - np.dot(p[:, 1],
                                                                       np.roll(p[:, 0], 1)))
    assert area(hi) + area(lo) == pytest.approx(36.0)
    assert area(hi) == pytest.approx(0.5 * 6 * 6)  # the line x + y = 4 is the box's diagonal


def test_no_line_through_the_origin_separates_the_clouds(trace):
    """The wedges the screen draws are each cloud's directions from the origin; they overlap,
    so no line through the origin has one whole cloud on each side (checked again by
    brute force over directions), and the line without a bias never separates them."""
    _, v = chapter_values("bias", trace)
    x, y = trace["bias_x"], trace["bias_y"]
    wedges = []
    for c in (0, 1):
        a = np.degrees(np.arctan2(x[y == c][:, 1], x[y == c][:, 0]))
        wedges.append((a.min(), a.max()))
        assert a.max() - a.min() < 180  # a wedge, narrower than a half-turn
    assert np.allclose(v["wedges"], wedges)
    assert v["wedges_overlap"] and max(w[0] for w in wedges) < min(w[1] for w in wedges)
    for phi in np.radians(np.arange(0.0, 180.0, 0.05)):
        side = x @ np.array([-np.sin(phi), np.cos(phi)])
        assert not ((side[y == 1] > 0).all() and (side[y == 0] < 0).all())
        assert not ((side[y == 1] < 0).all() and (side[y == 0] > 0).all())
    assert v["nobias"]["best_acc"] < 1.0


def test_threshold_rates_and_the_trained_hidden_biases(trace):
    _, v = chapter_values("bias", trace)
    w, b = trace["bias_with_w"][-1], float(trace["bias_with_b"][-1])
    tt = v["threshold_terms"]
    assert tt["w1_text"] == f"{w[0]:.2f}" and tt["w2_abs_text"] == f"{abs(w[1]):.2f}"
    assert tt["w2_sign"] == ("+" if w[1] >= 0 else "-")
    assert tt["thr_text"] == f"{-b:.2f}".replace("-0.00", "0.00")
    # the inequality w1 x + w2 y > -b is exactly where the output is above 0.5
    x = trace["bias_x"]
    assert np.array_equal(x @ w > -b, sigmoid(x @ w + b) > 0.5)
    for key, text in (("nobias", v["nobias_pct_text"]), ("with", v["with_pct_text"])):
        acc = float(trace[f"bias_{key}_acc"][-1])
        assert text == f"{100 * acc:.0f}%"
    assert np.array_equal(v["b_i_h_final"], trace["b_i_h"][:, 0])
    assert v["every"] == int(trace["bias_iters"][1] - trace["bias_iters"][0])


def test_sentences_say_what_the_screen_shows(trace):
    module, v = chapter_values("bias", trace)
    lines = {cue: sentence for cue, sentence, *_ in module.narration(v)}
    tt = v["threshold_terms"]
    for part in (tt["w1_text"], tt["w2_abs_text"], tt["thr_text"]):
        assert part in lines["threshold"]
    assert v["with"]["final_b_text"] in lines["with"]
    assert "accuracy" not in " ".join(lines.values()).lower()
    assert "blue" not in " ".join(lines.values()).lower()


def test_class_colours_are_not_the_sign_colours():
    from scenes import theme
    from scenes.bias import CLASS_COLORS

    taken = {c.lower() for c in (theme.POSITIVE, theme.NEGATIVE, theme.TARGET, theme.OUTPUT,
                                 theme.ACCENT)}
    assert len(set(CLASS_COLORS)) == 2 and not taken & {c.lower() for c in CLASS_COLORS}


def test_the_line_leaves_the_origin_by_the_snapshot_the_chapter_plays_slowly(trace):
    """The snapshot the line reaches while "move away from the origin" is said is the first
    whose distance from the origin, |b| / |w|, is at least three quarters of the final one."""
    _, v = chapter_values("bias", trace)
    w, b = np.asarray(v["with"]["w"], dtype=float), np.asarray(v["with"]["b"], dtype=float)
    dist = [abs(bk) / np.hypot(*wk) for wk, bk in zip(w, b)]
    k = v["with"]["leave"]
    assert dist[0] == 0 and 0 < k < len(dist) - 1
    assert dist[k] >= 0.75 * dist[-1] > max(dist[:k])
