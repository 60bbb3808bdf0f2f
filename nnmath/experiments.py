"""The small real training runs the video needs beside the MNIST one.

* The bias experiment: one sigmoid neuron on a 2-D point set of two classes,
  trained with and without a bias. The two classes lie along the same
  direction from the origin, so a line through the origin (no bias) cannot
  separate them and a shifted line (with bias) can.
* The one-neuron example: three inputs, the first of which is the answer,
  learning the targets ``[0, 0, 1, 1]``.

Everything is drawn from a seeded Generator, so reruns are identical.
"""

import numpy as np

from .activations import sigmoid


def two_blobs(seed=0, n_per_class=40, centers=((1.0, 1.0), (3.0, 3.0)), spread=0.45):
    """Two Gaussian point clouds, returned as points (n, 2) and labels (n,) in {0, 1}."""
    rng = np.random.default_rng(seed)
    points = np.concatenate([rng.normal(c, spread, (n_per_class, 2)) for c in centers])
    labels = np.repeat(np.arange(len(centers)), n_per_class)
    return points, labels


def train_neuron(points, labels, use_bias, iterations=600, learn_rate=0.5, seed=0, every=10):
    """Full-batch gradient descent on one sigmoid neuron with the o - l (cross-entropy) delta.

    Returns the iterations recorded (every ``every`` and the last), the weights
    ``w`` (T, 2), the bias ``b`` (T,) and the accuracy at each of them.
    The weights start from U(-0.5, 0.5) as in the reference; the bias at 0.
    """
    rng = np.random.default_rng(seed)
    w = rng.uniform(-0.5, 0.5, (1, points.shape[1]))
    b = np.zeros((1, 1))
    x = points.T
    l = labels[None, :].astype(np.float64)
    n = x.shape[1]
    its, ws, bs, accs = [], [], [], []
    for it in range(iterations + 1):
        o = sigmoid(b + w @ x)
        if it % every == 0 or it == iterations:
            its.append(it)
            ws.append(w[0].copy())
            bs.append(float(b[0, 0]))
            accs.append(float(np.mean((o[0] > 0.5) == (labels == 1))))
        if it == iterations:
            break
        delta = o - l
        w = w - learn_rate * (delta @ x.T) / n
        if use_bias:
            b = b - learn_rate * np.sum(delta, axis=1, keepdims=True) / n
    return np.array(its), np.array(ws), np.array(bs), np.array(accs)


def bias_experiment(seed=0, iterations=600, learn_rate=0.5, every=10):
    """The point set and both runs (without and with bias), as arrays named for the trace."""
    points, labels = two_blobs(seed)
    out = {"bias_x": points, "bias_y": labels.astype(np.int64)}
    for key, use_bias in (("nobias", False), ("with", True)):
        its, ws, bs, accs = train_neuron(points, labels, use_bias, iterations, learn_rate,
                                         seed, every)
        out["bias_iters"] = its
        out[f"bias_{key}_w"] = ws
        out[f"bias_{key}_b"] = bs
        out[f"bias_{key}_acc"] = accs
    return out


ONE_NEURON_INPUTS = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=np.float64)
ONE_NEURON_TARGETS = np.array([0, 0, 1, 1], dtype=np.float64)
ONE_NEURON_NEW_INPUT = np.array([1, 0, 0], dtype=np.float64)


def one_neuron(seed=0, iterations=10000, n_recorded=40):
    """A 3-input sigmoid neuron (no bias) learning ``[0, 0, 1, 1]``, the classic way.

    Each iteration: ``o = sigmoid(X @ w)``, ``w += X.T @ ((y - o) * o * (1 - o))``
    (gradient descent on half the summed squared error, step 1). Records the
    weights, outputs and mean absolute error at log-spaced iterations, and
    the answer for an input it never saw, ``[1, 0, 0]``.
    """
    rng = np.random.default_rng(seed)
    X, y = ONE_NEURON_INPUTS, ONE_NEURON_TARGETS[:, None]
    w = rng.uniform(-1.0, 1.0, (3, 1))
    recorded = set(np.unique(np.geomspace(1, iterations, n_recorded).astype(int)).tolist())
    recorded.add(0)
    its, ws, outs, errs = [], [], [], []
    for it in range(iterations + 1):
        o = sigmoid(X @ w)
        if it in recorded:
            its.append(it)
            ws.append(w[:, 0].copy())
            outs.append(o[:, 0].copy())
            errs.append(float(np.mean(np.abs(y - o))))
        if it == iterations:
            break
        w = w + X.T @ ((y - o) * o * (1.0 - o))
    return {
        "neuron_x": X, "neuron_y": ONE_NEURON_TARGETS.copy(), "neuron_iters": np.array(its),
        "neuron_w": np.array(ws), "neuron_o": np.array(outs), "neuron_err": np.array(errs),
        "neuron_new_x": ONE_NEURON_NEW_INPUT.copy(),
        "neuron_new_o": sigmoid(ONE_NEURON_NEW_INPUT @ w).reshape(1),
    }
