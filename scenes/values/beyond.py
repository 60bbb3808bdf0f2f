"""Chapter 11, beyond the reference: ReLU, softmax, cross-entropy and optimizers.

Why a bend at all (linear layers collapse into one), then the formulas on real numbers. With
the comparison runs in the trace (keys ``beyond_*``, docs/trace.md) they are the ReLU +
softmax network's own: its hidden pre-activations and logits for its first held-out mistake,
and five optimizers training it from the same start. Without them, ReLU and softmax are
applied to the reference network's recorded pre-activations (its last recorded step), and
the chapter says the runs are missing: no number is ever invented.

Compared runs are compared like with like: the optimizers train the same network from the
same weights on the same data, each at the learning rate one rule chose (said), and runs within
``TIE_STANDARD_ERRORS`` standard errors of the best held-out accuracy (on the trace's
held-out count) are a tie. The minibatch activation runs (one change at a time) are not
shown here; :func:`loss_runs_note` tells the teacher exactly
what differs (:func:`settings_rows` reads every setting from the trace). The follow-up
video's quoted figures are a teacher note too, never drawn beside ours.
"""

import numpy as np

from nnmath.activations import relu, sigmoid, softmax
from scenes.chapters import by_slug
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_rate

#: The chapter that shows the reference network's results (its run is compared here).
RESULTS_CHAPTER = by_slug("results").title.lower()

FORMULAS = [
    r"\mathrm{ReLU}(x) = \max(0, x)",
    r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
    r"\mathrm{CE}(p, l) = -\sum_i l_i \log p_i",
    r"\frac{\partial\, \mathrm{CE}}{\partial z} = p - l",
]

#: What the chapter says when the trace lacks the comparison runs.
MISSING_NOTE = "comparison runs not in this trace: re-record with nnmath record"

#: Display names of the recorded runs (the trace names them; docs/trace.md).
RUN_TITLES = {"sigmoid_mse": "sigmoid + MSE", "relu_mse": "ReLU + MSE",
              "sigmoid_softmax_cce": "sigmoid + softmax + CE",
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
        "correct": int(np.argmax(z)) == label,
        "p_label": float(p[label]),
        "p_guess": float(p[int(np.argmax(z))]),
    }


#: Claims quoted from the reference's follow-up video (its own network and training, on the
#: full data sets), not measured here: held-out accuracy on MNIST and on Fashion-MNIST.
FOLLOW_UP_MNIST = 0.9742
FOLLOW_UP_FASHION = 0.87

#: How each run's output gradient and initial weights are named on screen.
GRADIENT_NAMES = {("cross_entropy", "sigmoid"): "o \u2212 l",
                  ("cross_entropy", "softmax"): "p \u2212 l",
                  ("mse", "sigmoid"): "true MSE"}
INIT_NAMES = {"reference": "uniform", "he": "He"}
#: A run ties the best when it is within this many standard errors of it.
TIE_STANDARD_ERRORS = 2


def standard_error(acc, n):
    """One standard error of an accuracy ``acc`` measured on ``n`` held-out images."""
    return float(np.sqrt(acc * (1.0 - acc) / n))


def settings_rows(trace, runs):
    """Chapter 9's run and the two loss runs as rows of what differs (compared like with like).

    Chapter 9: per-image SGD in file order at the reference rate, o - l, uniform weights.
    The loss runs: minibatches of ``batch_size`` (the mean gradient), shuffled, at
    ``loss_learn_rate``, with each run's output gradient and initial weights.
    """
    meta, a, bm = trace.meta, trace.arrays, trace.meta["beyond"]
    ref = {"name": "reference", "title": "our sigmoid network", "hidden": "sigmoid",
           "output": "sigmoid", "gradient": GRADIENT_NAMES[(meta["delta_rule"], "sigmoid")],
           "init": INIT_NAMES.get(meta["init"], meta["init"]),
           "step": "one image, in order", "learn_rate": float(meta["learn_rate"]),
           "test_acc": a["epoch_test_acc"].tolist()}
    rows = [ref]
    for run, r in zip(bm["loss_runs"], runs["loss"]):
        rows.append({"name": run["name"], "title": r["title"], "hidden": run["hidden"],
                     "output": run["output"],
                     "gradient": GRADIENT_NAMES[(run["delta_rule"], run["output"])],
                     "init": INIT_NAMES.get(run["init"], run["init"]),
                     "step": f"mean of {fmt_int(bm['batch_size'])}, shuffled",
                     "learn_rate": float(run["learn_rate"]), "test_acc": r["test_acc"]})
    return rows


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
    n_test = int(trace.meta["n_test"])
    best = max(r["test_acc"][-1] for r in opt)
    se = standard_error(best, n_test)
    for r in opt:
        r["tie"] = bool(best - r["test_acc"][-1] <= TIE_STANDARD_ERRORS * se + 1e-12)
    sgd = next((r for r in opt if r["name"] == "sgd"), None)
    return {
        "n_test": n_test, "se": se, "best_opt_acc": best,
        "best_relu_acc": max([best] + [r["test_acc"][-1] for r in loss
                                       if r["name"] != "sigmoid_mse"]),
        "sgd_step_first": sgd["step_size"][0] if sgd else None,
        "sgd_step_last": sgd["step_size"][-1] if sgd else None,
        "decay": float(bm["decay"]),
        "seen": seen, "total": int(seen[-1]), "epochs": int(bm["epochs"]),
        "batch_size": int(bm["batch_size"]),
        "loss": loss, "opt": opt,
        "probe_step": a["beyond_probe_step"].tolist(),
        "step_size_min": float(np.min(eff)), "step_size_max": float(np.max(eff)),
    }


def values(trace):
    """The real-number example and, if recorded, the comparison runs."""
    meta = trace.meta
    runs = comparison(trace)
    sizes = [int(n) for n in meta["sizes"]]
    return {
        "class_names": list(meta["class_names"]),
        "dataset": meta["dataset"],
        "sizes": sizes,
        "example": example(trace),
        "settings": settings_rows(trace, runs) if runs is not None else None,
        "follow_up": {"MNIST": FOLLOW_UP_MNIST, "Fashion-MNIST": FOLLOW_UP_FASHION},
        "has_runs": runs is not None,
        "runs": runs,
        "missing_note": None if runs is not None else MISSING_NOTE,
        "reference_final_test_acc": float(trace["epoch_test_acc"][-1]),
    }


def _best(runs):
    return max(runs, key=lambda r: r["test_acc"][-1])


def tie_names(runs):
    """Titles of the optimizer runs that tie the best, and of those behind it."""
    tied = [r["title"] for r in runs["opt"] if r["tie"]]
    behind = [r for r in runs["opt"] if not r["tie"]]
    return tied, behind


def _join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def loss_runs_note(v):
    """The teacher note on the minibatch activation runs the video does not show: one change
    at a time from the same start, each at the rate the rule chose."""
    ref, *rows = v["settings"]
    runs = v["runs"]
    each = "; ".join(f"{r['title']} at rate {fmt_rate(r['learn_rate'])} reaches "
                     f"{fmt_pct(r['test_acc'][-1])}" for r in rows)
    return (f"Not shown: the trace also holds {_count(len(rows))} minibatch runs ({rows[0]['step']}, "
            f"{fmt_int(runs['epochs'])} epochs, the same initial weights), one change at a time, "
            f"each at the learning rate that did best on training images held back from "
            f"training: {each}. The {RESULTS_CHAPTER} chapter's network ({ref['step']}, rate "
            f"{fmt(ref['learn_rate'], 2)}, {ref['gradient']}) reached "
            f"{fmt_pct(ref['test_acc'][-1])}.")


def tie_note(v):
    """The teacher note of the tie: step sizes, learning-rate decay and the quoted claims."""
    runs = v["runs"]
    sgd = next(r for r in runs["opt"] if r["name"] == "sgd")
    return (f"SGD's step is its learning rate, {fmt_rate(sgd['learn_rate'])}, shrinking to "
            f"{fmt(runs['sgd_step_last'], 3)} by the learning-rate decay "
            f"({fmt(runs['decay'], 3)} per step); the adaptive optimizers set their own steps "
            f"(the trace records each run's |update| / |gradient|). The reference's follow-up "
            f"video reports {fmt_pct(v['follow_up']['MNIST'], 2)} on MNIST and "
            f"{fmt_pct(v['follow_up']['Fashion-MNIST'], 0)} on Fashion-MNIST with its own "
            f"network and training: quoted, not measured here.")


def narration(v):
    """The spoken script: cue id and sentence (and a teacher note where one helps), numbers
    formatted from the values."""
    ex, names = v["example"], v["class_names"]
    where = ("the ReLU network's" if ex["source"] == "softmax_network"
             else f"step {fmt_int(ex['step'] or 0)}'s")
    lab, guess = names[ex["label"]], names[ex["guess"]]
    if ex["correct"]:
        ce_line = (f"This {lab} is guessed right, with probability {fmt(ex['p_label'], 3)} at "
                   f"its label, so cross-entropy, minus the log of that probability, is low: "
                   f"{fmt(ex['ce'], 2)}.")
    else:
        ce_line = (f"This {lab} gets only {fmt(ex['p_label'], 3)} at its label and "
                   f"{fmt(ex['p_guess'], 3)} at {guess}: a mistake, so its cross-entropy, minus "
                   f"the log of {fmt(ex['p_label'], 3)}, is high: {fmt(ex['ce'], 2)}.")
    lines = [
        ("linear", ("Without a bend between them, two layers collapse into one: a matrix times "
                    "a matrix is just one matrix.")),
        ("relu", (f"ReLU bends at zero: it keeps positive inputs and zeroes the rest; here "
                  f"{fmt_int(ex['n_relu_zero'])} of {where} {fmt_int(ex['n_hid'])} hidden "
                  f"outputs become zero.")),
        ("softmax", (f"Softmax turns the output logits into probabilities that add up to one; "
                     f"sigmoids of the same logits would add up to {fmt(ex['sigmoid_sum'], 2)}.")),
        ("ce", ce_line),
    ]
    runs = v["runs"]
    grad = "Its gradient is p minus l, the o minus l the reference already uses."
    if runs is None:
        lines.append(("grad", grad))
        lines.append(("missing", "This trace holds no comparison runs, so none are shown.",
                      f"{v['missing_note']}."))
        return lines
    lines.append(("grad", grad, loss_runs_note(v)))
    tied, behind = tie_names(runs)
    best = _best(runs["opt"])
    best_text = f"the best, {best['title']}'s {fmt_pct(best['test_acc'][-1])}"
    if behind:
        tie = (f"Each at the learning rate that did best on held-back training images, {_join(tied)} land within two standard errors "
               f"of {best_text}, a tie; "
               + _join([f"{r['title']}, at {fmt_pct(r['test_acc'][-1])}," for r in behind])
               + (" is" if len(behind) == 1 else " are") + " behind.")
    else:
        tie = (f"Each at the learning rate that did best on held-back training images, all {_count(len(tied))} land within two "
               f"standard errors of {best_text}: a tie.")
    lines += [
        ("opt_race", (f"{_count(len(runs['opt'])).capitalize()} optimizers, rules that turn "
                      f"slopes into steps, train the same ReLU network from the same start: "
                      f"SGD steps straight down the slope, momentum also keeps part of its last "
                      f"step, and Adagrad, RMSProp and Adam give each weight its own step size; "
                      f"measured on {fmt_int(runs['n_test'])} held-out images, an accuracy can "
                      f"be off by one standard error, {fmt(100 * runs['se'], 1)} points, by "
                      f"chance alone.")),
        ("tie", tie, tie_note(v)),
    ]
    return lines


def _count(n):
    """A small count as a word ("five"), as the sentences say it."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten"]
    return words[n] if n < len(words) else fmt_int(n)


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
    for run in runs["opt"]:
        rows.append((f"held-out accuracy, {run['title']}", fmt_pct(run["test_acc"][-1])))
    se = f"{fmt(100 * runs['se'], 2)} points"
    rows.append(("one standard error of a held-out accuracy", se))
    quoted = (f"{fmt_pct(v['follow_up']['MNIST'], 2)} / "
              f"{fmt_pct(v['follow_up']['Fashion-MNIST'], 0)}")
    rows.append(("follow-up video (quoted), MNIST / Fashion-MNIST", quoted))
    return rows
