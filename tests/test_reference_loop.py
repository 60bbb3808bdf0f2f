"""The fast per-sample loop against a plain transcription of the reference code.

``transcription`` below is written line by line from the video's algorithm
and does not call nnmath; the fast loop must land on the same weights to
within 1e-12 after the full 3 epochs, for both update orders.
``bench/bench_train.py`` times the fast loop against this same transcription.
"""

import numpy as np
import pytest

from nnmath.network import Network
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


@pytest.mark.parametrize("order", ["correct", "reference"])
def test_fast_loop_equals_transcription_over_three_epochs(real_data, order):
    expected, correct, mean_e = transcription(real_data.train_images, real_data.train_labels,
                                              order)
    net = Network.create(seed=0)
    history = train_per_sample(net, real_data.train_images, real_data.train_labels,
                               order=order, progress=False)
    for got, want in zip(net.parameters(), expected):
        assert np.max(np.abs(got - want)) < 1e-12
    assert [s.nr_correct for s in history] == correct
    assert np.allclose([s.mean_cost for s in history], mean_e, rtol=1e-12, atol=0)


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
