"""Chapter 5 (training loops): epochs, the loop over image-label pairs, reshaping, nr_correct.

The pixel preview is picked by a rule: the :data:`N_PREVIEW` consecutive entries of the first
training image's flat vector that start at its first pixel carrying clear ink (value at least
:data:`INK`), so the numbers shown are neither the blank border nor a faint 0.00.
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


def values(trace):
    """Everything chapter 5 shows, from the trace."""
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
    }


#: The most epochs chapter 5 writes nr_correct for; beyond, the first and last few.
MAX_SHOWN_EPOCHS = 8


def shown_epochs(epochs):
    """0-based epochs whose nr_correct the chapter writes down: all, or the first 3 and last 4."""
    if epochs <= MAX_SHOWN_EPOCHS:
        return list(range(epochs))
    return [0, 1, 2] + list(range(epochs - 4, epochs))


def narration(v):
    """The spoken script of chapter 5."""
    c = v["nr_correct_texts"]
    if len(c) > MAX_SHOWN_EPOCHS:
        counts = (f"from {c[0]} in epoch 1 to {c[-1]} in epoch {v['epoch_texts'][-1]}")
    else:
        counts = (", ".join(c[:-1]) + " and " + c[-1]) if len(c) > 1 else c[0]
    return [
        ("epochs", (f"Training is two loops. The outer loop runs over epochs: "
                   f"{v['epochs_text']} passes over the whole training set.")),
        ("inner", (f"The inner loop takes one image and its label at a time, "
                  f"{v['n_train_text']} pairs per epoch, so {v['epochs_text']} times "
                  f"{v['n_train_text']} makes {v['n_steps_text']} updates in all.")),
        ("counter", (f"Watch the counters: the image number climbs to {v['n_train_text']}, "
                    f"the epoch ticks over, and the updates reach {v['n_steps_text']}.")),
        ("flat", (f"Inside, each image arrives as a flat vector of shape "
                 f"{v['flat_shape_text']}: here are its first pixels that carry ink.")),
        ("reshape", (f"Adding a dimension stands it up as a column of shape "
                    f"{v['column_shape_text']}, so matrix products work.")),
        ("label", (f"The label gets the same treatment: its one-hot vector of shape "
                  f"{v['label_flat_text']} becomes a column of shape "
                  f"{v['label_column_text']}.")),
        ("correct", (f"nr_correct counts the right guesses of an epoch, {counts} out of "
                    f"{v['n_train_text']}, and the last line resets it to zero.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("epochs", v["epochs_text"]),
        ("image-label pairs per epoch", v["n_train_text"]),
        ("updates in all", v["n_steps_text"]),
        ("image shape before / after", f"{v['flat_shape_text']} -> {v['column_shape_text']}"),
        ("label shape before / after", f"{v['label_flat_text']} -> {v['label_column_text']}"),
        ("nr_correct per epoch", ", ".join(v["nr_correct_texts"])),
    ]
