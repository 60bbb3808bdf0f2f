"""The optimizers chapter: how better optimizers turn slopes into steps, and do they help?

Two pictures answer it. First, real steps on a real slice of the cost: the downhill chapter's
landscape (its image, its two weights, its cost; :mod:`scenes.values.downhill`'s functions are
called, not copied), on which plain gradient descent (SGD), momentum and Adam each take
:data:`N_STEPS` steps from the same start, by nnmath's own optimizers
(:mod:`nnmath.optimizers`), the slope taken afresh where the weights are at every step. The
rates follow one rule, stated in the teacher note: SGD's and momentum's rate is the downhill
chapter's rate times its step count over :data:`N_STEPS`, rounded down to 1, 2 or 5 times a
power of ten (so SGD's steps cover about the downhill chapter's walk); Adam's rate is SGD's
first step on the steeper weight, to two significant digits (so all three start at the same
pace). Momentum's and Adam's own settings are the recorded runs'. The box holds all three
paths; its lines of equal cost are solved exactly, as in the downhill chapter.

Second, the five recorded optimizer runs (``meta["beyond"]["optimizer_runs"]``): the same
network, the same start and data, each at the learning rate its run chose (with the fair
runs: the best of one grid on held-back training images, ``meta["beyond"]["rate_rule"]``).
Their held-out accuracies are measured on ``n_test`` images, so each is drawn with a band of
:data:`TIE_STANDARD_ERRORS` standard errors of the best score either way (the chance wobble,
taught in words before it is named); runs whose band reaches the best score tie it.
Without the runs in the trace the chapter says so and invents nothing.
"""

import numpy as np

from nnmath.optimizers import SGD, Adam, Momentum
from scenes.values import downhill
from scenes.values.format import fmt, fmt_int, fmt_pct

FORMULAS = [
    r"\text{SGD:}\quad w \leftarrow w - \text{rate} \times \text{slope}",
    (r"\text{momentum:}\quad s \leftarrow \beta\, s - \text{rate} \times \text{slope},"
     r"\quad w \leftarrow w + s"),
    (r"\text{Adam:}\quad w \leftarrow w - \text{rate} \times "
     r"\frac{\text{average recent slope}}{\sqrt{\text{average recent squared slope}}}"),
    r"\text{standard error} = \sqrt{\frac{a\,(1 - a)}{n}}",
]

#: Steps each optimizer takes on the slice: a few, each one seen.
N_STEPS = 10
#: The three optimizers drawn on the slice, in the order they are explained.
SLICE_OPTIMIZERS = ("sgd", "momentum", "adam")
#: Rates on the slice are rounded down to one of these times a power of ten.
ROUND_MANTISSAS = (1, 2, 5)
#: Extra room around the three paths, as a share of their extent.
PAD = 0.12
#: A run ties the best when it is within this many standard errors (of the best score) of it.
TIE_STANDARD_ERRORS = 2
#: What the chapter says when the trace lacks the comparison runs.
MISSING_NOTE = "comparison runs not in this trace: re-record with nnmath record"
#: Display names of the recorded runs (the trace names them; docs/trace.md).
RUN_TITLES = {"sgd": "SGD", "momentum": "momentum", "adagrad": "Adagrad",
              "rmsprop": "RMSProp", "adam": "Adam"}
#: Settings of momentum and Adam when the trace records no optimizer runs (nnmath's defaults).
DEFAULT_SETTINGS = {"momentum": {"momentum": 0.9}, "adam": {"beta1": 0.9, "beta2": 0.999}}


def round_down(x):
    """The largest 1, 2 or 5 times a power of ten not above ``x`` (0.333 -> 0.2)."""
    k = int(np.floor(np.log10(x)))
    best = 10.0 ** k
    for m in ROUND_MANTISSAS:
        if m * 10.0 ** k <= x * (1 + 1e-12):
            best = m * 10.0 ** k
    return float(f"{best:.12g}")


def two_digits(x):
    """``x`` to two significant digits (0.1286 -> 0.13)."""
    return float(f"{x:.2g}")


def has_runs(trace):
    """True when the trace holds the comparison runs (keys ``beyond_*`` and ``meta["beyond"]``)."""
    return "beyond" in trace.meta and "beyond_curve_step" in trace.arrays


def run_settings(trace, name):
    """The recorded run's own settings of optimizer ``name`` (momentum's beta, Adam's betas),
    nnmath's defaults when the trace has no runs."""
    if has_runs(trace):
        for run in trace.meta["beyond"]["optimizer_runs"]:
            if run["optimizer"] == name:
                return {k: run[k] for k in DEFAULT_SETTINGS.get(name, {}) if k in run}
    return dict(DEFAULT_SETTINGS.get(name, {}))


def walk(optimizer, slope, start, n):
    """The weights after 0..n steps of ``optimizer`` (an :mod:`nnmath.optimizers` instance),
    ``slope(w)`` taken afresh where the weights are: (n + 1, 2)."""
    w = np.array(start, dtype=float)
    path = [w.copy()]
    for _ in range(n):
        optimizer.step([w], [slope(w)])
        path.append(w.copy())
    return np.array(path)


def slice_walks(trace):
    """SGD, momentum and Adam on the downhill chapter's two-weight slice: paths, costs, the
    landscape's box, contours and shading, and the rates (the module docstring's rule)."""
    a = trace.arrays
    d = downhill.values(trace)
    rule, pos = d["rule"], 0
    h, l = a["step_h"][pos], a["step_l"][pos]
    w_h_o, b_h_o = a["step_w_h_o"][pos], a["step_b_h_o"][pos]
    rows, cols = [d["r"], d["q"]], [d["c"], d["c"]]
    start = np.array([d["w0"], d["w0_q"]])

    def slope(w):
        return downhill.slopes_at(w_h_o, b_h_o, h, l, rows, cols, w[None], rule)[0]

    def cost(ws):
        return downhill.image_cost(downhill.outputs_at(w_h_o, b_h_o, h, rows, cols,
                                                       np.atleast_2d(ws)), l, rule)

    rate = round_down(d["learn_rate"] * d["n_steps"] / N_STEPS)
    first = rate * np.abs(slope(start))
    steeper = int(np.argmax(first))
    adam_rate = two_digits(first[steeper])
    mom, adam = run_settings(trace, "momentum"), run_settings(trace, "adam")
    makers = {"sgd": (rate, lambda: SGD(rate)),
              "momentum": (rate, lambda: Momentum(rate, momentum=mom["momentum"])),
              "adam": (adam_rate, lambda: Adam(adam_rate, beta1=adam["beta1"],
                                                beta2=adam["beta2"]))}
    walks = []
    for name in SLICE_OPTIMIZERS:
        r, make = makers[name]
        path = walk(make(), slope, start, N_STEPS)
        costs = cost(path)
        steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
        walks.append({"name": name, "title": RUN_TITLES[name], "rate": r,
                      "rate_text": f"{r:g}", "path": path.tolist(), "cost": costs.tolist(),
                      "cost_end": float(costs[-1]),
                      "cost_end_text": fmt(costs[-1], downhill.COST_DIGITS),
                      "step_lengths": steps.tolist()})
    # the box: every path inside, square (equal units on both axes), padded
    pts = np.concatenate([np.array(w["path"]) for w in walks])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    half = max(hi - lo) * (1 + 2 * PAD) / 2
    mid = (lo + hi) / 2
    box = [(float(mid[k] - half), float(mid[k] + half)) for k in range(2)]
    ga, gb = np.linspace(*box[0], downhill.GRID), np.linspace(*box[1], downhill.GRID)
    c0 = float(cost(start)[0])

    # the two weights feed different outputs: the cost is c0 plus a part for each weight
    def part(k, ws):
        row = rows[k]
        col = downhill.outputs_at(w_h_o, b_h_o, h, [row], [cols[k]], np.reshape(ws, (-1, 1)))
        return downhill.image_cost(col, l, rule) - c0

    shade = c0 + part(0, ga)[None, :] + part(1, gb)[:, None]
    levels = np.linspace(shade.min(), shade.max(), downhill.N_CONTOURS + 2)[1:-1]
    lines = downhill.contours(lambda x: part(0, x), lambda y: part(1, y) + c0, ga, gb, levels)
    return {
        "rule": rule, "cost_symbol": d["cost_symbol"], "class_names": d["class_names"],
        "r": d["r"], "q": d["q"], "c": d["c"],
        "start": start.tolist(), "cost0": c0, "cost0_text": fmt(c0, downhill.COST_DIGITS),
        "n_steps": N_STEPS, "rate": rate, "adam_rate": adam_rate, "steeper": steeper,
        "momentum": mom["momentum"], "betas": [adam["beta1"], adam["beta2"]],
        "downhill_rate": d["learn_rate"], "downhill_steps": d["n_steps"],
        "walks": walks, "box": [list(b) for b in box], "levels": levels.tolist(),
        "contours": lines, "shade": shade.tolist(),
        "shade_lo": float(shade.min()), "shade_hi": float(shade.max()),
    }


def standard_error(acc, n):
    """One standard error of an accuracy ``acc`` measured on ``n`` held-out images."""
    return float(np.sqrt(acc * (1.0 - acc) / n))


def race(trace):
    """The five recorded optimizer runs as plain numbers, or None when the trace has none."""
    if not has_runs(trace):
        return None
    a, bm = trace.arrays, trace.meta["beyond"]
    runs = []
    for i, run in enumerate(bm["optimizer_runs"]):
        name = run["optimizer"]
        acc = float(a["beyond_opt_epoch_test_acc"][i][-1])
        runs.append({"name": name, "title": RUN_TITLES.get(name, name),
                     "learn_rate": float(run["learn_rate"]), "rate_text": f"{run['learn_rate']:g}",
                     "test_acc": a["beyond_opt_epoch_test_acc"][i].tolist(),
                     "curve_acc": a["beyond_opt_curve_acc"][i].tolist(),
                     "acc": acc, "acc_text": fmt_pct(acc)})
    n_test = int(trace.meta["n_test"])
    best = max(r["acc"] for r in runs)
    se = standard_error(best, n_test)
    wobble = TIE_STANDARD_ERRORS * se
    for r in runs:
        r["tie"] = bool(best - r["acc"] <= wobble + 1e-12)
    accs = [r["acc"] for r in runs]
    rule = bm.get("rate_rule")
    return {
        "runs": runs, "n_test": n_test, "n_test_text": fmt_int(n_test),
        "best": int(np.argmax(accs)), "best_acc": best, "se": se, "wobble": wobble,
        "wobble_text": fmt(100 * wobble, 1), "se_text": fmt(100 * se, 2),
        "lo_text": fmt_pct(min(accs)), "hi_text": fmt_pct(max(accs)),
        "epochs": int(bm["epochs"]), "batch_size": int(bm["batch_size"]),
        "decay": float(bm["decay"]), "network": dict(bm.get("optimizer_network", {})),
        "rate_rule": dict(rule) if rule else None,
    }


def values(trace):
    """The slice's three walks and, if recorded, the five optimizers' held-out race."""
    r = race(trace)
    return {"slice": slice_walks(trace), "race": r, "has_runs": r is not None,
            "missing_note": None if r is not None else MISSING_NOTE}


def count_word(n):
    """A small count as a word ("five"), as the sentences say it."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve"]
    return words[n] if n < len(words) else fmt_int(n)


def join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def slice_note(s):
    """The teacher note on the slice: what moves, the rates' rule, the optimizers' settings."""
    return (f"The downhill chapter's slice: the first recorded image's cost with only two "
            f"weights moving (from hidden neuron {s['c']} into outputs {s['r']} and {s['q']}), "
            f"the slope taken afresh at every step, by nnmath.optimizers' own SGD, Momentum and "
            f"Adam (no learning-rate decay). The rates follow one rule: SGD and momentum use "
            f"the downhill chapter's rate ({s['downhill_rate']:g}) times its step count "
            f"({fmt_int(s['downhill_steps'])}) divided by {s['n_steps']}, rounded down to 1, 2 "
            f"or 5 times a power of ten: {s['rate']:g}. Adam's rate is SGD's first step on the "
            f"steeper weight, to two digits: {s['adam_rate']:g}, so all three start at the same "
            f"pace. Momentum keeps {s['momentum']:g} of its last step; Adam's averages use "
            f"beta1 = {s['betas'][0]:g}, beta2 = {s['betas'][1]:g}, as in the recorded runs.")


def rate_note(race_v):
    """The teacher note on how each run's learning rate was chosen, grid included."""
    rule = race_v["rate_rule"]
    rates = ", ".join(f"{r['title']} {r['rate_text']}" for r in race_v["runs"])
    net = race_v["network"]
    what = (f"hidden {net.get('hidden', '?')}, output {net.get('output', '?')}, cost "
            f"{net.get('cost', '?')}" if net else "the comparison network")
    common = (f"All five train the same network ({what}) from the same initial weights on "
              f"the same shuffled order, batch {race_v['batch_size']}, "
              f"{race_v['epochs']} epochs, learning-rate decay {race_v['decay']:g} per step. "
              f"Rates: {rates}.")
    if rule is None:
        return common + (" In this trace each run uses its optimizer's usual rate; re-record "
                         "for rates chosen on held-back training images.")
    grid = ", ".join(f"{g:g}" for g in rule["grid"])
    return common + (f" Each rate is the best of the grid {grid} by accuracy on "
                     f"{fmt_int(rule['validation_images'])} training images held back (trained "
                     f"on the other {fmt_int(rule['train_images'])}), the smaller rate on a "
                     f"tie; the run is then trained again on all training images. The "
                     f"held-out test images are never used to choose.")


def noise_note(race_v):
    return (f"One standard error of an accuracy a measured on n images is sqrt(a (1 - a) / n): "
            f"here {race_v['se_text']} points at the best score on n = "
            f"{race_v['n_test_text']}. Scores within {TIE_STANDARD_ERRORS} standard errors "
            f"({race_v['wobble_text']} points) of the best are counted as a tie; the bands "
            f"are that wide either way.")


def narration(v):
    """The spoken script: cue id, sentence and (where one helps) a teacher note."""
    s = v["slice"]
    sgd, mom, adam = s["walks"]
    lines = [
        ("question", (f"On the landscape from going downhill, three optimizers, rules that "
                      f"turn slopes into steps, take {count_word(s['n_steps'])} steps each "
                      f"from one start."),
         slice_note(s)),
        ("sgd", (f"Plain gradient descent, SGD, steps straight downhill, so its steps "
                 f"shrink as the ground flattens: the cost falls to {sgd['cost_end_text']}.")),
        ("momentum", (f"Momentum keeps part of its last step, so it rolls on over flat ground: "
                      f"the cost falls to {mom['cost_end_text']}.")),
        ("adam", (f"Adam gives each weight its own step size from its recent slopes: the cost "
                  f"falls to {adam['cost_end_text']}.")),
    ]
    r = v["race"]
    if r is None:
        lines.append(("missing", "This trace holds no comparison runs, so none are shown.",
                      f"{v['missing_note']}."))
        return lines
    chosen = ("the learning rate that did best on training images set aside"
              if r["rate_rule"] else "its usual learning rate")
    runs = r["runs"]
    best = runs[r["best"]]
    tied = [x["title"] for x in runs if x["tie"]]
    behind = [x for x in runs if not x["tie"]]
    if behind:
        tie = (f"The bands of {join(tied)} reach the best score, {best['acc_text']}: a tie; "
               + join([f"{x['title']} at {x['acc_text']}" for x in behind])
               + (" falls" if len(behind) == 1 else " fall") + " behind by more than chance.")
    else:
        tie = (f"Every band reaches the best score, {best['acc_text']}: the "
               f"{count_word(len(runs))} optimizers tie, and no rule wins by more than "
               f"chance.")
    lines += [
        ("race", (f"Do they help a whole network? {count_word(len(runs)).capitalize()} "
                  f"optimizers each trained one from the same start, at {chosen}."),
         rate_note(r)),
        ("adaptive", ("Adagrad and RMSProp size each weight's step too: Adagrad from all its "
                      "past slopes, RMSProp from recent ones.")),
        ("scores", (f"On {r['n_test_text']} test images, they score {r['lo_text']} to "
                    f"{r['hi_text']}.")),
        ("noise", (f"But test images are a sample: by chance alone, a score can move about "
                   f"{r['wobble_text']} points either way, the width of these bands.")),
        ("se", ("That chance wobble is two standard errors."), noise_note(r)),
        ("tie", tie),
    ]
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    s = v["slice"]
    rows = [("slice: cost at the start", s["cost0_text"])]
    for w in s["walks"]:
        rows.append(((f"slice: cost after {s['n_steps']} {w['title']} steps (rate "
                      f"{w['rate_text']})"), w["cost_end_text"]))
    r = v["race"]
    if r is None:
        rows.append(("comparison runs", v["missing_note"]))
        return rows
    for x in r["runs"]:
        rows.append((f"held-out accuracy, {x['title']} (rate {x['rate_text']})", x["acc_text"]))
    rows.append(("chance wobble: two standard errors of the best score",
                 f"{r['wobble_text']} points"))
    return rows
