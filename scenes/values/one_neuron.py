"""Chapter 12, one neuron: three inputs, one sigmoid, learning the targets [0, 0, 1, 1].

The run is the trace's ``neuron_*`` side experiment: weights, outputs and mean
absolute error at log-spaced iterations, and the trained neuron's answer for
an input it never saw.
"""

import numpy as np

from scenes.chapters import by_slug
from scenes.values.format import fmt, fmt_int

FORMULAS = [
    r"o = \sigma(x_1 w_1 + x_2 w_2 + x_3 w_3)",
    r"w \leftarrow w + X^{\top}\big((y - o) \odot o \odot (1 - o)\big)",
    r"\text{error} = \mathrm{mean}\,\lvert y - o \rvert",
]

#: How many snapshots the chapter steps through (the first, log-spaced ones, the last).
N_SNAPSHOTS = 5


def snapshot_rows(n_recorded, n_shown=N_SNAPSHOTS):
    """Evenly spread positions over the (already log-spaced) recorded iterations."""
    return sorted({round(r) for r in np.linspace(0, n_recorded - 1, n_shown)})


def values(trace):
    """Inputs, targets, the recorded weights/outputs/errors, and the unseen input's answer."""
    a = trace.arrays
    rows = snapshot_rows(len(a["neuron_iters"]))
    return {
        "x": a["neuron_x"].tolist(),
        "y": a["neuron_y"].tolist(),
        "iters": a["neuron_iters"].tolist(),
        "w": a["neuron_w"].tolist(),
        "o": a["neuron_o"].tolist(),
        "err": a["neuron_err"].tolist(),
        "snapshots": rows,
        "new_x": a["neuron_new_x"].tolist(),
        "new_o": float(a["neuron_new_o"][0]),
        "iterations": int(a["neuron_iters"][-1]),
        "bias_input": bias_input(a["neuron_x"]),
        "bias_chapter": by_slug("bias").title.lower(),
    }


def bias_input(x):
    """The input that is the same in every training row (the bias input), as
    ``(index, value)``, or None. For the classic data it is x3 = 1."""
    x = np.asarray(x)
    same = [j for j in range(x.shape[1]) if np.all(x[:, j] == x[0, j]) and x[0, j] != 0]
    return (int(same[0]), float(x[0, same[0]])) if same else None


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    w0, w1 = v["w"][0], v["w"][-1]
    new = ", ".join(fmt(x, 0) for x in v["new_x"])
    n_in = len(v["x"][0])
    names = ", ".join(f"x{i + 1}" for i in range(n_in))
    lines = [
        ("setup", f"One neuron with inputs {names} and no hidden layer: it should answer with "
                  "its first input, so the targets are " + ", ".join(fmt(y, 0) for y in v["y"])
                  + "."),
    ]
    if v["bias_input"] is not None:
        j, value = v["bias_input"]
        lines.append(("bias", (f"Input x{j + 1} is {fmt(value, 0)} in every row, so its weight "
                               f"w{j + 1} is added to every sum: it acts as the neuron's bias, "
                               f"as in {v['bias_chapter']}.")))
    lines += [
        ("start", "It starts from random weights, " + ", ".join(fmt(w, 2) for w in w0)
                  + f", with a mean error of {fmt(v['err'][0], 4)}."),
        ("learn", ("Each iteration nudges the weights by this rule; watch the outputs move "
                   "toward their targets and the error fall, snapshot by snapshot.")),
        ("end", f"After {fmt_int(v['iterations'])} iterations the weights are "
                + ", ".join(fmt(w, 2) for w in w1)
                + f": the first one dominates, and the error is {fmt(v['err'][-1], 4)}."),
        ("new", (f"Asked about {new}, an input it never saw, it answers "
                 f"{fmt(v['new_o'], 4)}.")),
    ]
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    return [
        ("iterations", fmt_int(v["iterations"])),
        ("final weights", ", ".join(fmt(w, 3) for w in v["w"][-1])),
        ("mean error, start / end", f"{fmt(v['err'][0], 4)} / {fmt(v['err'][-1], 4)}"),
        ("answer for the unseen input", fmt(v["new_o"], 4)),
    ]
