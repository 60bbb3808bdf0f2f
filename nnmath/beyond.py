"""Validation of the "Beyond" chapter's arrays in a trace (keys ``beyond_*``).

The runs that record them are ``nnmath.experiments.record_beyond``.
"""

import numpy as np

from .activations import relu, softmax
from .layout import check_layout

BEYOND_INT_KEYS = {"beyond_curve_step", "beyond_probe_step", "beyond_softmax_index",
                   "beyond_softmax_label"}


def beyond_shapes(arrays, meta):
    """The shape every ``beyond_`` key must have, from the settings in ``meta['beyond']``."""
    b = meta["beyond"]
    n_in, n_out = meta["sizes"][0], meta["sizes"][-1]
    R, O, E = len(b["loss_runs"]), len(b["optimizer_runs"]), b["epochs"]
    C = len(arrays.get("beyond_curve_step", ()))
    P = len(arrays.get("beyond_probe_step", ()))
    K = len(arrays.get("beyond_softmax_index", ()))
    H = b["hidden"]
    shapes = {"beyond_curve_step": (C,), "beyond_probe_step": (P,)}
    for prefix, runs in (("beyond_loss", R), ("beyond_opt", O)):
        shapes.update({f"{prefix}_curve_acc": (runs, C), f"{prefix}_curve_cost": (runs, C),
                       f"{prefix}_epoch_train_acc": (runs, E), f"{prefix}_epoch_test_acc": (runs, E),
                       f"{prefix}_epoch_cost": (runs, E)})
    shapes.update({
        "beyond_probe_learn_rate": (O, P), "beyond_probe_grad_norm": (O, P),
        "beyond_probe_update_norm": (O, P),
        "beyond_w_i_h": (H, n_in), "beyond_b_i_h": (H, 1), "beyond_w_h_o": (n_out, H),
        "beyond_b_h_o": (n_out, 1),
        "beyond_softmax_index": (K,), "beyond_softmax_img": (K, n_in),
        "beyond_softmax_label": (K,), "beyond_softmax_logits": (K, n_out),
        "beyond_softmax_probs": (K, n_out),
    })
    return shapes


BEYOND_META_KEYS = ("seed", "hidden", "epochs", "batch_size", "curve_every", "probe_every",
                    "decay", "loss_runs", "optimizer_runs")


def validate_beyond(arrays, meta, fail):
    """Call ``fail(key, what)`` unless the ``beyond_`` arrays are complete and consistent."""
    b = meta.get("beyond")
    if not isinstance(b, dict):
        fail("meta", "lacks the field 'beyond' (the settings of the beyond runs); "
                     "re-record the trace with `nnmath record`")
    for key in BEYOND_META_KEYS:
        if key not in b:
            fail("meta", f"field 'beyond' lacks '{key}'")
    check_layout(arrays, beyond_shapes(arrays, meta), fail,
                 int_keys=BEYOND_INT_KEYS | {"beyond_softmax_img"},
                 missing_hint="; re-record the trace with `nnmath record`")
    a = arrays
    for key in ("beyond_curve_step", "beyond_probe_step"):
        if len(a[key]) == 0:
            fail(key, "is empty")
        if np.any(np.diff(a[key]) <= 0):
            fail(key, "must be strictly increasing")
    for key in ("beyond_loss_curve_acc", "beyond_opt_curve_acc", "beyond_loss_epoch_train_acc",
                "beyond_opt_epoch_train_acc", "beyond_loss_epoch_test_acc",
                "beyond_opt_epoch_test_acc"):
        if np.any(a[key] < 0) or np.any(a[key] > 1):
            fail(key, "holds an accuracy outside [0, 1]")
    for key in ("beyond_loss_curve_cost", "beyond_opt_curve_cost", "beyond_probe_learn_rate",
                "beyond_probe_grad_norm", "beyond_probe_update_norm"):
        if np.any(a[key] < 0):
            fail(key, "holds a negative value")
    want_lr = np.array([[r["learn_rate"] / (1.0 + b["decay"] * t) for t in a["beyond_probe_step"]]
                        for r in b["optimizer_runs"]])
    if not np.allclose(a["beyond_probe_learn_rate"], want_lr, rtol=1e-12, atol=0):
        fail("beyond_probe_learn_rate", "is not learn_rate / (1 + decay * step) of each optimizer")
    names = [r["optimizer"] for r in b["optimizer_runs"]]
    if "sgd" in names:
        i = names.index("sgd")
        if not np.allclose(a["beyond_probe_update_norm"][i],
                           a["beyond_probe_learn_rate"][i] * a["beyond_probe_grad_norm"][i],
                           rtol=1e-6, atol=1e-15):
            fail("beyond_probe_update_norm", "of SGD is not learn_rate * grad_norm")
    logits, probs = a["beyond_softmax_logits"], a["beyond_softmax_probs"]
    if not np.allclose(probs, softmax(logits.T).T, rtol=1e-9, atol=1e-12):
        fail("beyond_softmax_probs", "is not the softmax of beyond_softmax_logits")
    x = a["beyond_softmax_img"].T / 255
    want = a["beyond_b_h_o"] + a["beyond_w_h_o"] @ relu(a["beyond_b_i_h"] + a["beyond_w_i_h"] @ x)
    if not np.allclose(logits, want.T, rtol=1e-9, atol=1e-12):
        fail("beyond_softmax_logits", "is not what beyond_w_i_h ... beyond_b_h_o give for "
                                      "beyond_softmax_img")
    if "test_label" in a:
        idx = a["beyond_softmax_index"]
        if np.any(idx < 0) or np.any(idx >= len(a["test_label"])):
            fail("beyond_softmax_index", "points outside the held-out set")
        if not np.array_equal(a["beyond_softmax_label"], a["test_label"][idx]):
            fail("beyond_softmax_label", "disagrees with test_label at beyond_softmax_index")
