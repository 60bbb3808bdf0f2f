"""The bias chapter: one neuron with two inputs trained with and without a bias.

The two runs are the trace's bias experiment (one sigmoid neuron on 2-D points,
full-batch gradient descent). Without a bias the decision line
``w[0] x + w[1] y + b = 0`` has ``b = 0`` and must pass through the origin.

The line is where the neuron's output is ``sigmoid(0)`` (0.5); the side where
``w·p + b > 0`` is the side the neuron calls class 1. The chapter plays every recorded
snapshot (:func:`frames` with all of them), so the line moves in small steps.

Why no line through the origin separates the clouds: seen from the origin, each cloud
fills a wedge, the angles from its smallest to its largest point direction
(:func:`wedge_deg`). The two wedges overlap, so a line through the origin that had one
whole cloud on each side would have to pass between the wedges, and there is no room
between them. (Exact when each wedge is narrower than a half-turn, which the tests check.)
"""

import math

import numpy as np

from nnmath.activations import sigmoid
from scenes.values.format import fmt, fmt_int, fmt_pct

#: How many of the recorded snapshots the animation steps through: all of them (None).
N_FRAMES = None

FORMULAS = [
    r"o = \sigma(w_1 x + w_2 y + b)",
    r"\text{decision line: } w_1 x + w_2 y + b = 0",
    r"b = 0 \;\Rightarrow\; (0, 0) \text{ lies on the line}",
]


def frames(n_snapshots, n_frames=N_FRAMES):
    """Positions of the snapshots to animate: evenly spread, always first and last (all if
    ``n_frames`` is None)."""
    if n_frames is None:
        return list(range(n_snapshots))
    return sorted({round(x) for x in np.linspace(0, n_snapshots - 1, n_frames)})


def exact(x, digits=2):
    """A number as shown: an exact whole number without decimals (0, 1), else ``digits``."""
    x = float(x)
    return fmt_int(x) if x == int(x) else fmt(x, digits)


def direction_deg(p):
    """The direction of the point ``p`` seen from the origin, in degrees."""
    return float(np.degrees(np.arctan2(float(p[1]), float(p[0]))))


def wedge_deg(points):
    """``(smallest, largest)`` direction, in degrees, of ``points`` seen from the origin."""
    a = np.degrees(np.arctan2(points[:, 1], points[:, 0]))
    return float(a.min()), float(a.max())


def threshold_terms(w, b):
    """The shown and spoken terms of ``w[0] x + w[1] y > -b`` (two decimals each): the
    first weight, the second weight's sign word and size, and the threshold ``-b``."""
    return {"w1_text": fmt(w[0], 2), "w2_abs_text": fmt(abs(w[1]), 2),
            "w2_sign": "+" if w[1] >= 0 else "-", "w2_word": "plus" if w[1] >= 0 else "minus",
            "thr_text": fmt(-b, 2)}


def leaving_snapshot(w, b, share=0.75):
    """The first snapshot whose line stands at least ``share`` of its final distance from the
    origin (|b| / |w|): the chapter moves the line that far while "move away from the origin"
    is said, slowly enough to follow, and plays the rest of the run after."""
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    dist = np.abs(b) / np.maximum(np.linalg.norm(w, axis=1), 1e-12)
    return int(np.flatnonzero(dist >= share * dist[-1])[0])


def plot_range(lo, hi):
    """An axis range ``(lo, hi, step)`` on whole numbers, holding [lo, hi] and the origin."""
    return (math.floor(min(lo, 0.0)) - 1, math.ceil(max(hi, 0.0)) + 1, 1)


def values(trace):
    """Everything the bias chapter shows, from the trace."""
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
            "acc_pct": [round(100.0 * float(a)) for a in acc[pos]],
            "final_acc_pct": round(100.0 * float(acc[-1])),
            "final_b_text": fmt(b[-1], 2), "first_b_text": exact(b[0]),
            "best_acc": float(acc.max()),
            "leave": leaving_snapshot(w[pos], b[pos]),
            "final_w": w[-1], "final_b": float(b[-1]), "final_acc": float(acc[-1]),
            "final_line": (f"{fmt(w[-1][0], 2)} x + {fmt(w[-1][1], 2)} y + {fmt(b[-1], 2)} = 0"
                           .replace("+ -", "- ")),
        }
    lo, hi = float(x.min()), float(x.max())
    means = [x[y == c].mean(axis=0) for c in (0, 1)]
    wedges = [wedge_deg(x[y == c]) for c in (0, 1)]
    b_final = trace["b_i_h"][:, 0]
    return {
        "wedges": wedges,
        "wedges_overlap": bool(max(wedges[0][0], wedges[1][0]) < min(wedges[0][1],
                                                                      wedges[1][1])),
        "b_i_h_final": b_final,
        "threshold_terms": threshold_terms(runs["with"]["final_w"], runs["with"]["final_b"]),
        "nobias_pct_text": fmt_pct(runs["nobias"]["final_acc"], 0),
        "with_pct_text": fmt_pct(runs["with"]["final_acc"], 0),
        "every": int(trace.meta["bias_experiment"]["every"]),
        "threshold": float(sigmoid(0.0)), "threshold_text": fmt(sigmoid(0.0), 1),
        "class_means": means,
        "class_dirs": [direction_deg(m) for m in means],
        "b_init_texts": [exact(b) for b in b_init],
        "b_init_zero": bool(np.all(b_init == 0)),
        "n_hidden_text": fmt_int(b_init.size),
        "n_hidden": int(b_init.size),
        "b_i_h_init": b_init,
        "b_init_values": sorted({fmt(b, 2) for b in b_init}),
        "bias_input": 1.0,  # the bias neuron's constant value (its definition, not data)
        "points": x, "classes": y,
        "n_points": len(y), "n_points_text": fmt_int(len(y)),
        "class_ids": [int(c) for c in np.unique(y)],
        "class_count_texts": [fmt_int(c) for c in np.bincount(y, minlength=2)],
        "n_iterations_text": fmt_int(iters[-1]),
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
    """The spoken script of the bias chapter."""
    nb, wb = v["nobias"], v["with"]
    c0, c1 = v["class_count_texts"]
    steps = v["n_iterations_text"]
    one = exact(v["bias_input"])
    tt = v["threshold_terms"]
    verdict = ("it only turns, and ends with" if nb["best_acc"] < 1.0
               else "it still separates the classes, with")
    start = (f"start at {v['b_init_texts'][0]}" if len(set(v["b_init_texts"])) == 1
             else "start at " + ", ".join(sorted(set(v["b_init_texts"]))))
    return [
        ("neuron", ("Take the same kind of neuron with two inputs, x and y, plus an input that "
                    f"always holds {one}: its weight b is the bias, added to the weighted sum "
                    "before the sigmoid.")),
        ("points", (f"We train it as before, step after step, on {v['n_points_text']} points "
                    f"of two classes, {c0} orange and {c1} teal, for {steps} steps."),
         (f"Full batch: each step is w -= rate * X.T @ (o - l) / n with rate "
          f"{fmt(v['learn_rate'], 2)} (the network's own step, without the blog's o * (1 - o) "
          f"factor), and b moves by the mean of o - l times the rate; every "
          f"{fmt_int(v['every'])}th step is recorded and played.")),
        ("line", (f"Its line is where the output is exactly {v['threshold_text']}, where the "
                  "sum is zero: on the shaded side of each colour the neuron predicts that "
                  "class.")),
        ("nobias", ("Without a bias, b stays zero, so the line must pass through the origin: "
                    f"over {steps} steps {verdict} {v['nobias_pct_text']} right.")),
        ("origin", ("Seen from the origin, the two clouds fill overlapping wedges, so no line "
                    "through the origin can pass between them: it cuts a cloud, or leaves "
                    "both on one side.")),
        ("with", (f"With a bias the line can move away from the origin: after {steps} steps "
                  f"it separates them, {v['with_pct_text']} right, with b at "
                  f"{wb['final_b_text']}.")),
        ("threshold", ("So the bias is a threshold: the neuron answers teal only where "
                       f"{tt['w1_text']} x {tt['w2_word']} {tt['w2_abs_text']} y is more than "
                       f"{tt['thr_text']}, the bias with its sign flipped.")),
        ("init", (f"Our network's {v['n_hidden_text']} hidden biases all {start}, like b here, "
                  "and training moves each one where it is needed."),
         ("The hidden biases start at zero in the reference code (np.zeros); the random "
          "weights already make the hidden neurons differ, so zero biases are a safe start.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    nb, wb = v["nobias"], v["with"]
    return [
        ("initial hidden biases", ", ".join(v["b_init_values"])),
        ("points (class 0 / class 1)", f"{v['class_counts'][0]} / {v['class_counts'][1]}"),
        ("iterations, learning rate", f"{fmt_int(v['n_iterations'])}, {fmt(v['learn_rate'], 2)}"),
        ("share right without bias", fmt_pct(nb["final_acc"], 1)),
        ("share right with bias", fmt_pct(wb["final_acc"], 1)),
        ("final line without bias", nb["final_line"]),
        ("final line with bias", wb["final_line"]),
    ]
