"""Chapter 1 (structure): layer sizes, weight-matrix shapes and the real initial weights."""

import numpy as np

from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many bins the histogram of the initial weights has (a drawing choice).
HIST_BINS = 20

FORMULAS = [
    r"w_{i \to h} \in \mathbb{R}^{n_h \times n_i}, \quad w_{h \to o} \in \mathbb{R}^{n_o \times n_h}",
    r"w_{\text{row},\,\text{col}}: \text{ from neuron col (left layer) to neuron row (right layer)}",
]


def values(trace):
    """Everything chapter 1 shows, from the trace."""
    n_in, n_hid, n_out = (int(s) for s in trace.meta["sizes"])
    w_i_h, w_h_o = trace["w_i_h_init"], trace["w_h_o_init"]
    counts, edges = np.histogram(w_i_h, bins=HIST_BINS)
    first = trace.step(trace.position(int(trace["step_index"][0])))
    return {
        "sizes": [n_in, n_hid, n_out],
        "n_layers": len(trace.meta["sizes"]),
        "size_texts": [fmt_int(n_in), fmt_int(n_hid), fmt_int(n_out)],
        "layer_names": ["input", "hidden", "output"],
        "w_i_h_init": w_i_h,
        "w_h_o_init": w_h_o,
        "shape_w_i_h": tuple(w_i_h.shape),
        "shape_w_h_o": tuple(w_h_o.shape),
        "shape_w_i_h_text": fmt_shape(w_i_h.shape),
        "shape_w_h_o_text": fmt_shape(w_h_o.shape),
        "n_weights": int(w_i_h.size + w_h_o.size),
        "n_biases": int(trace["b_i_h_init"].size + trace["b_h_o_init"].size),
        "hist_counts": counts,
        "hist_edges": edges,
        "w_min": float(w_i_h.min()),
        "w_max": float(w_i_h.max()),
        "w_mean": float(w_i_h.mean()),
        "w_first_row": w_i_h[0, :4].copy(),
        "init": str(trace.meta.get("init", "")),
        "seed": int(trace.meta["seed"]),
        "example_img": first["img"][:, 0],
        "example_h": first["h"][:, 0],
        "example_o": first["o"][:, 0],
    }


def narration(v):
    """The spoken script of chapter 1."""
    n_in, n_hid, n_out = v["size_texts"]
    return [
        ("layers", (f"The network has {v['n_layers']} layers: {n_in} input neurons, "
                   f"{n_hid} hidden neurons and {n_out} output neurons.")),
        ("numbers", ("A neuron is just a number. Here are the hidden neurons of the first "
                    "training image, brighter for larger values.")),
        ("connected", (f"Every neuron is connected to every neuron of the next layer: "
                      f"{fmt_int(v['n_weights'])} weights in all.")),
        ("matrices", (f"They live in two matrices, defined from the right layer to the left: "
                     f"w_i_h has shape {v['shape_w_i_h_text']} and w_h_o has shape "
                     f"{v['shape_w_h_o_text']}. Row r holds the weights into neuron r.")),
        ("init", (f"Before training the weights are random: uniform between "
                 f"{fmt(v['w_min'], 3)} and {fmt(v['w_max'], 3)}, as this histogram of all "
                 f"{fmt_int(v['w_i_h_init'].size)} input-to-hidden weights shows.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("layer sizes", " - ".join(v["size_texts"])),
        ("w_i_h shape", v["shape_w_i_h_text"]),
        ("w_h_o shape", v["shape_w_h_o_text"]),
        ("weights", fmt_int(v["n_weights"])),
        ("biases", fmt_int(v["n_biases"])),
        ("initial w_i_h range", f"{fmt(v['w_min'], 4)} .. {fmt(v['w_max'], 4)}"),
        ("initial w_i_h mean", fmt(v["w_mean"], 4)),
        ("seed", fmt_int(v["seed"])),
    ]
