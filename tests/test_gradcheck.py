"""Every gradient the network uses, checked against central finite differences (float64)."""

import itertools
import warnings

import numpy as np
import pytest

from nnmath.activations import (
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime_from_output,
    softmax,
    softmax_backward,
)
from nnmath.costs import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    mse,
    mse_grad,
    output_delta,
)
from nnmath.network import Network

from finite_diff import EPS, numeric_grad, rel_err


def test_sigmoid_derivative_and_no_overflow_warning():
    x = np.linspace(-6, 6, 25)
    s = sigmoid(x)
    assert np.allclose(sigmoid_prime_from_output(s), (sigmoid(x + EPS) - sigmoid(x - EPS)) / (2 * EPS))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = sigmoid(np.array([-1000.0, -750.0, 0.0, 750.0, 1000.0]))
    assert big[0] == 0.0 and big[-1] == 1.0 and big[2] == 0.5


def test_relu_derivative_away_from_zero():
    x = np.array([-2.0, -0.3, 0.4, 3.0])
    assert np.allclose(relu_prime(x), (relu(x + EPS) - relu(x - EPS)) / (2 * EPS))


def test_softmax_is_stable_and_sums_to_one():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax(np.array([[1000.0, -1000.0], [1000.0, -1001.0]]))
    assert np.allclose(p.sum(axis=0), 1.0)
    assert np.allclose(p[:, 0], 0.5)
    assert p[0, 1] == pytest.approx(np.e / (np.e + 1))


def test_softmax_backward_against_finite_differences():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(5, 3))
    weights = rng.normal(size=(5, 3))
    analytic = softmax_backward(softmax(z), weights)
    assert rel_err(analytic, numeric_grad(lambda: np.sum(weights * softmax(z)), z)) < 1e-7


@pytest.mark.parametrize("cost, grad, probs", [
    (mse, mse_grad, False),
    (binary_cross_entropy, binary_cross_entropy_grad, False),
    (categorical_cross_entropy, categorical_cross_entropy_grad, True),
])
def test_cost_gradients(cost, grad, probs):
    rng = np.random.default_rng(2)
    o = rng.uniform(0.05, 0.95, (6, 4))
    if probs:
        o /= o.sum(axis=0)
    l = np.eye(6)[:, rng.integers(0, 6, 4)]
    assert rel_err(grad(o, l), numeric_grad(lambda: np.sum(cost(o, l)), o)) < 1e-7


def test_mse_is_the_reference_formula():
    o = np.array([[0.2], [0.9], [0.1]])
    l = np.array([[0.0], [1.0], [0.0]])
    assert mse(o, l)[0] == pytest.approx((0.04 + 0.01 + 0.01) / 3)


def test_o_minus_l_is_not_the_mse_gradient():
    rng = np.random.default_rng(3)
    o_pre = rng.normal(size=(10, 1))
    o = sigmoid(o_pre)
    l = np.eye(10)[:, [4]]
    ce = output_delta("cross_entropy", o_pre, o, l)
    true_mse = output_delta("mse", o_pre, o, l)
    numeric = numeric_grad(lambda: float(mse(sigmoid(o_pre), l)[0]), o_pre)
    assert rel_err(true_mse, numeric) < 1e-7
    assert np.allclose(true_mse, 2 / 10 * (o - l) * o * (1 - o))
    assert not np.allclose(ce, numeric)


# Each output activation with the cost whose gradient its delta rule is.
COMBOS = [
    ("sigmoid", "mse", "mse"),
    ("sigmoid", "bce", "cross_entropy"),
    ("softmax", "cce", "cross_entropy"),
    ("softmax", "mse", "mse"),
]
COST_FN = {"mse": mse, "bce": binary_cross_entropy, "cce": categorical_cross_entropy}


@pytest.mark.parametrize("hidden, combo, depth",
                         list(itertools.product(("sigmoid", "relu"), COMBOS, (1, 2, 3))))
def test_backward_matches_finite_differences(hidden, combo, depth):
    output, cost_name, rule = combo
    sizes = [5] + [4] * depth + [3]
    net = Network.create(sizes, seed=depth, init="xavier", hidden=hidden, output=output)
    rng = np.random.default_rng(10 + depth)
    for b in net.biases:
        b[...] = rng.normal(0, 0.3, b.shape)
    x = rng.normal(size=(5, 7))
    l = np.eye(3)[:, rng.integers(0, 3, 7)]
    cost = COST_FN[cost_name]

    def mean_cost():
        return float(np.mean(cost(net.forward(x).o, l)))

    grads = net.backward(net.forward(x), l, rule)
    for w, gw in zip(net.weights, grads.grad_w):
        assert rel_err(gw, numeric_grad(mean_cost, w)) < 1e-6
    for b, gb in zip(net.biases, grads.grad_b):
        assert rel_err(gb, numeric_grad(mean_cost, b)) < 1e-6
