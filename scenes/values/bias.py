"""Chapter 2 (bias): the bias neuron, and one neuron trained with and without a bias.

The two runs are the trace's bias experiment (one sigmoid neuron on 2-D points,
full-batch gradient descent). Without a bias the decision line
``w[0] x + w[1] y + b = 0`` has ``b = 0`` and must pass through the origin.
"""

import math

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_pct

#: How many of the recorded snapshots the animation steps through (a pacing choice).
N_FRAMES = 13

FORMULAS = [
    r"o = \sigma(w_1 x + w_2 y + b)",
    r"\text{decision line: } w_1 x + w_2 y + b = 0",
    r"b = 0 \;\Rightarrow\; (0, 0) \text{ lies on the line}",
]


def frames(n_snapshots, n_frames=N_FRAMES):
    """Positions of the snapshots to animate: evenly spread, always first and last."""
    return sorted({round(x) for x in np.linspace(0, n_snapshots - 1, n_frames)})


def plot_range(lo, hi):
    """An axis range ``(lo, hi, step)`` on whole numbers, holding [lo, hi] and the origin."""
    return (math.floor(min(lo, 0.0)) - 1, math.ceil(max(hi, 0.0)) + 1, 1)


def values(trace):
    """Everything chapter 2 shows, from the trace."""
    x, y = trace["bias_x"], trace["bias_y"]
    b_init = trace["b_i_h_init"][:, 0]
    iters = trace["bias_iters"]
    pos = frames(len(iters))
    runs = {}
    for key in ("nobias", "with"):
        w, b, acc = trace[f"bias_{key}_w"], trace[f"bias_{key}_b"], trace[f"bias_{key}_acc"]
        runs[key] = {
            "w": w[pos], "b": b[pos], "acc": acc[pos],
            "acc_texts": [fmt_pct(a, 0) for a in acc[pos]],
            "best_acc": float(acc.max()),
            "final_w": w[-1], "final_b": float(b[-1]), "final_acc": float(acc[-1]),
            "final_line": (f"{fmt(w[-1][0], 2)} x + {fmt(w[-1][1], 2)} y + {fmt(b[-1], 2)} = 0"
                           .replace("+ -", "- ")),
        }
    lo, hi = float(x.min()), float(x.max())
    return {
        "n_hidden": int(b_init.size),
        "b_i_h_init": b_init,
        "b_init_values": sorted({fmt(b, 2) for b in b_init}),
        "bias_input": 1.0,  # the bias neuron's constant value (its definition, not data)
        "points": x, "classes": y,
        "n_points": len(y),
        "class_counts": [int(c) for c in np.bincount(y, minlength=2)],
        "x_range": plot_range(lo, hi), "y_range": plot_range(lo, hi),
        "iters": iters[pos],
        "iter_texts": [fmt_int(i) for i in iters[pos]],
        "n_iterations": int(iters[-1]),
        "learn_rate": float(trace.meta["bias_experiment"]["learn_rate"]),
        "nobias": runs["nobias"],
        "with": runs["with"],
    }


def narration(v):
    """The spoken script of chapter 2."""
    nb, wb = v["nobias"], v["with"]
    inits = " and ".join(v["b_init_values"])
    verdict = ("It never separates the classes" if nb["best_acc"] < 1.0
               else "Here it still separates the classes")
    return [
        ("neuron", ("Each layer also gets a bias neuron. It always holds one and has only "
                   "outgoing weights: its weight is the bias added to each neuron's sum.")),
        ("init", f"In our network all {v['n_hidden']} hidden biases start at {inits}."),
        ("points", (f"Why do we need it? Take one neuron and {v['n_points']} points of two "
                   f"classes, {v['class_counts'][0]} and {v['class_counts'][1]}, "
                   f"and train it for {fmt_int(v['n_iterations'])} steps.")),
        ("nobias", (f"Without a bias its line must pass through the origin. {verdict}: "
                   f"accuracy {fmt_pct(nb['final_acc'], 0)}.")),
        ("with", (f"With a bias the line shifts away from the origin. Now the neuron gets "
                 f"{fmt_pct(wb['final_acc'], 0)} right, with bias {fmt(wb['final_b'], 2)}.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    nb, wb = v["nobias"], v["with"]
    return [
        ("initial hidden biases", ", ".join(v["b_init_values"])),
        ("points (class 0 / class 1)", f"{v['class_counts'][0]} / {v['class_counts'][1]}"),
        ("iterations, learning rate", f"{fmt_int(v['n_iterations'])}, {fmt(v['learn_rate'], 2)}"),
        ("accuracy without bias", fmt_pct(nb["final_acc"], 1)),
        ("accuracy with bias", fmt_pct(wb["final_acc"], 1)),
        ("final line without bias", nb["final_line"]),
        ("final line with bias", wb["final_line"]),
    ]
