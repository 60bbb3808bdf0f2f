"""The beyond pieces' gradients against central finite differences (float64).

ReLU hidden layers, the softmax + categorical cross-entropy output (whose
combined gradient is ``softmax - onehot``), the L2 term and inverted dropout:
each analytic gradient the training loop uses is compared with the numerical
derivative of the cost it claims to minimise, computed independently here.
"""

import numpy as np
import pytest

from nnmath.activations import relu, softmax, softmax_backward
from nnmath.costs import categorical_cross_entropy, categorical_cross_entropy_grad, output_delta
from nnmath.network import Network
from nnmath.train import add_weight_decay, l2_penalty

from finite_diff import numeric_grad, rel_err


def batch(n_in=6, n_out=4, n=5, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_in, n))
    labels = rng.integers(0, n_out, size=n)
    return x, np.eye(n_out)[labels].T


def mean_cce_by_hand(net, x, l, dropout_seed=None, rate=0.0):
    """The mean cross-entropy of a ReLU/softmax net, written out without nnmath's forward."""
    a = x
    rng = np.random.default_rng(dropout_seed) if rate else None
    for k, (w, b) in enumerate(zip(net.weights, net.biases)):
        z = w @ a + b
        if k < len(net.weights) - 1:
            a = np.maximum(z, 0.0)
            if rate:
                keep = rng.random(a.shape) >= rate
                a = a * keep / (1 - rate)
        else:
            e = np.exp(z - z.max(axis=0))
            p = e / e.sum(axis=0)
    return float(np.mean(-np.sum(l * np.log(p), axis=0)))


def test_softmax_cce_combined_gradient_is_p_minus_onehot():
    rng = np.random.default_rng(1)
    z = rng.normal(scale=3.0, size=(7, 4))
    l = np.eye(7)[[0, 3, 6, 3]].T
    delta = output_delta("cross_entropy", z, softmax(z), l, activation="softmax")
    num = numeric_grad(lambda: float(np.sum(categorical_cross_entropy(softmax(z), l))), z)
    assert rel_err(delta, num) < 1e-7
    np.testing.assert_allclose(delta, softmax(z) - l, atol=1e-15)
    # The chain through the separate pieces (dCCE/dp, then the softmax Jacobian) agrees too.
    p = softmax(z)
    chained = softmax_backward(p, categorical_cross_entropy_grad(p, l))
    np.testing.assert_allclose(chained, delta, atol=1e-12)


@pytest.mark.parametrize("sizes", [[6, 5, 4], [6, 8, 5, 4]])
def test_relu_softmax_network_gradients(sizes):
    x, l = batch(sizes[0], sizes[-1])
    net = Network.create(sizes, seed=3, init="he", hidden="relu", output="softmax")
    for b in net.biases:
        b += 0.05                                   # nonzero biases are checked too
    g = net.backward(net.forward(x), l, "cross_entropy")
    for k in range(len(net.weights)):
        num_w = numeric_grad(lambda: mean_cce_by_hand(net, x, l), net.weights[k])
        num_b = numeric_grad(lambda: mean_cce_by_hand(net, x, l), net.biases[k])
        assert rel_err(g.grad_w[k], num_w) < 1e-6, f"layer {k} weights"
        assert rel_err(g.grad_b[k], num_b) < 1e-6, f"layer {k} biases"
    # The hidden layers really are ReLU: some units are switched off in this batch.
    assert np.any(net.forward(x).act[1] == 0) and np.all(net.forward(x).act[1] >= 0)
    np.testing.assert_allclose(net.forward(x).act[1], relu(net.weights[0] @ x + net.biases[0]))


def test_l2_weight_decay_gradient():
    x, l = batch()
    net = Network.create([6, 5, 4], seed=4, init="he", hidden="relu", output="softmax")
    lam = 0.3

    def total():
        return mean_cce_by_hand(net, x, l) + lam / 2 * sum(np.sum(w ** 2) for w in net.weights)

    assert np.isclose(l2_penalty(net, lam), lam / 2 * sum(np.sum(w ** 2) for w in net.weights))
    g = net.backward(net.forward(x), l, "cross_entropy")
    add_weight_decay(net, g.grad_w, lam)
    for k in range(2):
        assert rel_err(g.grad_w[k], numeric_grad(total, net.weights[k])) < 1e-6
        # Biases are not decayed: their gradient is the data gradient alone.
        assert rel_err(g.grad_b[k], numeric_grad(total, net.biases[k])) < 1e-6


@pytest.mark.parametrize("rate", [0.25, 0.5])
def test_dropout_gradient_with_its_mask(rate):
    x, l = batch(n=8)
    net = Network.create([6, 9, 7, 4], seed=5, init="he", hidden="relu", output="softmax")
    fwd = net.forward(x, dropout=rate, rng=np.random.default_rng(11))
    g = net.backward(fwd, l, "cross_entropy")
    # The masks drop some units and scale the kept ones by 1 / (1 - rate).
    for m in fwd.masks:
        assert set(np.unique(m)) <= {0.0, 1 / (1 - rate)} and np.any(m == 0)
    for k in range(3):
        num = numeric_grad(lambda: mean_cce_by_hand(net, x, l, dropout_seed=11, rate=rate),
                           net.weights[k])
        assert rel_err(g.grad_w[k], num) < 1e-6, f"layer {k}"


def test_dropout_backward_through_sigmoid_uses_the_unmasked_activation():
    x, l = batch(n=6)
    net = Network.create([6, 5, 4], seed=6, init="xavier", hidden="sigmoid", output="softmax")
    fwd = net.forward(x, dropout=0.4, rng=np.random.default_rng(2))
    g = net.backward(fwd, l, "cross_entropy")

    def cost():
        h = 1 / (1 + np.exp(-(net.weights[0] @ x + net.biases[0])))
        h = h * fwd.masks[0]
        p = softmax(net.weights[1] @ h + net.biases[1])
        return float(np.mean(-np.sum(l * np.log(p), axis=0)))

    assert rel_err(g.grad_w[0], numeric_grad(cost, net.weights[0])) < 1e-6


def test_forward_without_dropout_is_unchanged():
    x, _ = batch()
    net = Network.create([6, 5, 4], seed=7, init="he", hidden="relu", output="softmax")
    fwd = net.forward(x)
    assert fwd.masks is None and fwd.raw is None
    want = softmax(net.weights[1] @ relu(net.weights[0] @ x + net.biases[0]) + net.biases[1])
    np.testing.assert_allclose(fwd.o, want, rtol=1e-14)
    with pytest.raises(ValueError, match="dropout must be in"):
        net.forward(x, dropout=1.0, rng=np.random.default_rng(0))
