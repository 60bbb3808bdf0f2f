"""Chapter 6 (forward): the values it displays, recomputed from the trace."""

import math

import numpy as np
import pytest

from chapters.helpers import chapter_values, sigmoid


def test_worked_neuron_is_the_one_nearest_the_squash_size(trace):
    _, v = chapter_values("forward", trace)
    img = trace["step_img"][0][:, 0]
    w1, b1 = trace["w_i_h_init"], trace["b_i_h_init"]
    h_pre = b1[:, 0] + w1 @ img
    gaps = [abs(abs(x) - 4.0) for x in h_pre]
    n = gaps.index(min(gaps))
    assert v["neuron"] == n and v["neuron_text"] == str(n)
    # far enough from 0 that the sigmoid is flattening: its slope is under a fifth of the peak
    s = 1 / (1 + math.exp(-h_pre[n]))
    assert s * (1 - s) < 0.25 / 5
    assert abs(h_pre[n]) > 2.5


def test_forward_products_sum_sigmoid_hidden_and_output(trace):
    _, v = chapter_values("forward", trace)
    img = trace["step_img"][0][:, 0]
    w1, b1 = trace["w_i_h_init"], trace["b_i_h_init"]
    w2, b2 = trace["w_h_o_init"], trace["b_h_o_init"]
    n = v["neuron"]
    products = w1[n] * img
    nonzero = np.count_nonzero(products)
    assert v["n_nonzero"] == nonzero == np.count_nonzero(img)
    assert v["n_zero_text"] == f"{img.size - nonzero:,}"
    # the shown terms are the largest |products|, in pixel order, and carry ink
    k = len(v["terms"])
    threshold = np.sort(np.abs(products))[-k]
    assert all(abs(products[j]) >= threshold for j in v["terms"])
    assert v["terms"] == sorted(v["terms"]) and all(img[j] > 0 for j in v["terms"])
    for i, j in enumerate(v["terms"]):
        assert v["term_j_texts"][i] == str(j)
        assert (v["term_w_texts"][i], v["term_x_texts"][i], v["term_p_texts"][i]) == (
            f"{w1[n, j]:.3f}", f"{img[j]:.3f}", f"{w1[n, j] * img[j]:.3f}")
    running = 0.0
    for i, j in enumerate(v["terms"]):
        running += w1[n, j] * img[j]
        assert v["partial"][i] == pytest.approx(running, abs=1e-12)
    total = math.fsum(products)
    assert v["total"] == pytest.approx(total, abs=1e-12)
    assert v["total_text"] == f"{total:.3f}".replace("-0.000", "0.000")
    assert v["rest"] == pytest.approx(total - math.fsum(products[v["terms"]]), abs=1e-12)
    assert v["n_rest"] == nonzero - k
    h_pre = b1[n, 0] + total
    assert v["bias"] == b1[n, 0]
    assert v["h_pre"] == pytest.approx(h_pre, abs=1e-12)
    assert v["h_pre"] == pytest.approx(trace["step_h_pre"][0][n, 0], abs=1e-12)
    assert v["h0"] == pytest.approx(1 / (1 + math.exp(-h_pre)), abs=1e-12)
    assert v["h0_text"] == f"{1 / (1 + math.exp(-h_pre)):.3f}"
    lo, hi, _ = v["x_range"]
    assert lo <= h_pre <= hi
    h = sigmoid(b1 + w1 @ img[:, None])
    o = sigmoid(b2 + w2 @ h)
    assert np.allclose(v["h"], h[:, 0], atol=1e-12)
    assert np.allclose(v["o"], o[:, 0], atol=1e-12)
    assert v["o_texts"] == [f"{x:.2f}" for x in o[:, 0]]
    assert v["guess"] == int(np.argmax(o))
    assert v["o_max_text"] == f"{o.max():.2f}"
    assert v["w_i_h_shape_text"] == str(w1.shape)
    assert v["collapsed_shape_text"] == str((w2 @ w1).shape)


def test_the_input_layer_draws_the_worked_pixels(trace):
    from scenes.kit.network import NetworkDiagram
    from scenes.values.forward import DIAGRAM_HEIGHT, DIAGRAM_RADIUS

    _, v = chapter_values("forward", trace)
    terms = v["terms"]
    net = NetworkDiagram([v["n_inputs"], v["n_hidden"], v["n_out"]],
                         max_shown=[len(terms), v["n_hidden"], v["n_out"]],
                         height=DIAGRAM_HEIGHT, radius=DIAGRAM_RADIUS,
                         shown=[(terms[:3], terms[3:]), None, v["outputs_shown"]])
    assert net.index[0] == terms and len(net.dots) == 1
    assert net.index[1] == list(range(v["n_hidden"]))
    assert (0, v["neuron"], terms[0]) in net.edges


def test_the_code_lines_are_the_reference_loop_and_the_shapes_come_from_the_trace(trace):
    _, v = chapter_values("forward", trace)
    assert v["code_layer"] == "h_pre = b_i_h + w_i_h @ img"
    assert v["code_hidden"] == "h = 1 / (1 + np.exp(-h_pre))"
    assert v["code_out_pre"] == "o_pre = b_h_o + w_h_o @ h"
    assert v["code_out"] == "o = 1 / (1 + np.exp(-o_pre))"
    img = trace["step_img"][0]
    w1 = trace["w_i_h_init"]
    # (20, 784) @ (784, 1) -> (20, 1): the inner sizes match, the outer ones give h_pre's shape
    assert w1.shape[1] == img.shape[0]
    assert v["one_text"] == str(img.shape[1])
    assert v["n_hidden_text"] == str(w1.shape[0]) and v["n_inputs_text"] == str(img.shape[0])
    assert v["h_shape_text"] == str((w1 @ img).shape)
    assert v["bias_zero"] == bool(np.all(trace["b_i_h_init"] == 0))
    assert v["n_out_text"] == str(trace["w_h_o_init"].shape[0])


def test_the_sentences_say_the_trace_numbers(trace):
    module, v = chapter_values("forward", trace)
    said = {cue: sentence for cue, sentence, *_ in module.narration(v)}
    assert list(said) == ["input", "sum", "rest", "bias", "sigmoid", "layer", "hidden", "why",
                          "output", "guess"]
    assert f"{v['total']:.3f}".replace("-0.000", "0.000") in said["rest"]
    assert v["bias_text"] in said["bias"] and v["h_pre_text"] in said["bias"]
    assert v["h0_text"] in said["sigmoid"]
    assert f"by {v['one_text']}" in said["layer"]
    o = v["o"]
    assert f"{o.max():.2f}" in said["guess"]
    name = v["class_names"][int(np.argmax(o))]
    assert name in said["guess"]
    article = "an" if v["label_said"].startswith("an ") else "a"
    assert said["input"].count(f"{article} {v['label_text']},") == 1
