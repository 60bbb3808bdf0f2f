"""ReLU and softmax: what each changes in our network, and whether it helps.

Why a bend at all (linear layers collapse into one), then the two changes on real numbers:
ReLU on a trained ReLU network's hidden pre-activations, softmax and cross-entropy on its
logits for its first held-out mistake (the trace's ``beyond_softmax_*``, docs/trace.md), and
the gradient p - l. Then the fair comparison (``meta["beyond"]["loss_runs"]``): one baseline,
the video's own network (sigmoid hidden and output neurons stepping along o - l, down the
log cost C, as every other chapter), and one change at a time, ReLU for the hidden sigmoid,
softmax + cross-entropy for the sigmoid outputs. Every run starts from the same weights and
sees the same images in the same order; each gets its own learning rate by one rule (the
best of one grid on training images kept aside, never the held-out ones: :func:`rate_note`).
A change is said to help or hurt only when the gap between its final held-out accuracy and
the baseline's is more than ``TIE_STANDARD_ERRORS`` standard errors of that gap,
sqrt(p1 (1 - p1) / n + p2 (1 - p2) / n) on the trace's held-out count (:func:`gap_noise`); a
smaller gap is "within the noise", a tie. How each curve starts and ends against the
baseline's (:func:`pace`) is read from the runs' online accuracy in the first and last epoch,
by the same rule on the training count. Then one caveat, from the trace: how many of the
ReLU run's hidden neurons ended up "dead" (zero on every held-out image,
``beyond_loss_dead_hidden``), and that the verdicts hold for this small network only.
Without the runs (an older trace), ReLU and softmax are applied to the reference network's
recorded pre-activations and the chapter says the runs are missing: no number is ever
invented.
"""

import math

import numpy as np

from nnmath.activations import relu, sigmoid, softmax
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_rate

FORMULAS = [
    r"\mathrm{ReLU}(x) = \max(0, x)",
    r"\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
    r"\mathrm{CE}(p, l) = -\sum_i l_i \log p_i",
    r"\frac{\partial\, \mathrm{CE}}{\partial z} = p - l",
]

#: What the chapter says when the trace lacks the comparison runs.
MISSING_NOTE = "comparison runs not in this trace: re-record with nnmath record"

#: The baseline run (the video's network) and the changes, in the trace's order.
BASELINE = "sigmoid_log_cost"
#: Each run as the legend names it (what changed) and as the sentences say it.
RUN_LEGEND = {"sigmoid_log_cost": "ours: sigmoid, log cost C",
              "relu_log_cost": "ReLU hidden layer",
              "sigmoid_softmax_cce": "softmax + cross-entropy"}
RUN_SPOKEN = {"sigmoid_log_cost": "ours", "relu_log_cost": "ReLU",
              "sigmoid_softmax_cce": "softmax"}

#: Two accuracies whose gap is within this many standard errors of the gap are a tie.
TIE_STANDARD_ERRORS = 2


def standard_error(acc, n):
    """One standard error of an accuracy ``acc`` measured on ``n`` images."""
    return float(np.sqrt(acc * (1.0 - acc) / n))


def gap_standard_error(acc, base, n):
    """The standard error of the gap ``acc - base`` between two accuracies, each measured on
    ``n`` images: sqrt(p1 (1 - p1) / n + p2 (1 - p2) / n), about sqrt(2) times one score's.
    Both scores are noisy, so the gap is noisier than either."""
    return float(np.sqrt(standard_error(acc, n) ** 2 + standard_error(base, n) ** 2))


def gap_noise(acc, base, n):
    """How far apart two accuracies on ``n`` images may be by luck alone:
    ``TIE_STANDARD_ERRORS`` standard errors of their gap."""
    return TIE_STANDARD_ERRORS * gap_standard_error(acc, base, n)


def compare(acc, base, n):
    """"better", "worse" or "tie": ``acc`` against ``base``, both counted on ``n`` images,
    a tie when the gap is within :func:`gap_noise` (two standard errors of the gap)."""
    noise = gap_noise(acc, base, n)
    if acc - base > noise + 1e-12:
        return "better"
    if base - acc > noise + 1e-12:
        return "worse"
    return "tie"


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


def pace(run, base, n_train):
    """How ``run``'s curve goes against the baseline's: ``(start, end)``, each "behind",
    "level" or "ahead", from the online accuracy of the first and of the last epoch (each
    counted on ``n_train`` images), by :func:`compare`'s rule."""
    word = {"worse": "behind", "tie": "level", "better": "ahead"}
    return (word[compare(run["train_acc"][0], base["train_acc"][0], n_train)],
            word[compare(run["train_acc"][-1], base["train_acc"][-1], n_train)])


def comparison(trace):
    """The recorded comparison runs as plain numbers, or None when the trace has none."""
    if not has_runs(trace):
        return None
    a, meta, bm = trace.arrays, trace.meta, trace.meta["beyond"]
    n_test, n_train = int(meta["n_test"]), int(meta["n_train"])
    seen = (a["beyond_curve_step"] + 1).tolist()
    rule = bm["rate_rule"]
    runs = []
    for i, run in enumerate(bm["loss_runs"]):
        grid_acc = a["beyond_loss_grid_val_acc"][i]
        runs.append({
            "name": run["name"],
            "legend": RUN_LEGEND.get(run["name"], run["name"]),
            "spoken": RUN_SPOKEN.get(run["name"], run["name"]),
            "hidden": run["hidden"], "output": run["output"], "cost": run["cost"],
            "learn_rate": float(run["learn_rate"]),
            "acc": a["beyond_loss_curve_acc"][i].tolist(),
            "train_acc": a["beyond_loss_epoch_train_acc"][i].tolist(),
            "test_acc": a["beyond_loss_epoch_test_acc"][i].tolist(),
            "final": float(a["beyond_loss_epoch_test_acc"][i, -1]),
            # NaN (the run blew up at that rate) becomes None: no accuracy to draw
            "grid_acc": [None if math.isnan(x) else float(x) for x in grid_acc],
            "best_rate_index": int(np.nanargmax(grid_acc)),
            "dead": int(a["beyond_loss_dead_hidden"][i]),
        })
    base = next(r for r in runs if r["name"] == BASELINE)
    for r in runs:
        r["verdict"] = "base" if r is base else compare(r["final"], base["final"], n_test)
        r["pace"] = None if r is base else pace(r, base, n_train)
        r["noise"] = None if r is base else gap_noise(r["final"], base["final"], n_test)
        r["low"] = None if r is base else base["final"] - r["noise"]
        r["high"] = None if r is base else base["final"] + r["noise"]
    changes = [r for r in runs if r is not base]
    verdicts = verdict_clauses(changes)
    # the gaps' noises as said (one decimal), each said once, smallest first
    said_noise = list(dict.fromkeys(fmt(100 * x, 1) for x in sorted(r["noise"] for r in changes)))
    relu_run = next((r for r in changes if r["hidden"] == "relu"), None)
    return {
        "n_test": n_test, "n_train": n_train, "seen": seen,
        # the plot spans all the training (a last window shorter than the others is not drawn)
        "total": max(int(seen[-1]), n_train * int(bm["epochs"])),
        "epochs": int(bm["epochs"]), "batch_size": int(bm["batch_size"]),
        "sizes": [int(meta["sizes"][0]), int(bm["hidden"]), int(meta["sizes"][-1])],
        "epoch_ends": [n_train * (e + 1) for e in range(int(bm["epochs"]))],
        "grid": [float(g) for g in rule["grid"]],
        "train_images": int(rule["train_images"]),
        "validation_images": int(rule["validation_images"]),
        "runs": runs, "base": base, "changes": changes, "race": race_clauses(changes),
        "verdicts": verdicts, "last_word": verdicts[-1].split()[-1] + ".",
        "se": standard_error(base["final"], n_test),
        "said_noise": said_noise,
        "low": min(r["low"] for r in changes), "high": max(r["high"] for r in changes),
        "relu": relu_run, "hidden": int(bm["hidden"]),
    }


def values(trace):
    """The real-number example and, if recorded, the comparison runs."""
    meta = trace.meta
    runs = comparison(trace)
    return {
        "class_names": list(meta["class_names"]),
        "dataset": meta["dataset"],
        "sizes": [int(n) for n in meta["sizes"]],
        "example": example(trace),
        "has_runs": runs is not None,
        "runs": runs,
        "missing_note": None if runs is not None else MISSING_NOTE,
        "reference_final_test_acc": float(trace["epoch_test_acc"][-1]),
    }


def _join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


#: How a change's curve goes against ours, by ``pace``: the first epoch's words, the joint,
#: the last epoch's words, each as (one run, several runs together).
PACE_WORDS = {
    "start": {"behind": ("starts slower than ours", "start slower than ours"),
              "level": ("keeps pace with ours at first", "keep pace with ours at first"),
              "ahead": ("starts faster than ours", "start faster than ours")},
    "end": {("behind", "behind"): (" and ", "stays behind", "stay behind"),
            ("behind", "level"): (" but ", "catches up", "catch up"),
            ("behind", "ahead"): (" but ", "ends ahead", "end ahead"),
            ("level", "behind"): (", then ", "falls behind", "fall behind"),
            ("level", "level"): (" and ", "ends level", "end level"),
            ("level", "ahead"): (", then ", "pulls ahead", "pull ahead"),
            ("ahead", "behind"): (" but ", "falls behind", "fall behind"),
            ("ahead", "level"): (" but ", "ends level", "end level"),
            ("ahead", "ahead"): (" and ", "stays ahead", "stay ahead")},
}
#: The verdict on a change against ours, for one run and for several at once.
VERDICT_WORDS = {"worse": ("does worse", "do worse"), "tie": ("ties ours", "tie ours"),
                 "better": ("does better", "do better")}


def _together(names, one, many):
    """"ReLU starts", "ReLU and softmax both start": the subject and verb for ``names``."""
    if len(names) == 1:
        return f"{names[0]} {one}"
    return f"{_join(names)} {'both' if len(names) == 2 else 'all'} {many}"


def race_clauses(changes):
    """One clause per way a curve goes (runs that go the same way said together): the names,
    the words said of the first epoch (``start``), and of the last (``end``)."""
    out = []
    for r in changes:
        if any(r["pace"] == c["pace"] for c in out):
            continue
        names = [c["spoken"] for c in changes if c["pace"] == r["pace"]]
        n = 0 if len(names) == 1 else 1
        joint, *end = PACE_WORDS["end"][r["pace"]]
        out.append({"pace": r["pace"], "names": names,
                    "start": PACE_WORDS["start"][r["pace"][0]][n], "joint": joint,
                    "end": end[n]})
    for c in out:
        c["text"] = _together(c["names"], c["start"], c["start"]) + c["joint"] + c["end"]
    return out


def verdict_clauses(changes):
    """"ReLU does worse", "ReLU and softmax both do worse": one clause per verdict."""
    out, done = [], []
    for r in changes:
        if r["verdict"] in done:
            continue
        done.append(r["verdict"])
        names = [c["spoken"] for c in changes if c["verdict"] == r["verdict"]]
        out.append(_together(names, *VERDICT_WORDS[r["verdict"]]))
    return out


def relu_note(v):
    """The teacher note of the example's network: which recorded run it is."""
    ex = v["example"]
    if ex["source"] != "softmax_network":
        return (f"ReLU applied to the reference network's own pre-activations at recorded step "
                f"{fmt_int(ex['step'])}: what ReLU would do to them, not a trained ReLU network.")
    return (f"The example network is the comparison's ReLU + softmax + cross-entropy network "
            f"trained by Adam (the optimizers chapter's), on held-out image "
            f"{fmt_int(ex['test_index'])}, its first mistake; its weights are in the trace, so "
            f"every number here can be recomputed.")


def runs_note(v):
    """The teacher note of the three runs: exactly what is the same and what differs."""
    runs = v["runs"]
    base = runs["base"]
    return (f"Every run: layer sizes {'-'.join(str(s) for s in runs['sizes'])}, the same "
            f"initial weights (the reference's uniform ones, zero biases, one seed), the same "
            f"shuffled order, minibatches of {fmt_int(runs['batch_size'])} "
            f"(plain SGD on the batch's mean gradient), {fmt_int(runs['epochs'])} epochs. The "
            f"baseline ({base['legend']}) is the video's own network: sigmoid hidden and output "
            f"neurons stepping along o - l, the slope of the log cost C (summed over the "
            f"outputs) through the output sigmoid, as in every other chapter. Each other run "
            f"differs from it in one thing: the hidden activation (ReLU; the sigmoid outputs "
            f"and o - l unchanged), or the outputs and their cost together (softmax with "
            f"cross-entropy, whose slope is p - l).")


def rate_note(v):
    """The teacher note of the rate rule: the grid, the split, and each run's chosen rate."""
    runs = v["runs"]
    grid = ", ".join(fmt_rate(g) for g in runs["grid"])
    chosen = "; ".join(f"{r['legend']}: {fmt_rate(r['learn_rate'])} (validation accuracy "
                       f"{fmt_pct(r['grid_acc'][r['best_rate_index']])})" for r in runs["runs"])
    return (f"The rule, the same for every run: train for {fmt_int(runs['epochs'])} epochs on "
            f"the first {fmt_int(runs['train_images'])} training images at each rate of the "
            f"grid {grid}; keep the rate with the highest accuracy on the last "
            f"{fmt_int(runs['validation_images'])} training images (the smaller rate on a tie); "
            f"then train again on all the training images at that rate. The held-out test "
            f"images play no part in the choice. Chosen: {chosen}.")


def verdict_note(v):
    """The teacher note of the verdict: the standard error and the rule behind "noise"."""
    runs = v["runs"]
    base = runs["base"]
    gaps = "; ".join(f"{r['legend']}: {fmt(100 * r['noise'], 2)} points"
                     for r in runs["changes"])
    return (f"The rule for a tie: an accuracy p measured on n held-out images has a standard "
            f"error sqrt(p (1 - p) / n) ({fmt(100 * runs['se'], 2)} points for "
            f"{base['legend']}'s {fmt_pct(base['final'])} on {fmt_int(runs['n_test'])} images). "
            f"Both scores of a comparison are noisy, so the yardstick is the standard error of "
            f"their gap, sqrt(p1 (1 - p1) / n + p2 (1 - p2) / n), about sqrt(2) times one "
            f"score's: a change counts as better or worse only when its gap to ours is more "
            f"than {TIE_STANDARD_ERRORS} standard errors of that gap ({gaps}); closer is a tie. "
            f"Each change's shaded band is that distance either side of ours. The curves are "
            f"the online accuracy (counted while training, over each window of images); how "
            f"each starts and ends is read from the first and last epoch's online accuracy by "
            f"the same rule on {fmt_int(runs['n_train'])} images.")


def dead_note(v):
    """The teacher note of the caveat: what a dead ReLU is and why this setup breeds them."""
    runs = v["runs"]
    return (f"Counted on the ReLU run's final network (beyond_loss_dead_hidden): a hidden "
            f"neuron is dead when its input is negative for every one of the "
            f"{fmt_int(runs['n_test'])} held-out images, so ReLU gives 0 and its slope is 0 and "
            f"no step changes its weights again. These runs use the sigmoid network's initial "
            f"weights (uniform in -0.5 to 0.5 for every one of 784 pixels, zero biases) so that "
            f"only one thing differs; ReLU networks are usually started with smaller, scaled "
            f"weights (He initialization) and are deeper, wider and trained longer, where ReLU "
            f"and softmax pay off. With {fmt_int(runs['hidden'])} hidden neurons and "
            f"{fmt_int(runs['epochs'])} epochs, these verdicts hold for this small network only.")


def narration(v):
    """The spoken script: cue id and sentence (and a teacher note where one helps), numbers
    formatted from the values."""
    ex, names = v["example"], v["class_names"]
    lab, guess = names[ex["label"]], names[ex["guess"]]
    what = "Its cost, cross-entropy, is minus the log of the label's probability: "
    if ex["correct"]:
        ce_line = (f"{what}this {lab} is guessed right, with {fmt(ex['p_label'], 3)} there, so "
                   f"the cost is low: {fmt(ex['ce'], 2)}.")
    else:
        ce_line = (f"{what}this {lab} gets only {fmt(ex['p_label'], 3)} there and "
                   f"{fmt(ex['p_guess'], 3)} at {guess}, a mistake, so the cost is high: "
                   f"{fmt(ex['ce'], 2)}.")
    lines = [
        ("linear", ("Without a bend between them, two layers collapse into one: a matrix times "
                    "a matrix is just one matrix.")),
        ("relu", (f"Later networks swap the hidden sigmoid for ReLU, which bends at zero: it "
                  f"keeps positive inputs and zeroes the rest; here {fmt_int(ex['n_relu_zero'])} of {fmt_int(ex['n_hid'])} hidden "
                  f"outputs become zero."), relu_note(v)),
        ("softmax", (f"They swap the output sigmoids for softmax, which turns the output logits "
                     f"into probabilities that add up to one; sigmoids of them would add up to "
                     f"{fmt(ex['sigmoid_sum'], 2)}.")),
        ("ce", ce_line),
        ("grad", "Its gradient is p minus l, the o minus l our network already uses."),
    ]
    runs = v["runs"]
    if runs is None:
        lines.append(("missing", "This trace holds no comparison runs, so none are shown.",
                      f"{v['missing_note']}."))
        return lines
    pace_clauses = [c["text"] for c in runs["race"]]
    verdicts = runs["verdicts"]
    finals = [f"{r['spoken']}{' ends' if r is runs['runs'][0] else ''} at {fmt_pct(r['final'])}"
              for r in runs["runs"]]
    noise = " to ".join(runs["said_noise"])
    lines += [
        ("runs", ("Do they help? Three networks start from the same weights and images: ours, "
                  "just as it is, one with ReLU, one with softmax and cross-entropy."),
         runs_note(v)),
        ("rates", ("Each gets the learning rate that did best of several tried on training "
                   "images kept aside."), rate_note(v)),
        ("race", ("Counting right guesses as they learn, " + "; ".join(pace_clauses) + ".")),
        ("verdict", (f"On {fmt_int(runs['n_test'])} held-out images, {_join(finals)}; gaps under "
                     f"{noise} points could be luck alone, so {_join(verdicts)}."),
         verdict_note(v)),
    ]
    if runs["relu"] is not None:
        lines.append(("dead", dead_sentence(runs), dead_note(v)))
    return lines


def dead_sentence(runs):
    """The caveat, from the ReLU run's count of hidden neurons that never fire."""
    dead, n = runs["relu"]["dead"], fmt_int(runs["hidden"])
    if dead == 0:
        return (f"One risk of ReLU: a neuron stuck at zero for every image has a slope of zero "
                f"and stops learning; none of these {n} did, but these verdicts are about this "
                f"small network only.")
    gives = "gives" if dead == 1 else "give"
    return (f"One catch: {fmt_int(dead)} of ReLU's {n} hidden neurons {gives} zero for every "
            f"held-out image; with a slope of zero they stop learning, a real loss among so "
            f"few, so these verdicts are about this small network only.")


def key_numbers(v):
    """The handout's numbers for this chapter."""
    ex = v["example"]
    rows = [
        ("sum of sigmoid outputs / of softmax", (f"{fmt(ex['sigmoid_sum'], 3)} / "
                                                f"{fmt(ex['softmax_sum'], 3)}")),
        ("cross-entropy of the example", fmt(ex["ce"], 4)),
    ]
    runs = v["runs"]
    if runs is None:
        rows.append(("comparison runs", v["missing_note"]))
        return rows
    for r in runs["runs"]:
        rows.append((f"held-out accuracy, {r['legend']} (rate {fmt_rate(r['learn_rate'])})",
                     fmt_pct(r["final"])))
    for r in runs["changes"]:
        rows.append((f"a tie with ours: gap within two standard errors of the gap, {r['legend']}",
                     f"{fmt(100 * r['noise'], 1)} points"))
    if runs["relu"] is not None:
        rows.append(("ReLU hidden neurons zero on every held-out image",
                     f"{fmt_int(runs['relu']['dead'])} of {fmt_int(runs['hidden'])}"))
    return rows
