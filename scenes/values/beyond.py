"""Chapter 11, beyond the reference: ReLU, softmax, cross-entropy and optimizers.

The formulas are shown on real numbers. With the comparison runs in the trace
(keys ``beyond_*``, docs/trace.md) they are the ReLU + softmax network's own:
its hidden pre-activations and logits for its first held-out mistake, and the
curves of sigmoid + MSE vs ReLU + softmax + CE and of five optimizers with
their effective step sizes. Without them, ReLU and softmax are applied to the
reference network's recorded pre-activations (its last recorded step), and
the chapter says the runs are missing: no number is ever invented.
"""

import numpy as np

from nnmath.activations import relu, sigmoid, softmax
from scenes.values.format import fmt, fmt_int, fmt_pct

FORMULAS = [
    r"\mathrm{ReLU}(x) = \max(0, x)",
    r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
    r"\mathrm{CE}(p, l) = -\sum_i l_i \log p_i",
    r"\frac{\partial\, \mathrm{CE}}{\partial z} = p - l",
]

#: What the chapter says when the trace lacks the comparison runs.
MISSING_NOTE = "comparison runs not in this trace: re-record with nnmath record"

#: Display names of the recorded runs (the trace names them; docs/trace.md).
RUN_TITLES = {"sigmoid_mse": "sigmoid + MSE", "relu_softmax_cce": "ReLU + softmax + CE",
              "sgd": "SGD", "momentum": "momentum", "adagrad": "Adagrad", "rmsprop": "RMSProp",
              "adam": "Adam"}


def has_runs(trace):
    """True when the trace holds the comparison runs (keys ``beyond_*`` and ``meta["beyond"]``)."""
    return "beyond" in trace.meta and "beyond_curve_step" in trace.arrays


def reference_example(trace):
    """The reference (sigmoid) network's real numbers: the last recorded step's pre-activations."""
    a = trace.arrays
    k = len(a["step_index"]) - 1
    return {"source": "reference", "step": int(a["step_index"][k]),
            "h_pre": a["step_h_pre"][k, :, 0], "z": a["step_o_pre"][k, :, 0],
            "label": int(a["step_label"][k]), "img": a["step_img"][k, :, 0]}


def softmax_network_example(trace):
    """The softmax network's last example (its first held-out mistake): real logits and probs."""
    a = trace.arrays
    k = len(a["beyond_softmax_index"]) - 1
    img = a["beyond_softmax_img"][k].astype(np.float64) / 255.0
    h_pre = (a["beyond_b_i_h"] + a["beyond_w_i_h"] @ img[:, None])[:, 0]
    return {"source": "softmax_network", "test_index": int(a["beyond_softmax_index"][k]),
            "h_pre": h_pre, "z": a["beyond_softmax_logits"][k],
            "p_recorded": a["beyond_softmax_probs"][k],
            "label": int(a["beyond_softmax_label"][k]), "img": img}


def example(trace):
    """ReLU of real hidden pre-activations; sigmoid and softmax of real output logits; CE."""
    src = softmax_network_example(trace) if has_runs(trace) else reference_example(trace)
    h_pre, z, label = src["h_pre"], src["z"], src["label"]
    p = src["p_recorded"] if "p_recorded" in src else softmax(z[:, None])[:, 0]
    s = sigmoid(z)
    return {
        "source": src["source"],
        "step": src.get("step"),
        "test_index": src.get("test_index"),
        "img": src["img"].tolist(),
        "label": label,
        "h_pre": h_pre.tolist(),
        "relu_h": relu(h_pre).tolist(),
        "n_relu_zero": int(np.sum(h_pre <= 0)),
        "n_hid": len(h_pre),
        "z": z.tolist(),
        "sigmoid_o": s.tolist(),
        "sigmoid_sum": float(np.sum(s)),
        "softmax_p": p.tolist(),
        "softmax_sum": float(np.sum(p)),
        "ce": float(-np.log(p[label])),
        "guess": int(np.argmax(z)),
    }


def comparison(trace):
    """The recorded comparison runs as plain numbers, or None when the trace has none."""
    if not has_runs(trace):
        return None
    a, bm = trace.arrays, trace.meta["beyond"]
    seen = (a["beyond_curve_step"] + 1).tolist()
    loss = []
    for i, run in enumerate(bm["loss_runs"]):
        loss.append({"name": run["name"], "title": RUN_TITLES.get(run["name"], run["name"]),
                     "acc": a["beyond_loss_curve_acc"][i].tolist(),
                     "test_acc": a["beyond_loss_epoch_test_acc"][i].tolist()})
    eff = a["beyond_probe_update_norm"] / a["beyond_probe_grad_norm"]
    opt = []
    for i, run in enumerate(bm["optimizer_runs"]):
        name = run["optimizer"]
        opt.append({"name": name, "title": RUN_TITLES.get(name, name),
                    "learn_rate": float(run["learn_rate"]),
                    "acc": a["beyond_opt_curve_acc"][i].tolist(),
                    "test_acc": a["beyond_opt_epoch_test_acc"][i].tolist(),
                    "step_size": eff[i].tolist()})
    return {
        "seen": seen, "total": int(seen[-1]), "epochs": int(bm["epochs"]),
        "batch_size": int(bm["batch_size"]), "loss_learn_rate": float(bm["loss_learn_rate"]),
        "loss": loss, "opt": opt,
        "probe_step": a["beyond_probe_step"].tolist(),
        "step_size_min": float(np.min(eff)), "step_size_max": float(np.max(eff)),
    }


def values(trace):
    """The real-number example and, if recorded, the comparison runs."""
    meta = trace.meta
    runs = comparison(trace)
    return {
        "class_names": list(meta["class_names"]),
        "example": example(trace),
        "has_runs": runs is not None,
        "runs": runs,
        "missing_note": None if runs is not None else MISSING_NOTE,
        "reference_final_test_acc": float(trace["epoch_test_acc"][-1]),
    }


def _best(runs):
    return max(runs, key=lambda r: r["test_acc"][-1])


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    ex, names = v["example"], v["class_names"]
    where = ("the ReLU network's" if ex["source"] == "softmax_network"
             else f"step {fmt_int(ex['step'] or 0)}'s")
    lines = [
        ("relu", (f"ReLU keeps positive inputs and zeroes the rest: of {where} "
                 f"{fmt_int(ex['n_hid'])} real hidden pre-activations, "
                 f"{fmt_int(ex['n_relu_zero'])} become zero.")),
        ("softmax", (f"Softmax turns the output logits into probabilities that add up to one; "
                    f"sigmoids of the same logits would add up to {fmt(ex['sigmoid_sum'], 2)}.")),
        ("ce", (f"Cross-entropy is minus the log of the probability of the label, "
               f"{names[ex['label']]}: {fmt(ex['ce'], 3)}. Its gradient is p minus l, the o minus "
               f"l the reference already uses.")),
    ]
    runs = v["runs"]
    if runs is None:
        lines.append(("missing", ("This trace holds no comparison runs, so none are shown: "
                                 "re-record it with nnmath record to add them.")))
        return lines
    sig_run, ce_run = runs["loss"][0], runs["loss"][-1]
    best = _best(runs["opt"])
    lines += [
        ("loss_race", (f"Trained the same way at learning rate {fmt(runs['loss_learn_rate'], 2)}, "
                      f"{sig_run['title']} reaches {fmt_pct(sig_run['test_acc'][-1])} on held-out "
                      f"images, {ce_run['title']} {fmt_pct(ce_run['test_acc'][-1])}.")),
        ("opt_race", (f"Five optimizers train the ReLU network from the same start; after "
                     f"{fmt_int(runs['epochs'])} epochs {best['title']} leads with "
                     f"{fmt_pct(best['test_acc'][-1])}.")),
        ("steps", ("The effective step size, how far the weights move per unit of gradient, is the "
                  "learning rate for SGD and adapts for the others.")),
    ]
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    ex = v["example"]
    rows = [
        ("sum of sigmoid outputs / of softmax", (f"{fmt(ex['sigmoid_sum'], 3)} / "
                                                f"{fmt(ex['softmax_sum'], 3)}")),
        ("cross-entropy of the example", fmt(ex["ce"], 4)),
        ("reference held-out accuracy", fmt_pct(v["reference_final_test_acc"])),
    ]
    runs = v["runs"]
    if runs is None:
        rows.append(("comparison runs", v["missing_note"]))
        return rows
    for run in runs["loss"] + runs["opt"]:
        rows.append((f"held-out accuracy, {run['title']}", fmt_pct(run["test_acc"][-1])))
    return rows
