"""Central finite differences, the independent side of every gradient check."""

import numpy as np

EPS = 1e-6


def numeric_grad(f, x):
    """dF/dx by central differences, one coordinate at a time (F returns a scalar)."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + EPS
        up = f()
        x[i] = old - EPS
        down = f()
        x[i] = old
        g[i] = (up - down) / (2 * EPS)
    return g


def rel_err(a, b):
    """Largest absolute difference, relative to the larger of the two gradients."""
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-8)
