"""Chapter 6 (forward pass): one recorded sample flowing through the network (step 0).

The first hidden neuron's weighted sum is shown as its largest few products
``w_i_h[0, j] * img[j]`` (a readable subset) together with the TRUE total over
all 784 inputs, then the bias, the sigmoid, ``h`` and the output layer ``o``.
"""

import numpy as np

from nnmath.activations import sigmoid
from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many of the largest products are shown term by term (a readability choice).
N_TERMS = 5
#: Which hidden neuron is worked through.
NEURON = 0

FORMULAS = [
    r"h_{\text{pre}} = b_{i \to h} + w_{i \to h} \, \text{img}",
    r"h = \sigma(h_{\text{pre}}) = \frac{1}{1 + e^{-h_{\text{pre}}}}",
    r"o_{\text{pre}} = b_{h \to o} + w_{h \to o} \, h, \qquad o = \sigma(o_{\text{pre}})",
]


def sigmoid_range(x):
    """An x-axis range ``(lo, hi, step)`` for the sigmoid plot that holds ``x``."""
    bound = max(6, int(np.ceil(abs(x))) + 1)
    bound += bound % 2
    return (-bound, bound, 2)


def values(trace):
    """Everything chapter 6 shows, from the trace's first recorded step."""
    pos = trace.position(int(trace["step_index"][0]))
    s = trace.step(pos)
    img = s["img"][:, 0]
    w = s["w_i_h"][NEURON]
    b = float(s["b_i_h"][NEURON, 0])
    products = w * img
    nonzero = np.flatnonzero(products)
    order = nonzero[np.argsort(-np.abs(products[nonzero]), kind="stable")]
    terms = sorted(int(j) for j in order[:N_TERMS])
    total = float(products.sum())
    h_pre = b + total
    h = float(sigmoid(h_pre))
    names = list(trace.meta["class_names"])
    o = s["o"][:, 0]
    guess = int(np.argmax(o))
    return {
        "step": int(s["index"]), "label": int(s["label"]), "label_text": names[int(s["label"])],
        "img": img, "n_inputs": int(img.size), "n_inputs_text": fmt_int(img.size),
        "n_nonzero": len(nonzero), "n_nonzero_text": fmt_int(len(nonzero)),
        "neuron": NEURON,
        "terms": terms,
        "term_w": w[terms], "term_x": img[terms], "term_p": products[terms],
        "rest": float(total - products[terms].sum()),
        "rest_text": fmt(total - products[terms].sum(), 4),
        "n_rest": int(len(nonzero) - len(terms)),
        "n_rest_text": fmt_int(len(nonzero) - len(terms)),
        "term_rows": [(fmt_int(j), fmt(w[j], 3), fmt(img[j], 3), fmt(products[j], 3))
                      for j in terms],
        "h_shape_text": fmt_shape(s["h"].shape), "o_shape_text": fmt_shape(s["o"].shape),
        "total": total, "total_text": fmt(total, 4),
        "bias": b, "bias_text": fmt(b, 4),
        "h_pre": h_pre, "h_pre_text": fmt(h_pre, 4),
        "h0": h, "h0_text": fmt(h, 4),
        "x_range": sigmoid_range(h_pre),
        "h": s["h"][:, 0], "h_pre_all": s["h_pre"][:, 0],
        "w_i_h": s["w_i_h"], "w_h_o": s["w_h_o"],
        "o_pre": s["o_pre"][:, 0], "o": o, "guess": guess, "guess_text": names[guess],
        "class_names": names,
        "o_max_text": fmt(o[guess], 3),
    }


def narration(v):
    """The spoken script of chapter 6."""
    return [
        ("input", (f"Let's follow the first training image, a {v['label_text']}, through the "
                  f"untrained network. Its {v['n_inputs_text']} pixels fill the input layer.")),
        ("sum", (f"The first hidden neuron multiplies every pixel by its weight and adds them "
                f"up. Only {v['n_nonzero_text']} pixels are not zero; here are the largest "
                f"products. All of them together sum to {v['total_text']}.")),
        ("bias", (f"Add the bias, {v['bias_text']}, and the weighted sum is "
                 f"{v['h_pre_text']}.")),
        ("sigmoid", (f"The sigmoid squashes it into the range zero to one: "
                    f"sigmoid of {v['h_pre_text']} is {v['h0_text']}.")),
        ("hidden", ("Every hidden neuron does the same, with its own row of weights: this is "
                   "h, a column of numbers.")),
        ("output", (f"The output layer repeats it with w_h_o and h. The largest output is "
                   f"{v['o_max_text']} for the digit {v['guess_text']}: an untrained guess.")),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("sample", f"step {v['step']}, label {v['label_text']}"),
        ("nonzero pixels", v["n_nonzero_text"]),
        ("sum of w_i_h[0, j] * img[j]", v["total_text"]),
        ("bias b_i_h[0]", v["bias_text"]),
        ("h_pre[0]", v["h_pre_text"]),
        ("h[0] = sigmoid(h_pre[0])", v["h0_text"]),
        ("largest output", f"{v['o_max_text']} (digit {v['guess_text']})"),
    ]
