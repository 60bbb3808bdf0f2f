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


def test_structure_counts_matrix_rows_and_the_strongest_edge(trace):
    _, v = chapter_values("structure", trace)
    w1, w2 = trace["w_i_h_init"], trace["w_h_o_init"]
    n_in, n_hid, n_out = trace.meta["sizes"]
    # the counts the chapter adds up: 784 x 20 + 20 x 10
    assert v["n_w_i_h"] == n_in * n_hid == w1.size
    assert v["n_w_h_o"] == n_hid * n_out == w2.size
    assert v["n_weights_text"] == f"{n_in * n_hid + n_hid * n_out:,}"
    # drawn rows and columns: the first and last few, as the matrix view and diagram draw them
    assert v["matrix_rows"] == [0, 1, 2, n_hid - 2, n_hid - 1]
    assert v["matrix_cols"] == [0, 1, n_in - 2, n_in - 1]
    assert v["input_shown"] == [0, 1, 2, 3, n_in - 4, n_in - 3, n_in - 2, n_in - 1]
    # the weight shown as "one number": the largest |w| among the drawn edges into hidden
    drawn = np.abs(w1[:, v["input_shown"]])
    assert abs(v["edge_w"]) == drawn.max() == abs(w1[v["edge_row"], v["edge_col"]])
    assert v["edge_col"] in v["input_shown"]
    # shapes of the products w_i_h @ img and w_h_o @ (hidden), as NumPy gives them
    img = trace["step_img"][0]
    assert v["shape_img_text"] == str(img.shape)
    assert v["shape_h_text"] == str((w1 @ img).shape)
    assert v["shape_o_text"] == str((w2 @ (w1 @ img)).shape)
    assert v["w_min_text"] == f"{w1.min():.3f}" and v["w_max_text"] == f"{w1.max():.3f}"
    # the output column is the forward pass of the first recorded image
    h = sigmoid(trace["b_i_h_init"] + w1 @ img)
    o = sigmoid(trace["b_h_o_init"] + w2 @ h)[:, 0]
    assert np.allclose(v["example_o"], o, atol=1e-12)


def test_structure_row_picture_is_the_lit_row_and_the_sweep_runs_along_the_inkiest_row(trace):
    module, v = chapter_values("structure", trace)
    w1 = trace["w_i_h_init"]
    n_in, n_hid, _ = trace.meta["sizes"]
    side = round(float(np.sqrt(n_in)))
    assert v["side"] == side and side * side == n_in and v["side_text"] == str(side)
    # the row drawn as a picture is the last row the matrix beat lights (left lit)
    assert v["picture_row"] == v["matrix_rows"][-1] == n_hid - 1
    assert np.array_equal(v["picture_w"], w1[v["picture_row"]])
    # the pixel/weight highlight runs along the image row with the most ink
    img = trace["step_img"][0][:, 0].reshape(side, side)
    sums = img.sum(axis=1)
    assert sums[v["sweep_row"]] == sums.max() > 0
    # the sentence says the row and the picture's size from these values
    sentence = {e[0]: e[1] for e in module.narration(v)}["picture"]
    assert f"Row {v['picture_row_text']} " in sentence
    assert f"{side} by {side}" in sentence


def test_structure_product_sentence_is_one_real_row_and_the_matrix_size_in_words(trace):
    """The product sentence multiplies the row the matrix beat left lit by the image's column:
    weight by pixel, added up, that row's sum is its hidden neuron's entry of w_i_h @ img; the
    matrix's real size is said in words from its shape."""
    module, v = chapter_values("structure", trace)
    w1 = trace["w_i_h_init"]
    img = trace["step_img"][0][:, 0]
    r = v["picture_row"]
    assert r == v["matrix_rows"][-1]
    by_hand = sum(float(w) * float(p) for w, p in zip(w1[r], img))
    assert np.isclose(by_hand, (w1 @ img)[r], rtol=1e-12, atol=1e-12)
    assert v["w_i_h_rows_text"] == f"{w1.shape[0]:,}" and v["w_i_h_cols_text"] == f"{w1.shape[1]:,}"
    sentence = {e[0]: e[1] for e in module.narration(v)}["product"]
    assert sentence.startswith(f"Row {r} times the image's column of {w1.shape[1]:,} pixels")
    assert f"sum for hidden neuron {r};" in sentence
    assert f"all {w1.shape[0]:,} rows at once" in sentence
