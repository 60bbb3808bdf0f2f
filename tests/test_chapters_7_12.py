"""Chapters 7-12: every displayed value recomputed independently, and the scenes run.

Each truth test recomputes a chapter's numbers with NumPy from the recorded
inputs and weights (forward passes, deltas, updates, accuracies over the real
held-out images) and compares them with what ``scenes.values.<slug>`` returns.
They run on the shipped trace and on a second trace recorded here with another
seed and the reference's update order.
"""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnmath.data import load_dataset
from nnmath.errors import DataError
from nnmath.trace import Trace, load_trace
from scenes.values import backprop, beyond, cost, inference, one_neuron, results

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "assets" / "trace-mnist-10k.npz"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OTHER_SEED = 7


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def shared_data():
    """The data folder: ``NNMATH_DATA``, else ``shared/data`` beside the repository."""
    return os.environ.get("NNMATH_DATA") or str(SHARED_DATA)


def need_mnist10k():
    try:
        return load_dataset("mnist-10k", shared_data())
    except DataError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have mnist-10k: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def recorded_trace_path(tmp_path_factory):
    """A second, real trace: another seed and the reference's update order (about 1 s)."""
    need_mnist10k()
    out = tmp_path_factory.mktemp("trace") / f"trace-seed{OTHER_SEED}.npz"
    env = dict(os.environ, NNMATH_DATA=shared_data())
    subprocess.run([sys.executable, "-m", "nnmath", "record", "--seed", str(OTHER_SEED),
                    "--order", "reference", "--quiet", "--out", str(out)],
                   check=True, env=env, cwd=REPO, capture_output=True)
    return out


@pytest.fixture(scope="session", params=["shipped", "recorded"])
def trace_path(request):
    return SHIPPED if request.param == "shipped" else request.getfixturevalue(
        "recorded_trace_path")


@pytest.fixture(scope="session")
def trace(trace_path):
    return load_trace(trace_path)


def forward(w_i_h, b_i_h, w_h_o, b_h_o, img):
    h = sig(b_i_h + w_i_h @ img)
    return h, sig(b_h_o + w_h_o @ h)


def weights_before(a, pos):
    return (a["step_w_i_h"][pos], a["step_b_i_h"][pos], a["step_w_h_o"][pos],
            a["step_b_h_o"][pos])


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                               rtol=1e-10, atol=1e-12)


# ------------------------------------------------------------------------------ 7. cost

def test_cost_terms_sum_and_e_recomputed_from_the_first_image(trace):
    a = trace.arrays
    v = cost.values(trace)
    _, o = forward(*weights_before(a, 0), a["step_img"][0])
    o = o[:, 0]
    label = int(a["step_label"][0])
    l = np.zeros(len(o))
    l[label] = 1.0
    close(v["o"], o)
    close(v["l"], l)
    close(v["terms"], [(oi - li) ** 2 for oi, li in zip(o, l)])
    total = sum((oi - li) ** 2 for oi, li in zip(o, l))
    close(v["terms_sum"], total)
    close(v["e"], total / len(o))
    assert v["n_out"] == len(o) == trace.meta["sizes"][2]
    assert v["guess"] == int(np.argmax(o)) and v["label"] == label
    assert v["correct"] == (int(np.argmax(o)) == label)


def test_cost_counter_counts_real_guesses(trace):
    a, meta = trace.arrays, trace.meta
    v = cost.values(trace)
    counter = [tuple(c) for c in v["counter"]]
    # per image: the first consecutive recorded steps, each re-run forward
    n = v["n_per_image"]
    assert n >= 2 and list(a["step_index"][:n]) == list(range(n))
    right = 0
    for i in range(n):
        _, o = forward(*weights_before(a, i), a["step_img"][i])
        right += int(np.argmax(o) == a["step_label"][i])
        assert counter[i] == (i + 1, right)
    # per window of the running curve: the counts must be whole and add up to nr_correct
    every = meta["schedule"]["curve_every"]
    in_epoch1 = a["curve_step"] < meta["n_train"]
    per_window = a["curve_acc"][in_epoch1] * every
    np.testing.assert_allclose(per_window, np.round(per_window), atol=1e-9)
    running = np.cumsum(np.round(per_window)).astype(int)
    seen = a["curve_step"][in_epoch1] + 1
    tail = [c for c in counter if c[0] > n]
    assert tail[:len(seen)] == [(int(s), int(r)) for s, r in zip(seen, running) if s > n]
    assert counter[-1] == (meta["n_train"], int(a["epoch_nr_correct"][0]))
    if meta["n_train"] % every == 0:
        assert running[-1] == a["epoch_nr_correct"][0]
    assert all(c2[0] > c1[0] and c2[1] >= c1[1] for c1, c2 in itertools.pairwise(counter))
    close(v["train_acc_first_epoch"], counter[-1][1] / meta["n_train"])


# ------------------------------------------------------------------------- 8. backprop

def test_backprop_deltas_and_updates_match_the_next_recorded_step(trace):
    a, meta = trace.arrays, trace.meta
    v = backprop.values(trace)
    k = 0
    assert a["step_index"][1] == a["step_index"][0] + 1 and v["step"] == a["step_index"][k]
    lr = meta["learn_rate"]
    w_i_h, b_i_h, w_h_o, b_h_o = weights_before(a, k)
    img = a["step_img"][k]
    h, o = forward(w_i_h, b_i_h, w_h_o, b_h_o, img)
    l = np.eye(len(o))[a["step_label"][k]][:, None]
    d_o = o - l
    close(v["delta_o"], d_o[:, 0])
    close(v["mse_delta_o"], (2.0 / len(o) * (o - l) * o * (1 - o))[:, 0])
    new_w_h_o = w_h_o - lr * d_o @ h.T
    new_b_h_o = b_h_o - lr * d_o
    w_for_h = w_h_o if meta["order"] == "correct" else new_w_h_o
    w_other = new_w_h_o if meta["order"] == "correct" else w_h_o
    d_h = (w_for_h.T @ d_o) * h * (1 - h)
    close(v["back"], (w_for_h.T @ d_o)[:, 0])
    close(v["slope"], (h * (1 - h))[:, 0])
    close(v["delta_h"], d_h[:, 0])
    close(v["delta_h_other_order"], ((w_other.T @ d_o) * h * (1 - h))[:, 0])
    new_w_i_h = w_i_h - lr * d_h @ img.T
    new_b_i_h = b_i_h - lr * d_h
    # the recomputed update IS the next recorded step's "before"
    close(new_w_h_o, a["step_w_h_o"][k + 1])
    close(new_w_i_h, a["step_w_i_h"][k + 1])
    close(new_b_h_o, a["step_b_h_o"][k + 1])
    close(new_b_i_h, a["step_b_i_h"][k + 1])
    r, ch, ci = v["rows"], v["cols_h"], v["cols_i"]
    close(v["w_h_o_before"], w_h_o[np.ix_(r, ch)])
    close(v["w_h_o_after"], new_w_h_o[np.ix_(r, ch)])
    close(v["grad_w_h_o"], (d_o @ h.T)[np.ix_(r, ch)])
    close(v["b_h_o_before"], b_h_o[r, 0])
    close(v["b_h_o_after"], new_b_h_o[r, 0])
    assert all(img[c, 0] > 0 for c in ci) and len(ci) > 0
    close(v["img_at_cols"], img[ci, 0])
    close(v["img"], img[:, 0])
    close(v["w_i_h_before"], w_i_h[np.ix_(r, ci)])
    close(v["w_i_h_after"], new_w_i_h[np.ix_(r, ci)])
    close(v["b_i_h_before"], b_i_h[r, 0])
    close(v["b_i_h_after"], new_b_i_h[r, 0])
    assert v["learn_rate"] == lr and v["order"] == meta["order"]
    # a column of w_i_h stays put exactly when its pixel is 0 (delta_h has no zero entry)
    assert np.all(d_h != 0)
    assert v["n_w_i_h_unchanged_cols"] == v["n_dark_pixels"] == int(np.sum(img == 0))


def test_backprop_captions_name_the_order_and_the_gradient(trace):
    v = backprop.values(trace)
    caption = backprop.order_caption(v)
    assert v["order"] in caption
    if trace.meta["delta_rule"] == "cross_entropy":
        assert "cross-entropy" in backprop.delta_caption(v)
        assert "not of MSE" in backprop.delta_caption(v)


# -------------------------------------------------------------------------- 9. results

def test_results_accuracies_are_counts_over_n(trace):
    a, meta = trace.arrays, trace.meta
    v = results.values(trace)
    assert v["nr_correct"] == [int(x) for x in a["epoch_nr_correct"]]
    close(v["train_acc"], np.array(v["nr_correct"]) / meta["n_train"])
    close(v["test_acc"][-1], np.sum(a["test_pred"] == a["test_label"]) / meta["n_test"])
    assert v["curve_seen"] == [int(s) + 1 for s in a["curve_step"]]
    close(v["curve_acc"], a["curve_acc"])
    close(v["curve_e"], a["curve_e"])
    assert v["total_samples"] == meta["epochs"] * meta["n_train"] == v["curve_seen"][-1]


def test_results_held_out_accuracy_per_epoch_from_recorded_weights_and_real_images(trace):
    """After each epoch: the last step's weights plus its update, run on every held-out image."""
    a, meta = trace.arrays, trace.meta
    data = need_mnist10k()
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


# ------------------------------------------------------------------------ 10. inference

def test_inference_outputs_guesses_and_mistakes(trace):
    a = trace.arrays
    v = inference.values(trace)
    assert v["examples"] and v["mistakes"]
    for ex in v["examples"] + v["mistakes"]:
        img = np.array(ex["img"])[:, None]
        _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], img)
        close(ex["o"], o[:, 0])
        assert ex["guess"] == int(np.argmax(o))
        assert ex["label"] == int(a["test_label"][ex["test_index"]])
        close(ex["img"], a["infer_img"][ex["row"], :, 0])
    assert all(ex["guess"] == ex["label"] for ex in v["examples"])
    assert all(m["guess"] != m["label"] for m in v["mistakes"])
    wrong = int(np.sum(a["test_pred"] != a["test_label"]))
    assert v["n_mistakes"] == wrong and v["n_right"] + wrong == v["n_test"]
    close(v["test_acc"], v["n_right"] / v["n_test"])


def test_inference_totals_from_the_real_held_out_images(trace):
    a = trace.arrays
    data = need_mnist10k()
    v = inference.values(trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    wrong = int(np.sum(np.argmax(o, axis=0) != data.test_labels))
    assert v["n_mistakes"] == wrong
    assert v["n_test"] == len(data.test_labels)


# --------------------------------------------------------------------------- 11. beyond

def without_beyond(trace):
    arrays = {k: v for k, v in trace.arrays.items() if not k.startswith("beyond_")}
    return Trace(arrays, trace.meta, trace.path)


def check_example(ex, img, h_pre, z, label):
    close(ex["img"], img)
    close(ex["z"], z)
    p = np.exp(z - z.max()) / np.sum(np.exp(z - z.max()))
    close(ex["softmax_p"], p)
    close(ex["softmax_sum"], 1.0)
    close(ex["sigmoid_sum"], np.sum(sig(z)))
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
    z = b_h_o + w_h_o @ sig(h_pre)
    assert ex["source"] == "reference" and ex["step"] == a["step_index"][k]
    check_example(ex, img[:, 0], h_pre[:, 0], z[:, 0], int(a["step_label"][k]))


def test_beyond_example_on_the_softmax_networks_real_logits(recorded_trace_path):
    trace = load_trace(recorded_trace_path)
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


def test_beyond_runs_curves_step_sizes_and_held_out_accuracy(recorded_trace_path):
    trace = load_trace(recorded_trace_path)
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
    data = need_mnist10k()
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    z = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ np.maximum(
        a["beyond_b_i_h"] + a["beyond_w_i_h"] @ x, 0.0)
    acc = np.mean(np.argmax(z, axis=0) == data.test_labels)
    close(runs["opt"][-1]["test_acc"][-1], acc)


def test_beyond_without_comparison_runs_says_so_and_invents_nothing(trace):
    v = beyond.values(without_beyond(trace))
    assert v["has_runs"] is False and v["runs"] is None
    assert "re-record with nnmath record" in v["missing_note"]
    cues = [c for c, _ in beyond.narration(v)]
    assert "missing" in cues and "loss_race" not in cues


# ----------------------------------------------------------------------- 12. one neuron

def test_one_neuron_outputs_errors_and_answer(trace):
    a = trace.arrays
    v = one_neuron.values(trace)
    x, y = np.array(v["x"]), np.array(v["y"])
    close(x, a["neuron_x"])
    assert list(y) == [0, 0, 1, 1]
    for w, o, err in zip(v["w"], v["o"], v["err"]):
        out = sig(x @ np.array(w))
        close(o, out)
        close(err, np.mean(np.abs(y - out)))
    close(v["new_o"], sig(np.array(v["new_x"]) @ np.array(v["w"][-1])))
    assert v["new_x"] == [1.0, 0.0, 0.0]
    assert v["snapshots"][0] == 0 and v["snapshots"][-1] == len(v["iters"]) - 1
    assert v["err"][-1] < v["err"][0]


def test_one_neuron_weights_follow_the_update_rule_between_consecutive_iterations(trace):
    a = trace.arrays
    x, y = a["neuron_x"], a["neuron_y"][:, None]
    its = list(a["neuron_iters"])
    pairs = [i for i in range(len(its) - 1) if its[i + 1] == its[i] + 1]
    assert pairs
    for i in pairs:
        w = a["neuron_w"][i][:, None]
        o = sig(x @ w)
        close(a["neuron_w"][i + 1], (w + x.T @ ((y - o) * o * (1 - o)))[:, 0])


# ------------------------------------------------------------------------ narration

MODULES = [cost, backprop, results, inference, beyond, one_neuron]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_narration_and_handout_are_well_formed(module, trace):
    v = module.values(trace)
    lines = module.narration(v)
    ids = [c for c, _ in lines]
    assert len(ids) == len(set(ids)) and 2 <= len(ids)
    assert all(isinstance(s, str) and s.strip().endswith(".") for _, s in lines)
    assert all(isinstance(label, str) and isinstance(text, str)
               for label, text in module.key_numbers(v))
    assert module.FORMULAS and all(isinstance(f, str) for f in module.FORMULAS)


# --------------------------------------------------------------------------- the scenes

CHAPTER_SCENES = [("ch07_cost", "Cost"), ("ch08_backprop", "Backpropagation"),
                  ("ch09_results", "Results"), ("ch10_inference", "Inference"),
                  ("ch11_beyond", "Beyond"), ("ch12_one_neuron", "OneNeuron")]
FRAMES = Path(__file__).resolve().parent / "frames"
#: Resolution of the reference stills: small, so the PNGs stay small and comparisons fast.
FRAME_SIZE = {"pixel_width": 480, "pixel_height": 270, "frame_rate": 15}


def run_chapter(module_name, scene_name, media_dir, trace_file, frames=None):
    """Run a chapter's construct with animations skipped; return (cued ids, marks, stills).

    ``frames``: a dict that receives a rendered RGB frame (uint8 array) per still name.
    """
    import importlib
    import json

    from manim import tempconfig

    previous = os.environ.get("NNMATH_TRACE")
    os.environ["NNMATH_TRACE"] = str(trace_file)
    try:
        module = importlib.import_module(f"scenes.{module_name}")
        base = getattr(module, scene_name)
        cued = []

        class Spy(base):
            def cue(self, cue_id):
                cued.append(cue_id)
                super().cue(cue_id)

            def still(self, name):
                super().still(name)
                if frames is not None:
                    self.renderer.update_frame(self, ignore_skipping=True)
                    frames[name] = np.array(self.renderer.get_frame())[:, :, :3]

        Spy.__name__ = base.__name__
        from scenes import theme

        with tempconfig({"media_dir": str(media_dir), "disable_caching": True,
                         "write_to_movie": False, "save_last_frame": False,
                         "background_color": theme.BACKGROUND, "verbosity": "ERROR",
                         "progress_bar": "none", **FRAME_SIZE,
                         # LaTeX and text caches shared with normal renders (media/ is ignored)
                         "tex_dir": str(REPO / "media" / "Tex"),
                         "text_dir": str(REPO / "media" / "texts")}):
            scene = Spy(skip_animations=True)
            scene.render()
            marks = json.loads((Path(media_dir) / "marks" / f"{scene_name}.json").read_text())
        return cued, marks, scene
    finally:
        if previous is None:
            os.environ.pop("NNMATH_TRACE", None)
        else:
            os.environ["NNMATH_TRACE"] = previous


_runs = {}


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


def chapter_run(module_name, scene_name, trace_file, media_dir):
    """One skip-animations run per chapter and trace in the session, with its still frames."""
    key = (module_name, str(trace_file))
    if key not in _runs:
        frames = {}
        cued, marks, _ = run_chapter(module_name, scene_name, media_dir, trace_file, frames)
        _runs[key] = (cued, marks, frames)
    return _runs[key]


def values_module_of(module_name):
    import importlib

    return importlib.import_module(f"scenes.values.{module_name.split('_', 1)[1]}")


@pytest.mark.parametrize("module_name,scene_name", CHAPTER_SCENES)
def test_chapter_cues_every_sentence_once_in_order(module_name, scene_name, trace_path,
                                                   media_dir):
    cued, marks, frames = chapter_run(module_name, scene_name, trace_path, media_dir)
    vm = values_module_of(module_name)
    expected = [c for c, _ in vm.narration(vm.values(load_trace(trace_path)))]
    assert cued == expected
    assert [c["id"] for c in marks["cues"]] == expected
    times = [c["t"] for c in marks["cues"]]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert 1 <= len(marks["stills"]) and set(frames) == {s["name"] for s in marks["stills"]}
    assert all(0 < s["t"] <= marks["duration"] for s in marks["stills"])
    assert 25 <= marks["duration"] <= 100, "a chapter should last about 30-90 s"


def compare_frame(name, frame):
    """Compare with tests/frames/<name>.png; UPDATE_FRAMES=1 writes the reference instead."""
    from PIL import Image

    ref_path = FRAMES / f"{name}.png"
    if os.environ.get("UPDATE_FRAMES"):
        FRAMES.mkdir(exist_ok=True)
        Image.fromarray(frame).save(ref_path)
    assert ref_path.is_file(), (f"{ref_path} is missing; create it with "
                                f"UPDATE_FRAMES=1 pytest {Path(__file__).name} -k frames "
                                f"and look at it before committing")
    ref = np.asarray(Image.open(ref_path).convert("RGB"), dtype=np.int16)
    assert ref.shape == frame.shape, f"{name}: frame size {frame.shape} != reference {ref.shape}"
    diff = np.abs(ref - frame.astype(np.int16))
    changed = np.mean(np.max(diff, axis=2) > 48)
    assert diff.mean() < 1.5 and changed < 0.005, (
        f"{name}: frame differs from {ref_path} (mean abs diff {diff.mean():.2f}, "
        f"{100 * changed:.2f}% of pixels changed)")


@pytest.mark.parametrize("module_name,scene_name", CHAPTER_SCENES)
def test_key_frames_match_the_reference_stills(module_name, scene_name, media_dir):
    _, marks, frames = chapter_run(module_name, scene_name, SHIPPED, media_dir)
    for still in marks["stills"]:
        compare_frame(f"{module_name}_{still['name']}", frames[still["name"]])


# ------------------------------------------------------------------ no hand-typed numbers

MY_SOURCES = ([f"scenes/{m}.py" for m, _ in CHAPTER_SCENES] + ["scenes/kit_extra.py"]
              + [f"scenes/values/{m}.py" for m in
                 ("cost", "backprop", "results", "inference", "beyond", "one_neuron")])
#: Digits that belong to a formula, not to a measured value: x^2, (1 - h), 2/n, \frac{1}{...}.
FORMULA_DIGITS = r"\^2|\(1 - [a-z]\)|\b2/n\b|\{[12]\}|\\frac\{1\}|max\(0, x\)|--first \d"


@pytest.mark.parametrize("source", MY_SOURCES)
def test_no_number_is_typed_by_hand_into_displayed_text(source):
    """Every digit in a string literal must be a formula constant; numbers come from values."""
    import ast
    import re

    tree = ast.parse((REPO / source).read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                  and ast.get_docstring(node) is not None}
    typed = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings
             and re.search(r"\d", re.sub(FORMULA_DIGITS, "", node.value))]
    assert not typed, f"{source}: digits typed into text: {typed}"
