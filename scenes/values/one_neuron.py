"""One neuron, the smallest learner: three inputs, one sigmoid, learning the targets [0, 0, 1, 1].

The run is the trace's ``neuron_*`` side experiment: weights, outputs and mean
absolute error at log-spaced iterations, and the trained neuron's answer for
an input it never saw. The chapter shows the cost e of the cost chapter, the mean of
``(o - l)**2`` over the four rows, computed here from the recorded outputs and targets;
each row's ``(o - l)**2`` at the start is shown too, as the numbers e is the mean of.

One iteration is worked through by hand (iteration 0 to 1, both recorded): the sums
``X @ w``, the outputs, ``l - o``, ``o * (1 - o)``, each row's push
``d = (l - o) * o * (1 - o)`` and each weight's change ``X.T @ d``, which added to the
weights gives exactly the recorded weights of iteration 1. The row worked in detail is
picked by a rule: the first row whose target is 1 (a row where the first input matters).
"""

import numpy as np

from scenes.values.format import fmt, fmt_int

FORMULAS = [
    r"o = \sigma(x_1 w_1 + x_2 w_2 + x_3 w_3)",
    r"w \leftarrow w + X^{\top}\big((l - o) \odot o \odot (1 - o)\big)",
    r"e = \mathrm{mean}\,(o - l)^2",
]

#: Decimals of the numbers the chapter shows and says: weights and outputs, the worked
#: iteration's pieces, and the cost e.
W_DIGITS, O_DIGITS, D_DIGITS, E_DIGITS = 3, 3, 3, 4


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def worked_row(y):
    """The row worked through by hand: the first one whose target is 1."""
    return int(np.flatnonzero(np.asarray(y) == 1)[0])


def ordinal_word(k):
    """``0 -> 'first'`` ... for the four rows of the table."""
    return ("first", "second", "third", "fourth")[k]


def values(trace):
    """Inputs, targets, the recorded weights/outputs/costs, the worked first iteration and
    the unseen input's answer."""
    a = trace.arrays
    x, y = np.asarray(a["neuron_x"], float), np.asarray(a["neuron_y"], float)
    o_rec = np.asarray(a["neuron_o"], float)
    e = np.mean((o_rec - y) ** 2, axis=1)
    w0 = np.asarray(a["neuron_w"][0], float)
    s = x @ w0
    o = sigmoid(s)
    miss = y - o
    squash = o * (1 - o)
    d = miss * squash
    step = x.T @ d
    k = worked_row(y)
    w_new = np.asarray(a["neuron_w"][-1], float)
    new_x = np.asarray(a["neuron_new_x"], float)
    return {
        "x": x.tolist(),
        "y": y.tolist(),
        "iters": a["neuron_iters"].tolist(),
        "w": a["neuron_w"].tolist(),
        "o": o_rec.tolist(),
        "e": e.tolist(),
        "e_texts": [fmt(v, E_DIGITS) for v in e],
        # each row's (o - l)**2 at the start: the four numbers the cost e is the mean of
        "sq_texts": [fmt(v, D_DIGITS) for v in (o_rec[0] - y) ** 2],
        "iterations": int(a["neuron_iters"][-1]),
        "iterations_text": fmt_int(a["neuron_iters"][-1]),
        "bias_input": bias_input(x),
        # the worked iteration (0 -> 1)
        "row": k,
        "row_word": ordinal_word(k),
        "sum": s.tolist(),
        "out": o.tolist(),
        "miss": miss.tolist(),
        "squash": squash.tolist(),
        "d": d.tolist(),
        "step": step.tolist(),
        "w_next": (w0 + step).tolist(),
        "w0_texts": [fmt(v, W_DIGITS) for v in w0],
        "w1_texts": [fmt(v, W_DIGITS) for v in w0 + step],
        "w_end_texts": [fmt(v, W_DIGITS) for v in w_new],
        "o0_texts": [fmt(v, O_DIGITS) for v in o_rec[0]],
        "o_end_texts": [fmt(v, O_DIGITS) for v in o_rec[-1]],
        "x_texts": [[fmt(v, 0) for v in row] for row in x],
        "y_texts": [fmt(v, 0) for v in y],
        "sum_text": fmt(s[k], W_DIGITS),
        "out_text": fmt(o[k], O_DIGITS),
        "miss_text": fmt(miss[k], D_DIGITS),
        "squash_text": fmt(squash[k], D_DIGITS),
        "d_texts": [fmt(v, D_DIGITS) for v in d],
        "step_texts": [fmt(v, D_DIGITS) for v in step],
        # the unseen input
        "new_x": new_x.tolist(),
        "new_x_texts": [fmt(v, 0) for v in new_x],
        "new_sum": float(new_x @ w_new),
        "new_sum_text": fmt(new_x @ w_new, W_DIGITS),
        "new_o": float(a["neuron_new_o"][0]),
        "new_o_text": fmt(a["neuron_new_o"][0], 4),
        # the input the unseen row's answer copies (the one it switches on), or None
        "new_copies": int(np.flatnonzero(new_x != 0)[0]) if np.any(new_x != 0) else None,
    }


def bias_off(v):
    """Words saying that the unseen input switches the bias input off, or "". Every
    input with the bias input on is a training row, so an unseen one must turn it off, and
    a viewer told the input is "1 in every row" should hear that it is not here."""
    if v["bias_input"] is None or v["new_x"][v["bias_input"][0]] != 0:
        return ""
    return f"with x{v['bias_input'][0] + 1} off and so no bias, "


def bias_input(x):
    """The input that is the same in every training row (the bias input), as
    ``(index, value)``, or None. For the classic data it is x3 = 1."""
    x = np.asarray(x)
    same = [j for j in range(x.shape[1]) if np.all(x[:, j] == x[0, j]) and x[0, j] != 0]
    return (int(same[0]), float(x[0, same[0]])) if same else None


def narration(v):
    """The spoken script: cue id and sentence (and a teacher note), numbers from the values."""
    n_in = len(v["x"][0])
    names = ", ".join(f"x{i + 1}" for i in range(n_in))
    top = int(np.argmax(np.abs(v["w"][-1])))
    lines = [
        ("setup", (f"One neuron, inputs {names}, must copy its first input: the targets l "
                   f"are {', '.join(v['y_texts'])}.")),
    ]
    if v["bias_input"] is not None:
        j, value = v["bias_input"]
        lines.append(("bias", (
            f"Input x{j + 1} is {fmt(value, 0)} in every row, so its weight w{j + 1} is added "
            f"to every sum: a bias, the next chapter's subject.")))
    lines += [
        ("start", (f"Random weights give the outputs o; the cost e, the mean of o minus l "
                   f"squared, is {v['e_texts'][0]}."),
         ("The weights start uniform between minus one and one, from the trace's seed. The cost e is the "
          "cost chapter's mean squared error over the four rows; the reference blog prints "
          "nothing, and the trace also records the mean absolute error.")),
        ("sum", (f"One step by hand, {v['row_word']} row: inputs times weights sum to "
                 f"{v['sum_text']}, and the sigmoid gives o = {v['out_text']}.")),
        ("miss", (f"Target {v['y_texts'][v['row']]}, so l minus o, {v['miss_text']}, is how far "
                  f"off; o times one minus o, {v['squash_text']}, is how much the sigmoid can "
                  f"still move.")),
        ("push", (f"Their product is the row's push, d = {v['d_texts'][v['row']]}; every row "
                  f"gets one, multiplied row by row: the circled dots of the rule.")),
        ("step", (f"Each weight gains its inputs times d, summed over the rows, X transposed "
                  f"times d, and becomes {', '.join(v['w1_texts'])}."),
         ("This rule is the blog's: w += X.T @ ((y - o) * o * (1 - o)), with a step size of one. "
          "It is gradient descent on half the summed squared error, so each small step lowers "
          "e; the video names slopes and the learning rate only in the backpropagation "
          "chapter.")),
        ("learn", (f"That one step lowers e from {v['e_texts'][0]} to {v['e_texts'][1]}. "
                   "Then the same step again and again: the outputs walk to their targets and "
                   "the cost e falls. This rule makes e small, so its push keeps o times one "
                   "minus o; the digit network makes C small, and there that factor cancels.")),
        ("end", (f"After {v['iterations_text']} iterations the weights are "
                 f"{', '.join(v['w_end_texts'])}: w{top + 1} dominates, and e is "
                 f"{v['e_texts'][-1]}.")),
        ("new", (f"Asked about {', '.join(v['new_x_texts'])}, an input it never saw, "
                 f"{bias_off(v)}it answers {v['new_o_text']}: it copies the first input.")),
    ]
    return lines


def key_numbers(v):
    """The handout's numbers for this chapter."""
    return [
        ("iterations", v["iterations_text"]),
        ("first step, row pushes d", ", ".join(v["d_texts"])),
        ("first step, weight changes", ", ".join(v["step_texts"])),
        ("final weights", ", ".join(fmt(w, 3) for w in v["w"][-1])),
        ("cost e, start / end", f"{v['e_texts'][0]} / {v['e_texts'][-1]}"),
        ("answer for the unseen input", v["new_o_text"]),
    ]
