"""Chapter 11, beyond the reference: ReLU, softmax, cross-entropy and optimizers.

The formulas are shown on real numbers of the recorded run: the last recorded
step's hidden and output pre-activations (``step_h_pre``, ``step_o_pre``)
go through ReLU and softmax. The comparison runs (sigmoid+MSE vs
ReLU+softmax+CE, and the optimizers) are shown only when the trace holds them
(keys ``beyond_*``); otherwise the chapter says they are missing and never
invents a number.
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

#: The activation/cost comparison and the optimizer race, as the trace names them.
ACTIVATION_RUNS = ("sigmoid_mse", "relu_softmax_ce")
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")


def real_logits(trace):
    """The last recorded step's real pre-activations and label: the softmax/ReLU example."""
    a = trace.arrays
    k = len(a["step_index"]) - 1
    return k, a["step_h_pre"][k, :, 0], a["step_o_pre"][k, :, 0], int(a["step_label"][k])


def example(trace):
    """ReLU of real hidden pre-activations; sigmoid vs softmax of real output logits; CE."""
    k, h_pre, z, label = real_logits(trace)
    p = softmax(z[:, None])[:, 0]
    s = sigmoid(z)
    return {
        "step": int(trace.arrays["step_index"][k]),
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


def comparison_keys(trace):
    """The ``beyond_*`` keys of the trace (empty for a trace recorded without them)."""
    return sorted(k for k in trace.arrays if k.startswith("beyond_"))


def comparison(trace):
    """The comparison runs when the trace holds them, else None."""
    keys = comparison_keys(trace)
    if not keys:
        return None
    return {k[len("beyond_"):]: np.asarray(trace[k]).tolist() for k in keys}


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


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    ex, names = v["example"], v["class_names"]
    lines = [
        ("relu", (f"ReLU keeps positive inputs and zeroes the rest: of the {fmt_int(ex['n_hid'])} "
                 f"real hidden pre-activations of step {fmt_int(ex['step'])}, "
                 f"{fmt_int(ex['n_relu_zero'])} would become zero.")),
        ("softmax", (f"Softmax turns the output logits into probabilities that add up to one; the "
                    f"sigmoid outputs of the same logits add up to {fmt(ex['sigmoid_sum'], 2)}.")),
        ("ce", (f"Cross-entropy is minus the log of the probability of the label, "
               f"{names[ex['label']]}: {fmt(ex['ce'], 3)}; its gradient is p minus l, the o minus "
               f"l the reference already uses.")),
    ]
    if v["has_runs"]:
        lines.append(("race", "Trained on the same data, the runs compare as follows."))
    else:
        lines.append(("missing", ("This trace holds no comparison runs, so none are shown: "
                                 "re-record it with nnmath record to add them.")))
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    ex = v["example"]
    rows = [
        ("softmax example: recorded step", fmt_int(ex["step"])),
        ("sum of sigmoid outputs / of softmax", (f"{fmt(ex['sigmoid_sum'], 3)} / "
                                                f"{fmt(ex['softmax_sum'], 3)}")),
        ("cross-entropy of the example", fmt(ex["ce"], 4)),
        ("reference held-out accuracy", fmt_pct(v["reference_final_test_acc"])),
    ]
    if not v["has_runs"]:
        rows.append(("comparison runs", v["missing_note"]))
    return rows
