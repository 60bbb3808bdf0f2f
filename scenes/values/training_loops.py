"""Training loops: the forward pass, cost, slopes and step repeated image after image (the
inner loop) and epoch after epoch (the outer loop); reshaping; nr_correct counting.

The pixel preview is picked by a rule: the :data:`N_PREVIEW` consecutive entries of the first
training image's flat vector that start at its first pixel carrying clear ink (value at least
:data:`INK`), so the numbers shown are neither the blank border nor a faint 0.00.

nr_correct's running count within each epoch comes from the recorded curve only
(:func:`correct_checkpoints`): window by window of ``curve_every`` images, each window's right
guesses being its recorded accuracy times the window, ending at the epoch's recorded
``epoch_nr_correct``.
"""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_shape

FORMULAS = [r"\text{steps} = \text{epochs} \times n_{\text{train}}"]

#: The reference training loop as shown on screen; ``{epochs}`` is filled from the trace.
LOOP_CODE = """epochs = {epochs}
for epoch in range(epochs):
    for img, l in zip(images, labels):
        img.shape += (1,)
        l.shape += (1,)
        # forward propagation
        # cost and nr_correct
        # backpropagation
    nr_correct = 0"""

#: How many consecutive values of the flat image vector are previewed (a layout choice).
N_PREVIEW = 4
#: The brightness from which a pixel counts as clearly inked for the preview.
INK = 0.5


def ink_window(img, n):
    """Start of the ``n`` consecutive entries of ``img`` beginning at its first value >= INK."""
    ink = np.flatnonzero(np.asarray(img).reshape(-1) >= INK)
    if ink.size == 0:
        raise ValueError("the image has no pixel with ink")
    return int(min(ink[0], np.asarray(img).size - n))


def correct_checkpoints(trace):
    """Per epoch, ``[(images seen in the epoch, nr_correct so far), ...]`` from the recorded
    curve (window by window), ending at ``(n_train, epoch_nr_correct)``."""
    meta = trace.meta
    n_train, every = int(meta["n_train"]), int(meta["schedule"]["curve_every"])
    epochs = int(meta["epochs"])
    out = [[(0, 0)] for _ in range(epochs)]
    correct = [0] * epochs
    for step, acc in zip(trace["curve_step"], trace["curve_acc"]):
        e, seen = int(step) // n_train, int(step) % n_train + 1
        if e >= epochs:
            continue
        correct[e] += round(float(acc) * every)
        out[e].append((seen, correct[e]))
    for e in range(epochs):
        final = (n_train, int(trace["epoch_nr_correct"][e]))
        out[e] = [c for c in out[e] if c[0] < n_train] + [final]
    return out


def values(trace):
    """Everything the training loops show, from the trace."""
    meta = trace.meta
    epochs, n_train = int(meta["epochs"]), int(meta["n_train"])
    img_shape = trace["step_img"].shape[1:]
    l_shape = trace["step_l"].shape[1:]
    img = trace["step_img"][0, :, 0]
    start = ink_window(img, N_PREVIEW)
    preview = list(range(start, start + N_PREVIEW))
    one_hot = trace["step_l"][0, :, 0]
    correct = [int(x) for x in trace["epoch_nr_correct"]]
    return {
        "epochs": epochs, "epochs_text": fmt_int(epochs),
        "n_train": n_train, "n_train_text": fmt_int(n_train),
        "n_steps": epochs * n_train, "n_steps_text": fmt_int(epochs * n_train),
        "code": LOOP_CODE.format(epochs=epochs),
        "flat_shape": (int(img_shape[0]),), "column_shape": tuple(int(s) for s in img_shape),
        "flat_shape_text": fmt_shape((img_shape[0],)),
        "column_shape_text": fmt_shape(img_shape),
        "label_flat_text": fmt_shape((l_shape[0],)), "label_column_text": fmt_shape(l_shape),
        "example_img": img,
        "preview_index": preview,
        "preview_index_texts": [fmt_int(j) for j in preview],
        "preview_texts": [fmt(img[j], 2) for j in preview],
        "label": int(trace["step_label"][0]),
        "one_hot": one_hot,
        "one_hot_texts": [fmt_int(x) for x in one_hot],
        "epoch_texts": [fmt_int(e + 1) for e in range(epochs)],
        "nr_correct": correct,
        "nr_correct_texts": [fmt_int(c) for c in correct],
        "shown_epochs": shown_epochs(epochs),
        "correct_checkpoints": correct_checkpoints(trace),
        "curve_every": int(meta["schedule"]["curve_every"]),
    }


#: The most epochs the chapter writes nr_correct for; beyond, the first and last few.
MAX_SHOWN_EPOCHS = 8


def shown_epochs(epochs):
    """0-based epochs whose nr_correct the chapter writes down: all, or the first 3 and last 4."""
    if epochs <= MAX_SHOWN_EPOCHS:
        return list(range(epochs))
    return [0, 1, 2] + list(range(epochs - 4, epochs))


def narration(v):
    """The spoken script of the training loops."""
    c = v["nr_correct_texts"]
    if len(c) > MAX_SHOWN_EPOCHS:
        counts = (f"from {c[0]} in epoch {v['epoch_texts'][0]} to {c[-1]} in epoch "
                  f"{v['epoch_texts'][-1]}")
    else:
        counts = (", ".join(c[:-1]) + " and " + c[-1]) if len(c) > 1 else c[0]
    n, steps = v["n_train_text"], v["n_steps_text"]
    return [
        ("epochs", (f"Training repeats what we have seen: the forward pass, the cost, the "
                    f"slopes and a step. The outer loop runs over epochs: {v['epochs_text']} "
                    f"passes over the whole training set.")),
        ("inner", (f"The inner loop takes one image and its label at a time, {n} pairs per "
                   f"epoch, so {v['epochs_text']} times {n} makes {steps} small steps.")),
        ("counter", (f"Watch the counters: every image is one forward pass, cost, slopes and "
                     f"step; the image number climbs to {n}, the epoch ticks over, and the "
                     f"steps reach {steps}.")),
        ("flat", (f"Inside the inner loop, each image arrives as one flat row of "
                  f"{fmt_int(v['flat_shape'][0])} values: here are its first pixels that "
                  f"carry ink.")),
        ("reshape", (f"Adding a dimension stands it up as a column of shape "
                     f"{v['column_shape_text']}, the column the matrix product needs.")),
        ("label", (f"The label gets the same treatment: its one-hot row becomes a column of "
                   f"shape {v['label_column_text']}.")),
        ("correct", (f"As the images go by, nr_correct counts the right guesses of each "
                     f"epoch, {counts} of {n}, and the last line resets it to zero."),
         (f"nr_correct only reports: nothing in the update reads it. The running count on "
          f"screen is the recorded one, window by window of {fmt_int(v['curve_every'])} "
          f"images, ending at each epoch's recorded total.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("epochs", v["epochs_text"]),
        ("image-label pairs per epoch", v["n_train_text"]),
        ("steps in all", v["n_steps_text"]),
        ("image shape before / after", f"{v['flat_shape_text']} -> {v['column_shape_text']}"),
        ("label shape before / after", f"{v['label_flat_text']} -> {v['label_column_text']}"),
        ("nr_correct per epoch", ", ".join(v["nr_correct_texts"])),
    ]
