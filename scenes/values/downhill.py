"""The downhill chapter: how a step makes the cost small, drawn on the cost the code's step
really follows.

The image is the first recorded step's (``step_img[0]``), with the weights before that
step. The weight followed is the backprop chapter's: from the most active hidden neuron c
(largest h) to the label's output r. Its curve is this image's cost with that one weight
changed and everything else held: the forward pass re-run at each value. The cost drawn
is the one whose slope the code's step follows (``meta["delta_rule"]``): for the reference's
``o - l`` (``cross_entropy``) that is the binary cross-entropy summed over the outputs, e's
"close cousin" of the cost chapter, named "the log cost C" on screen and written out
(:data:`COST_TEX`; the word cross-entropy is taught later); for ``mse`` it is e itself.
Its slope at today's value is nnmath's own gradient (``output_delta`` times h), so minus
the learning rate times it is exactly the change the code makes to that weight; e's slope
along the same weight at the same value (the ``mse`` delta times h) is shown beside it, to
show the step follows C's, not e's.

Every number is the code's: the learning rate is the run's. One step is too small to see,
so the chapter shows :func:`step_count` steps of the same rule on this one image (the slope
taken afresh where the weight is each time), a round count chosen by a stated rule. The
landscape adds a second weight by a rule too: the same hidden neuron's weight into the
largest wrong output q. The two weights feed different outputs, so the cost is a sum of a
part that depends on each, and each contour line is solved for exactly (:func:`contours`).
The landscape is shaded by the cost at every point of its grid (exact, the same split).
Step arrows too short to see are drawn a round number of times longer, stated on screen
(:func:`zoom_for`). The gradient's size is counted from the trace's layer sizes; its
picture shows each weight's step, minus the learning rate times its slope (a hidden
neuron's steps are the image's pixels times one number for that neuron, as said). Numbers that can
be negative are written with the true minus sign (:func:`signed`).
"""

import numpy as np

from nnmath.costs import binary_cross_entropy, mse, output_delta
from scenes.values.format import fmt, fmt_int

#: The cost whose slope the code's step follows, per delta rule, as written on screen: for the
#: reference's ``o - l`` the binary cross-entropy summed over the outputs (named "the log cost
#: C" on screen: the glossary teaches "cross-entropy" later), for ``mse`` e itself.
COST_TEX = {
    "cross_entropy": r"C = -\sum_i \big[\, l_i \ln o_i + (1 - l_i) \ln(1 - o_i) \,\big]",
    "mse": r"e = \frac{1}{n} \sum_i (o_i - l_i)^2",
}
COST_SYMBOL = {"cross_entropy": "C", "mse": "e"}

FORMULAS = [
    COST_TEX["cross_entropy"],
    r"\text{slope} = \frac{\Delta\,\text{cost}}{\Delta w}",
    r"w \leftarrow w - \text{learning rate} \times \text{slope}",
    r"\text{gradient} = \text{every weight's and bias's slope, together}",
]

#: Round step counts the chapter may show: the first whose steps take this image's cost
#: at least HALF_WAY of the way down to where this weight alone could bring it.
ROUND_COUNTS = tuple(m * 10 ** k for k in range(1, 6) for m in (1, 2, 5))
HALF_WAY = 0.5
#: A step this share of the plotted range or longer can be seen on the curve.
VISIBLE_SHARE = 0.02
#: Extra room either side of the path on the plots, as a share of the path's length.
PAD = 0.35
#: Points per drawn curve, frames of the rolling ball, contour lines of the landscape.
CURVE_POINTS = 161
PATH_FRAMES = 120
N_CONTOURS = 7
GRID = 121
#: A step arrow too short to see is drawn a round number of times longer (:func:`zoom_for`),
#: to about this share of its plot's width (the curve's, then the landscape's).
ARROW_SHARE, ARROW_SHARE_2D = 0.2, 0.3
#: Decimals of weights, slopes and costs on screen and in the narration.
W_DIGITS, COST_DIGITS, SLOPE_SIG, STEP_SIG = 4, 3, 3, 3


def sig_text(x, n):
    """``x`` to ``n`` significant digits (0.00576857 -> '0.00577')."""
    x = float(x)
    if x == 0:
        return fmt(x, n - 1)
    return fmt(x, max(0, n - 1 - int(np.floor(np.log10(abs(x))))))


def signed(text):
    """A number's text with the true minus sign (U+2212), as the rest of the video writes it."""
    return text.replace("-", "\u2212")


def zoom_for(length, room):
    """How many times longer a step of ``length`` is drawn so it can be seen: the largest round
    factor (1, 2 or 5 times a power of ten) that keeps it within ``room``; 1 (true length)
    when it already fills that much."""
    if length <= 0 or length >= room:
        return 1
    best = 1
    for n in (1, 2, 5) + ROUND_COUNTS:
        if n * length <= room:
            best = n
    return best


def image_cost(o, l, rule):
    """This image's cost whose slope the step follows, for outputs ``o`` (outputs, k)."""
    if rule == "mse":
        return mse(o, l)
    return binary_cross_entropy(o, l)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def pre_outputs_at(w_h_o, b_h_o, h, rows, cols, ws):
    """The output layer's weighted sums for each setting of the weights
    ``w_h_o[rows[i], cols[i]] = ws[:, i]`` (``ws`` of shape (k, len(rows))): the output layer
    re-run, h unchanged (these weights come after it). Returns (outputs, k)."""
    ws = np.atleast_2d(ws)
    mats = np.repeat(w_h_o[None], len(ws), axis=0)
    for i, (r, c) in enumerate(zip(rows, cols)):
        mats[:, r, c] = ws[:, i]
    return (b_h_o[None] + mats @ h[None])[:, :, 0].T


def outputs_at(w_h_o, b_h_o, h, rows, cols, ws):
    """The outputs (outputs, k) for each setting, as :func:`pre_outputs_at`."""
    return sigmoid(pre_outputs_at(w_h_o, b_h_o, h, rows, cols, ws))


def slopes_at(w_h_o, b_h_o, h, l, rows, cols, ws, rule):
    """nnmath's gradient of the cost for each weight ``w_h_o[r, c]`` at each setting: the
    output delta of the rule times what fed the weight."""
    o_pre = pre_outputs_at(w_h_o, b_h_o, h, rows, cols, ws)
    o = sigmoid(o_pre)
    delta = output_delta(rule, o_pre, o, np.repeat(l, o.shape[1], axis=1))
    return np.stack([delta[r] * h[c, 0] for r, c in zip(rows, cols)], axis=1)


def descend(w_h_o, b_h_o, h, l, rows, cols, start, rate, n, rule):
    """The weights after 0..n steps of ``w <- w - rate * slope`` (the slope taken afresh at
    every step), only these weights moving: (n + 1, len(rows))."""
    path = np.empty((n + 1, len(rows)))
    path[0] = start
    for t in range(n):
        path[t + 1] = path[t] - rate * slopes_at(w_h_o, b_h_o, h, l, rows, cols,
                                                   path[t][None], rule)[0]
    return path


def step_count(cost_of, path_for, floor):
    """The first of :data:`ROUND_COUNTS` whose steps take the cost at least :data:`HALF_WAY`
    of the way from today's value to ``floor``; the last count if none does."""
    c0 = cost_of(path_for(0)[-1])
    for n in ROUND_COUNTS:
        if c0 - cost_of(path_for(n)[-1]) >= HALF_WAY * (c0 - floor):
            return n
    return ROUND_COUNTS[-1]


def followed(h):
    """The hidden neuron the chapter follows (as the backprop chapter): the most active one."""
    return int(np.argmax(np.asarray(h).reshape(-1)))


def largest_wrong(o, label):
    """The largest output that is not the label's: the second weight of the landscape."""
    o = np.asarray(o, dtype=float).reshape(-1).copy()
    o[label] = -np.inf
    return int(np.argmax(o))


def span(lo, hi, pad=PAD):
    width = max(hi - lo, 1e-9)
    return lo - pad * width, hi + pad * width


def contours(cost_a, cost_b, wa, wb, levels):
    """Each level's line of equal cost on the landscape ``cost_a(wa) + cost_b(wb)`` (the two
    weights feed different outputs, so the cost splits into a part for each): for every wa
    sampled, the wb where ``cost_b`` makes up the rest, found on ``cost_b``'s monotone sample.
    Returns, per level, a list of polylines [(wa, wb), ...] inside the box."""
    a_vals = cost_a(wa)
    b_vals = cost_b(wb)
    order = np.argsort(b_vals)
    b_sorted, wb_sorted = b_vals[order], wb[order]
    lines = []
    for level in levels:
        rest = level - a_vals
        inside = (rest >= b_sorted[0]) & (rest <= b_sorted[-1])
        lines.append(polylines((float(x), float(np.interp(r, b_sorted, wb_sorted))) if ok
                               else None for x, r, ok in zip(wa, rest, inside)))
    return lines


def polylines(points):
    """A level line's pieces: the runs of consecutive points (``None`` breaks a run), each of
    at least two points, so it can be drawn."""
    pieces, current = [], []
    for point in points:
        if point is not None:
            current.append(point)
        elif current:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [p for p in pieces if len(p) > 1]


def values(trace):
    """Everything the downhill chapter shows, from the first recorded step."""
    a, meta = trace.arrays, trace.meta
    pos = 0
    rule = meta["delta_rule"]
    rate = float(meta["learn_rate"])
    h, o, l = a["step_h"][pos], a["step_o"][pos], a["step_l"][pos]
    w_h_o, b_h_o = a["step_w_h_o"][pos], a["step_b_h_o"][pos]
    label = int(a["step_label"][pos])
    r, c = label, followed(h)
    q = largest_wrong(o, label)
    names = list(meta["class_names"])

    def cost_1d(ws):
        return image_cost(outputs_at(w_h_o, b_h_o, h, [r], [c], np.reshape(ws, (-1, 1))),
                          l, rule)

    w0 = float(w_h_o[r, c])
    c0 = float(image_cost(o, l, rule)[0])
    slope0 = float(output_delta(rule, a["step_o_pre"][pos], o, l)[r, 0] * h[c, 0])
    # e's slope along the same weight at the same value: the squared error's own delta
    e_slope0 = float(output_delta("mse", a["step_o_pre"][pos], o, l)[r, 0] * h[c, 0])
    step = -rate * slope0
    # where this weight alone could bring the cost: its output at the label's value
    o_floor = o.copy()
    o_floor[r] = l[r]
    floor = float(image_cost(np.clip(o_floor, 1e-12, 1 - 1e-12), l, rule)[0])

    def path_1d(n):
        return descend(w_h_o, b_h_o, h, l, [r], [c], [w0], rate, n, rule)[:, 0]

    n = step_count(lambda w: float(cost_1d([w])[0]), path_1d, floor)
    path = path_1d(n)
    wn = float(path[-1])
    x_lo, x_hi = span(min(w0, wn), max(w0, wn))
    ws = np.linspace(x_lo, x_hi, CURVE_POINTS)
    frames = np.unique(np.round(np.linspace(0, n, PATH_FRAMES + 1)).astype(int))
    zoom = zoom_for(abs(step), ARROW_SHARE * (x_hi - x_lo))
    o_n = outputs_at(w_h_o, b_h_o, h, [r], [c], [[wn]])
    slope_n = float(slopes_at(w_h_o, b_h_o, h, l, [r], [c], [[wn]], rule)[0, 0])

    # the landscape: w_h_o[r, c] across, w_h_o[q, c] up; both step at once by the same rule
    path2 = descend(w_h_o, b_h_o, h, l, [r, q], [c, c], [w0, float(w_h_o[q, c])], rate, n,
                    rule)
    lo = path2.min(axis=0)
    hi = path2.max(axis=0)
    half = max(hi - lo) * (1 + 2 * PAD) / 2  # a square box: equal units on both axes
    mid = (lo + hi) / 2
    box = [(mid[0] - half, mid[0] + half), (mid[1] - half, mid[1] + half)]
    ga = np.linspace(*box[0], GRID)
    gb = np.linspace(*box[1], GRID)
    # each weight's share of the cost: the cost with only that weight moved, less the rest
    rest = c0

    def part(row, wvals):
        col = outputs_at(w_h_o, b_h_o, h, [row], [c], np.reshape(wvals, (-1, 1)))
        return image_cost(col, l, rule) - rest

    corners = [rest + part(r, [x])[0] + part(q, [y])[0] for x in box[0] for y in box[1]]
    levels = np.linspace(min(corners), max(corners), N_CONTOURS + 2)[1:-1]
    lines = contours(lambda x: part(r, x), lambda y: part(q, y) + rest, ga, gb, levels)
    # the landscape's shading: the cost at every point of the grid (row k: the second
    # weight at gb[k], bottom to top), the two parts added
    shade = rest + part(r, ga)[None, :] + (part(q, gb))[:, None]
    o_path2 = outputs_at(w_h_o, b_h_o, h, [r, q], [c, c], path2[-1:])
    slopes2 = slopes_at(w_h_o, b_h_o, h, l, [r, q], [c, c], path2[:1], rule)[0]
    zoom2 = zoom_for(rate * float(np.linalg.norm(slopes2)), ARROW_SHARE_2D * 2 * half)

    # every weight's and bias's slope for this image: nnmath's gradient (the delta of each
    # layer in the correct order, times what fed it)
    sizes = [int(s) for s in meta["sizes"]]
    n_weights = sum(m * k for m, k in zip(sizes[:-1], sizes[1:]))
    n_biases = sum(sizes[1:])
    delta_o = output_delta(rule, a["step_o_pre"][pos], o, l)
    delta_h = (w_h_o.T @ delta_o) * h * (1 - h)
    grad_w_i_h = delta_h @ a["step_img"][pos].T
    grad_w_h_o = delta_o @ h.T
    e0 = float(a["step_e"][pos])
    e_n = float(mse(o_n, l)[0])
    return {
        "rule": rule,
        "cost_tex": COST_TEX[rule], "cost_symbol": COST_SYMBOL[rule],
        "learn_rate": rate,
        "step": int(a["step_index"][pos]),
        "label": label, "r": r, "c": c, "q": q,
        "class_names": names,
        "img": a["step_img"][pos, :, 0].tolist(),
        "h_c": float(h[c, 0]),
        "w0": w0, "cost0": c0, "e0": e0,
        "slope0": slope0, "e_slope0": e_slope0, "step_w": step, "w1": w0 + step,
        "cost1": float(cost_1d([w0 + step])[0]),
        "n_steps": n,
        # whether one step shows on the curve's plot (a run with a large learning rate)
        "step_visible": bool(abs(step) >= VISIBLE_SHARE * (x_hi - x_lo)),
        "zoom": zoom, "zoom_text": fmt_int(zoom),
        "path": path[frames].tolist(), "path_steps": frames.tolist(),
        "path_cost": cost_1d(path[frames]).tolist(),
        "path_slope": slopes_at(w_h_o, b_h_o, h, l, [r], [c], path[frames][:, None],
                                rule)[:, 0].tolist(),
        "path_e": mse(outputs_at(w_h_o, b_h_o, h, [r], [c], path[frames][:, None]),
                      l).tolist(),
        "wn": wn, "cost_n": float(cost_1d([wn])[0]), "e_n": e_n, "slope_n": slope_n,
        "cost_floor": floor,
        "curve_ws": ws.tolist(), "curve_cost": cost_1d(ws).tolist(),
        # landscape
        "w0_q": float(w_h_o[q, c]),
        "box": [list(map(float, b)) for b in box],
        "levels": levels.tolist(),
        "contours": lines,
        "path2": path2[frames].tolist(),
        "path2_cost": [float(rest + part(r, [x])[0] + part(q, [y])[0])
                       for x, y in path2[frames]],
        "cost2_n": float(image_cost(o_path2, l, rule)[0]),
        "slopes2": slopes2.tolist(),
        "zoom2": zoom2, "zoom2_text": fmt_int(zoom2),
        "shade": shade.tolist(), "shade_lo": float(shade.min()), "shade_hi": float(shade.max()),
        # the gradient
        "sizes": sizes, "n_weights": n_weights, "n_biases": n_biases,
        "n_slopes": n_weights + n_biases,
        "grad_w_i_h": grad_w_i_h.tolist(), "grad_w_h_o": grad_w_h_o.tolist(),
        # each weight's step, minus the learning rate times its slope (blue raised, red
        # lowered, as the training chapter draws what training added)
        "step_w_i_h": (-rate * grad_w_i_h).tolist(), "step_w_h_o": (-rate * grad_w_h_o).tolist(),
        # texts: what is said is what is shown
        "w0_text": signed(fmt(w0, W_DIGITS)), "cost0_text": fmt(c0, COST_DIGITS),
        "slope0_text": signed(sig_text(slope0, SLOPE_SIG)),
        "e_slope0_text": signed(sig_text(e_slope0, SLOPE_SIG)), "rate_text": f"{rate:g}",
        "step_text": signed(sig_text(step, STEP_SIG)),
        "wn_text": signed(fmt(wn, W_DIGITS)), "cost_n_text": fmt(float(cost_1d([wn])[0]), COST_DIGITS),
        "e0_text": fmt(e0, COST_DIGITS + 1), "e_n_text": fmt(e_n, COST_DIGITS + 1),
        "cost2_n_text": fmt(float(image_cost(o_path2, l, rule)[0]), COST_DIGITS),
        "n_text": fmt_int(n),
    }


def narration(v):
    """The spoken script: cue id, sentence and a teacher note, numbers from the values."""
    names = v["class_names"]
    name, wrong = names[v["r"]], names[v["q"]]
    c = fmt_int(v["c"])
    if v["rule"] == "mse":
        cost_words = "e, the cost the code steps on in this run,"
        cost_note = ("This run trains with the squared error's own slope (--delta-rule mse), "
                     "so the curve is e itself.")
        fall_words = "The cost falls"
        why = []
    else:
        cost_words = "e's cousin, the log cost C,"
        cost_note = ("C is the binary cross-entropy of this image summed over the outputs, "
                     "-sum(l ln o + (1 - l) ln(1 - o)): the cost whose slope the code's "
                     "delta_o = o - l is (the cross-entropy chapter names it). The curve is "
                     "the forward pass re-run with this one weight set to each value, every "
                     "other weight as before the first step.")
        fall_words = "C falls"
        why = [("why", (f"The code's step follows C's slope, {v['slope0_text']}, not e's "
                        f"slope, {v['e_slope0_text']}: that is why we draw C."),
                ("The reference prints e but steps along delta_o = o - l, which is the slope "
                 "of C with respect to the output's weighted sum, not of e (e's slope has an "
                 "extra factor o (1 - o), doubled and divided by the number of outputs). Both "
                 "slopes are taken along the same weight at the same value; e is still shown "
                 "beside C."))]
    return [
        ("curve", (f"How do we make the cost small? Take one weight, from hidden neuron {c} "
                   f"to output {name}, re-run the network on the first image at many values "
                   f"of it, and {cost_words} traces a curve."),
         cost_note),
        ("slope", (f"Right now the weight is {v['w0_text']}; the slope there, how fast the cost "
                   f"changes as the weight moves, is {v['slope0_text']}: this tangent."),
         ("The slope is nnmath's gradient for this weight: delta_o of the label's output "
          "times the hidden neuron's value h; a finite difference of the curve gives the "
          "same number.")),
        ("step", (f"The code's step is minus the learning rate, {v['rate_text']}, times the "
                  f"slope: {v['step_text']}, downhill."),
         ("This is exactly the change the code made to this weight in its first step: "
          "w_h_o changes by -learn_rate * delta_o @ h.T, and delta_o and h come from the "
          "weights before the step, so the other weights moving at the same time do not "
          "change it.")),
        *why,
        ("again", ((f"One step is too small to see, so here are {v['n_text']} steps of the same rule, "
                    if not v["step_visible"] else
                    f"Step after step: here are {v['n_text']} steps of the same rule, ")
                   + "each with the slope where the weight is now; they shrink as the curve "
                   "flattens."),
         ("Training itself moves on to the next image after each step, and moves every "
          "weight at once; repeating the step on one image with one weight only shows the "
          f"rule at work. The count, {v['n_text']}, is the first round count that takes the "
          "cost at least half way down to where this weight alone could bring it.")),
        ("fall", (f"{fall_words} from {v['cost0_text']} to {v['cost_n_text']}, and e, the "
                  f"squared error, falls too, to {v['e_n_text']}.")),
        ("landscape", (f"With two weights the cost is a landscape, dark where it is low: add "
                       f"this neuron's weight "
                       f"into output {wrong}, the largest wrong one; each line joins equal "
                       "costs."),
         ("The second weight is chosen by a rule: the same hidden neuron's weight into the "
          "output with the largest value that is not the label's. The two weights feed "
          "different outputs, so each contour is solved exactly.")),
        ("downhill", ("Each step moves both weights against their slopes at once, downhill "
                      f"across the lines into the dark: the cost falls to {v['cost2_n_text']}.")),
        ("gradient", (f"All {fmt_int(v['n_weights'])} weights and {fmt_int(v['n_biases'])} "
                      "biases have slopes; together they are the gradient, and every "
                      "training step moves against it: blue weights go up, red ones go "
                      "down. Each hidden neuron's picture looks like the image because its "
                      "steps are the image's pixels times one number for that neuron: blank "
                      "pixels get no step."),
         ("Counted from the layer sizes: "
          + " + ".join(f"{a} x {b}" for a, b in zip(v["sizes"][:-1], v["sizes"][1:]))
          + f" weights and {' + '.join(str(s) for s in v['sizes'][1:])} biases. The "
          "backprop chapter shows where all these slopes come from.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    r, c = v["r"], v["c"]
    return [
        (f"w_h_o[{r}, {c}] before the first step", v["w0_text"]),
        ("its slope", v["slope0_text"]),
        ("learning rate", v["rate_text"]),
        ("its step", v["step_text"]),
        (f"after {v['n_text']} steps of the same rule", v["wn_text"]),
        ("slopes in the gradient", fmt_int(v["n_slopes"])),
    ]
