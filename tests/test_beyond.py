"""The beyond runs: real, reproducible, consistent, and recomputable without nnmath's loop.

Most tests use a small slice of the real data set (mnist-10k, or Fashion-MNIST
without MNIST: 800 training / 200 held-out images) so they run in a second; one
test records the whole data set's runs and checks them as the trace loader does.
"""

import json

import numpy as np
import pytest
from datasets import REFERENCE_ACCURACY

from nnmath import experiments
from nnmath.data import Dataset
from nnmath.errors import TraceError
from nnmath.experiments import beyond_meta, record_beyond
from nnmath.record import record_run
from nnmath.trace import encode, validate


@pytest.fixture(scope="module")
def small(real_data):
    d = real_data
    return Dataset(d.name, d.train_images[:800], d.train_labels[:800], d.test_images[:200],
                   d.test_labels[:200], d.folder, d.files, d.class_names)


@pytest.fixture(scope="module")
def small_trace(small):
    """A whole trace of the small slice (its beyond runs included), and its meta."""
    arrays, meta = record_run(small, seed=0, curve_every=100, progress=False)
    return arrays, dict(meta, schema=1)


@pytest.fixture(scope="module")
def small_arrays(small_trace):
    return {k: v for k, v in small_trace[0].items() if k.startswith("beyond_")}


def test_every_key_is_prefixed_and_the_record_validates(small, small_arrays, small_trace):
    assert small_arrays and all(k.startswith("beyond_") for k in small_arrays)
    again = record_beyond(small, 0, False)
    assert all(np.array_equal(v, again[k], equal_nan=v.dtype.kind == "f")
               for k, v in list(small_arrays.items())[:3])
    validate(*small_trace, name="small")
    meta = json.loads(json.dumps(beyond_meta(small_arrays, 0, small.n_train)))  # plain JSON
    assert [r["optimizer"] for r in meta["optimizer_runs"]] == \
        ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    assert all(r["decay"] == meta["decay"] > 0 for r in meta["optimizer_runs"])


def test_rerun_is_byte_identical(small, small_arrays):
    again = record_beyond(small, seed=0, progress=False)
    assert encode(again, {"x": 1}) == encode(small_arrays, {"x": 1})
    other = record_beyond(small, seed=1, progress=False)
    assert not np.array_equal(other["beyond_w_i_h"], small_arrays["beyond_w_i_h"])


def by_hand_sgd(train_x, train_y, test_x, test_y, seed, lr, hidden="sigmoid", output="softmax"):
    """A loss run by plain SGD, transcribed from the math, not from nnmath: U(-0.5, 0.5)
    weights, zero biases, shuffled minibatches; a sigmoid or ReLU hidden layer; softmax outputs
    with cross-entropy, or sigmoid outputs with the log cost C (binary cross-entropy summed over
    the outputs); either way the output delta is (output - one-hot) / batch. Returns its curve,
    its held-out accuracy per epoch, whether it blew up (non-finite, or a layer's weights past
    100 times their starting root-mean-square at an epoch's end, as the guard stops), and the
    number of hidden neurons that are 0 on every held-out image at the end."""
    rng = np.random.default_rng(seed)
    w1 = rng.uniform(-0.5, 0.5, (20, 784))
    w2 = rng.uniform(-0.5, 0.5, (10, 20))
    b1, b2 = np.zeros((20, 1)), np.zeros((10, 1))
    start = [np.sqrt(np.mean(w1 ** 2)), np.sqrt(np.mean(w2 ** 2))]
    x_all, y_all = train_x.astype(np.float64) / 255, train_y.astype(int)
    shuffle = np.random.default_rng(seed)
    bs = experiments.BATCH_SIZE
    curve, test_acc = [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(experiments.EPOCHS):
            win = []                                    # a window never spans two epochs
            order = shuffle.permutation(len(y_all))
            for s in range(0, len(y_all), bs):
                idx = order[s:s + bs]
                x, y = x_all[idx].T, y_all[idx]
                onehot = np.eye(10)[y].T
                z1 = w1 @ x + b1
                h = np.maximum(z1, 0) if hidden == "relu" else 1 / (1 + np.exp(-z1))
                z2 = w2 @ h + b2
                if output == "softmax":
                    p = np.exp(z2 - z2.max(0)) / np.exp(z2 - z2.max(0)).sum(0)
                    cost = -np.sum(np.log(p[y, np.arange(len(y))]))
                else:
                    p = 1 / (1 + np.exp(-z2))
                    q = np.clip(p, 1e-12, 1 - 1e-12)
                    cost = -np.sum(onehot * np.log(q) + (1 - onehot) * np.log(1 - q))
                win.append((np.sum(p.argmax(0) == y), cost))
                d2 = (p - onehot) / len(y)
                # (the sigmoid's product in this order: a chaotic rate amplifies rounding)
                d1 = (w2.T @ d2) * (z1 > 0) if hidden == "relu" else (w2.T @ d2) * h * (1 - h)
                w2 -= lr * d2 @ h.T
                b2 -= lr * d2.sum(1, keepdims=True)
                w1 -= lr * d1 @ x.T
                b1 -= lr * d1.sum(1, keepdims=True)
                if len(win) * bs >= experiments.CURVE_EVERY:
                    curve.append((sum(c for c, _ in win) / (len(win) * bs),
                                  sum(e for _, e in win) / (len(win) * bs)))
                    win = []
            params = (w1, b1, w2, b2)
            if not all(np.all(np.isfinite(q)) for q in params) or any(
                    np.sqrt(np.mean(w ** 2)) > 100 * r for w, r in zip((w1, w2), start)):
                return np.array(curve), np.array(test_acc), True, None
            xt = test_x.astype(np.float64).T / 255
            z1 = w1 @ xt + b1
            h = np.maximum(z1, 0) if hidden == "relu" else 1 / (1 + np.exp(-z1))
            out = w2 @ h + b2   # the output activation keeps the order: argmax of z2
            test_acc.append(np.mean(out.argmax(0) == test_y))
    dead = int(np.sum(np.all(h == 0, axis=1)))
    return np.array(curve), np.array(test_acc), False, dead


#: Each loss run as the transcription's (hidden, output), from the chapter's words.
LOSS_TRANSCRIPTIONS = {"sigmoid_log_cost": ("sigmoid", "sigmoid"),
                       "relu_log_cost": ("relu", "sigmoid"),
                       "sigmoid_softmax_cce": ("sigmoid", "softmax")}


@pytest.mark.parametrize("name", list(LOSS_TRANSCRIPTIONS))
def test_loss_run_and_its_dead_neurons_match_a_transcription(small, small_arrays, small_trace,
                                                              name):
    """Each loss run's curves and held-out accuracies, and how many of its hidden neurons end
    up 0 on every held-out image, as the transcription computes them."""
    k = [r["name"] for r in experiments.LOSS_RUNS].index(name)
    run = small_trace[1]["beyond"]["loss_runs"][k]
    assert (run["hidden"], run["output"]) == LOSS_TRANSCRIPTIONS[name]
    curve, test_acc, blew_up, dead = by_hand_sgd(
        small.train_images, small.train_labels, small.test_images, small.test_labels, 0,
        run["learn_rate"], *LOSS_TRANSCRIPTIONS[name])
    assert not blew_up
    np.testing.assert_allclose(small_arrays["beyond_loss_curve_acc"][k], curve[:, 0], atol=1e-12)
    np.testing.assert_allclose(small_arrays["beyond_loss_curve_cost"][k], curve[:, 1], rtol=1e-7)
    np.testing.assert_allclose(small_arrays["beyond_loss_epoch_test_acc"][k], test_acc, atol=1e-12)
    assert small_arrays["beyond_loss_dead_hidden"][k] == dead


def test_the_baseline_is_the_videos_network(small_trace):
    """"Ours" steps along the reference's own delta, o - l, with sigmoid outputs (the log
    cost C); each change differs from it in one setting."""
    from nnmath.record import REFERENCE

    runs = small_trace[1]["beyond"]["loss_runs"]
    base = runs[0]
    assert (base["hidden"], base["output"], base["delta_rule"], base["cost"]) == \
        ("sigmoid", "sigmoid", REFERENCE["delta_rule"], "bce")
    assert base["delta_rule"] == small_trace[1]["delta_rule"]
    for run in runs[1:]:
        changed = {key for key in ("hidden", "output") if run[key] != base[key]}
        assert len(changed) == 1


def test_the_rate_is_chosen_on_held_back_training_images_by_the_rule(small, small_arrays,
                                                                     small_trace):
    """Each grid accuracy is the transcription's, trained on the first 5/6 of the training
    images and scored on the last 1/6 (never the test images); the rate kept is the best."""
    k = [r["name"] for r in experiments.LOSS_RUNS].index("sigmoid_softmax_cce")
    rule = small_trace[1]["beyond"]["rate_rule"]
    n_val = len(small.train_labels) // 6
    assert rule["validation_images"] == n_val and rule["train_images"] == 800 - n_val
    cut = 800 - n_val
    want = []
    for rate in rule["grid"]:
        _, acc, blew_up, _ = by_hand_sgd(
            small.train_images[:cut], small.train_labels[:cut], small.train_images[cut:],
            small.train_labels[cut:], 0, rate)
        want.append(np.nan if blew_up else acc[-1])
    best = next(r for r, a in zip(rule["grid"], want) if a == np.nanmax(want))
    assert small_trace[1]["beyond"]["loss_runs"][k]["learn_rate"] == best
    # Up to the picked rate the runs are stable and agree to rounding. Past it they near chaos:
    # a rounding difference of the order of additions can flip a validation image or two, or
    # the blow-up guard, so there they need only agree within a few images.
    got, pick = small_arrays["beyond_loss_grid_val_acc"][k], rule["grid"].index(best)
    np.testing.assert_allclose(got[:pick + 1], want[:pick + 1], atol=1e-12)
    for rate, g, w in zip(rule["grid"][pick + 1:], got[pick + 1:], want[pick + 1:]):
        assert np.isnan(g) or np.isnan(w) or abs(g - w) <= 3 / n_val, (rate, g, w)


def test_softmax_example_recomputed_from_the_recorded_network(small, small_arrays):
    a = small_arrays
    x = a["beyond_softmax_img"].astype(np.float64) / 255
    h = np.maximum(x @ a["beyond_w_i_h"].T + a["beyond_b_i_h"][:, 0], 0)
    logits = h @ a["beyond_w_h_o"].T + a["beyond_b_h_o"][:, 0]
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    np.testing.assert_allclose(a["beyond_softmax_logits"], logits, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a["beyond_softmax_probs"], probs, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(a["beyond_softmax_probs"].sum(1), 1.0, rtol=1e-12)
    idx = a["beyond_softmax_index"]
    assert np.array_equal(a["beyond_softmax_img"], small.test_images[idx])
    assert np.array_equal(a["beyond_softmax_label"], small.test_labels[idx])
    # The first images in order, then a mistake of that network when it makes one.
    assert list(idx[:experiments.N_SOFTMAX_FIRST]) == list(range(experiments.N_SOFTMAX_FIRST))
    if np.any(logits.argmax(1) != a["beyond_softmax_label"]):
        assert logits[-1].argmax() != a["beyond_softmax_label"][-1]


def test_step_sizes(small, small_arrays):
    a, meta = small_arrays, beyond_meta(small_arrays, 0, small.n_train)
    names = [r["optimizer"] for r in meta["optimizer_runs"]]
    ratio = a["beyond_probe_update_norm"] / a["beyond_probe_grad_norm"]
    steps = a["beyond_probe_step"]
    assert np.array_equal(steps, np.arange(experiments.PROBE_EVERY - 1, steps[-1] + 1,
                                           experiments.PROBE_EVERY))
    sgd_lr = meta["optimizer_runs"][names.index("sgd")]["learn_rate"]
    np.testing.assert_allclose(ratio[names.index("sgd")], sgd_lr / (1 + meta["decay"] * steps),
                               rtol=1e-6)
    # Adam's first measured step is its learning rate times |m_hat / sqrt(v_hat)| per element,
    # i.e. of the order of lr * sqrt(number of parameters), whatever the size of the gradient.
    n_params = sum(a[k].size for k in ("beyond_w_i_h", "beyond_b_i_h", "beyond_w_h_o",
                                       "beyond_b_h_o"))
    adam = a["beyond_probe_update_norm"][names.index("adam")]
    assert adam[0] <= meta["optimizer_runs"][names.index("adam")]["learn_rate"] * np.sqrt(n_params)


def test_validation_catches_damage(small_trace):
    arrays0, meta = small_trace
    cases = {
        "beyond_softmax_probs": lambda a: a["beyond_softmax_probs"].__setitem__((0, 0), 0.5),
        "beyond_softmax_logits": lambda a: a["beyond_w_h_o"].__imul__(1.01),
        "beyond_probe_update_norm": lambda a: a["beyond_probe_update_norm"].__imul__(1.1),
        "beyond_probe_learn_rate": lambda a: a["beyond_probe_learn_rate"].__imul__(0.5),
        "beyond_curve_step": lambda a: a["beyond_curve_step"].__setitem__(1, 0),
        "beyond_opt_curve_acc": lambda a: a["beyond_opt_curve_acc"].__setitem__((0, 0), 1.5),
        # a rate the rule would not pick: another grid accuracy made the best
        "beyond_opt_grid_val_acc": lambda a: a["beyond_opt_grid_val_acc"].__setitem__((0, 0), 1.0),
        # a dead neuron counted in a sigmoid hidden layer, which never gives 0
        "beyond_loss_dead_hidden": lambda a: a["beyond_loss_dead_hidden"].__setitem__(0, 1),
    }
    for key, damage in cases.items():
        arrays = {k: v.copy() for k, v in arrays0.items()}
        damage(arrays)
        with pytest.raises(TraceError, match=key):
            validate(arrays, meta)
    arrays = dict(arrays0)
    del arrays["beyond_opt_epoch_cost"]
    with pytest.raises(TraceError, match="'beyond_opt_epoch_cost' is missing"):
        validate(arrays, meta)
    arrays = dict(arrays0, beyond_loss_curve_acc=arrays0["beyond_loss_curve_acc"][:1])
    with pytest.raises(TraceError, match="has shape"):
        validate(arrays, meta)
    with pytest.raises(TraceError, match="lacks the field 'beyond'"):
        validate(arrays0, {k: v for k, v in meta.items() if k != "beyond"})


def test_real_runs_show_what_the_chapter_says(real_data):
    a = record_beyond(real_data, seed=0, progress=False)
    assert len(a["beyond_curve_step"]) == experiments.EPOCHS * real_data.n_train // experiments.CURVE_EVERY
    # The grid brackets every run's best rate: none is picked at either end of the grid, or a
    # wider grid might have found a better one and the comparison would not be fair.
    grid = list(experiments.RATE_GRID)
    for row in np.vstack([a["beyond_loss_grid_val_acc"], a["beyond_opt_grid_val_acc"]]):
        assert 0 < grid.index(experiments.picked_rate(row)) < len(grid) - 1
    # At its own tuned rate the baseline (the video's sigmoid network, o - l) learns as the
    # reference's per-image run does; only a ReLU hidden layer can have dead neurons.
    final = a["beyond_loss_epoch_test_acc"][:, -1]
    assert final[0] > REFERENCE_ACCURACY[real_data.name]
    hidden = [r["hidden"] for r in experiments.LOSS_RUNS]
    assert all(d == 0 for d, h in zip(a["beyond_loss_dead_hidden"], hidden) if h != "relu")
    # Every optimizer learns (far from chance), and the best passes the reference's bar.
    opt_final = a["beyond_opt_epoch_test_acc"][:, -1]
    assert np.all(opt_final > 0.5) and opt_final.max() > REFERENCE_ACCURACY[real_data.name]
    size = len(encode(a, {}))
    assert size < 300_000, f"the beyond keys add {size} bytes to the trace"


@pytest.mark.parametrize("name", ["beyond", "best", "best-mnist"])
def test_presets_run_through_the_cli_path(small, name):
    """Each preset builds and trains through the same function as `nnmath train --preset`."""
    from nnmath.cli import run_training
    from nnmath.presets import PRESETS

    settings = dict(PRESETS[name], epochs=2, seed=0)
    net, history = run_training(small, settings, progress=False)
    assert net.hidden == "relu" and net.output == "softmax"
    assert net.sizes[1:-1] == PRESETS[name]["hidden_sizes"]
    assert net.weights[0].dtype.name == PRESETS[name]["dtype"]
    assert len(history) == 2 and 0.3 < history[-1].test_acc <= 1.0   # chance is 0.1
    assert PRESETS["reference"]["batch_size"] == 1 and PRESETS["reference"]["hidden"] == "sigmoid"


def test_best_mnist_preset_reaches_96_percent_on_mnist_10k(mnist10k):
    """The issue's goal for mnist-10k: at least 96% on its 2,000 held-out images."""
    from nnmath.cli import run_training
    from nnmath.presets import PRESETS

    _, history = run_training(mnist10k, dict(PRESETS["best-mnist"], seed=0), progress=False)
    assert history[-1].test_acc >= 0.96


def test_best_preset_holds_the_fashion_mnist_record(fashion):
    """`--preset best` on Fashion-MNIST, all epochs (about 85 s on two cores).

    The README's record is 90.02% (two BLAS threads). float32 sums change with the
    BLAS thread count and CPU kernels by a few hundredths of a point (89.93% vs 90.00%
    after 38 epochs, one thread vs two), so this guards the record against regressions
    with half a point of room rather than pinning the last digit.
    """
    from nnmath.cli import run_training
    from nnmath.presets import PRESETS

    _, history = run_training(fashion, dict(PRESETS["best"], seed=0), progress=False)
    assert history[-1].test_acc >= 0.895


# ------------------------------------------------------------- the minibatch loop's options

def test_hflip_and_shift_augmentation():
    from nnmath.train import augment_batch

    rng = np.random.default_rng(0)
    imgs = rng.integers(1, 255, size=(64, 784)).astype(np.float32)
    flipped = augment_batch(imgs.copy(), ("hflip",), np.random.default_rng(5))
    same = np.all(flipped == imgs, axis=1)
    mirrored = np.all(flipped.reshape(64, 28, 28) == imgs.reshape(64, 28, 28)[:, :, ::-1],
                      axis=(1, 2))
    assert np.all(same | mirrored) and 10 < mirrored.sum() < 54
    shifted = augment_batch(imgs.copy(), ("shift",), np.random.default_rng(6)).reshape(64, 28, 28)
    seen = set()
    for out, img in zip(shifted, imgs.reshape(64, 28, 28)):
        pad = np.zeros((32, 32), np.float32)
        pad[2:30, 2:30] = img
        hits = [(dy, dx) for dy in range(5) for dx in range(5)
                if np.array_equal(out, pad[dy:dy + 28, dx:dx + 28])]
        assert len(hits) == 1
        seen.add(hits[0])
    assert len(seen) > 10
    with pytest.raises(ValueError, match="square"):
        augment_batch(np.zeros((2, 10)), ("shift",), rng)


class Snapshots:
    """A test optimizer: plain SGD that keeps a copy of the parameters after each step."""

    def __init__(self, lr):
        from nnmath.optimizers import SGD
        self.sgd = SGD(lr)
        self.after = []

    def step(self, params, grads):
        self.sgd.step(params, grads)
        self.after.append([p.copy() for p in params])


def test_parameter_average_is_the_ema_of_the_path(small):
    from nnmath.network import Network
    from nnmath.train import train_minibatch

    net = Network.create([784, 16, 10], seed=2, init="he", hidden="relu", output="softmax")
    start = [p.copy() for p in net.parameters()]
    snaps = Snapshots(0.05)
    train_minibatch(net, small.train_images[:256], small.train_labels[:256], epochs=2,
                    batch_size=32, optimizer=snaps, average=0.9, progress=False,
                    test=(small.test_images, small.test_labels))
    num = [np.zeros_like(p) for p in start]
    den = 0.0
    for k, after in enumerate(reversed(snaps.after)):     # weight 0.9 ** age
        num = [n + 0.9 ** k * p for n, p in zip(num, after)]
        den += 0.9 ** k
    ema = [n / den for n in num]
    for got, want, raw in zip(net.parameters(), ema, snaps.after[-1]):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
        assert not np.allclose(got, raw)


def test_dropout_and_weight_decay_runs_are_reproducible_and_decay_shrinks(small):
    from nnmath.network import Network
    from nnmath.optimizers import SGD
    from nnmath.train import train_minibatch

    def run(**kw):
        net = Network.create([784, 32, 10], seed=0, init="he", hidden="relu", output="softmax")
        train_minibatch(net, small.train_images, small.train_labels, epochs=2, batch_size=32,
                        optimizer=SGD(0.1), progress=False, **kw)
        return net

    a, b = run(dropout=0.3), run(dropout=0.3)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not np.array_equal(a.weights[0], run().weights[0])
    plain, decayed = run(), run(weight_decay=0.05)
    assert np.sum(decayed.weights[0] ** 2) < 0.9 * np.sum(plain.weights[0] ** 2)
    c, d = run(input_dropout=0.2), run(input_dropout=0.2)
    assert np.array_equal(c.weights[0], d.weights[0])
    assert not np.array_equal(c.weights[0], plain.weights[0])
    with pytest.raises(ValueError, match="input_dropout must be in"):
        run(input_dropout=1.0)


def test_input_dropout_masks_pixels_and_keeps_their_expectation(small):
    """The first step's weight gradient equals the one computed from the masked batch by hand."""
    from nnmath.network import Network
    from nnmath.train import to_inputs, train_minibatch

    rate = 0.25
    net = Network.create([784, 8, 10], seed=1, init="he", hidden="relu", output="softmax")
    w0 = net.weights[0].copy()
    snaps = Snapshots(1.0)
    train_minibatch(net, small.train_images[:16], small.train_labels[:16], epochs=1,
                    batch_size=16, optimizer=snaps, shuffle=False, input_dropout=rate,
                    progress=False)
    x = to_inputs(small.train_images[:16]).T
    keep = np.random.default_rng((0, 3)).random(x.T.shape, dtype=np.float32) >= rate
    xm = x * keep.T / (1 - rate)
    ref = Network.create([784, 8, 10], seed=1, init="he", hidden="relu", output="softmax")
    g = ref.backward(ref.forward(xm), np.eye(10)[small.train_labels[:16]].T)
    np.testing.assert_allclose(snaps.after[0][0], w0 - g.grad_w[0], rtol=1e-10, atol=1e-12)


def test_traces_recorded_by_record_run_carry_the_beyond_runs(real_data, tmp_path):
    """record_run adds the beyond keys and settings; load_trace requires and checks them."""
    from nnmath.errors import TraceError
    from nnmath.record import record_run
    from nnmath.trace import load_trace, save_trace

    arrays, meta = record_run(real_data, seed=0, first=2, log_points=2, curve_every=1000,
                              progress=False)
    assert meta["beyond"] == beyond_meta(arrays, 0, real_data.n_train)
    path = tmp_path / "t.npz"
    save_trace(path, arrays, meta)
    trace = load_trace(path)
    assert np.array_equal(trace["beyond_softmax_probs"], arrays["beyond_softmax_probs"])
    stripped = {k: v for k, v in arrays.items() if k != "beyond_probe_grad_norm"}
    with pytest.raises(TraceError, match="beyond_probe_grad_norm' is missing"):
        save_trace(tmp_path / "u.npz", stripped, meta)
    assert not (tmp_path / "u.npz").exists()
    with pytest.raises(TraceError, match="lacks the field 'beyond'"):
        save_trace(tmp_path / "v.npz", arrays, {k: v for k, v in meta.items() if k != "beyond"})
