"""Costs per sample (one value per column) and their gradients with respect to the output.

``mse`` is the reference video's cost: the mean over the output neurons of the
squared differences, ``e = 1 / len(o) * sum((o - l) ** 2)``.

The reference trains with ``delta_o = o - l``. That is *not* the gradient of
MSE through a sigmoid (which is ``2 / n * (o - l) * o * (1 - o)``): it is the
exact gradient of binary cross-entropy through a sigmoid output, and of
categorical cross-entropy through a softmax output. :func:`output_delta` names
both rules.

Outputs ``o`` (or probabilities ``p``) and targets ``l`` are ``(outputs, samples)``;
a cost is one value per sample, ``(samples,)``; a gradient is shaped like ``o``.
"""

import numpy as np

from .activations import activation_backward

#: Smallest probability used inside logarithms, so log(0) never happens.
EPS = 1e-12


def mse(o: np.ndarray, l: np.ndarray) -> np.ndarray:
    """Mean of squared differences over the output neurons: one value per sample."""
    return np.sum((o - l) ** 2, axis=0) / o.shape[0]


def mse_grad(o: np.ndarray, l: np.ndarray) -> np.ndarray:
    """dMSE/do = 2 / n * (o - l)."""
    return 2.0 * (o - l) / o.shape[0]


def binary_cross_entropy(o: np.ndarray, l: np.ndarray) -> np.ndarray:
    """-sum(l log o + (1 - l) log(1 - o)) over the output neurons, per sample."""
    o = np.clip(o, EPS, 1.0 - EPS)
    return -np.sum(l * np.log(o) + (1.0 - l) * np.log(1.0 - o), axis=0)


def binary_cross_entropy_grad(o: np.ndarray, l: np.ndarray) -> np.ndarray:
    """dBCE/do = (o - l) / (o (1 - o)); times the sigmoid's o (1 - o) it leaves o - l."""
    o = np.clip(o, EPS, 1.0 - EPS)
    return (o - l) / (o * (1.0 - o))


def categorical_cross_entropy(p: np.ndarray, l: np.ndarray) -> np.ndarray:
    """-sum(l log p) over the classes, per sample (p a probability column, e.g. softmax)."""
    return -np.sum(l * np.log(np.clip(p, EPS, 1.0)), axis=0)


def categorical_cross_entropy_grad(p: np.ndarray, l: np.ndarray) -> np.ndarray:
    """dCCE/dp = -l / p; through a softmax the product simplifies to p - l."""
    return -l / np.clip(p, EPS, 1.0)


COSTS = {
    "mse": (mse, mse_grad),
    "bce": (binary_cross_entropy, binary_cross_entropy_grad),
    "cce": (categorical_cross_entropy, categorical_cross_entropy_grad),
}

#: Output-delta rules: ``cross_entropy`` is the reference's ``o - l``;
#: ``mse`` is the true gradient of the MSE cost through the output activation.
DELTA_RULES = ("cross_entropy", "mse")


def cost(name: str, o: np.ndarray, l: np.ndarray) -> np.ndarray:
    """The cost called ``name`` per sample."""
    try:
        return COSTS[name][0](o, l)
    except KeyError:
        raise ValueError(f"unknown cost {name!r}; choose one of {sorted(COSTS)}") from None


def output_delta(rule: str, o_pre: np.ndarray, o: np.ndarray, l: np.ndarray,
                 activation: str = "sigmoid") -> np.ndarray:
    """dC/do_pre at the output layer.

    ``cross_entropy``: ``o - l``, exact for sigmoid + binary cross-entropy and for
    softmax + categorical cross-entropy (the reference video's "trick").
    ``mse``: ``2 / n * (o - l)`` times the output activation's derivative.
    """
    if rule == "cross_entropy":
        if activation not in ("sigmoid", "softmax"):
            raise ValueError("the o - l rule is the cross-entropy gradient only for sigmoid or softmax")
        return o - l
    if rule == "mse":
        return activation_backward(activation, o_pre, o, mse_grad(o, l))
    raise ValueError(f"unknown delta rule {rule!r}; choose one of {DELTA_RULES}")
