"""Chapter 5 (training loops): the values it displays, recomputed from the trace."""


from chapters.helpers import chapter_values


def test_training_loop_counts_code_and_reshape(trace):
    _, v = chapter_values("training_loops", trace)
    meta = trace.meta
    assert v["n_steps"] == meta["epochs"] * meta["n_train"] == trace["step_index"][-1] + 1
    assert f"epochs = {meta['epochs']}\n" in v["code"]
    img = trace["data_img"][0] / 255
    assert v["flat_shape_text"] == str(img.shape)
    img.shape += (1,)
    assert v["column_shape_text"] == str(img.shape) == str(trace["step_img"].shape[1:])
    steps = [(e - 1) * meta["n_train"] + s for e, s in zip(v["counter_epochs"],
                                                           v["counter_samples"])]
    assert steps == sorted(steps) and steps[-1] == v["n_steps"]
    assert set(steps) <= {int(i) + 1 for i in trace["step_index"]}
