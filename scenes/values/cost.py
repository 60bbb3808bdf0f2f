"""The cost chapter: MSE term by term, argmax, the running correct counter, and the close
cousin of e whose slope the code's step follows.

Everything comes from the first recorded step (the very first image the network
saw) and from the running curve of the first pass over the training images, so the
counter on screen ticks through counts the training loop really made.

The table's arithmetic is done on the digits it shows (:func:`shown_table`): each o - l is
the shown o minus l, each square is the square of the shown difference, the sum adds the
shown squares and e is that sum over the number of rows. Squaring the unrounded output
instead would put, say, 0.650 beside a square of 0.4220 (0.650 squared is 0.4225): true
to the trace, but wrong arithmetic to anyone checking the screen. The shown e differs from
the recorded e by less than the rounding of the shown rows (the tests bound it).
"""

import numpy as np

from scenes.values.backprop import shown_runs
from scenes.values.format import fmt, fmt_int, fmt_pct

#: Top of the last beat's plot (the penalty axis); the sweep toward a confident mistake ends
#: where the cousin's curve nearly reaches it, at o = exp(-CONFIDENT_PENALTY).
COUSIN_TOP = 4.0
CONFIDENT_PENALTY = 0.95 * COUSIN_TOP

FORMULAS = [
    r"e = \frac{1}{\mathrm{len}(o)} \sum_i (o_i - l_i)^2",
    r"\text{guess} = \operatorname{argmax}(o)",
    (r"\text{nr\_correct} \mathrel{+}= "
    r"\big(\operatorname{argmax}(o) = \operatorname{argmax}(l)\big)"),
]


def _first_run(step_index):
    """How many recorded steps from position 0 are consecutive samples (0, 1, 2, ...)."""
    n = 1
    while n < len(step_index) and step_index[n] == step_index[n - 1] + 1:
        n += 1
    return n


def counter_checkpoints(trace):
    """(samples seen, correct so far) through epoch 1, from real recorded data only.

    First image by image over the consecutive recorded steps at the start
    (argmax(o) == label of each), then window by window from the running curve
    (each window's correct count is curve_acc * curve_every), ending at the
    epoch's ``epoch_nr_correct``.
    """
    a, meta = trace.arrays, trace.meta
    n_train, every = meta["n_train"], meta["schedule"]["curve_every"]
    checkpoints = []
    if a["step_index"][0] == 0:  # the per-image phase: the first consecutive recorded steps
        run = _first_run(a["step_index"])
        hits = np.argmax(a["step_o"][:run, :, 0], axis=1) == a["step_label"][:run]
        checkpoints += [(i + 1, int(c)) for i, c in enumerate(np.cumsum(hits))]
    seen = 0
    correct = 0
    for step, acc in zip(a["curve_step"], a["curve_acc"]):
        if step >= n_train:
            break
        seen = int(step) + 1
        correct += round(float(acc) * every)
        if not checkpoints or seen > checkpoints[-1][0]:
            checkpoints.append((seen, correct))
    final = (n_train, int(a["epoch_nr_correct"][0]))
    if not checkpoints or checkpoints[-1] != final:
        checkpoints.append(final)
    return checkpoints


def values(trace):
    """Everything chapter 7 shows: one step's o, l, the squared terms, e, argmax, the counter."""
    a, meta = trace.arrays, trace.meta
    pos = 0
    o = a["step_o"][pos, :, 0]
    l = a["step_l"][pos, :, 0]
    terms = (o - l) ** 2
    guess = int(np.argmax(o))
    label = int(a["step_label"][pos])
    checkpoints = counter_checkpoints(trace)
    n_per_image = _first_run(a["step_index"]) if a["step_index"][0] == 0 else 0
    first_hits = (np.argmax(a["step_o"][:n_per_image, :, 0], axis=1)
                  == a["step_label"][:n_per_image])
    shown = shown_table(o, l)
    return {
        **shown,
        "step": int(a["step_index"][pos]),
        "epoch": int(a["step_epoch"][pos]),
        "sample": int(a["step_sample"][pos]),
        "img": a["step_img"][pos, :, 0].tolist(),
        "o": o.tolist(),
        "l": l.tolist(),
        "diff": (o - l).tolist(),
        "terms": terms.tolist(),
        "terms_sum": float(np.sum(terms)),
        "n_out": len(o),
        "e": float(a["step_e"][pos]),
        "guess": guess,
        "label": label,
        "correct": guess == label,
        "class_names": list(meta["class_names"]),
        "counter": [list(c) for c in checkpoints],
        "n_per_image": n_per_image,
        # the images of the per-image phase and whether each guess was right
        "first_imgs": a["step_img"][:n_per_image, :, 0].tolist(),
        "first_hits": [bool(x) for x in first_hits],
        # the row whose squared difference is largest (the sentence about squaring names it)
        "biggest_term": int(np.argmax(shown["shown_terms"])),
        # the rows drawn: all of them, or (many outputs) the rows the sentences name, the
        # first and the last, with ellipses between
        "out_runs": shown_runs(len(o), [label, guess, int(np.argmax(shown["shown_terms"]))]),
        "n_train": int(meta["n_train"]),
        "counter_epoch": int(a["step_epoch"][0]),
        "nr_correct_first_epoch": int(a["epoch_nr_correct"][0]),
        "train_acc_first_epoch": float(a["epoch_train_acc"][0]),
        "curve_every": int(meta["schedule"]["curve_every"]),
        # the last beat: the label's row (l = 1) priced by e's term and by its cousin
        **cousin_values(float(o[label])),
    }


#: Decimals of o and of o - l on screen and in the narration; of the squares, the sum and e.
O_DIGITS, TERM_DIGITS = 3, 4


def shown_table(o, l):
    """The table's columns as the screen shows them, each computed from the shown digits of
    the column before, so the arithmetic on screen holds on its own digits: o rounded to
    O_DIGITS; o - l from that; its square from the shown difference, rounded to TERM_DIGITS
    (the square of an O_DIGITS number is exact at 2 * O_DIGITS digits and never a tie: no
    square ends in 50); the sum of those shown squares, exact at TERM_DIGITS; e = that sum
    over the number of rows."""
    o_shown = np.array([float(fmt(x, O_DIGITS)) for x in o])
    diff = np.round(o_shown - np.asarray(l, dtype=float), O_DIGITS)
    terms = np.array([float(fmt(d * d, TERM_DIGITS)) for d in diff])
    total = round(float(np.sum(terms)), TERM_DIGITS)
    return {
        "shown_o": o_shown.tolist(),
        "shown_diff": diff.tolist(),
        "shown_terms": terms.tolist(),
        "shown_sum": total,
        "shown_e": total / len(o),
    }


def cousin_values(o_label):
    """The label's row of the first step under e's term, (o - 1)^2, and under the close cousin
    whose slope the code follows, -ln(o) (for the label's row, where l = 1); and the same two
    at the end of the sweep toward a confident mistake, o = exp(-CONFIDENT_PENALTY)."""
    o_end = float(np.exp(-CONFIDENT_PENALTY))
    return {
        "label_o": o_label,
        "label_sq": (o_label - 1.0) ** 2,
        "label_cousin": float(-np.log(o_label)),
        "confident_o": o_end,
        "confident_sq": (o_end - 1.0) ** 2,
        "confident_cousin": float(-np.log(o_end)),
    }




def narration(v):
    """The spoken script: cue id and sentence (and a teacher note where the reference code
    needs one), numbers formatted from the values."""
    names = v["class_names"]
    verdict = "right" if v["correct"] else "wrong"
    first_seen, first_correct = v["counter"][max(v["n_per_image"], 1) - 1]
    big = v["biggest_term"]
    return [
        ("compare", (f"The cost compares the network's output o with the one-hot label l, row "
                     f"by row, for the very first image, labelled {names[v['label']]}.")),
        ("subtract", (f"First subtract: o minus l. Only the label's row goes negative, "
                      f"{fmt(v['shown_diff'][v['label']], O_DIGITS)}, because the label wants a "
                      f"{fmt_int(v['l'][v['label']])} there.")),
        ("square", (f"Then square each difference, so every term counts as positive; the "
                    f"largest, {fmt(v['shown_terms'][big], TERM_DIGITS)}, is row {names[big]}.")),
        ("mean", (f"The {fmt_int(v['n_out'])} squares add up to "
                  f"{fmt(v['shown_sum'], TERM_DIGITS)}; their mean, "
                  f"e = {fmt(v['shown_e'], TERM_DIGITS)}, is the cost: one number for how wrong, "
                  "and learning means making such a number small.")),
        ("argmax", (f"The network's guess is its largest output, {names[v['guess']]} at "
                    f"{fmt(v['o'][v['guess']], O_DIGITS)}; the label is {names[v['label']]}, "
                    f"so this guess is {verdict}.")),
        ("counter", (f"nr_correct counts the right guesses while training: "
                     f"{fmt_int(first_correct)} of the first {fmt_int(first_seen)}; counting on, "
                     f"image after image, it reaches {fmt_int(v['nr_correct_first_epoch'])} after "
                     f"the first pass over all {fmt_int(v['n_train'])} images, "
                     f"{fmt_pct(v['train_acc_first_epoch'])}."),
         ("nr_correct only reports: the reference code adds one for every right guess and "
          "prints nr_correct / len(images) after each pass; nothing in the update reads it. "
          "The running count on screen is the recorded one: image by image at first, then "
          f"window by window of {fmt_int(v['curve_every'])} images.")),
        ("cousin", ("So e is our measure of how wrong; but what training really makes small "
                    "is a close cousin of e, the log cost C, which punishes confident "
                    "mistakes much harder."),
         ("The reference computes e, the mean squared error, and never uses it in the update: "
          "it steps along delta_o = o - l. That is not the slope of e (through the sigmoid, "
          "e's slope is proportional to (o - l) * o * (1 - o)), although the reference's "
          "comment says so. o - l is exactly the slope, with respect to the output neuron's "
          "weighted sum, of the binary cross-entropy -sum(l * ln o + (1 - l) * ln(1 - o)): the "
          "cousin drawn here for the label's row, where it is -ln o; added over all the rows it "
          "is the cost the backpropagation chapter nudges, far larger than e for the same image: "
          "a sum, not a mean, and confident wrong outputs cost far more. Later "
          "chapters draw the cost whose slope the code follows, with e beside it. nr_correct "
          "and e are only reported.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    return [
        ("cost e of the first step", fmt(v["e"], 5)),
        ("first guess / label", (f"{v['class_names'][v['guess']]} / "
                                f"{v['class_names'][v['label']]}")),
        ("nr_correct after the first pass",
         f"{fmt_int(v['nr_correct_first_epoch'])} / {fmt_int(v['n_train'])}"),
        ("right guesses in the first pass",
         fmt_pct(v["train_acc_first_epoch"])),
    ]
