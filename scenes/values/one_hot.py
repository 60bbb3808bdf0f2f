"""Chapter 4 (one-hot): real labels of recorded steps and their one-hot target vectors.

The examples are picked by a rule: the first recorded training steps whose labels differ
from every label picked before (so each example lights a different row of the identity
matrix), at most :data:`N_EXAMPLES` of them, in training order.
"""

import numpy as np

from scenes.values.backprop import shown_runs
from scenes.values.format import fmt_int, fmt_shape

#: How many recorded steps' labels the chapter shows (a layout choice).
N_EXAMPLES = 4

FORMULAS = [r"l_k = [\,k = \text{label}\,] \quad \text{(Iverson bracket: one if true, else zero)}",
            r"l = I_{n_o}[\text{label}]^{T}"]


def ordinal(n):
    """English ordinal of a positive integer: ``ordinal(8) == '8th'``, ``ordinal(22) == '22nd'``."""
    n = int(n)
    if n < 1:
        raise ValueError(f"no ordinal for {n}")
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def distinct_label_positions(labels, k):
    """Positions of the first ``k`` entries of ``labels`` whose label was not seen before."""
    picked, seen = [], set()
    for pos, lab in enumerate(labels):
        if int(lab) not in seen:
            seen.add(int(lab))
            picked.append(pos)
            if len(picked) == k:
                break
    return picked


def values(trace):
    """Everything chapter 4 shows, from the trace's recorded steps (examples by the rule above)."""
    n_out = int(trace.meta["sizes"][-1])
    pos = distinct_label_positions(trace["step_label"], N_EXAMPLES)
    labels = trace["step_label"][pos]
    one_hot = trace["step_l"][pos, :, 0]
    names = list(trace.meta["class_names"])
    hot = [int(row.argmax()) for row in one_hot]
    eye = np.eye(n_out)
    stacked = eye[np.asarray(labels, dtype=int)]
    return {
        "n_classes": n_out,
        "n_classes_text": fmt_int(n_out),
        "class_names": names,
        "names_are_indices": names == [str(i) for i in range(n_out)],
        "positions": pos,
        "steps": [int(trace["step_index"][p]) for p in pos],
        "labels": [int(x) for x in labels],
        "label_texts": [names[int(x)] for x in labels],
        "index_texts": [fmt_int(i) for i in range(n_out)],
        "images": trace["step_img"][pos, :, 0],
        "one_hot": one_hot,
        "one_hot_texts": [[fmt_int(x) for x in row] for row in one_hot],
        "hot_index": hot,
        "hot_index_texts": [fmt_int(i) for i in hot],
        "hot_ordinal_texts": [ordinal(i + 1) for i in hot],
        "ordinal_texts": [ordinal(i + 1) for i in range(n_out)],
        "eye": eye,
        "eye_texts": [[fmt_int(x) for x in row] for row in eye],
        # np.eye(n)[labels]: one row per example, the identity's row at its label
        "stacked": stacked,
        "stacked_texts": [[fmt_int(x) for x in row] for row in stacked],
        # the rows (and columns) of the identity drawn: all, or (many classes) the examples'
        # rows, the first and the last, with ellipses between (as the cost chapter)
        "eye_runs": shown_runs(n_out, hot),
        "stacked_head": f"np.eye({n_out})[labels]",
        "eye_code": f"np.eye({n_out})",
        "code": f"labels = np.eye({n_out})[labels]",
        "shape_text": fmt_shape(trace["step_l"].shape[1:]),
    }


def caption(v, k):
    """The lines the screen writes under example k's image: its label (and class number)."""
    if v["names_are_indices"]:
        return [f"label {v['label_texts'][k]}"]
    return [v["label_texts"][k], f"class {v['hot_index_texts'][k]}"]


def _said_label(v, k):
    if v["names_are_indices"]:
        return v["label_texts"][k]
    return f"{v['label_texts'][k]}, class {v['hot_index_texts'][k]}"


def narration(v):
    """The spoken script of chapter 4: one ``(cue, sentence)`` per beat, some with a teacher
    note as a third item (never on screen or spoken)."""
    n = v["n_classes_text"]
    first, k0, nth = _said_label(v, 0), v["hot_index_texts"][0], v["hot_ordinal_texts"][0]
    rest = [(_said_label(v, k), v["hot_index_texts"][k]) for k in range(1, len(v["labels"]))]
    picks = [f"labelled {said}, it takes row {k}, and the one moves there" if e == 0
             else f"labelled {said}, row {k}" for e, (said, k) in enumerate(rest)]
    return [
        ("outputs", (f"The network answers with {n} output neurons, one per class. "
                    f"So each label must become {n} numbers too.")),
        ("eye", (f"Start from np.eye of {n}: the {n} by {n} identity matrix, "
                f"ones on its diagonal and zeros everywhere else.")),
        ("first", (f"The first training image is labelled {first}, "
                  f"so we take row {k0} of the matrix.")),
        ("count", (f"Rows count from zero, so row {k0} is the {nth} row, "
                  f"and its single one sits at position {k0}.")),
        ("column", ("That row stands up as the target column l, one-hot: a single one, right "
                   "beside the output neurons, one number per neuron, row by row.")),
        ("more", "More images: " + "; ".join(picks) + "."),
        ("code", (f"In code it is one line: np.eye of {n}, indexed with the labels, "
                 f"picks every image's row at once and stacks them, one row per image."),
         (f"np.eye({n})[labels] is NumPy's integer-array indexing: each entry of the label "
          f"array picks one row, so all the labels become one array of rows in a single "
          f"step. The reference code does this once, in get_mnist, before training; the "
          f"loop then turns each image's row into a {v['shape_text']} column with "
          f"l.shape += (1,).")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [("classes", v["n_classes_text"])] + [
        (f"label {t}", "[" + " ".join(row) + "]") for t, row in
        zip(v["label_texts"], v["one_hot_texts"])]
