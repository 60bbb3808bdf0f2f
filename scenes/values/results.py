"""Chapter 9, results: accuracy per epoch and the learning curves of the real run.

Two accuracies, named for what they are: the *online training* accuracy
(``nr_correct / n_train``, counted while the weights were still changing;
the only one the reference prints) and the *held-out* accuracy (images the
network never trained on, measured after each epoch).
"""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_pct

FORMULAS = [
    r"\text{online training accuracy} = \frac{\text{nr\_correct}}{n_{\text{train}}}",
    (r"\text{held-out accuracy} = \frac{\#\{\operatorname{argmax}(o) = \text{label}\}}"
    r"{n_{\text{test}}}"),
]


def values(trace):
    """Per-epoch accuracies and costs, and the running curve (x in samples seen)."""
    a, meta = trace.arrays, trace.meta
    epochs = list(range(1, meta["epochs"] + 1))
    samples_seen = (np.asarray(a["curve_step"]) + 1).tolist()
    return {
        "dataset": meta["dataset"],
        "n_train": int(meta["n_train"]),
        "n_test": int(meta["n_test"]),
        "epochs": epochs,
        "nr_correct": a["epoch_nr_correct"].tolist(),
        "train_acc": a["epoch_train_acc"].tolist(),
        "test_acc": a["epoch_test_acc"].tolist(),
        "mean_e": a["epoch_mean_e"].tolist(),
        "curve_seen": samples_seen,
        "curve_acc": a["curve_acc"].tolist(),
        "curve_e": a["curve_e"].tolist(),
        "curve_every": int(meta["schedule"]["curve_every"]),
        "total_samples": int(meta["epochs"] * meta["n_train"]),
        "epoch_ends": [int(e * meta["n_train"]) for e in epochs],
        "curve_e_max": float(np.max(a["curve_e"])),
    }


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    first, last = 0, len(v["epochs"]) - 1
    return [
        ("train_acc", (f"Counted while training, the network got "
                       f"{fmt_int(v['nr_correct'][first])} of {fmt_int(v['n_train'])} images "
                       f"right in the first epoch, {fmt_pct(v['train_acc'][first])}, and "
                       f"{fmt_pct(v['train_acc'][last])} in epoch {v['epochs'][last]}: that "
                       f"online accuracy is what the reference prints.")),
        ("test_acc", (f"On {fmt_int(v['n_test'])} held-out images it never trained on, it scores "
                     f"{fmt_pct(v['test_acc'][first])} after epoch {v['epochs'][first]} and "
                     f"{fmt_pct(v['test_acc'][last])} at the end.")),
        ("curves", (f"The running curve, one point every {fmt_int(v['curve_every'])} images, shows "
                   f"the accuracy climbing and the mean cost falling from "
                   f"{fmt(v['curve_e'][0], 3)} to {fmt(v['curve_e'][-1], 3)}.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    rows = []
    for i, ep in enumerate(v["epochs"]):
        rows.append((f"epoch {ep}: online training / held-out accuracy",
                     f"{fmt_pct(v['train_acc'][i])} / {fmt_pct(v['test_acc'][i])}"))
    rows.append(("final mean cost (last curve window)", fmt(v["curve_e"][-1], 4)))
    return rows
