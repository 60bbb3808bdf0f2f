"""Chapter 7 (cost): the values it displays, recomputed from the trace."""

import itertools

import numpy as np

from chapters.helpers import close, forward, weights_before
from scenes.values import cost


def test_cost_terms_sum_and_e_recomputed_from_the_first_image(trace):
    a = trace.arrays
    v = cost.values(trace)
    _, o = forward(*weights_before(a, 0), a["step_img"][0])
    o = o[:, 0]
    label = int(a["step_label"][0])
    l = np.zeros(len(o))
    l[label] = 1.0
    close(v["o"], o)
    close(v["l"], l)
    close(v["terms"], [(oi - li) ** 2 for oi, li in zip(o, l)])
    total = sum((oi - li) ** 2 for oi, li in zip(o, l))
    close(v["terms_sum"], total)
    close(v["e"], total / len(o))
    assert v["n_out"] == len(o) == trace.meta["sizes"][2]
    assert v["guess"] == int(np.argmax(o)) and v["label"] == label
    assert v["correct"] == (int(np.argmax(o)) == label)


def test_cost_counter_counts_real_guesses(trace):
    a, meta = trace.arrays, trace.meta
    v = cost.values(trace)
    counter = [tuple(c) for c in v["counter"]]
    # per image: the first consecutive recorded steps, each re-run forward
    n = v["n_per_image"]
    assert n >= 2 and list(a["step_index"][:n]) == list(range(n))
    right = 0
    for i in range(n):
        _, o = forward(*weights_before(a, i), a["step_img"][i])
        right += int(np.argmax(o) == a["step_label"][i])
        assert counter[i] == (i + 1, right)
    # per window of the running curve: the counts must be whole and add up to nr_correct
    every = meta["schedule"]["curve_every"]
    in_epoch1 = a["curve_step"] < meta["n_train"]
    per_window = a["curve_acc"][in_epoch1] * every
    np.testing.assert_allclose(per_window, np.round(per_window), atol=1e-9)
    running = np.cumsum(np.round(per_window)).astype(int)
    seen = a["curve_step"][in_epoch1] + 1
    tail = [c for c in counter if c[0] > n]
    assert tail[:len(seen)] == [(int(s), int(r)) for s, r in zip(seen, running) if s > n]
    assert counter[-1] == (meta["n_train"], int(a["epoch_nr_correct"][0]))
    if meta["n_train"] % every == 0:
        assert running[-1] == a["epoch_nr_correct"][0]
    assert all(c2[0] > c1[0] and c2[1] >= c1[1] for c1, c2 in itertools.pairwise(counter))
    close(v["train_acc_first_epoch"], counter[-1][1] / meta["n_train"])


def test_cost_rows_the_subtraction_and_squaring_walk_through(trace):
    a = trace.arrays
    v = cost.values(trace)
    _, o = forward(*weights_before(a, 0), a["step_img"][0])
    o = o[:, 0]
    l = np.eye(len(o))[int(a["step_label"][0])]
    close(v["diff"], o - l)
    # only the label's row of o - l is negative
    assert [i for i, d in enumerate(v["diff"]) if d < 0] == [int(a["step_label"][0])]
    squares = (o - l) ** 2
    assert v["biggest_term"] == max(range(len(o)), key=lambda i: squares[i])


def test_cost_first_images_and_their_verdicts(trace):
    a = trace.arrays
    v = cost.values(trace)
    n = v["n_per_image"]
    assert len(v["first_imgs"]) == len(v["first_hits"]) == n
    for i in range(n):
        close(v["first_imgs"][i], a["step_img"][i][:, 0])
        _, o = forward(*weights_before(a, i), a["step_img"][i])
        assert v["first_hits"][i] == (int(np.argmax(o)) == int(a["step_label"][i]))
    # the counter's per-image checkpoints count exactly these verdicts
    assert [c[1] for c in v["counter"][:n]] == list(np.cumsum(v["first_hits"]))


def test_cost_cousin_is_the_cost_whose_slope_the_recorded_step_follows(trace):
    """The last beat's cousin, -ln(o) on the label's row, has the recorded delta_o as its
    slope with respect to that output's weighted sum; e's term does not."""
    a = trace.arrays
    v = cost.values(trace)
    k = v["label"]
    o_pre = float(a["step_o_pre"][0, k, 0])
    close(v["label_o"], 1 / (1 + np.exp(-o_pre)))
    close(v["label_sq"], v["terms"][k])
    close(v["label_cousin"], -np.log(v["label_o"]))

    def cousin(z):
        return -np.log(1 / (1 + np.exp(-z)))

    def square(z):
        return (1 / (1 + np.exp(-z)) - 1) ** 2

    h = 1e-6
    slope = (cousin(o_pre + h) - cousin(o_pre - h)) / (2 * h)
    np.testing.assert_allclose(slope, a["step_delta_o"][0, k, 0], rtol=1e-6)
    sq_slope = (square(o_pre + h) - square(o_pre - h)) / (2 * h)
    assert not np.isclose(sq_slope, a["step_delta_o"][0, k, 0], rtol=1e-3)
    # the sweep ends at a confident mistake, where the cousin punishes far harder than e
    assert v["confident_o"] < v["label_o"]
    close(v["confident_cousin"], -np.log(v["confident_o"]))
    assert v["confident_cousin"] > 3 * v["confident_sq"]
    assert v["confident_cousin"] < cost.COUSIN_TOP


def test_cost_narration_uses_no_later_words(trace):
    """No "epoch", "slope", "gradient" or "cross-entropy" in what is said: taught later."""
    v = cost.values(trace)
    for cue, sentence, *_ in cost.narration(v):
        for word in ("epoch", "slope", "gradient", "cross-entropy", "accuracy"):
            assert word not in sentence.lower(), (cue, word)


def test_cost_shown_arithmetic_holds_on_the_shown_digits(trace):
    """Every row of the table: shown o minus l is the shown o - l, the shown difference squared
    is the shown square at its digits, the shown squares add up to the shown sum and the sum
    over the rows is the shown e; and all of it stays within rounding of the real numbers."""
    from scenes.values.format import fmt

    a = trace.arrays
    v = cost.values(trace)
    _, o = forward(*weights_before(a, 0), a["step_img"][0])
    o = o[:, 0]
    l = np.eye(len(o))[int(a["step_label"][0])]
    od, td = cost.O_DIGITS, cost.TERM_DIGITS
    shown_o = [fmt(x, od) for x in v["shown_o"]]
    assert shown_o == [fmt(x, od) for x in o]
    # exact decimal arithmetic on the shown text, in integer units of the last digit
    o_units = [round(float(t) * 10 ** od) for t in shown_o]
    l_units = [int(x) * 10 ** od for x in l]
    for i in range(len(o)):
        d_units = o_units[i] - l_units[i]
        assert fmt(v["shown_diff"][i], od) == fmt(d_units / 10 ** od, od), i
        sq_units = d_units * d_units  # exact, at 2 * od decimals
        shown_sq = round(float(fmt(v["shown_terms"][i], td)) * 10 ** td)
        assert abs(shown_sq * 10 ** (2 * od - td) - sq_units) * 2 <= 10 ** (2 * od - td), i
    sq_units = [round(float(fmt(x, td)) * 10 ** td) for x in v["shown_terms"]]
    shown_sum = round(float(fmt(v["shown_sum"], td)) * 10 ** td)
    assert shown_sum == sum(sq_units)
    shown_e = round(float(fmt(v["shown_e"], td)) * 10 ** td)
    assert abs(shown_e * len(o) - shown_sum) * 2 <= len(o)
    # the shown e is the real cost to within the rounding of the shown rows
    true_e = float(np.mean((o - l) ** 2))
    assert abs(float(fmt(v["shown_e"], td)) - true_e) <= 2.5 * 10 ** -od
    close(v["e"], true_e)
    # the narration says the shown numbers
    said = " ".join(s for _, s, *_ in cost.narration(v))
    k, big = int(a["step_label"][0]), v["biggest_term"]
    for text in (fmt(v["shown_diff"][k], od), fmt(v["shown_terms"][big], td),
                 fmt(v["shown_sum"], td), fmt(v["shown_e"], td)):
        assert text in said
