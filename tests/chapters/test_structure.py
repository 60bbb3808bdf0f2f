"""Chapter 1 (structure): the values it displays, recomputed from the trace."""

import numpy as np

from chapters.helpers import chapter_values, sigmoid


def test_structure_sizes_shapes_and_initial_weights(trace):
    _, v = chapter_values("structure", trace)
    w1, w2 = trace["w_i_h_init"], trace["w_h_o_init"]
    assert v["sizes"] == [w1.shape[1], w1.shape[0], w2.shape[0]] == trace.meta["sizes"]
    assert v["shape_w_i_h_text"] == str(w1.shape) == "(20, 784)"
    assert v["shape_w_h_o_text"] == str(w2.shape) == "(10, 20)"
    assert v["n_weights"] == 784 * 20 + 20 * 10
    assert v["n_biases"] == 20 + 10
    # the histogram: count the weights in each bin by hand
    edges, counts = v["hist_edges"], v["hist_counts"]
    assert edges[0] == w1.min() and edges[-1] == w1.max()
    flat = w1.ravel()
    for k in range(len(counts)):
        inside = (flat >= edges[k]) & ((flat < edges[k + 1]) if k < len(counts) - 1
                                       else (flat <= edges[k + 1]))
        assert counts[k] == int(inside.sum())
    assert counts.sum() == flat.size
    # the reference init is U(-0.5, 0.5): every bin is near the uniform share
    assert np.all(np.abs(counts - flat.size / len(counts)) < 6 * np.sqrt(flat.size / len(counts)))
    assert -0.5 <= v["w_min"] < -0.49 and 0.49 < v["w_max"] <= 0.5
    # the example hidden activations are the forward pass of the first recorded image
    h = sigmoid(trace["b_i_h_init"] + w1 @ trace["step_img"][0])[:, 0]
    assert np.allclose(v["example_h"], h, atol=1e-12)
