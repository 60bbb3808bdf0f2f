"""Chapter 1 (structure): layer sizes, weight counts, weight-matrix shapes, the real initial weights.

Examples are picked by rules, never by hand:

- the example image is the first recorded training image (``step_index[0]``);
- the edge whose weight the chapter shows as "just a number" is the strongest initial weight
  (largest ``|w|``) among the drawn edges into the hidden layer (:func:`strongest_edge`);
- the rows of ``w_i_h`` that light up with their edges are the rows the matrix view draws
  (:data:`MATRIX_ROWS` of them: the first and last few, as :func:`shown_rows` says);
- the row drawn as a picture is the last of those, the one the matrix beat leaves lit
  (:func:`picture_row`) and the product sentence multiplies by the image's column, and the highlight that pairs a pixel with its weight runs along the
  example image's pixel row with the most ink (:func:`inkiest_row`).
"""

import math

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many bins the histogram of the initial weights has (a drawing choice).
HIST_BINS = 20
#: How many input neurons the diagram draws (the first and last few of 784).
INPUT_SHOWN = 8
#: How many rows and columns of ``w_i_h`` the matrix view draws.
MATRIX_ROWS = 5
MATRIX_COLS = 4
#: The diagram's height and neuron radius in chapter 1: how many hidden neurons it can draw.
DIAGRAM_HEIGHT, DIAGRAM_RADIUS = 4.8, 0.11

FORMULAS = [
    r"w_{i \to h} \in \mathbb{R}^{n_h \times n_i}, \quad w_{h \to o} \in \mathbb{R}^{n_o \times n_h}",
    r"w_{\text{row},\,\text{col}}: \text{ from neuron col (left layer) to neuron row (right layer)}",
    r"w_{i \to h}\, \text{img}: \text{ the } n_h \text{ hidden sums (one matrix product)}",
]


def shown_rows(n, k):
    """The indices a view of ``k`` out of ``n`` items draws: the first and last few (as the kit)."""
    if n <= k:
        return list(range(n))
    head = (k + 1) // 2
    return list(range(head)) + list(range(n - (k - head), n))


def strongest_edge(w, rows, cols):
    """``(row, col)`` of the largest ``|w|`` among the drawn rows and columns (first on ties)."""
    sub = np.abs(np.asarray(w)[np.ix_(rows, cols)])
    r, c = np.unravel_index(int(np.argmax(sub)), sub.shape)
    return int(rows[r]), int(cols[c])


def picture_row(rows):
    """The row of ``w_i_h`` drawn as a picture: the last drawn row (the one left lit)."""
    return int(rows[-1])


def inkiest_row(img, side):
    """The pixel row (0 at the top) of a flat ``side * side`` image with the most ink
    (first on ties)."""
    return int(np.argmax(np.asarray(img, dtype=float).reshape(side, side).sum(axis=1)))


def values(trace):
    """Everything chapter 1 shows, from the trace."""
    n_in, n_hid, n_out = (int(s) for s in trace.meta["sizes"])
    w_i_h, w_h_o = trace["w_i_h_init"], trace["w_h_o_init"]
    counts, edges = np.histogram(w_i_h, bins=HIST_BINS)
    first = trace.step(trace.position(int(trace["step_index"][0])))
    input_shown = shown_rows(n_in, INPUT_SHOWN)
    from scenes.kit.network import fitting

    hidden_drawn = shown_rows(n_hid, fitting(n_hid, n_hid, DIAGRAM_HEIGHT, DIAGRAM_RADIUS))
    edge_row, edge_col = strongest_edge(w_i_h, hidden_drawn, input_shown)
    n_w1, n_w2 = int(w_i_h.size), int(w_h_o.size)
    side = math.isqrt(n_in)
    matrix_rows = shown_rows(n_hid, MATRIX_ROWS)
    pic_row = picture_row(matrix_rows)
    img_shape = tuple(first["img"].shape)
    h_shape = tuple(first["h"].shape)
    o_shape = tuple(first["o"].shape)
    return {
        "sizes": [n_in, n_hid, n_out],
        "n_layers": len(trace.meta["sizes"]),
        "n_layers_text": fmt_int(len(trace.meta["sizes"])),
        "size_texts": [fmt_int(n_in), fmt_int(n_hid), fmt_int(n_out)],
        "layer_names": ["input", "hidden", "output"],
        "layer_roles": ["pixels", "", "classes"],
        "class_names": [str(c) for c in trace.meta["class_names"]],
        "input_shown": input_shown,
        "w_i_h_init": w_i_h,
        "w_h_o_init": w_h_o,
        "shape_w_i_h": tuple(w_i_h.shape),
        "shape_w_h_o": tuple(w_h_o.shape),
        "shape_w_i_h_text": fmt_shape(w_i_h.shape),
        # the matrix view draws a few rows and columns; its real size is said in words
        "w_i_h_rows_text": fmt_int(w_i_h.shape[0]), "w_i_h_cols_text": fmt_int(w_i_h.shape[1]),
        "shape_w_h_o_text": fmt_shape(w_h_o.shape),
        "shape_img_text": fmt_shape(img_shape),
        "shape_h_text": fmt_shape(h_shape),
        "shape_o_text": fmt_shape(o_shape),
        "n_w_i_h": n_w1, "n_w_h_o": n_w2,
        "n_w_i_h_text": fmt_int(n_w1), "n_w_h_o_text": fmt_int(n_w2),
        "n_weights": n_w1 + n_w2,
        "n_weights_text": fmt_int(n_w1 + n_w2),
        "n_biases": int(trace["b_i_h_init"].size + trace["b_h_o_init"].size),
        "matrix_rows": matrix_rows,
        "side": side, "side_text": fmt_int(side),
        "picture_row": pic_row, "picture_row_text": fmt_int(pic_row),
        "picture_w": w_i_h[pic_row].copy(),
        "sweep_row": inkiest_row(first["img"], side),
        "matrix_cols": shown_rows(n_in, MATRIX_COLS),
        "edge_row": edge_row, "edge_col": edge_col,
        "edge_w": float(w_i_h[edge_row, edge_col]),
        "edge_w_text": fmt(w_i_h[edge_row, edge_col], 2),
        "hist_counts": counts,
        "hist_edges": edges,
        "w_min": float(w_i_h.min()),
        "w_max": float(w_i_h.max()),
        "w_mean": float(w_i_h.mean()),
        "w_min_text": fmt(w_i_h.min(), 3),
        "w_max_text": fmt(w_i_h.max(), 3),
        "w_mean_text": fmt(w_i_h.mean(), 3),
        "w_first_row": w_i_h[0, :4].copy(),
        "init": str(trace.meta.get("init", "")),
        "seed": int(trace.meta["seed"]),
        "example_img": first["img"][:, 0],
        "example_h": first["h"][:, 0],
        "example_o": first["o"][:, 0],
    }


def narration(v):
    """The spoken script of chapter 1 (six beats; ``tests/test_checks.py`` replays five)."""
    n_in, n_hid, n_out = v["size_texts"]
    return [
        ("layers", (f"The network has {v['n_layers_text']} layers: {n_in} input neurons, one "
                   f"per pixel, {n_hid} hidden neurons that each combine all the pixels, and "
                   f"{n_out} output neurons, one per class; a neuron is just a number, drawn "
                   f"here as its brightness.")),
        ("connected", (f"The layers are fully connected, each link holding one weight, a "
                      f"number: {n_in} times {n_hid} makes {v['n_w_i_h_text']} weights into "
                      f"the hidden layer, {n_hid} times {n_out} makes {v['n_w_h_o_text']} into "
                      f"the output layer, {v['n_weights_text']} in all.")),
        ("matrices", (f"The weights into the hidden layer form one matrix, w_i_h, of shape "
                     f"{v['shape_w_i_h_text']}: row r holds every weight into hidden neuron r, "
                     f"so each row lights up with the edges into its neuron.")),
        ("product", (f"Row {v['picture_row_text']} times the image's column of {n_in} "
                    f"pixels, each weight times its pixel, all added up, gives the sum for "
                    f"hidden neuron {v['picture_row_text']}; all {n_hid} rows at once give all "
                    f"{n_hid} hidden sums in one matrix product, and w_h_o, of shape "
                    f"{v['shape_w_h_o_text']}, does the same for the output."),
         ("NumPy stores w_i_h as (to, from): w_i_h[r, c] is the weight from input pixel c "
          "into hidden neuron r, which is what lets a single w_i_h @ img compute every "
          "hidden neuron's sum; written the other way round, (from, to), the code would "
          "need a transpose. The screen shows the products alone: the reference's "
          "h_pre = b_i_h + w_i_h @ img also adds the bias, and h = sigmoid(h_pre) squashes "
          "it; both come in the forward chapter.")),
        ("init", (f"Before training every weight is a small random number around zero, "
                 f"between {v['w_min_text']} and {v['w_max_text']}, blue above zero and red "
                 f"below, as this histogram of all {v['n_w_i_h_text']} input-to-hidden "
                 f"weights shows.")),
        ("picture", (f"Row {v['picture_row_text']} has one weight per pixel, so it can be "
                     f"drawn as a {v['side_text']} by {v['side_text']} picture, blue where a "
                     f"weight is positive and red where negative: before training, just "
                     f"noise."),
         ("Each weight sits where its pixel sits in the image: weight c of a row multiplies "
          "pixel c. After training, the rows of the shipped trace are still dominated by this "
          "starting noise; what training added to a row (the row minus its starting value) is "
          "the picture that shows strokes, if the class asks what the network learned.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("layer sizes", " - ".join(v["size_texts"])),
        ("w_i_h shape", v["shape_w_i_h_text"]),
        ("w_h_o shape", v["shape_w_h_o_text"]),
        ("weights", f"{v['n_w_i_h_text']} + {v['n_w_h_o_text']} = {v['n_weights_text']}"),
        ("biases", fmt_int(v["n_biases"])),
        ("initial w_i_h range", f"{fmt(v['w_min'], 4)} .. {fmt(v['w_max'], 4)}"),
        ("initial w_i_h mean", fmt(v["w_mean"], 4)),
        ("seed", fmt_int(v["seed"])),
    ]
