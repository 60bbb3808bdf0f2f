"""Chapter 6 (forward pass): one recorded sample flowing through the network (step 0).

Rules that pick what is worked through (all from the trace, none hand-picked):

- the worked hidden neuron is the one whose ``h_pre`` lies nearest :data:`SQUASH_AT` in size
  (``argmin | |h_pre| - SQUASH_AT |``, the first on ties): far enough from 0 that the sigmoid
  visibly flattens it, near enough that the curve's bend is on screen;
- its weighted sum is shown as its :data:`N_TERMS` largest products ``w_i_h[n, j] * img[j]``
  (by size), in pixel order, together with the TRUE total over all 784 inputs; those are
  pixels that carry ink (a product is nonzero only where ``img[j] > 0``), and they are the
  input neurons the diagram draws.
"""

import inspect

import numpy as np

from nnmath import reference
from nnmath.activations import sigmoid
from scenes.values.format import fmt, fmt_int, fmt_shape

#: How many of the largest products are shown term by term (a readability choice).
N_TERMS = 5
#: The size of h_pre the worked neuron is picked near (see the module docstring).
SQUASH_AT = 4.0

#: The sigmoid, as the chapter writes it beside its curve.
SIGMOID_FORMULA = r"\sigma(x) = \frac{1}{1 + e^{-x}}"

FORMULAS = [
    r"h_{\text{pre}} = b_{i \to h} + w_{i \to h} \, \text{img}",
    r"h = \sigma(h_{\text{pre}}) = \frac{1}{1 + e^{-h_{\text{pre}}}}",
    r"o_{\text{pre}} = b_{h \to o} + w_{h \to o} \, h, \qquad o = \sigma(o_{\text{pre}})",
]


def reference_line(name):
    """The reference code's line that computes ``name`` in its training loop (``h_pre``,
    ``h``, ``o_pre``, ``o``), read from :mod:`nnmath.reference` itself: the code on screen is
    the code that runs."""
    for line in inspect.getsource(reference).splitlines():
        if line.strip().startswith(f"{name} = "):
            return line.strip()
    raise LookupError(f"nnmath.reference computes no {name!r}")


def article(name):
    """``"a 7"``, ``"an 8"``, ``"an Ankle boot"``: the indefinite article a class name takes."""
    spoken = {"8": "eight", "11": "eleven", "18": "eighteen"}.get(str(name), str(name))
    return ("an " if spoken[:1].lower() in "aeio" else "a ") + str(name)


def sigmoid_range(x):
    """An x-axis range ``(lo, hi, step)`` for the sigmoid plot that holds ``x``."""
    bound = max(6, int(np.ceil(abs(x))) + 1)
    bound += bound % 2
    return (-bound, bound, 2)


#: The diagram's height and neuron radius in chapter 6: which hidden neurons it draws.
DIAGRAM_HEIGHT, DIAGRAM_RADIUS = 5.2, 0.1


def drawn_hidden(n):
    """The hidden neurons chapter 6's diagram draws (all that fit; the rest are elided)."""
    from scenes.kit.network import fitting, shown_indices

    head, tail = shown_indices(n, fitting(n, n, DIAGRAM_HEIGHT, DIAGRAM_RADIUS))
    return head + tail


#: The most output bars the chapter draws; with more classes, the largest outputs.
MAX_BARS = 10


def outputs_shown(o):
    """None (every output drawn), or for more than :data:`MAX_BARS` classes ``(head, tail)``:
    the largest outputs in class order, drawn above and below the diagram's ellipsis."""
    o = np.asarray(o).reshape(-1)
    if len(o) <= MAX_BARS:
        return None
    top = sorted(int(i) for i in np.argsort(-o, kind="stable")[:MAX_BARS])
    return top[:MAX_BARS // 2], top[MAX_BARS // 2:]


def worked_neuron(h_pre):
    """The drawn hidden neuron whose |h_pre| is nearest :data:`SQUASH_AT` (the first on ties)."""
    h = np.abs(np.asarray(h_pre).reshape(-1))
    drawn = drawn_hidden(len(h))
    return int(drawn[int(np.argmin(np.abs(h[drawn] - SQUASH_AT)))])


def largest_terms(products, k):
    """Indices of the ``k`` largest nonzero ``|products|`` (stable on ties), in index order."""
    nonzero = np.flatnonzero(products)
    order = nonzero[np.argsort(-np.abs(products[nonzero]), kind="stable")]
    return sorted(int(j) for j in order[:k])


def values(trace):
    """Everything chapter 6 shows, from the trace's first recorded step."""
    pos = trace.position(int(trace["step_index"][0]))
    s = trace.step(pos)
    img = s["img"][:, 0]
    neuron = worked_neuron(s["h_pre"])
    w = s["w_i_h"][neuron]
    b = float(s["b_i_h"][neuron, 0])
    products = w * img
    nonzero = np.flatnonzero(products)
    terms = largest_terms(products, N_TERMS)
    partial = np.cumsum(products[terms])
    total = float(products.sum())
    h_pre = b + total
    h = float(sigmoid(h_pre))
    names = list(trace.meta["class_names"])
    n_out, n_hidden = int(s["o"].shape[0]), int(s["h"].shape[0])
    o = s["o"][:, 0]
    guess = int(np.argmax(o))
    return {
        "step": int(s["index"]), "label": int(s["label"]), "label_text": names[int(s["label"])],
        "names_are_indices": names == [str(i) for i in range(n_out)],
        "img": img, "n_inputs": int(img.size), "n_inputs_text": fmt_int(img.size),
        "n_hidden": n_hidden, "n_hidden_text": fmt_int(n_hidden),
        "n_out": n_out,
        "n_nonzero": len(nonzero), "n_nonzero_text": fmt_int(len(nonzero)),
        "n_zero_text": fmt_int(img.size - len(nonzero)),
        "neuron": neuron, "neuron_text": fmt_int(neuron),
        "terms": terms, "n_terms_text": fmt_int(len(terms)),
        "term_w": w[terms], "term_x": img[terms], "term_p": products[terms],
        "term_w_texts": [fmt(w[j], 3) for j in terms],
        "term_x_texts": [fmt(img[j], 3) for j in terms],
        "term_p_texts": [fmt(products[j], 3) for j in terms],
        "term_j_texts": [fmt_int(j) for j in terms],
        "partial": [float(x) for x in partial],
        "rest": float(total - products[terms].sum()),
        "rest_text": fmt(total - products[terms].sum(), 3),
        "n_rest": int(len(nonzero) - len(terms)),
        "n_rest_text": fmt_int(len(nonzero) - len(terms)),
        "h_shape_text": fmt_shape(s["h"].shape), "o_shape_text": fmt_shape(s["o"].shape),
        "img_shape_text": fmt_shape(s["img"].shape),
        "w_i_h_shape_text": fmt_shape(s["w_i_h"].shape),
        "w_h_o_shape_text": fmt_shape(s["w_h_o"].shape),
        "collapsed_shape_text": fmt_shape((n_out, img.size)),
        "total": total, "total_text": fmt(total, 3),
        "bias": b, "bias_text": fmt(b, 3),
        "h_pre": h_pre, "h_pre_text": fmt(h_pre, 3),
        "h0": h, "h0_text": fmt(h, 3),
        "x_range": sigmoid_range(h_pre),
        "h": s["h"][:, 0], "h_pre_all": s["h_pre"][:, 0],
        "w_i_h": s["w_i_h"], "w_h_o": s["w_h_o"],
        "o_pre": s["o_pre"][:, 0], "o": o, "o_texts": [fmt(x, 2) for x in o],
        "guess": guess, "guess_text": names[guess],
        "outputs_shown": outputs_shown(o),
        "class_names": names,
        "o_max_text": fmt(o[guess], 2),
        "code_layer": reference_line("h_pre"), "code_hidden": reference_line("h"),
        "code_out_pre": reference_line("o_pre"), "code_out": reference_line("o"),
        "one_text": fmt_int(s["img"].shape[1]),
        "bias_zero": bool(np.all(s["b_i_h"] == 0)),
        "n_out_text": fmt_int(n_out),
        "label_said": article(names[int(s["label"])]),
    }


def narration(v):
    """The spoken script of chapter 6: one ``(cue, sentence)`` per beat, some with a teacher
    note as a third item (never on screen or spoken)."""
    n, n_hid, n_in, one = v["neuron_text"], v["n_hidden_text"], v["n_inputs_text"], v["one_text"]
    guess = (f"the digit {v['guess_text']}" if v["names_are_indices"] else v["guess_text"])
    if v["bias_zero"]:
        bias = (f"Then the neuron adds its bias, a number of its own, {v['bias_text']} "
                f"before training: h_pre, the sum plus the bias, is still {v['h_pre_text']}.")
    else:
        bias = (f"Then the neuron adds its bias, a number of its own, here {v['bias_text']}: "
                f"h_pre, the sum plus the bias, is {v['h_pre_text']}.")
    return [
        ("input", (f"Let's follow the first training image, {v['label_said']}, through the "
                  f"untrained network: its {n_in} pixels fill the input layer, and here are "
                  f"a few that carry ink.")),
        ("sum", (f"Hidden neuron {n} multiplies each pixel by the weight on its edge and adds "
                f"up the products: its {v['n_terms_text']} largest fly, one by one, into a "
                f"running sum.")),
        ("rest", (f"The other {v['n_rest_text']} pixels with ink add {v['rest_text']}, and the "
                 f"{v['n_zero_text']} blank pixels add nothing: the weighted sum is "
                 f"{v['total_text']}.")),
        ("bias", bias,
         ("Why a neuron needs a bias comes later, with a neuron that cannot separate two "
          "groups of points without one. The reference code starts every bias at zero "
          "(np.zeros), so at this first step the bias adds nothing yet.")),
        ("sigmoid", (f"The sigmoid, one over one plus e to the minus x, squashes any number "
                    f"into the range zero to one: {v['h_pre_text']} lands "
                    f"{'high' if v['h_pre'] > 0 else 'low'} on the flat shoulder of the curve, "
                    f"at {v['h0_text']}.")),
        ("layer", (f"Every hidden neuron does the same with its own row of weights, so the "
                  f"whole layer is one matrix product: w_i_h, {n_hid} by {n_in}, times img, "
                  f"{n_in} by {one}, makes {n_hid} by {one}, and adding b_i_h gives h_pre.")),
        ("hidden", (f"The sigmoid of each entry of h_pre gives h, {n_hid} activations, and the "
                   f"hidden layer lights up.")),
        ("why", ("Why the sigmoid? Without it, the next layer's weights times these weights "
                "would be just one matrix: two layers would collapse into one straight-line "
                "map.")),
        ("output", (f"The output layer repeats it all with w_h_o and h: {v['n_out_text']} "
                   f"outputs o, each between zero and one.")),
        ("guess", (f"The guess is the class with the largest output, {v['o_max_text']}, for "
                  f"{guess}: " + ("right by luck, since nothing is trained yet."
                                  if v["guess"] == v["label"] else
                                  f"an untrained guess, since the label is "
                                  f"{v['label_text']}."))),
    ]


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("sample", f"step {v['step']}, label {v['label_text']}"),
        ("worked hidden neuron", v["neuron_text"]),
        ("nonzero pixels", v["n_nonzero_text"]),
        (f"sum of w_i_h[{v['neuron']}, j] * img[j]", v["total_text"]),
        (f"bias b_i_h[{v['neuron']}]", v["bias_text"]),
        (f"h_pre[{v['neuron']}]", v["h_pre_text"]),
        (f"h[{v['neuron']}] = sigmoid(h_pre)", v["h0_text"]),
        ("largest output", f"{v['o_max_text']} ({v['guess_text']})"),
    ]
