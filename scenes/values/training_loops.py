"""Chapter 5 (training loops): epochs, the loop over image-label pairs, and reshaping."""

from scenes.values.format import fmt_int, fmt_shape

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

#: How many leading values of the flat image vector are previewed (a layout choice).
N_PREVIEW = 4
#: How many recorded steps the loop counter visits (a pacing choice).
N_COUNTER = 8


def counter_steps(step_index, n):
    """Positions of recorded steps for the counter: the first few and the last few."""
    total = len(step_index)
    if total <= n:
        return list(range(total))
    head = n // 2
    return list(range(head)) + list(range(total - (n - head), total))


def values(trace):
    """Everything chapter 5 shows, from the trace."""
    meta = trace.meta
    epochs, n_train = int(meta["epochs"]), int(meta["n_train"])
    img_shape = trace["step_img"].shape[1:]
    l_shape = trace["step_l"].shape[1:]
    pos = counter_steps(trace["step_index"], N_COUNTER)
    return {
        "epochs": epochs, "epochs_text": fmt_int(epochs),
        "n_train": n_train, "n_train_text": fmt_int(n_train),
        "n_steps": epochs * n_train, "n_steps_text": fmt_int(epochs * n_train),
        "last_step_index": int(trace["step_index"][-1]),
        "code": LOOP_CODE.format(epochs=epochs),
        "flat_shape": (int(img_shape[0]),), "column_shape": tuple(int(s) for s in img_shape),
        "flat_shape_text": fmt_shape((img_shape[0],)),
        "column_shape_text": fmt_shape(img_shape),
        "label_flat_text": fmt_shape((l_shape[0],)), "label_column_text": fmt_shape(l_shape),
        "counter_epochs": [int(trace["step_epoch"][p]) for p in pos],
        "counter_samples": [int(trace["step_sample"][p]) + 1 for p in pos],
        "counter_epoch_texts": [fmt_int(trace["step_epoch"][p]) for p in pos],
        "counter_sample_texts": [fmt_int(trace["step_sample"][p] + 1) for p in pos],
        "counter_step_texts": [fmt_int(trace["step_index"][p] + 1) for p in pos],
        "counter_step_values": [int(trace["step_index"][p]) + 1 for p in pos],
        "flat_preview": trace["step_img"][0, :N_PREVIEW, 0],
        "example_img": trace["step_img"][0, :, 0],
    }


def narration(v):
    """The spoken script of chapter 5."""
    return [
        ("epochs", (f"Training is two loops. The outer loop runs over epochs: "
                   f"{v['epochs_text']} passes over the whole training set.")),
        ("inner", (f"The inner loop takes one image and its label at a time, "
                  f"{v['n_train_text']} pairs per epoch, so {v['n_steps_text']} updates "
                  f"in all.")),
        ("counter", ("Here the loop counter jumps through the steps we recorded, from the "
                    "first images to the end of the last epoch.")),
        ("reshape", (f"Inside, each image arrives as a flat vector of shape "
                    f"{v['flat_shape_text']}. Adding a dimension makes it a column of shape "
                    f"{v['column_shape_text']}, so matrix products work; the label becomes "
                    f"{v['label_column_text']}.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("epochs", v["epochs_text"]),
        ("image-label pairs per epoch", v["n_train_text"]),
        ("updates in all", v["n_steps_text"]),
        ("image shape before / after", f"{v['flat_shape_text']} -> {v['column_shape_text']}"),
        ("label shape before / after", f"{v['label_flat_text']} -> {v['label_column_text']}"),
    ]
