"""Chapter 4 (one-hot): real labels of recorded steps and their one-hot target vectors."""

from scenes.values.format import fmt_int, fmt_shape

#: How many recorded steps' labels the chapter shows (a layout choice).
N_EXAMPLES = 4

FORMULAS = [r"l_k = [\,k = \text{label}\,] \quad \text{(Iverson bracket: one if true, else zero)}",
            r"l = I_{n_o}[\text{label}]^{T}"]


def values(trace):
    """Everything chapter 4 shows, from the trace's recorded steps."""
    n_out = int(trace.meta["sizes"][-1])
    k = min(N_EXAMPLES, trace.n_steps)
    labels = trace["step_label"][:k]
    one_hot = trace["step_l"][:k, :, 0]
    names = list(trace.meta["class_names"])
    return {
        "n_classes": n_out,
        "n_classes_text": fmt_int(n_out),
        "class_names": names,
        "steps": [int(s) for s in trace["step_index"][:k]],
        "labels": [int(x) for x in labels],
        "label_texts": [names[int(x)] for x in labels],
        "images": trace["step_img"][:k, :, 0],
        "one_hot": one_hot,
        "one_hot_texts": [[fmt_int(x) for x in row] for row in one_hot],
        "hot_index": [int(row.argmax()) for row in one_hot],
        "code": f"labels = np.eye({n_out})[labels]",
        "shape_text": fmt_shape(trace["step_l"].shape[1:]),
    }


def narration(v):
    """The spoken script of chapter 4."""
    first = v["label_texts"][0]
    return [
        ("outputs", (f"The network has {v['n_classes_text']} output neurons, one per digit. "
                    f"So a label must become {v['n_classes_text']} numbers too.")),
        ("first", (f"The first training image is a {first}. Its target is a column of zeros "
                  f"with a single one at position {first}.")),
        ("more", "The next images get their own vectors, " +
                 ", ".join(v["label_texts"][1:]) + ": the one moves to the label's place."),
        ("code", (f"In code this is one line: row label of the {v['n_classes_text']} by "
                 f"{v['n_classes_text']} identity matrix.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [("classes", v["n_classes_text"])] + [
        (f"label {t}", "[" + " ".join(row) + "]") for t, row in
        zip(v["label_texts"], v["one_hot_texts"])]
