"""The readable loop (``nnmath.reference``) and the fast one against a plain transcription.

``transcription`` below is written line by line from the video's algorithm
and does not call nnmath: it is the oracle. ``nnmath.reference.train`` and the
fast ``train_per_sample`` must both land on its weights to within 1e-12 after
the full 3 epochs, for both update orders. ``bench/bench_train.py`` times the
fast loop against ``nnmath.reference``.
"""

import numpy as np
import pytest

from nnmath import reference
from nnmath.network import Network
from nnmath.record import Recorder
from nnmath.train import train_minibatch, train_per_sample


def transcription(train_images, train_labels, order, seed=0, epochs=3, delta="o-l"):
    """The reference code; returns the final parameters, nr_correct and mean e per epoch."""
    rng = np.random.default_rng(seed)
    w_i_h = rng.uniform(-0.5, 0.5, (20, 784))
    w_h_o = rng.uniform(-0.5, 0.5, (10, 20))
    b_i_h = np.zeros((20, 1))
    b_h_o = np.zeros((10, 1))
    learn_rate = 0.01
    images = train_images.astype(np.float64) / 255
    labels = np.eye(10)[train_labels]
    nr_correct_per_epoch, mean_e_per_epoch = [], []
    for epoch in range(epochs):
        nr_correct = 0
        e_sum = 0.0
        for img, l in zip(images, labels):
            img = img.reshape(784, 1)
            l = l.reshape(10, 1)
            h_pre = b_i_h + w_i_h @ img
            h = 1 / (1 + np.exp(-h_pre))
            o_pre = b_h_o + w_h_o @ h
            o = 1 / (1 + np.exp(-o_pre))
            e = 1 / len(o) * np.sum((o - l) ** 2, axis=0)
            e_sum += float(e[0])
            nr_correct += int(np.argmax(o) == np.argmax(l))
            if delta == "o-l":
                delta_o = o - l
            else:
                delta_o = 2 / len(o) * (o - l) * o * (1 - o)
            if order == "correct":
                delta_h = np.transpose(w_h_o) @ delta_o * (h * (1 - h))
            w_h_o += -learn_rate * delta_o @ np.transpose(h)
            b_h_o += -learn_rate * delta_o
            if order == "reference":
                delta_h = np.transpose(w_h_o) @ delta_o * (h * (1 - h))
            w_i_h += -learn_rate * delta_h @ np.transpose(img)
            b_i_h += -learn_rate * delta_h
        nr_correct_per_epoch.append(nr_correct)
        mean_e_per_epoch.append(e_sum / len(images))
    return [w_i_h, b_i_h, w_h_o, b_h_o], nr_correct_per_epoch, mean_e_per_epoch


@pytest.fixture(scope="module", params=["correct", "reference"])
def oracle(request, real_data):
    """The transcription's 3 epochs on the real data set, for one update order."""
    order = request.param
    return order, transcription(real_data.train_images, real_data.train_labels, order)


def test_readable_loop_equals_transcription_over_three_epochs(real_data, oracle):
    order, (expected, correct, mean_e) = oracle
    images, labels = reference.get_data(real_data.train_images, real_data.train_labels)
    params = reference.init_parameters(seed=0)
    got_correct, got_mean_e = reference.train(images, labels, *params, order=order)
    for got, want in zip(params, expected):
        assert np.max(np.abs(got - want)) < 1e-12
    assert got_correct == correct
    assert np.allclose(got_mean_e, mean_e, rtol=1e-12, atol=0)


def test_fast_loop_equals_transcription_over_three_epochs(real_data, oracle):
    order, (expected, correct, mean_e) = oracle
    net = Network.create(seed=0)
    history = train_per_sample(net, real_data.train_images, real_data.train_labels,
                               order=order, progress=False)
    for got, want in zip(net.parameters(), expected):
        assert np.max(np.abs(got - want)) < 1e-12
    assert [s.nr_correct for s in history] == correct
    assert np.allclose([s.mean_cost for s in history], mean_e, rtol=1e-12, atol=0)


def test_readable_loop_runs_as_a_command(mnist10k, capsys):
    _, correct, _ = transcription(mnist10k.train_images, mnist10k.train_labels, "correct")
    from conftest import data_dir

    assert reference.main(["--dataset", "mnist-10k", "--data-dir", data_dir(), "--epochs", "1",
                           "--order", "correct"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Acc: {round(correct[0] / mnist10k.n_train * 100, 2)}%"
    assert out[1].startswith("held-out accuracy: ")


def test_readable_loop_command_without_data_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NNMATH_DATA", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("nnmath.data.SYSTEM_DATA_DIR", tmp_path / "none")
    assert reference.main(["--dataset", "fashion-mnist", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_readable_loop_starts_from_the_networks_seeded_weights():
    for got, want in zip(reference.init_parameters(seed=3), Network.create(seed=3).parameters()):
        assert np.array_equal(got, want)


def test_recorded_steps_are_the_readable_loops_tensors(real_data):
    """Steps at block edges (the fast loop defers updates within blocks of 16), the first
    and the last of each epoch: their tensors and starting weights, recomputed by running
    nnmath.reference up to that step and taking one more step by the video's equations."""
    x, y = real_data.train_images[:100], real_data.train_labels[:100]
    steps = [0, 1, 15, 16, 17, 31, 32, 99, 100, 101, 116, 199]
    recorder = Recorder(steps, curve_every=0)
    train_per_sample(Network.create(seed=2), x, y, epochs=2, hook=recorder, progress=False)
    assert [s for s, _ in recorder.steps] == steps
    images, labels = reference.get_data(np.concatenate([x, x]), np.concatenate([y, y]))
    for step, got in recorder.steps:
        w_i_h, b_i_h, w_h_o, b_h_o = reference.init_parameters(seed=2)
        if step:
            reference.train(images[:step], labels[:step], w_i_h, b_i_h, w_h_o,
                            b_h_o, epochs=1)
        img, l = images[step][:, None], labels[step][:, None]
        h_pre = b_i_h + w_i_h @ img
        h = 1 / (1 + np.exp(-h_pre))
        o_pre = b_h_o + w_h_o @ h
        o = 1 / (1 + np.exp(-o_pre))
        delta_o = o - l
        delta_h = w_h_o.T @ delta_o * (h * (1 - h))
        want = {"img": img, "l": l, "h_pre": h_pre, "h": h, "o_pre": o_pre, "o": o,
                "delta_o": delta_o, "delta_h": delta_h, "w_i_h": w_i_h, "b_i_h": b_i_h,
                "w_h_o": w_h_o, "b_h_o": b_h_o, "e": float(np.mean((o - l) ** 2))}
        assert (got["epoch"], got["sample"], got["label"]) == (step // 100 + 1, step % 100,
                                                                y[step % 100])
        for key, value in want.items():
            assert np.shape(got[key]) == np.shape(value), (step, key)
            assert np.max(np.abs(np.asarray(got[key]) - value)) < 1e-12, (step, key)


def test_curve_windows_count_the_hits_and_costs_of_their_samples(real_data):
    x, y = real_data.train_images[:250], real_data.train_labels[:250]
    net = Network.create(seed=1)
    recorder = Recorder([], curve_every=50)
    history = train_per_sample(net, x, y, epochs=2, hook=recorder, progress=False)
    steps = [s for s, _, _ in recorder.curve]
    assert steps == [49, 99, 149, 199, 249, 299, 349, 399, 449, 499]
    # every window is 50 samples of one epoch, so 5 windows add up to each epoch's figures
    for k, stats in enumerate(history):
        window = recorder.curve[5 * k:5 * k + 5]
        assert sum(round(acc * 50) for _, acc, _ in window) == stats.nr_correct
        assert np.isclose(sum(e for _, _, e in window) / 5, stats.mean_cost, rtol=1e-12)


def test_orders_differ(real_data):
    a = Network.create(seed=0)
    b = Network.create(seed=0)
    x, y = real_data.train_images[:500], real_data.train_labels[:500]
    train_per_sample(a, x, y, epochs=1, order="correct", progress=False)
    train_per_sample(b, x, y, epochs=1, order="reference", progress=False)
    assert np.max(np.abs(a.w_i_h - b.w_i_h)) > 1e-6


def test_true_mse_gradient_rule_equals_transcription(real_data):
    x, y = real_data.train_images[:1000], real_data.train_labels[:1000]
    expected, _, _ = transcription(x, y, "correct", epochs=1, delta="mse")
    net = Network.create(seed=0)
    train_per_sample(net, x, y, epochs=1, delta_rule="mse", progress=False)
    for got, want in zip(net.parameters(), expected):
        assert np.max(np.abs(got - want)) < 1e-12


def test_per_sample_loop_equals_generic_backprop_with_batch_one(real_data):
    """Two independent code paths: the fast loop and Network.backward + SGD."""
    x, y = real_data.train_images[:300], real_data.train_labels[:300]
    fast = Network.create(seed=4)
    generic = Network.create(seed=4)
    train_per_sample(fast, x, y, epochs=2, progress=False)
    train_minibatch(generic, x, y, epochs=2, batch_size=1, shuffle=False, progress=False)
    for a, b in zip(fast.parameters(), generic.parameters()):
        assert np.max(np.abs(a - b)) < 1e-12


def test_other_layer_sizes_work():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (50, 5), dtype=np.uint8)
    labels = rng.integers(0, 3, 50)
    net = Network.create([5, 4, 3], seed=1)
    before = net.w_i_h.copy()
    history = train_per_sample(net, images, labels, epochs=2, learn_rate=0.1, progress=False)
    assert len(history) == 2 and not np.array_equal(before, net.w_i_h)
