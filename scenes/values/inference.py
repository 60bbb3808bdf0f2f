"""Chapter 10, inference: the trained network on held-out images it never saw.

The examples are picked by a rule from the trace's ``infer_*`` rows (the first
held-out images and the first mistakes, in held-out order): the chapter shows the
first row the network gets right, then the first row it gets wrong, each with its
28x28 pixels, its ten outputs as bars, its guess (argmax) and its label. The
totals come from every held-out image: ``held_right`` is the recorded verdict of each
held-out image in held-out order (``test_pred == test_label``), and the chapter's counters
are read from its running sum, so right + wrong = images checked at every frame.
"""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_pct

FORMULAS = [
    r"o = \sigma\big(b_{h\to o} + w_{h\to o}\, \sigma(b_{i\to h} + w_{i\to h}\, \mathrm{img})\big)",
    r"\text{guess} = \operatorname{argmax}(o)",
]

#: How many examples of each kind the chapter shows.
N_SHOWN = 3
N_MISTAKES_SHOWN = 3


def example(trace, row):
    """One inference example (row of the ``infer_*`` arrays) as plain numbers."""
    a = trace.arrays
    o = a["infer_o"][row, :, 0]
    guess = int(np.argmax(o))
    label = int(a["infer_label"][row])
    return {
        "row": int(row),
        "test_index": int(a["infer_index"][row]),
        "img": a["infer_img"][row, :, 0].tolist(),
        "o": o.tolist(),
        "guess": guess,
        "label": label,
        "correct": guess == label,
        "o_guess": float(o[guess]),
        "o_label": float(o[label]),
    }


def values(trace):
    """The shown examples (first ones, then mistakes) and the held-out totals."""
    a, meta = trace.arrays, trace.meta
    guesses = np.argmax(a["infer_o"][:, :, 0], axis=1)
    wrong_rows = np.flatnonzero(guesses != a["infer_label"])
    right_rows = np.flatnonzero(guesses == a["infer_label"])
    pred, label = a["test_pred"], a["test_label"]
    held_right = (pred == label)
    n_right = int(np.sum(held_right))
    return {
        "class_names": list(meta["class_names"]),
        "dataset": meta["dataset"],
        "n_train": int(meta["n_train"]),
        "examples": [example(trace, r) for r in right_rows[:N_SHOWN]],
        "mistakes": [example(trace, r) for r in wrong_rows[:N_MISTAKES_SHOWN]],
        "n_test": len(label),
        "n_right": n_right,
        "n_mistakes": int(len(label) - n_right),
        "test_acc": n_right / len(label),
        "held_right": held_right.astype(bool).tolist(),
        "right_so_far": np.cumsum(held_right).astype(int).tolist(),
    }


def counted(v, k):
    """``(checked, right, wrong)`` after the first ``k`` held-out images, in held-out order:
    right is the running count of recorded right guesses, wrong the rest of those checked."""
    k = int(min(max(k, 0), v["n_test"]))
    right = v["right_so_far"][k - 1] if k else 0
    return k, right, k - right


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    names = v["class_names"]
    lines = []
    if v["examples"]:
        ex = v["examples"][0]
        lines.append(("guess", (f"Inference is the forward pass alone: a held-out image the "
                               f"network never trained on goes in, and its largest output, "
                               f"{fmt(ex['o_guess'], 3)}, is at {names[ex['guess']]}, the "
                               f"guess; the label is {names[ex['label']]}.")))
    if v["mistakes"]:
        m = v["mistakes"][0]
        lines.append(("mistake", (f"It also makes real mistakes: this {names[m['label']]} gets "
                                 f"only {fmt(m['o_label'], 3)} at its label and "
                                 f"{fmt(m['o_guess'], 3)} at {names[m['guess']]}.")))
    lines.append(("total", (f"Over all {fmt_int(v['n_test'])} held-out images, checked one by "
                           f"one, it is right {fmt_int(v['n_right'])} times, "
                           f"{fmt_pct(v['test_acc'])}, and wrong {fmt_int(v['n_mistakes'])} "
                           f"times.")))
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    return [
        ("held-out images", fmt_int(v["n_test"])),
        ("right / wrong", f"{fmt_int(v['n_right'])} / {fmt_int(v['n_mistakes'])}"),
        ("held-out accuracy", fmt_pct(v["test_acc"])),
    ]
