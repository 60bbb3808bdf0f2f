"""The training loops chapter: the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import chapter_values


def test_training_loop_counts_code_and_reshape(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    assert v["n_steps"] == meta["epochs"] * meta["n_train"] == trace["step_index"][-1] + 1
    assert f"epochs = {meta['epochs']}\n" in v["code"]
    img = trace["data_img"][0] / 255
    assert v["flat_shape_text"] == str(img.shape)
    img.shape += (1,)
    assert v["column_shape_text"] == str(img.shape) == str(trace["step_img"].shape[1:])
    l = np.eye(int(meta["sizes"][-1]))[int(trace["step_label"][0])]
    assert v["label_flat_text"] == str(l.shape)
    l.shape += (1,)
    assert v["label_column_text"] == str(l.shape)
    assert v["one_hot_texts"] == [str(int(x)) for x in l[:, 0]]


def test_preview_starts_at_the_first_clearly_inked_pixel(trace):
    _, v = chapter_values("training_loops", trace)
    img = trace["step_img"][0][:, 0]
    first = next(j for j in range(img.size) if img[j] >= 0.5)
    assert v["preview_index"] == list(range(first, first + 4))
    assert img[v["preview_index"][0]] >= 0.5 and all(img[j] < 0.5 for j in range(first))
    assert v["preview_texts"] == [f"{img[j]:.2f}" for j in range(first, first + 4)]
    assert v["preview_index_texts"] == [str(j) for j in range(first, first + 4)]


def test_nr_correct_per_epoch_is_the_recorded_count(trace):
    _, v = chapter_values("training_loops", trace)
    counts = trace["epoch_nr_correct"]
    assert v["nr_correct"] == [int(c) for c in counts]
    assert v["nr_correct_texts"] == [f"{int(c):,}" for c in counts]
    assert all(0 <= c <= trace.meta["n_train"] for c in v["nr_correct"])
    # the recorded count is the training accuracy times the number of images
    acc = trace["epoch_train_acc"]
    assert np.allclose(np.asarray(v["nr_correct"]) / trace.meta["n_train"], acc, atol=1e-12)


def test_running_nr_correct_is_the_recorded_curve_window_by_window(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    n, every = meta["n_train"], meta["schedule"]["curve_every"]
    steps, acc = trace["curve_step"], trace["curve_acc"]
    assert len(v["correct_checkpoints"]) == meta["epochs"]
    for e, marks in enumerate(v["correct_checkpoints"]):
        assert marks[0] == (0, 0)
        # each epoch ends at its recorded nr_correct
        assert marks[-1] == (n, int(trace["epoch_nr_correct"][e]))
        # in between, the running sum of each window's right guesses (accuracy x window)
        inside = (steps >= e * n) & (steps < (e + 1) * n)
        running = np.cumsum(np.round(acc[inside] * every)).astype(int)
        seen = steps[inside] - e * n + 1
        expect = [(int(s), int(c)) for s, c in zip(seen, running) if s < n]
        assert marks[1:-1] == expect
        counts = [c for _, c in marks]
        assert counts == sorted(counts) and counts[-1] <= n
