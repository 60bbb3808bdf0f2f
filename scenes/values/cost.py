"""Chapter 7, the cost: MSE term by term, argmax, and the running correct counter.

Everything comes from the first recorded step (the very first image the network
saw) and from the running curve of the first epoch, so the counter on screen
ticks through counts the training loop really made.
"""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_pct

#: The reference's lines around the cost, shortened: what is computed, what moves the weights
#: and what is only printed (the update lines are the next chapter's).
REPORT_CODE = """e = 1 / len(o) * np.sum((o - l) ** 2)
nr_correct += int(np.argmax(o) == np.argmax(l))
delta_o = o - l
w_h_o += -learn_rate * delta_o @ np.transpose(h)
print(nr_correct / len(images))"""
#: Which of REPORT_CODE's lines (0-based) compute e, count nr_correct, start the update,
#: move a weight, and print.
REPORT_LINES = {"e": 0, "count": 1, "delta": 2, "update": 3, "print": 4}

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
    return {
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
        "biggest_term": int(np.argmax(terms)),
        "n_train": int(meta["n_train"]),
        "counter_epoch": int(a["step_epoch"][0]),
        "nr_correct_first_epoch": int(a["epoch_nr_correct"][0]),
        "train_acc_first_epoch": float(a["epoch_train_acc"][0]),
        "curve_every": int(meta["schedule"]["curve_every"]),
    }


#: Decimals of o and of o - l on screen and in the narration; of the squares, the sum and e.
O_DIGITS, TERM_DIGITS = 3, 4


def narration(v):
    """The spoken script: cue id and sentence, numbers formatted from the values."""
    names = v["class_names"]
    verdict = "right" if v["correct"] else "wrong"
    first_seen, first_correct = v["counter"][max(v["n_per_image"], 1) - 1]
    big = v["biggest_term"]
    return [
        ("compare", (f"The cost compares the network's output o with the one-hot label l, row "
                     f"by row, for the very first image, labelled {names[v['label']]}.")),
        ("subtract", (f"First subtract: o minus l. Only the label's row goes negative, "
                      f"{fmt(v['diff'][v['label']], O_DIGITS)}, because the label wants a "
                      f"{fmt_int(v['l'][v['label']])} there.")),
        ("square", (f"Then square each difference, so every term counts as positive; the "
                    f"largest, {fmt(v['terms'][big], TERM_DIGITS)}, is row {names[big]}.")),
        ("mean", (f"The {fmt_int(v['n_out'])} squares add up to {fmt(v['terms_sum'], TERM_DIGITS)}; "
                  f"their mean is the cost, e = {fmt(v['e'], TERM_DIGITS)}.")),
        ("argmax", (f"The network's guess is its largest output, {names[v['guess']]} at "
                    f"{fmt(v['o'][v['guess']], O_DIGITS)}; the label is {names[v['label']]}, "
                    f"so this guess is {verdict}.")),
        ("counter", (f"nr_correct counts the right guesses while training: "
                     f"{fmt_int(first_correct)} of the first {fmt_int(first_seen)}, and "
                     f"{fmt_int(v['nr_correct_first_epoch'])} of {fmt_int(v['n_train'])} after the "
                     f"first epoch, {fmt_pct(v['train_acc_first_epoch'])}.")),
        ("report", ("Neither e nor nr_correct steers the training: the weights move by "
                    "delta_o, o minus l, and nr_correct is only printed.")),
    ]


def key_numbers(v):
    """The handout's numbers for this chapter."""
    return [
        ("cost e of the first step", fmt(v["e"], 5)),
        ("first guess / label", (f"{v['class_names'][v['guess']]} / "
                                f"{v['class_names'][v['label']]}")),
        (f"nr_correct after epoch {v['counter_epoch']}",
         f"{fmt_int(v['nr_correct_first_epoch'])} / {fmt_int(v['n_train'])}"),
        (f"online training accuracy, epoch {v['counter_epoch']}",
         fmt_pct(v["train_acc_first_epoch"])),
    ]
