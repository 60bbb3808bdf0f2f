"""The training loops chapter: the values it displays, recomputed from the trace."""

import inspect
import math
from pathlib import Path

import numpy as np

from chapters.helpers import chapter_values, close, weights_before
from nnmath import reference


def test_training_loop_counts_and_code(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    assert v["n_steps"] == meta["epochs"] * meta["n_train"] == trace["step_index"][-1] + 1
    assert f"epochs = {meta['epochs']}\n" in v["code"]
    assert v["n_steps_text"] == f"{meta['epochs'] * meta['n_train']:,}"
    # the reshaping the listing leaves to a teacher note, as NumPy gives it
    img = trace["data_img"][0] / 255
    assert v["flat_shape_text"] == str(img.shape)
    img.shape += (1,)
    assert v["column_shape_text"] == str(img.shape) == str(trace["step_img"].shape[1:])
    l = np.eye(int(meta["sizes"][-1]))[int(trace["step_label"][0])]
    assert v["label_flat_text"] == str(l.shape)
    l.shape += (1,)
    assert v["label_column_text"] == str(l.shape)


def test_counters_add_up_at_every_step(trace):
    """epoch, image and step read off one count of steps done: (epoch - 1) * n + image = step,
    the image counter reaches n before the epoch ticks over, and the end reads the last epoch."""
    mod, _ = chapter_values("training_loops", trace)
    n, epochs = trace.meta["n_train"], trace.meta["epochs"]
    checks = sorted({0, 1, n - 1, n, n + 1, 2 * n, epochs * n - 1, epochs * n}
                    | set(range(0, epochs * n + 1, max(1, n // 7))))
    for s in checks:
        if s > epochs * n:
            continue
        epoch, image = mod.counters_at(s, n)
        assert (epoch - 1) * n + image == s
        assert 1 <= epoch <= epochs and 0 <= image <= n
        assert (image == 0) == (s == 0)
    assert mod.counters_at(n, n) == (1, n)
    assert mod.counters_at(n + 1, n) == (2, 1)
    assert mod.counters_at(epochs * n, n) == (epochs, n)


def test_nr_correct_per_epoch_is_the_recorded_count(trace):
    _, v = chapter_values("training_loops", trace)
    counts = trace["epoch_nr_correct"]
    assert v["nr_correct"] == [int(c) for c in counts]
    assert v["nr_correct_texts"] == [f"{int(c):,}" for c in counts]
    assert all(0 <= c <= trace.meta["n_train"] for c in v["nr_correct"])
    acc = trace["epoch_train_acc"]
    assert np.allclose(np.asarray(v["nr_correct"]) / trace.meta["n_train"], acc, atol=1e-12)


def _recorded_pairs(trace):
    """Per 0-based epoch, every (images seen in the epoch, nr_correct) pair the run is known to
    have had, straight from the trace's arrays: (0, 0); image by image over the recorded steps
    that run on from step 0 (argmax of the recorded output against the label); window by
    window from the curve; (n, the epoch's recorded total)."""
    meta = trace.meta
    n, every, epochs = meta["n_train"], meta["schedule"]["curve_every"], meta["epochs"]
    idx = np.asarray(trace["step_index"])
    run = int(np.argmax(idx != np.arange(len(idx)))) if (idx != np.arange(len(idx))).any() \
        else len(idx)
    run = min(run, n)
    hits = trace["step_o"][:run, :, 0].argmax(axis=1) == trace["step_label"][:run]
    steps, acc = trace["curve_step"], trace["curve_acc"]
    pairs = []
    for e in range(epochs):
        known = {(0, 0), (n, int(trace["epoch_nr_correct"][e]))}
        if e == 0:
            known |= {(i + 1, int(c)) for i, c in enumerate(np.cumsum(hits))}
        inside = (steps >= e * n) & (steps < (e + 1) * n)
        running = np.cumsum(np.round(acc[inside] * every)).astype(int)
        known |= {(int(s), int(c)) for s, c in zip(steps[inside] - e * n + 1, running)}
        pairs.append(known)
    return pairs


def test_running_nr_correct_pairs_are_recorded_pairs(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    n = meta["n_train"]
    pairs = _recorded_pairs(trace)
    assert len(v["correct_checkpoints"]) == meta["epochs"]
    for e, marks in enumerate(v["correct_checkpoints"]):
        assert marks[0] == (0, 0)
        assert marks[-1] == (n, int(trace["epoch_nr_correct"][e]))
        assert set(marks) <= pairs[e]
        counts = np.array([c for _, c in marks])
        seen = np.array([k for k, _ in marks])
        # in order; right guesses never exceed the images seen, nor need more than the
        # images left to reach the epoch's total
        assert np.all(np.diff(seen) > 0) and np.all(np.diff(counts) >= 0)
        assert np.all(counts <= seen)
        assert np.all(counts[-1] - counts <= n - seen)
    # the first recorded steps, one by one
    if trace["step_index"][0] == 0 and trace["step_index"][1] == 1:
        first = v["correct_checkpoints"][0][1]
        o, l = trace["step_o"][0][:, 0], trace["step_label"][0]
        assert first == (1, int(np.argmax(o) == l))


def test_every_counter_state_shown_is_a_recorded_state(trace):
    """The table shows (epoch, image, step, nr_correct) read off one tracker that only goes
    forward; at every tracker value it is a state the run had: a recorded (image, count)
    pair, the count reset to 0 by the loop's last line, or a new epoch with no image seen;
    the step always (epoch - 1) * n + image, never going back."""
    mod, v = chapter_values("training_loops", trace)
    meta = trace.meta
    n, epochs = meta["n_train"], meta["epochs"]
    pairs = _recorded_pairs(trace)
    keys, states = v["counter_keys"], v["counter_states"]
    assert keys == sorted(keys) and len(keys) == len(states)
    xs = np.concatenate([np.linspace(0, epochs * n, 5001), np.asarray(keys),
                         np.asarray(keys) - 1e-3, np.asarray(keys) + 0.3])
    xs = np.sort(xs[(xs >= 0) & (xs <= epochs * n)])
    last = (0, 0)
    for x in xs:
        epoch, image, step, count = mod.state_at(keys, states, x)
        assert 1 <= epoch <= epochs and 0 <= image <= n
        assert (epoch - 1) * n + image == step <= x + 1e-9
        assert 0 <= count <= image or (image == 0 and count == 0)
        reset = image == n and count == 0 and epoch < epochs
        assert (image, count) in pairs[epoch - 1] or reset
        # forward only: the step never goes back, nor the epoch
        assert (step, epoch) >= last
        last = (step, epoch)
    assert mod.state_at(keys, states, epochs * n) == (epochs, n, epochs * n,
                                                      int(trace["epoch_nr_correct"][-1]))
    # between epochs: the total, then 0 (reset), then the next epoch at image 0
    for e in range(1, epochs):
        assert mod.state_at(keys, states, e * n)[3] == int(trace["epoch_nr_correct"][e - 1])
        assert mod.state_at(keys, states, e * n + 0.25) == (e, n, e * n, 0)
        assert mod.state_at(keys, states, e * n + 0.5) == (e + 1, 0, e * n, 0)


def test_curves_are_the_recorded_windows(trace):
    mod, v = chapter_values("training_loops", trace)
    # the cost curve is named as the earlier chapters name it: the mean of e, the squared error
    said = {c[0]: c[1] for c in mod.narration(v)}
    assert "the mean of e, the squared error," in said["curves"]
    assert v["curve_x"] == [int(s) + 1 for s in trace["curve_step"]]
    assert np.array_equal(v["curve_e"], trace["curve_e"])
    assert np.array_equal(v["curve_acc"], trace["curve_acc"])
    assert v["e_first_text"] == f"{trace['curve_e'][0]:.3f}"
    assert v["e_last_text"] == f"{trace['curve_e'][-1]:.3f}"
    assert v["acc_first_text"] == f"{100 * trace['curve_acc'][0]:.0f}%"
    assert v["acc_last_text"] == f"{100 * trace['curve_acc'][-1]:.0f}%"


def test_change_pictures_are_each_snapshot_minus_the_start(trace):
    """Recomputed independently: the state after k steps is step_w_i_h at step_index k (the
    weights before that step), the last state the final w_i_h; the picture is that row minus
    w_i_h_init, reshaped side x side."""
    _, v = chapter_values("training_loops", trace)
    init, hidden = trace["w_i_h_init"], trace["w_i_h"].shape[0]
    side = math.isqrt(trace["w_i_h"].shape[1])
    tiles = list(range(min(hidden, 20)))
    assert v["tiles"] == tiles
    assert v["snapshot_steps"] == list(trace["step_index"]) + [v["n_steps"]]
    assert v["snapshot_steps"][0] == 0 and v["snapshot_steps"] == sorted(v["snapshot_steps"])
    changes = v["changes"]
    assert changes.shape == (len(trace["step_index"]) + 1, len(tiles), side, side)
    for k in range(len(trace["step_index"])):
        for i, r in enumerate(tiles):
            want = np.array([[trace["step_w_i_h"][k][r][y * side + x] - init[r][y * side + x]
                              for x in range(side)] for y in range(side)])
            np.testing.assert_allclose(changes[k, i], want, rtol=0, atol=1e-15)
    np.testing.assert_allclose(changes[-1], (trace["w_i_h"] - init)[tiles].reshape(-1, side, side),
                               rtol=0, atol=1e-15)
    # nothing added before the first step; the recorded run really changed the rows
    if trace["step_index"][0] == 0:
        assert np.abs(changes[0]).max() == 0
    assert np.abs(changes[-1]).max() > 0


def test_featured_row_and_its_three_pictures(trace):
    _, v = chapter_values("training_loops", trace)
    init, final = trace["w_i_h_init"], trace["w_i_h"]
    shown = v["tiles"]
    mean_change = [np.mean(np.abs(final[r] - init[r])) for r in shown]
    r = shown[int(np.argmax(mean_change))]
    assert v["featured"] == r and v["featured_text"] == str(r)
    side = v["side"]
    np.testing.assert_array_equal(v["featured_final"], final[r].reshape(side, side))
    np.testing.assert_array_equal(v["featured_init"], init[r].reshape(side, side))
    np.testing.assert_allclose(v["featured_final"] - v["featured_init"], v["featured_change"],
                               rtol=0, atol=1e-15)


def test_colour_scale_is_symmetric_fixed_and_from_the_data(trace):
    mod, v = chapter_values("training_loops", trace)
    final = (trace["w_i_h"] - trace["w_i_h_init"])[v["tiles"]]
    # the 99th percentile of the final change's size, computed by sorting
    a = np.sort(np.abs(final).reshape(-1))
    pos = 0.99 * (a.size - 1)
    lo = math.floor(pos)
    want = a[lo] + (pos - lo) * (a[min(lo + 1, a.size - 1)] - a[lo])
    assert math.isclose(v["scale"], want, rel_tol=1e-12)
    assert v["scale_text"] == f"{want:.2f}"
    # a change of +-scale or more is full colour, half of it half the steps, and the mapping
    # is symmetric about zero
    x = np.array([-2 * want, -want, -want / 2, 0.0, want / 2, want, 2 * want])
    levels = mod.change_levels(x, v["scale"])
    L = mod.LEVELS
    assert list(levels) == [-L, -L, -round(L / 2), 0, round(L / 2), L, L]
    assert np.array_equal(mod.change_levels(-final, v["scale"]),
                          -mod.change_levels(final, v["scale"]))
    assert mod.level_color(0) == "#000000"
    assert mod.level_color(L).lower() == "#58a6ff" and mod.level_color(-L).lower() == "#ff6b6b"


def test_mean_sizes_said(trace):
    _, v = chapter_values("training_loops", trace)
    w, w0 = trace["w_i_h"], trace["w_i_h_init"]
    mean_w = sum(abs(x) for x in w.reshape(-1)) / w.size
    mean_c = sum(abs(x) for x in (w - w0).reshape(-1)) / w.size
    assert math.isclose(v["mean_w"], mean_w, rel_tol=1e-9)
    assert math.isclose(v["mean_change"], mean_c, rel_tol=1e-9)
    for value, text in ((mean_w, v["mean_w_text"]), (mean_c, v["mean_change_text"])):
        digits = 1 - math.floor(math.log10(value))  # two significant digits
        assert text == f"{value:.{max(0, digits)}f}"


def test_body_lines_are_the_code_that_ran(trace):
    """The unfolded body is the reference loop's own statements (read from nnmath.reference),
    in the run's order: executed as shown, one after another, on the recorded state before a
    recorded step, they give that step's recorded output, nr_correct's increment and the
    recorded weights after it."""
    _, v = chapter_values("training_loops", trace)
    a, meta = trace.arrays, trace.meta
    groups = v["body"]
    assert [g[0] for g in groups] == ["forward", "cost", "backprop"]
    for _, comment, _ in groups:  # each part unfolds from a comment of the outline
        assert sum(comment in line for line in v["code"].splitlines()) == 1
    shown = [line for _, _, lines in groups for line in lines]
    source = Path(inspect.getsourcefile(reference)).read_text()
    assert all(line in source for line in shown)
    names = [line.split(" ", 1)[0] for line in shown]
    assert names[:6] == ["h_pre", "h", "o_pre", "o", "e", "nr_correct"]
    before = names.index("delta_h") < names.index("w_h_o")
    assert before == (meta["order"] == "correct")
    idx = [int(i) for i in trace["step_index"]]
    pos = next(k for k in range(len(idx) - 1) if idx[k + 1] == idx[k] + 1)
    w_i_h, b_i_h, w_h_o, b_h_o = (np.array(x, dtype=float) for x in weights_before(a, pos))
    n_out = w_h_o.shape[0]
    env = {"np": np, "img": np.array(a["step_img"][pos], dtype=float),
           "l": np.eye(n_out)[int(a["step_label"][pos])][:, None],
           "learn_rate": float(meta["learn_rate"]), "nr_correct": 0,
           "w_i_h": w_i_h, "b_i_h": b_i_h, "w_h_o": w_h_o, "b_h_o": b_h_o}
    for line in shown:
        exec(line, env)  # noqa: S102 - the listing's own statements
        if line.startswith("delta_o") and meta["delta_rule"] == "mse":  # the teacher note's
            env["delta_o"] = env["delta_o"] * env["o"] * (1 - env["o"]) * 2 / n_out
    close(env["o"], a["step_o"][pos])
    assert env["nr_correct"] == int(np.argmax(a["step_o"][pos]) == a["step_label"][pos])
    for name in ("w_i_h", "b_i_h", "w_h_o", "b_h_o"):
        close(env[name], a[f"step_{name}"][pos + 1])
    # slopes and step: the two slopes, and every other backpropagation line an update
    back = groups[2][2]
    assert {line.split(" ", 1)[0] for line in back if " += " not in line} == set(v["slope_names"])


def test_the_e_line_is_watched_and_the_step_follows_c(trace):
    """The body sentence and the caption on the code's e line: the reference computes e and
    never uses it (no statement after e's reads it), so e is only watched, and the step
    follows the log cost C's slope (delta_o = o - l) unless the run descends e itself."""
    module, v = chapter_values("training_loops", trace)
    source = inspect.getsource(reference.train)
    loop = source[source.index("e = 1 / len(o)"):].splitlines()[1:]
    assert not any("e_sum" not in ln and any(tok in ("e", "e[0]") for tok in
                   ln.replace("(", " ").replace(")", " ").split()) for ln in loop)
    body = {n[0]: n[1] for n in module.narration(v)}["body"]
    if trace.meta["delta_rule"] == "cross_entropy":
        assert "only watched" in v["e_caption"] and "slope of C" in v["e_caption"]
        assert "only watched, the slopes of C" in body
    else:
        assert "slope of e" in v["e_caption"] and "the slopes of e itself" in body
    assert "the cost and" not in body
