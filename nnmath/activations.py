"""Activation functions and their derivatives.

Vectors are columns: an array of shape ``(neurons, samples)``; a single sample
is ``(neurons, 1)`` exactly as in the reference video. Every function returns an
array of its input's shape.
"""

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x), the reference formula, without overflow warnings.

    For x << 0, e^-x overflows to inf and 1 / inf is exactly 0, which is the
    right limit, so the overflow is silenced rather than worked around.
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def sigmoid_of_negated(neg_z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """sigmoid(z) written into ``out`` from ``neg_z`` = -z, with no new array: the fast
    loop's sigmoid (it keeps its weights negated, so -z is what it has)."""
    np.exp(neg_z, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def sigmoid_prime_from_output(s: np.ndarray) -> np.ndarray:
    """The derivative of sigmoid written with its output s: s * (1 - s)."""
    return s * (1.0 - s)


def relu(x: np.ndarray) -> np.ndarray:
    """max(0, x)."""
    return np.maximum(x, 0.0)


def relu_prime(x: np.ndarray) -> np.ndarray:
    """1 where x > 0, else 0 (the subgradient 0 is taken at x == 0)."""
    return (x > 0).astype(np.result_type(x, np.float32))


def softmax(z: np.ndarray) -> np.ndarray:
    """Column-wise softmax, shifted by the column maximum so exp never overflows."""
    shifted = z - np.max(z, axis=0, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_backward(s: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """Vector-Jacobian product of softmax: given s = softmax(z) and dC/ds, return dC/dz."""
    return s * (grad - np.sum(grad * s, axis=0, keepdims=True))


ACTIVATIONS = ("sigmoid", "relu", "softmax", "identity")


def activate(name: str, z: np.ndarray) -> np.ndarray:
    """Apply the activation called ``name`` to pre-activations z."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "relu":
        return relu(z)
    if name == "softmax":
        return softmax(z)
    if name == "identity":
        return z
    raise ValueError(f"unknown activation {name!r}; choose one of {ACTIVATIONS}")


def activation_backward(name: str, z: np.ndarray, a: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """dC/dz from dC/da for the activation ``name`` (z its input, a its output)."""
    if name == "sigmoid":
        return grad * sigmoid_prime_from_output(a)
    if name == "relu":
        return grad * relu_prime(z)
    if name == "softmax":
        return softmax_backward(a, grad)
    if name == "identity":
        return grad
    raise ValueError(f"unknown activation {name!r}; choose one of {ACTIVATIONS}")
