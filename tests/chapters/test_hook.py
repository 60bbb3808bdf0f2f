"""The hook: the values it displays, recomputed from the trace and the real held-out images."""

import numpy as np

from chapters.helpers import chapter_values, close, forward
from scenes.chapters import CHAPTERS
from scenes.values import hook


def test_the_images_it_reads_are_the_final_network_on_held_out_images(trace):
    """Each image's outputs are the final weights run forward on its pixels; the guess is the
    largest; the answer is the held-out label of that image."""
    a = trace.arrays
    _, v = chapter_values("hook", trace)
    shown = v["examples"] + ([v["mistake"]] if v["mistake"] else [])
    assert len(v["examples"]) == hook.N_RIGHT
    for ex in shown:
        img = np.asarray(ex["img"])[:, None]
        _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], img)
        close(ex["o"], o[:, 0])
        assert ex["guess"] == int(np.argmax(o))
        assert ex["answer"] == int(a["test_label"][ex["test_index"]])
        assert ex["right"] == (ex["guess"] == ex["answer"])
    assert all(ex["right"] for ex in v["examples"])
    assert v["mistake"] is None or not v["mistake"]["right"]


def test_the_images_are_picked_by_the_rule_from_the_real_held_out_set(trace, dataset_for):
    """The first held-out images it gets right, then its first mistake, in held-out order,
    recomputed from the real images and the final weights."""
    a = trace.arrays
    data = dataset_for(trace)
    _, v = chapter_values("hook", trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    pred = np.argmax(o, axis=0)
    right = np.flatnonzero(pred == data.test_labels)
    wrong = np.flatnonzero(pred != data.test_labels)
    assert [ex["test_index"] for ex in v["examples"]] == right[:hook.N_RIGHT].tolist()
    assert v["mistake"]["test_index"] == wrong[0]
    for ex in v["examples"] + [v["mistake"]]:
        close(ex["img"], x[:, ex["test_index"]])
        close(ex["o"], o[:, ex["test_index"]])


def test_the_score_is_every_held_out_image_checked(trace, dataset_for):
    """Right, wrong and the share from the final network on every real held-out image; the
    running count ends at the totals and right + wrong = checked at every image."""
    a = trace.arrays
    data = dataset_for(trace)
    _, v = chapter_values("hook", trace)
    x = data.test_images.reshape(len(data.test_images), -1).T / 255.0
    _, o = forward(a["w_i_h"], a["b_i_h"], a["w_h_o"], a["b_h_o"], x)
    right = np.argmax(o, axis=0) == data.test_labels
    assert v["n_test"] == len(data.test_labels)
    assert v["n_right"] == int(right.sum()) and v["n_wrong"] == int((~right).sum())
    close(v["share"], right.mean())
    assert v["share_text"] == f"{100 * right.mean():.1f}%"
    for k in (0, 1, v["n_test"] // 2, v["n_test"]):
        checked, r, w = hook.counted(v, k)
        assert checked == k and r + w == k and r == int(right[:k].sum())


def test_the_code_is_the_training_loops_listing(trace):
    _, loops = chapter_values("training_loops", trace)
    _, v = chapter_values("hook", trace)
    assert v["code"] == loops["code"]


def test_the_map_names_every_later_chapter_with_its_code_lines(trace):
    """Every chapter after the hook, in the manifest's order and with its title, lights at
    least one line of the code, found by the text the map gives for it."""
    _, v = chapter_values("hook", trace)
    later = [c for c in CHAPTERS if c.slug != "hook"]
    assert CHAPTERS[0].slug == "hook"
    assert [c["slug"] for c in v["map"]] == [c.slug for c in later]
    assert [c["title"] for c in v["map"]] == [c.title for c in later]
    assert v["map_first"] + v["map_then"] == v["map"]
    lines = v["code"].splitlines()
    for c in v["map"]:
        assert c["lines"]
        for piece in hook.MAP[c["slug"]][1]:
            assert any(piece in lines[n - 1] for n in c["lines"]), (c["slug"], piece)


def test_the_map_is_said_in_plain_words_in_order(trace):
    """Each chapter's words are said, in the map's order, in the two map sentences."""
    module, v = chapter_values("hook", trace)
    script = {entry[0]: entry[1] for entry in module.narration(v)}
    for cue, part in (("map_first", v["map_first"]), ("map_then", v["map_then"])):
        said = script[cue]
        places = [said.index(c["words"]) for c in part]
        assert places == sorted(places), cue


def test_the_first_sentence_counts_the_steps_the_listing_shows(trace):
    """The listing is an outline: the steps the first sentence counts are its comment lines
    (lit while they are named), the loop is every other line."""
    module, v = chapter_values("hook", trace)
    lines = v["code"].splitlines()
    steps = [n for n, text in enumerate(lines, start=1) if text.lstrip().startswith("#")]
    assert steps and v["step_lines"] == steps
    assert v["loop_lines"] == [n for n in range(1, len(lines) + 1) if n not in steps]
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    said = {entry[0]: entry[1] for entry in module.narration(v)}["code"]
    assert f"its {words[len(steps)]} steps" in said
