"""The equations a trace's numbers must satisfy: each recorded value follows from the others.

Run after :mod:`nnmath.schema` has checked keys, types, shapes and ranges, so
every index and product here is in bounds. ``check_run`` covers the reference
run (forward pass, cost, deltas, updates, accuracies, inference outputs);
``check_beyond`` the beyond runs (learning-rate decay, SGD's step, softmax,
the softmax network's logits).
"""

import numpy as np

from .activations import relu, sigmoid, softmax
from .costs import mse


def _tolerance(dtype):
    return (1e-4, 1e-5) if np.dtype(dtype) == np.float32 else (1e-9, 1e-12)


def check(arrays, meta, fail):
    """``fail(key, what)`` at the first equation the trace's numbers break."""
    with np.errstate(all="ignore"):
        check_run(arrays, meta, fail)
        check_beyond(arrays, meta, fail)


def _close(a, b, dtype):
    rtol, atol = _tolerance(dtype)
    return np.allclose(a, b, rtol=rtol, atol=atol)


def check_run(a, meta, fail):
    """The recorded numbers must follow from each other by the network's equations."""
    dt = a["w_i_h"].dtype
    lr = meta["learn_rate"]
    n_train, n_out = meta["n_train"], meta["sizes"][2]
    idx = a["step_index"]
    if not np.array_equal(a["step_l"][:, :, 0], np.eye(n_out)[a["step_label"]]):
        fail("step_l", "is not the one-hot vector of step_label")
    pre_h = a["step_b_i_h"] + a["step_w_i_h"] @ a["step_img"]
    if not _close(a["step_h_pre"], pre_h, dt):
        fail("step_h_pre", "is not b_i_h + w_i_h @ img of the recorded weights")
    if not _close(a["step_h"], sigmoid(a["step_h_pre"]), dt):
        fail("step_h", "is not sigmoid(step_h_pre)")
    pre_o = a["step_b_h_o"] + a["step_w_h_o"] @ a["step_h"]
    if not _close(a["step_o_pre"], pre_o, dt):
        fail("step_o_pre", "is not b_h_o + w_h_o @ h of the recorded weights")
    o, l = a["step_o"], a["step_l"]
    if not _close(o, sigmoid(a["step_o_pre"]), dt):
        fail("step_o", "is not sigmoid(step_o_pre)")
    if not _close(a["step_e"], mse(o[:, :, 0].T, l[:, :, 0].T), dt):
        fail("step_e", "is not the MSE of step_o and step_l")
    if meta["delta_rule"] == "cross_entropy":
        want_delta_o = o - l
    else:
        want_delta_o = 2.0 / n_out * (o - l) * o * (1 - o)
    if not _close(a["step_delta_o"], want_delta_o, dt):
        fail("step_delta_o", f"does not follow the '{meta['delta_rule']}' rule from o and l")
    h, d_o = a["step_h"], a["step_delta_o"]
    w_h_o_used = a["step_w_h_o"]
    if meta["order"] == "reference":
        w_h_o_used = w_h_o_used - lr * d_o @ np.swapaxes(h, 1, 2)
    want_delta_h = np.swapaxes(w_h_o_used, 1, 2) @ d_o * (h * (1 - h))
    if not _close(a["step_delta_h"], want_delta_h, dt):
        fail("step_delta_h", f"is not w_h_o.T @ delta_o * h * (1 - h) in the '{meta['order']}' order")

    def after(pos):
        """The parameters after step ``pos``, by the update rule from its recorded deltas."""
        d_h, img = a["step_delta_h"][pos], a["step_img"][pos]
        return {"w_i_h": a["step_w_i_h"][pos] - lr * d_h @ img.T,
                "b_i_h": a["step_b_i_h"][pos] - lr * d_h,
                "w_h_o": a["step_w_h_o"][pos] - lr * d_o[pos] @ h[pos].T,
                "b_h_o": a["step_b_h_o"][pos] - lr * d_o[pos]}

    for pos in np.flatnonzero(np.diff(idx) == 1):
        for key, value in after(pos).items():
            if not _close(a[f"step_{key}"][pos + 1], value, dt):
                fail(f"step_{key}", f"at step {idx[pos + 1]} does not follow from step "
                                    f"{idx[pos]} by the update rule")
    if idx[0] == 0:
        for key in ("w_i_h", "b_i_h", "w_h_o", "b_h_o"):
            if not np.array_equal(a[f"step_{key}"][0], a[f"{key}_init"]):
                fail(f"step_{key}", "at step 0 differs from the initial weights")
    if idx[-1] == meta["epochs"] * n_train - 1:
        for key, value in after(len(idx) - 1).items():
            if not _close(a[key], value, dt):
                fail(key, "does not follow from the last recorded step by the update rule")
    if not np.array_equal(a["epoch_train_acc"], a["epoch_nr_correct"] / n_train):
        fail("epoch_train_acc", "is not epoch_nr_correct / n_train")
    if not _close(a["epoch_test_acc"][-1], np.mean(a["test_pred"] == a["test_label"]), dt):
        fail("epoch_test_acc", "of the last epoch disagrees with test_pred and test_label")
    final_o = sigmoid(a["b_h_o"] + a["w_h_o"] @ sigmoid(a["b_i_h"] + a["w_i_h"] @ a["infer_img"]))
    if not _close(a["infer_o"], final_o, dt):
        fail("infer_o", "is not the final network's output for infer_img")
    if not np.array_equal(np.argmax(a["infer_o"][:, :, 0], axis=1), a["test_pred"][a["infer_index"]]):
        fail("infer_o", "disagrees with test_pred at infer_index")
    if not np.array_equal(a["infer_label"], a["test_label"][a["infer_index"]]):
        fail("infer_label", "disagrees with test_label at infer_index")


def check_beyond(a, meta, fail):
    """The beyond runs' recorded numbers follow from each other."""
    b = meta["beyond"]
    grid = np.array(b["rate_rule"]["grid"])
    for key, runs in (("beyond_loss_grid_val_acc", b["loss_runs"]),
                      ("beyond_opt_grid_val_acc", b["optimizer_runs"])):
        for run, accs in zip(runs, a[key]):
            if np.all(np.isnan(accs)) or run["learn_rate"] != grid[int(np.nanargmax(accs))]:
                fail(key, f"does not pick the learn_rate of meta['beyond'] run "
                          f"{run.get('name', run.get('optimizer'))!r} (the rule: the grid "
                          f"rate with the highest validation accuracy)")
    for run, dead in zip(b["loss_runs"], a["beyond_loss_dead_hidden"]):
        if run["hidden"] != "relu" and dead:
            fail("beyond_loss_dead_hidden", f"counts never-firing sigmoid neurons in run "
                                            f"{run['name']!r} (a sigmoid is never 0)")
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
    idx = a["beyond_softmax_index"]
    if not np.array_equal(a["beyond_softmax_label"], a["test_label"][idx]):
        fail("beyond_softmax_label", "disagrees with test_label at beyond_softmax_index")
