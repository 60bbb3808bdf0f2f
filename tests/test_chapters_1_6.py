"""Chapters 1-6: every displayed value recomputed from the recorded inputs and weights, the
scenes run on two real traces (the shipped one and one recorded here with another seed), the
narration is cued in order, and the key frames match their reference images.

Expected values are recomputed here with NumPy from the trace's raw arrays (images,
weights, labels, the bias experiment's points); nothing is copied from the code under test.
"""

import importlib
import math
import os
from pathlib import Path

import numpy as np
import pytest

from nnmath.trace import load_trace
from scenes.chapters import by_slug
from scenes.kit import speaking_seconds

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "trace-mnist-10k.npz"
FRAMES = REPO / "tests" / "frames"
SLUGS = ("structure", "bias", "dataset", "one_hot", "training_loops", "forward")


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


@pytest.fixture(scope="module", params=["shipped", "seed1"])
def trace_file(request):
    if request.param == "shipped":
        return SHIPPED
    return request.getfixturevalue("seed1_trace_file")


@pytest.fixture(scope="module")
def trace(trace_file):
    return load_trace(trace_file)


def chapter_values(slug, trace):
    module = importlib.import_module(f"scenes.values.{slug}")
    return module, module.values(trace)


# --------------------------------------------------------------------------- 1 structure


def test_structure_sizes_shapes_and_initial_weights(trace):
    _, v = chapter_values("structure", trace)
    w1, w2 = trace["w_i_h_init"], trace["w_h_o_init"]
    assert v["sizes"] == [w1.shape[1], w1.shape[0], w2.shape[0]] == trace.meta["sizes"]
    assert v["shape_w_i_h_text"] == str(w1.shape) == "(20, 784)"
    assert v["shape_w_h_o_text"] == str(w2.shape) == "(10, 20)"
    assert v["n_weights"] == 784 * 20 + 20 * 10
    assert v["n_biases"] == 20 + 10
    # the histogram: count the weights in each bin by hand
    edges, counts = v["hist_edges"], v["hist_counts"]
    assert edges[0] == w1.min() and edges[-1] == w1.max()
    flat = w1.ravel()
    for k in range(len(counts)):
        inside = (flat >= edges[k]) & ((flat < edges[k + 1]) if k < len(counts) - 1
                                       else (flat <= edges[k + 1]))
        assert counts[k] == int(inside.sum())
    assert counts.sum() == flat.size
    # the reference init is U(-0.5, 0.5): every bin is near the uniform share
    assert np.all(np.abs(counts - flat.size / len(counts)) < 6 * np.sqrt(flat.size / len(counts)))
    assert -0.5 <= v["w_min"] < -0.49 and 0.49 < v["w_max"] <= 0.5
    # the example hidden activations are the forward pass of the first recorded image
    h = sigmoid(trace["b_i_h_init"] + w1 @ trace["step_img"][0])[:, 0]
    assert np.allclose(v["example_h"], h, atol=1e-12)


# --------------------------------------------------------------------------- 2 bias


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


# --------------------------------------------------------------------------- 3 dataset


def test_dataset_pixels_shape_counts_and_provenance(trace):
    module, v = chapter_values("dataset", trace)
    imgs, meta = trace["data_img"], trace.meta
    assert v["side"] == 28 and v["n_pixels"] == 784 == imgs.shape[1]
    first = imgs[0].reshape(28, 28)
    r, c = v["pixel_row"], v["pixel_col"]
    n = len(v["pixels_raw"])
    assert list(v["pixels_raw"]) == [int(p) for p in first[r, c:c + n]]
    assert v["scale"] == 255
    assert v["pixels_scaled_texts"] == [f"{p / 255:.2f}" for p in first[r, c:c + n]]
    # the shown window is the inkiest run of n pixels in any row
    best = max(first[i, j:j + n].astype(int).sum() for i in range(28) for j in range(28 - n + 1))
    assert first[r, c:c + n].astype(int).sum() == best
    # the step image the network sees is the same picture scaled to 0..1
    assert np.allclose(trace["step_img"][0][:, 0], imgs[0] / 255)
    assert v["train_shape_text"] == str((meta["n_train"], 784))
    assert trace["data_label_counts"].sum() == meta["n_train"]
    assert v["count_min"] == trace["data_label_counts"].min()
    assert v["label_texts"] == [str(int(x)) for x in trace["data_label"][:len(v["labels"])]]
    text = v["provenance"]
    assert f"{meta['n_train']:,}" in text and f"{meta['n_test']:,}" in text
    if meta["dataset"] == "mnist-10k":
        assert "official MNIST test images" in text and "10,000" in text
    other = dict(meta, dataset="mnist", n_train=60000, n_test=10000,
                 files={"train-images-idx3-ubyte.gz": "", "t10k-images-idx3-ubyte.gz": ""})
    assert "60,000 training images" in module.provenance(other)


# --------------------------------------------------------------------------- 4 one-hot


def test_one_hot_vectors_are_the_labels(trace):
    _, v = chapter_values("one_hot", trace)
    for k, label in enumerate(v["labels"]):
        assert label == trace["step_label"][k]
        want = np.zeros(10)
        want[label] = 1
        assert np.array_equal(v["one_hot"][k], want)
        assert v["hot_index"][k] == label
        assert v["one_hot_texts"][k] == ["1" if i == label else "0" for i in range(10)]
    assert v["code"] == "labels = np.eye(10)[labels]"
    assert v["shape_text"] == "(10, 1)"


# --------------------------------------------------------------------------- 5 loops


def test_training_loop_counts_code_and_reshape(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    assert v["n_steps"] == meta["epochs"] * meta["n_train"] == trace["step_index"][-1] + 1
    assert f"epochs = {meta['epochs']}\n" in v["code"]
    img = trace["data_img"][0] / 255
    assert v["flat_shape_text"] == str(img.shape)
    img.shape += (1,)
    assert v["column_shape_text"] == str(img.shape) == str(trace["step_img"].shape[1:])
    steps = [(e - 1) * meta["n_train"] + s for e, s in zip(v["counter_epochs"],
                                                           v["counter_samples"])]
    assert steps == sorted(steps) and steps[-1] == v["n_steps"]
    assert set(steps) <= {int(i) + 1 for i in trace["step_index"]}


# --------------------------------------------------------------------------- 6 forward


def test_forward_products_sum_sigmoid_hidden_and_output(trace):
    _, v = chapter_values("forward", trace)
    img = trace["step_img"][0][:, 0]
    w1, b1 = trace["w_i_h_init"], trace["b_i_h_init"]
    w2, b2 = trace["w_h_o_init"], trace["b_h_o_init"]
    products = w1[0] * img
    nonzero = np.count_nonzero(products)
    assert v["n_nonzero"] == nonzero == np.count_nonzero(img)
    # the shown terms are the largest |products| and their numbers are the real ones
    k = len(v["terms"])
    threshold = np.sort(np.abs(products))[-k]
    assert all(abs(products[j]) >= threshold for j in v["terms"])
    for (j_text, w_text, x_text, p_text), j in zip(v["term_rows"], v["terms"]):
        assert j_text == str(j)
        assert (w_text, x_text, p_text) == (f"{w1[0, j]:.3f}", f"{img[j]:.3f}",
                                            f"{w1[0, j] * img[j]:.3f}")
    total = math.fsum(products)
    assert v["total"] == pytest.approx(total, abs=1e-12)
    assert v["rest"] == pytest.approx(total - math.fsum(products[v["terms"]]), abs=1e-12)
    assert v["n_rest"] == nonzero - k
    h_pre = b1[0, 0] + total
    assert v["h_pre"] == pytest.approx(h_pre, abs=1e-12)
    assert v["h_pre"] == pytest.approx(trace["step_h_pre"][0][0, 0], abs=1e-12)
    assert v["h0"] == pytest.approx(1 / (1 + math.exp(-h_pre)), abs=1e-12)
    lo, hi, _ = v["x_range"]
    assert lo <= h_pre <= hi
    h = sigmoid(b1 + w1 @ img[:, None])
    o = sigmoid(b2 + w2 @ h)
    assert np.allclose(v["h"], h[:, 0], atol=1e-12)
    assert np.allclose(v["o"], o[:, 0], atol=1e-12)
    assert v["guess"] == int(np.argmax(o))
    assert v["o_max_text"] == f"{o.max():.3f}"


# --------------------------------------------------------------------------- narration


@pytest.mark.parametrize("slug", SLUGS)
def test_narration_and_handout_are_well_formed(slug, trace):
    module, v = chapter_values(slug, trace)
    cues = module.narration(v)
    ids = [cid for cid, _ in cues]
    assert len(ids) == len(set(ids)) >= 3
    for _, sentence in cues:
        assert sentence.strip() and "nan" not in sentence.lower().split()
        assert "{" not in sentence and "}" not in sentence
    assert all(isinstance(a, str) and isinstance(b, str) for a, b in module.key_numbers(v))
    assert module.FORMULAS and all(isinstance(f, str) for f in module.FORMULAS)
    # the script fits the chapter's length (30-90 s) when spoken at the planned pace
    assert 15 <= sum(speaking_seconds(s) for _, s in cues) <= 85


# --------------------------------------------------------------------------- the scenes run


@pytest.fixture(scope="module")
def run_scene(tmp_path_factory, chapter_runner):
    """Run a chapter once per trace (animations skipped, last frame saved); cached."""
    cache = {}

    def run(slug, trace_file):
        key = (slug, str(trace_file))
        if key not in cache:
            chapter = by_slug(slug)
            media = tmp_path_factory.mktemp(f"media-{slug}")
            scene, marks = chapter_runner(Path(chapter.file).stem, chapter.scene, trace_file,
                                          media, last_frame=True)
            [png] = list((media / "images").rglob(f"{chapter.scene}*.png"))
            cache[key] = (scene, marks, png)
        return cache[key]

    return run


@pytest.mark.parametrize("slug", SLUGS)
def test_chapter_scene_runs_and_cues_every_sentence_in_order(slug, trace_file, trace, run_scene):
    chapter = by_slug(slug)
    module, v = chapter_values(slug, trace)
    scene, marks, _ = run_scene(slug, trace_file)
    assert marks["slug"] == slug and marks["scene"] == chapter.scene
    assert [c["id"] for c in marks["cues"]] == [cid for cid, _ in module.narration(v)]
    times = [c["t"] for c in marks["cues"]] + [marks["duration"]]
    assert times == sorted(times)
    assert 30 <= marks["duration"] <= 90
    assert marks["stills"] and all(0 < s["t"] <= marks["duration"] for s in marks["stills"])
    assert scene.trace.path == str(Path(trace_file).resolve())


# --------------------------------------------------------------------------- key frames


def frame_name(slug, still):
    return f"{Path(by_slug(slug).file).stem}_{still}.png"


@pytest.mark.parametrize("slug", SLUGS)
def test_key_frame_matches_the_reference(slug, run_scene):
    """The last frame (the chapter's summing-up still) against tests/frames/, small tolerance.

    Regenerate the references after an intended change with NNMATH_UPDATE_FRAMES=1.
    """
    from PIL import Image

    from nnmath.atomic import write_atomic

    _, marks, png = run_scene(slug, SHIPPED)
    reference = FRAMES / frame_name(slug, marks["stills"][-1]["name"])
    if os.environ.get("NNMATH_UPDATE_FRAMES") == "1":
        write_atomic(reference, png.read_bytes())
    assert reference.is_file(), (f"{reference} is missing; create it with "
                                 f"NNMATH_UPDATE_FRAMES=1 .venv/bin/pytest {__file__}")
    got = np.asarray(Image.open(png).convert("RGB"), dtype=np.int16)
    want = np.asarray(Image.open(reference).convert("RGB"), dtype=np.int16)
    assert got.shape == want.shape
    diff = np.abs(got - want).max(axis=2)
    assert diff.mean() < 1.0 and np.mean(diff > 40) < 0.003, (
        f"{slug}: frame differs from {reference.name} (mean {diff.mean():.2f}, "
        f"{np.mean(diff > 40):.2%} of pixels)")
