"""The network's shapes, initialisation and forward pass, as the reference defines them."""

import numpy as np
import pytest

from nnmath.activations import sigmoid
from nnmath.network import Network


def test_reference_shapes_and_names():
    net = Network.create()
    assert net.sizes == [784, 20, 10]
    assert net.w_i_h.shape == (20, 784) and net.b_i_h.shape == (20, 1)
    assert net.w_h_o.shape == (10, 20) and net.b_h_o.shape == (10, 1)


def test_reference_init_is_the_seeded_uniform_draw_in_layer_order():
    rng = np.random.default_rng(7)
    w_i_h = rng.uniform(-0.5, 0.5, (20, 784))
    w_h_o = rng.uniform(-0.5, 0.5, (10, 20))
    net = Network.create(seed=7)
    assert np.array_equal(net.w_i_h, w_i_h) and np.array_equal(net.w_h_o, w_h_o)
    assert not net.b_i_h.any() and not net.b_h_o.any()


def test_xavier_and_he_scales():
    xav = Network.create([400, 300, 10], init="xavier", seed=1)
    limit = np.sqrt(6 / 700)
    assert np.abs(xav.weights[0]).max() <= limit and np.abs(xav.weights[0]).max() > 0.9 * limit
    he = Network.create([800, 400, 10], init="he", seed=1)
    assert he.weights[0].std() == pytest.approx(np.sqrt(2 / 800), rel=0.02)


def test_forward_on_a_small_net_matches_hand_computation():
    net = Network.create([5, 4, 3], seed=3)
    x = np.arange(5.0).reshape(5, 1) / 4
    fwd = net.forward(x)
    h = sigmoid(net.b_i_h + net.w_i_h @ x)
    o = sigmoid(net.b_h_o + net.w_h_o @ h)
    assert np.allclose(fwd.h, h) and np.allclose(fwd.o, o)
    assert fwd.h_pre.shape == (4, 1) and fwd.o_pre.shape == (3, 1)


def test_deep_forward_keeps_every_layer():
    net = Network.create([6, 5, 4, 3, 2], hidden="relu", output="softmax", init="he")
    fwd = net.forward(np.ones((6, 3)))
    assert [a.shape for a in fwd.act] == [(6, 3), (5, 3), (4, 3), (3, 3), (2, 3)]
    assert np.allclose(fwd.o.sum(axis=0), 1)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="init"):
        Network.create(init="zeros")
    with pytest.raises(ValueError, match="layer sizes"):
        Network.create([784])
