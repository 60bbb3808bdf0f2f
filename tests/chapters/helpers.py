"""Independent math the chapter tests recompute with: the sigmoid written out, the forward
pass, the weights before a recorded step, and a tight comparison."""

import importlib

import numpy as np

from nnmath.trace import Trace


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def forward(w_i_h, b_i_h, w_h_o, b_h_o, img):
    h = sigmoid(b_i_h + w_i_h @ img)
    return h, sigmoid(b_h_o + w_h_o @ h)


def weights_before(a, pos):
    return (a["step_w_i_h"][pos], a["step_b_i_h"][pos], a["step_w_h_o"][pos],
            a["step_b_h_o"][pos])


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                               rtol=1e-10, atol=1e-12)


def chapter_values(slug, trace):
    """The chapter's values module and its values for ``trace``."""
    module = importlib.import_module(f"scenes.values.{slug}")
    return module, module.values(trace)


def without_beyond(trace):
    """The trace without its beyond-the-reference runs (as an older recording would be)."""
    arrays = {k: v for k, v in trace.arrays.items() if not k.startswith("beyond_")}
    return Trace(arrays, trace.meta, trace.path)
