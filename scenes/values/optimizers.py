"""The optimizers chapter: how better optimizers turn slopes into steps, and do they help?

Two pictures answer it. First, real steps in a real valley of the cost. The downhill
chapter's landscape of one image has no valley (each weight's part of a single image's cost
only flattens out), so the slice here is the mean cost of the data chapter's recorded images
(``data_img``, with the weights before the first recorded step) as two weights into one output
change: the downhill chapter's weight (its hidden neuron c into output r) and, by a rule, a
second one into the same output. Both weights feed the same output from hidden neurons whose
activations rise and fall together, so the cost is a tilted bowl, steep across and flat
along: a valley. The rule (:func:`pick_second`): the second hidden neuron is the one whose
valley is closest to :data:`NARROWNESS` times longer than wide at its bottom (the square root
of the ratio of the curvatures there, :func:`narrowness`). The start (:func:`start_point`) sits
on the level line :data:`START_RISE` above the valley's lowest point, one half-axis of that
ellipse along the valley and one up its wall, on the recorded weights' side. SGD's and
momentum's rate is :data:`ZIGZAG` over the steepest curvature at the bottom (more than 1 over
it, so each step across overshoots the floor: SGD zig-zags, then crawls along); Adam's rate is
SGD's first step on the steeper weight, to two significant digits (all three start at the
same pace). Momentum's and Adam's own settings are the recorded runs'. Each takes
:data:`N_STEPS` steps by nnmath's own optimizers (:mod:`nnmath.optimizers`), the slope (nnmath's
output delta times what fed the weight) taken afresh where the weights are. The box holds all
three paths and the lowest point; its level lines are solved on the cost itself
(:func:`level_lines`).

Second, the five recorded optimizer runs (``meta["beyond"]["optimizer_runs"]``): the same
network (``meta["beyond"]["optimizer_network"]``, named in the activations chapter's words by
:func:`network_words`), the same start and data, each at the learning rate its run chose (the
best of one grid on held-back training images, ``meta["beyond"]["rate_rule"]``). Their held-out
accuracies are measured on ``n_test`` images, so each is drawn with a band of
:data:`TIE_STANDARD_ERRORS` of its own standard errors either way (the chance wobble, taught in
words before it is named). Whether two scores differ by more than chance is judged on their
GAP, whose standard error is sqrt(se1^2 + se2^2) (:func:`gap_standard_error`, about 1.4 times
one score's): a run ties the best when their gap is within :data:`TIE_STANDARD_ERRORS` of them,
and falls behind otherwise. Without the runs in the trace the chapter says so and invents
nothing.
"""

import numpy as np

from nnmath.costs import output_delta
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

#: Steps each optimizer takes on the slice: enough to see each path's shape, each step seen.
N_STEPS = 15
#: The valley picked is the one closest to this many times longer than wide (at its bottom).
NARROWNESS = 6.0
#: The start sits on the level line this far above the valley's bottom (in cost units).
START_RISE = 0.01
#: SGD's and momentum's rate: this over the valley's steepest curvature at its bottom (between
#: 1 and 2 each step across the valley overshoots its floor: SGD zig-zags).
ZIGZAG = 1.6
#: Newton steps to the valley's lowest point; samples and bisections per level-line crossing.
LOWEST_ITERS = 40
FINE, BISECT = 801, 30
#: The three optimizers drawn on the slice, in the order they are explained.
SLICE_OPTIMIZERS = ("sgd", "momentum", "adam")
#: Extra room around the three paths, as a share of their extent.
PAD = 0.12
#: Each score's band is this many of its standard errors either way; a run ties the best when
#: their gap is within this many standard errors of the GAP (:func:`gap_standard_error`).
TIE_STANDARD_ERRORS = 2
#: The comparison network's parts in the words the activations chapter taught.
NET_WORDS = {"hidden": {"relu": "ReLU", "sigmoid": "sigmoid"},
             "output": {"softmax": "softmax", "sigmoid": "sigmoid"},
             "cost": {"cce": "cross-entropy", "bce": "cross-entropy", "mse": "squared-error"}}
#: What the chapter says when the trace lacks the comparison runs.
MISSING_NOTE = "comparison runs not in this trace: re-record with nnmath record"
#: Display names of the recorded runs (the trace names them; docs/trace.md).
RUN_TITLES = {"sgd": "SGD", "momentum": "momentum", "adagrad": "Adagrad",
              "rmsprop": "RMSProp", "adam": "Adam"}
#: Settings of momentum and Adam when the trace records no optimizer runs (nnmath's defaults).
DEFAULT_SETTINGS = {"momentum": {"momentum": 0.9}, "adam": {"beta1": 0.9, "beta2": 0.999}}


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


def batch_slice(trace, c2):
    """The slice's pieces for second weight ``w_h_o[r, c2]``: the images' hidden activations H
    (hidden, n) and targets, the recorded weights w0 of the pair, and the cost, slope and
    curvature (2 x 2) of the images' mean cost as functions of the pair's values."""
    a = trace.arrays
    d = downhill.values(trace)
    r, c, rule = d["r"], d["c"], d["rule"]
    w_i_h, b_i_h = a["step_w_i_h"][0], a["step_b_i_h"][0]
    w_h_o, b_h_o = a["step_w_h_o"][0], a["step_b_h_o"][0]
    x = a["data_img"].reshape(len(a["data_img"]), -1).T / 255.0
    hid = downhill.sigmoid(b_i_h + w_i_h @ x)
    n_out = w_h_o.shape[0]
    targets = np.eye(n_out)[np.asarray(a["data_label"], dtype=int)].T
    pre = b_h_o + w_h_o @ hid
    pair = np.stack([hid[c], hid[c2]])
    w0 = np.array([w_h_o[r, c], w_h_o[r, c2]])

    def outputs(ws):
        """The output r's weighted sums at each setting ``ws`` (k, 2): (k, images)."""
        return pre[r][None] + (np.atleast_2d(ws) - w0) @ pair

    def cost(ws):
        z = outputs(ws)
        k, n = z.shape
        o_pre = np.repeat(pre[:, None, :], k, axis=1)
        o_pre[r] = z
        o = downhill.sigmoid(o_pre).reshape(n_out, -1)
        l = np.repeat(targets[:, None, :], k, axis=1).reshape(n_out, -1)
        return downhill.image_cost(o, l, rule).reshape(k, n).mean(axis=1)

    def slope(w):
        z = outputs(w)
        o_pre = pre.copy()
        o_pre[r] = z[0]
        delta = output_delta(rule, o_pre, downhill.sigmoid(o_pre), targets)
        return pair @ delta[r] / pair.shape[1]

    def curvature(w, eps=1e-5):
        """The slope's change per unit of each weight (central differences of nnmath's
        slope): the valley's shape at ``w``."""
        cols = [(slope(w + e) - slope(w - e)) / (2 * eps) for e in np.eye(2) * eps]
        m = np.array(cols).T
        return (m + m.T) / 2

    return {"d": d, "r": r, "c": c, "c2": c2, "w0": w0, "n_images": pair.shape[1],
            "cost": cost, "slope": slope, "curvature": curvature}


def lowest(b, iters=LOWEST_ITERS):
    """The slice's lowest point: Newton steps from the recorded weights, each halved until the
    cost goes down (the cost is bowl-shaped: a sum of convex pieces of the two weights)."""
    w = b["w0"].copy()
    for _ in range(iters):
        step = np.linalg.solve(b["curvature"](w), b["slope"](w))
        t = 1.0
        while b["cost"](w - t * step)[0] > b["cost"](w)[0] and t > 1e-6:
            t /= 2
        w = w - t * step
    return w


def narrowness(b):
    """How many times longer than wide the valley is around its lowest point: the square root of
    its curvatures' ratio (the level lines there are ellipses with that ratio of axes)."""
    lam = np.linalg.eigvalsh(b["curvature"](lowest(b)))
    return float(np.sqrt(lam[1] / max(lam[0], 1e-300)))


def pick_second(trace):
    """The second weight's hidden neuron: the one (not the downhill chapter's) whose valley with
    it is closest to :data:`NARROWNESS` times longer than wide; the lower index on a tie."""
    d = downhill.values(trace)
    n_hidden = trace.arrays["step_w_h_o"].shape[2]
    cands = [k for k in range(n_hidden) if k != d["c"]]
    scores = [abs(narrowness(batch_slice(trace, k)) - NARROWNESS) for k in cands]
    scores = [x if np.isfinite(x) else np.inf for x in scores]  # a valley that has no bottom
    return cands[int(np.argmin(scores))]


def start_point(low, curv, w0):
    """The start: from the lowest point, out along the valley and up its wall to the level line
    :data:`START_RISE` above the bottom (as the curvature there predicts: one half-axis of that
    ellipse each way), on the side of the recorded weights."""
    lam, vec = np.linalg.eigh(curv)
    side = np.sign(vec.T @ (w0 - low))
    side[side == 0] = 1
    return low + sum(side[k] * np.sqrt(2 * START_RISE / lam[k]) * vec[:, k] for k in range(2))


def level_lines(cost, ga, gb, levels):
    """Each level's line of equal cost: in every column of the box (a fixed first weight) the
    cost along the second weight is bowl-shaped, so the level is met at most once on each side
    of the column's lowest point; each crossing is found on a fine sample and polished by
    bisection on the cost itself. Returns, per level, a list of polylines [(wa, wb), ...]."""
    fine = np.linspace(gb[0], gb[-1], FINE)
    grid = cost(np.stack(np.meshgrid(ga, fine, indexing="ij"), -1).reshape(-1, 2))
    grid = grid.reshape(len(ga), FINE)
    out = []
    for level in levels:
        pieces = []
        for side in (0, 1):
            crossings = []
            for i, x in enumerate(ga):
                col = grid[i]
                m = int(np.argmin(col))
                seg = np.arange(m, -1, -1) if side == 0 else np.arange(m, FINE)
                vals = col[seg]
                hit = np.nonzero(vals >= level)[0]
                if col[m] < level and len(hit):
                    j = hit[0]
                    lo_b, hi_b = fine[seg[j - 1]], fine[seg[j]]
                    for _ in range(BISECT):
                        mid = (lo_b + hi_b) / 2
                        if cost(np.array([[x, mid]]))[0] < level:
                            lo_b = mid
                        else:
                            hi_b = mid
                    crossings.append((float(x), float((lo_b + hi_b) / 2)))
                else:
                    crossings.append(None)
            pieces += downhill.polylines(crossings)
        out.append(pieces)
    return out


def slice_walks(trace):
    """SGD, momentum and Adam in a long, narrow valley of the cost: paths, costs, the box, level
    lines and shading, the rates, and the valley's lowest point (the module docstring's rule)."""
    b = batch_slice(trace, pick_second(trace))
    d, cost, slope = b["d"], b["cost"], b["slope"]
    low = lowest(b)
    curv = b["curvature"](low)
    lam, vec = np.linalg.eigh(curv)
    start = start_point(low, curv, b["w0"])
    rate = two_digits(ZIGZAG / lam[1])
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
        along = (path - low) @ vec[:, 0]
        walks.append({"name": name, "title": RUN_TITLES[name], "rate": r,
                      "rate_text": f"{r:g}", "path": path.tolist(), "cost": costs.tolist(),
                      "cost_end": float(costs[-1]),
                      "cost_end_text": fmt(costs[-1], downhill.COST_DIGITS),
                      "step_lengths": steps.tolist(), "along": along.tolist()})
    # the box: every path and the lowest point inside, square (equal units), padded
    pts = np.concatenate([np.array(w["path"]) for w in walks] + [low[None]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    half = max(hi - lo) * (1 + 2 * PAD) / 2
    mid = (lo + hi) / 2
    box = [(float(mid[k] - half), float(mid[k] + half)) for k in range(2)]
    ga, gb = np.linspace(*box[0], downhill.GRID), np.linspace(*box[1], downhill.GRID)
    shade = cost(np.stack(np.meshgrid(ga, gb), -1).reshape(-1, 2)).reshape(len(gb), len(ga))
    c_low = float(cost(low)[0])
    # levels closer together near the bottom (a bowl's level lines then sit evenly apart)
    share = (np.arange(1, downhill.N_CONTOURS + 1) / (downhill.N_CONTOURS + 1)) ** 2
    levels = c_low + share * (shade.max() - c_low)
    lines = level_lines(cost, ga, gb, levels)
    c0 = float(cost(start)[0])
    return {
        "rule": d["rule"], "cost_symbol": d["cost_symbol"], "class_names": d["class_names"],
        "r": b["r"], "c": b["c"], "c2": b["c2"], "n_images": b["n_images"],
        "n_images_text": fmt_int(b["n_images"]), "recorded": b["w0"].tolist(),
        "low": low.tolist(), "cost_low": c_low, "narrowness": float(np.sqrt(lam[1] / lam[0])),
        "curvatures": lam.tolist(), "valley": vec[:, 0].tolist(),
        "start": start.tolist(), "cost0": c0, "cost0_text": fmt(c0, downhill.COST_DIGITS),
        "n_steps": N_STEPS, "rate": rate, "adam_rate": adam_rate, "steeper": steeper,
        "momentum": mom["momentum"], "betas": [adam["beta1"], adam["beta2"]],
        "walks": walks, "box": [list(bx) for bx in box], "levels": levels.tolist(),
        "contours": lines, "shade": shade.tolist(),
        "shade_lo": float(shade.min()), "shade_hi": float(shade.max()),
    }


def standard_error(acc, n):
    """One standard error of an accuracy ``acc`` measured on ``n`` held-out images."""
    return float(np.sqrt(acc * (1.0 - acc) / n))


def gap_standard_error(acc1, acc2, n):
    """One standard error of the gap between two accuracies, each measured on ``n`` images:
    both wobble, so the gap's is sqrt(se1^2 + se2^2) (about 1.4 times one score's)."""
    return float(np.hypot(standard_error(acc1, n), standard_error(acc2, n)))


def network_words(net, sizes):
    """The comparison network in the words the activations chapter taught ("ReLU hidden
    layer", "softmax outputs", "cross-entropy cost"), from ``meta["beyond"]
    ["optimizer_network"]``, and its layer sizes from the recorded weights."""
    hidden = NET_WORDS["hidden"].get(net.get("hidden"), net.get("hidden", "hidden"))
    output = NET_WORDS["output"].get(net.get("output"), net.get("output", "output"))
    cost = NET_WORDS["cost"].get(net.get("cost"), net.get("cost", "its"))
    n_in, n_hid, n_out = sizes
    return {"hidden": hidden, "output": output, "cost": cost,
            "said": f"a {hidden} hidden layer, {output} outputs and the {cost} cost",
            "layers": [f"{fmt_int(n_in)} pixels", f"{fmt_int(n_hid)} {hidden}",
                       f"{fmt_int(n_out)} {output}"],
            "cost_text": f"cost: {cost}"}


def race(trace):
    """The five recorded optimizer runs as plain numbers, or None when the trace has none."""
    if not has_runs(trace):
        return None
    a, bm = trace.arrays, trace.meta["beyond"]
    n_test = int(trace.meta["n_test"])
    runs = []
    for i, run in enumerate(bm["optimizer_runs"]):
        name = run["optimizer"]
        acc = float(a["beyond_opt_epoch_test_acc"][i][-1])
        se = standard_error(acc, n_test)
        runs.append({"name": name, "title": RUN_TITLES.get(name, name),
                     "learn_rate": float(run["learn_rate"]), "rate_text": f"{run['learn_rate']:g}",
                     "test_acc": a["beyond_opt_epoch_test_acc"][i].tolist(),
                     "curve_acc": a["beyond_opt_curve_acc"][i].tolist(),
                     "acc": acc, "acc_text": fmt_pct(acc), "se": se,
                     "band": TIE_STANDARD_ERRORS * se})
    accs = [r["acc"] for r in runs]
    best_i = int(np.argmax(accs))
    best = accs[best_i]
    se = standard_error(best, n_test)
    wobble = TIE_STANDARD_ERRORS * se
    for r in runs:
        r["gap"] = best - r["acc"]
        r["gap_need"] = TIE_STANDARD_ERRORS * gap_standard_error(best, r["acc"], n_test)
        r["tie"] = bool(r["gap"] <= r["gap_need"] + 1e-12)
    # the gaps chance alone can make (each run's own, against the best), said as a range
    needs = [r["gap_need"] for i, r in enumerate(runs) if i != best_i] or [0.0]
    need_texts = [fmt(100 * min(needs), 1), fmt(100 * max(needs), 1)]
    gap_texts = need_texts[:1] if need_texts[0] == need_texts[1] else need_texts
    rule = bm.get("rate_rule")
    net = dict(bm.get("optimizer_network", {}))
    sizes = (a["beyond_w_i_h"].shape[1], a["beyond_w_i_h"].shape[0], a["beyond_w_h_o"].shape[0])
    return {
        "runs": runs, "n_test": n_test, "n_test_text": fmt_int(n_test),
        "best": best_i, "best_acc": best, "se": se, "wobble": wobble,
        "wobble_text": fmt(100 * wobble, 1), "se_text": fmt(100 * se, 2),
        "gap_texts": gap_texts, "gap_text": " to ".join(gap_texts),
        "lo_text": fmt_pct(min(accs)), "hi_text": fmt_pct(max(accs)),
        "epochs": int(bm["epochs"]), "batch_size": int(bm["batch_size"]),
        "decay": float(bm["decay"]), "network": net,
        "net_words": network_words(net, sizes),
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
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen", "twenty"]
    return words[n] if n < len(words) else fmt_int(n)


def join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def slice_note(s):
    """The teacher note on the slice: what moves, how the pair, the start and the rates were
    picked, the optimizers' settings."""
    return (f"The slice: the mean cost of the {s['n_images_text']} images of the data chapter, "
            f"with the weights before the first recorded step, only two weights moving: from "
            f"hidden neurons {s['c']} (the downhill chapter's) and {s['c2']} into output "
            f"{s['r']}. The second neuron is the one whose valley is closest to "
            f"{NARROWNESS:g} times longer than wide at its bottom (here {s['narrowness']:.1f}). "
            f"The start lies on the level line {START_RISE:g} above the bottom, one half-axis "
            f"of that ellipse out along the valley and one up its wall, on the side of the "
            f"recorded weights. SGD and momentum use rate {ZIGZAG:g} over the valley's "
            f"steepest curvature, to two digits: {s['rate']:g} (above 1 over it, so each step "
            f"across overshoots the floor). Adam's rate is SGD's first step on the steeper "
            f"weight, to two digits: {s['adam_rate']:g}. Momentum keeps {s['momentum']:g} of "
            f"its last step; Adam's averages use beta1 = {s['betas'][0]:g}, beta2 = "
            f"{s['betas'][1]:g}, as in the recorded runs; nnmath.optimizers' own code, the "
            f"slope taken afresh at every step, no learning-rate decay.")


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
            f"{race_v['n_test_text']}. Each band is {TIE_STANDARD_ERRORS} standard errors of "
            f"its own score either way.")


def tie_note(race_v):
    """The teacher note on the tie rule: the gap's standard error, each run's gap and need."""
    rows = "; ".join(f"{x['title']} {100 * x['gap']:.2f} vs {100 * x['gap_need']:.2f}"
                     for i, x in enumerate(race_v["runs"]) if i != race_v["best"])
    return (f"Two scores each wobble, so their gap's standard error is sqrt(a1 (1 - a1) / n + "
            f"a2 (1 - a2) / n), about 1.4 times one score's. A run ties the best when their gap "
            f"is at most {TIE_STANDARD_ERRORS} standard errors of the gap, more than chance "
            f"otherwise (about {race_v['gap_text']} points here). Gap vs "
            f"{TIE_STANDARD_ERRORS} standard errors of the gap, in points: {rows}.")


def tie_sentence(r):
    """The verdict by the gap rule: who ties the best, who falls behind."""
    runs = r["runs"]
    best = runs[r["best"]]
    others = [x for i, x in enumerate(runs) if i != r["best"]]
    tied = [x["title"] for x in others if x["tie"]]
    behind = [x for x in others if not x["tie"]]
    head = (f"Both scores of a pair wobble, so a gap beats chance only past about "
            f"{r['gap_text']} points: ")
    if not behind:
        return head + (f"all {count_word(len(runs))} optimizers tie with the best, "
                       f"{best['acc_text']}, and no rule wins.")
    parts = []
    if tied:
        parts.append(f"{join(tied)} {'ties' if len(tied) == 1 else 'tie'} with the best, "
                     f"{best['title']} at {best['acc_text']}")
    else:
        parts.append(f"none ties with the best, {best['title']} at {best['acc_text']}")
    parts.append(join([f"{x['title']} at {x['acc_text']}" for x in behind])
                 + (" falls" if len(behind) == 1 else " fall") + " behind.")
    return head + "; ".join(parts)


def narration(v):
    """The spoken script: cue id, sentence and (where one helps) a teacher note."""
    s = v["slice"]
    sgd, mom, adam = s["walks"]
    lines = [
        ("question", (f"Change just two weights into one output, and the cost of "
                      f"{s['n_images_text']} images forms a long, narrow valley; three "
                      f"optimizers, rules that turn slopes into steps, take "
                      f"{count_word(s['n_steps'])} steps each from one start."),
         slice_note(s)),
        ("sgd", (f"Plain gradient descent, SGD, steps straight downhill, mostly across the "
                 f"valley, so it zig-zags and then crawls: the cost falls to "
                 f"{sgd['cost_end_text']}.")),
        ("momentum", (f"Momentum keeps part of its last step, so it overshoots, then gathers "
                      f"speed along the valley: the cost falls to {mom['cost_end_text']}.")),
        ("adam", (f"Adam gives each weight its own step size from its recent slopes, so the "
                  f"flat way along the valley gets steps as big as the steep way: the cost "
                  f"falls to {adam['cost_end_text']}.")),
    ]
    r = v["race"]
    if r is None:
        lines.append(("missing", "This trace holds no comparison runs, so none are shown.",
                      f"{v['missing_note']}."))
        return lines
    chosen = ("the learning rate that did best on training images set aside"
              if r["rate_rule"] else "its usual learning rate")
    nw = r["net_words"]
    lines += [
        ("race", (f"Do they help a whole network? {count_word(len(r['runs'])).capitalize()} "
                  f"optimizers each trained the network with {nw['said']}.")),
        ("same", (f"All {count_word(len(r['runs']))} start from the same weights and see the "
                  f"same images in the same order, each at {chosen}."), rate_note(r)),
        ("adaptive", ("Adagrad and RMSProp size each weight's step too: Adagrad from all its "
                      "past slopes, RMSProp from recent ones.")),
        ("scores", (f"On {r['n_test_text']} test images, they score {r['lo_text']} to "
                    f"{r['hi_text']}.")),
        ("noise", (f"But test images are a sample: by chance alone, a score can move about "
                   f"{r['wobble_text']} points either way, the width of these bands.")),
        ("se", ("That chance wobble is two standard errors."), noise_note(r)),
        ("tie", tie_sentence(r), tie_note(r)),
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
    rows.append(("a gap beats chance past: two standard errors of the gap",
                 f"{r['gap_text']} points"))
    return rows
