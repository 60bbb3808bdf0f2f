"""Training loops: what happens over the run's steps (3 epochs x 8,000 images = 24,000 on the
shipped trace). The forward pass, cost, slopes and step repeat image after image (inner loop)
and epoch after epoch (outer loop), shown as the outline :data:`LOOP_CODE` (which the hook
shows too) whose comment lines unfold into the reference loop's real statements
(:func:`body_groups`: read from :mod:`nnmath.reference`, never retyped, in the order the run
used); counters that add up; nr_correct per epoch; the recorded
curves; and what training ADDED to each row of ``w_i_h``, drawn as a picture that grows
snapshot by recorded snapshot.

Counters. After ``s`` steps the counters read ``epoch = max(1, ceil(s / n_train))`` and
``image = s - (epoch - 1) * n_train`` (:func:`counters_at`), so ``(epoch - 1) * n_train + image``
is always the step count, the image counter reaches ``n_train`` before the epoch ticks over,
and the last step reads epoch ``epochs``, image ``n_train``. The counter table shows only states
the run really had (:func:`counter_states`, :func:`state_at`): within each epoch the recorded
``(image, nr_correct)`` pairs of :func:`correct_checkpoints` (image by image over the first
recorded steps, then window by window of ``curve_every`` images, each window's right guesses
being its recorded share times the window, ending at the epoch's ``epoch_nr_correct``), and
between epochs the reset count and the ticked-over epoch. The counters step from one such state
to the next, never interpolating, so no count shown exceeds the images seen or what the rest of
the epoch could still add.

The cost curve is the mean of e, the squared error of the earlier chapters, per window (not a
new name, and not the cross-entropy-like cousin whose slope the step follows).

Change pictures. ``step_w_i_h[k]`` holds the weights *before* step ``step_index[k]``, that is
after ``step_index[k]`` steps; the final ``w_i_h`` is the state after all ``n_steps``. So the
sequence of states is ``step_index`` followed by ``n_steps`` (:func:`change_snapshots`), and
each state's change is ``w_i_h(state) - w_i_h_init``, a row per hidden neuron, drawn as a
``side x side`` picture. The rows themselves are not drawn as the answer: they stay dominated by
their starting noise (mean ``|w|`` 0.25 against a mean change of 0.055 on the shipped trace).

Rules (stated here, tested):

- the tiles are the first :data:`MAX_TILES` hidden neurons (all of them when there are fewer);
- the featured neuron is the shown neuron whose row training changed most (largest mean
  ``|change|`` at the end);
- the colour scale is symmetric (0 is dark, +scale full blue, -scale full red) and FIXED over
  the whole sequence, so growth shows as colour; its value is the :data:`SCALE_QUANTILE`
  quantile of the final ``|change|`` over the shown rows, so a handful of extreme weights do
  not leave every stroke dim (the few beyond it show at full colour).
"""

import inspect
import math

import numpy as np

from nnmath import reference
from scenes.values.format import fmt, fmt_int, fmt_pct, fmt_shape

FORMULAS = [r"\text{steps} = \text{epochs} \times n_{\text{train}}",
            r"\text{added}_r = w\_i\_h[r] - w\_i\_h\_init[r]"]

#: The reference training loop as shown on screen; ``{epochs}`` is filled from the trace.
#: The reshaping lines (``img.shape += (1,)``, ``l.shape += (1,)``) are a teacher note.
LOOP_CODE = """epochs = {epochs}
for epoch in range(epochs):
    for img, l in zip(images, labels):
        # forward propagation
        # cost and nr_correct
        # backpropagation
    nr_correct = 0"""

#: The loop body's parts, each an outline comment of :data:`LOOP_CODE` and the reference
#: statements it stands for, each named by the variable it sets (:func:`body_groups`).
#: ``delta_h`` comes before or after the ``w_h_o`` update as the run's ``order`` says.
BODY_PARTS = {
    "forward": ("# forward", ("h_pre", "h", "o_pre", "o")),
    "cost": ("# cost", ("e", "nr_correct")),
    "correct": ("# backprop", ("delta_o", "delta_h", "w_h_o", "b_h_o", "w_i_h", "b_i_h")),
    "reference": ("# backprop", ("delta_o", "w_h_o", "b_h_o", "delta_h", "w_i_h", "b_i_h")),
}
#: Which of the backpropagation statements are slopes; the others are the step (updates).
SLOPES = ("delta_o", "delta_h")

#: The most hidden neurons whose change pictures are shown (a layout choice: 4 rows of 5).
MAX_TILES = 20
#: The colour scale's value: this quantile of the final |change| over the shown rows.
SCALE_QUANTILE = 0.99
#: The most epochs the chapter writes nr_correct for; beyond, the first 3 and last 4.
MAX_SHOWN_EPOCHS = 8


def sig2(x):
    """A positive number to 2 significant digits: 0.2530 -> '0.25', 0.05476 -> '0.055'."""
    x = float(x)
    if not x > 0:
        return fmt(x, 2)
    return fmt(x, max(0, 1 - math.floor(math.log10(x))))


def ordinal(k):
    """``k`` as an ordinal: 99 -> '99th', 1 -> '1st'."""
    k = int(k)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def reference_statement(name):
    """The statement of the reference's inner loop (over images) that sets ``name`` (``name =
    ...`` or ``name += ...``), read from :mod:`nnmath.reference` itself, as the forward chapter
    reads its lines: the code on screen is the code that runs."""
    source = inspect.getsource(reference.train)
    for line in source[source.index("for img, l in zip"):].splitlines():
        text = line.strip()
        if text.startswith((f"{name} = ", f"{name} += ")):
            return text
    raise LookupError(f"nnmath.reference's loop sets no {name!r}")


def body_groups(order="correct"):
    """The loop body's three parts, ``[(key, outline comment, [statements])]``: the forward
    pass, the cost (and nr_correct) and backpropagation (slopes and step), each the real
    statements of the reference loop (:func:`reference_statement`) in the order the run
    used (:data:`BODY_PARTS`). (A run on the squared error's own slope, ``delta_rule="mse"``,
    scales ``delta_o`` further; its teacher note says so.)"""
    out = []
    for key in ("forward", "cost", order):
        comment, names = BODY_PARTS[key]
        out.append(("backprop" if key == order else key, comment,
                    [reference_statement(n) for n in names]))
    return out


def counters_at(s, n_train):
    """``(epoch, image)`` the counters read after ``s`` steps (1-based epoch; image 0 only
    before the first step): ``(epoch - 1) * n_train + image == s``."""
    s, n_train = int(s), int(n_train)
    epoch = max(1, -(-s // n_train))
    return epoch, s - (epoch - 1) * n_train


def _first_run(step_index):
    """How many recorded steps run consecutively from step 0 (0 if step 0 is not recorded)."""
    idx = [int(i) for i in step_index]
    n = 0
    while n < len(idx) and idx[n] == n:
        n += 1
    return n


def correct_checkpoints(trace):
    """Per epoch, ``[(images seen in the epoch, nr_correct so far), ...]``, every pair one the
    run really had: ``(0, 0)``; image by image over the recorded steps that run consecutively
    from step 0 (``argmax(o) == label`` of each, in the first epoch); window by window from
    the recorded curve (a window's right guesses are its share times ``curve_every``); and
    ``(n_train, epoch_nr_correct)``. An epoch whose windows do not add up to its recorded total
    keeps only its start and end (no pair is guessed)."""
    meta = trace.meta
    n_train, every = int(meta["n_train"]), int(meta["schedule"]["curve_every"])
    epochs = int(meta["epochs"])
    out = [[(0, 0)] for _ in range(epochs)]
    first = min(_first_run(trace["step_index"]), n_train)
    hits = np.argmax(trace["step_o"][:first, :, 0], axis=1) == trace["step_label"][:first]
    out[0] += [(i + 1, int(c)) for i, c in enumerate(np.cumsum(hits))]
    windows = [[] for _ in range(epochs)]
    correct = [0] * epochs
    for step, acc in zip(trace["curve_step"], trace["curve_acc"]):
        e, seen = int(step) // n_train, int(step) % n_train + 1
        if e >= epochs:
            continue
        correct[e] += round(float(acc) * every)
        windows[e].append((seen, correct[e]))
    for e in range(epochs):
        total = int(trace["epoch_nr_correct"][e])
        if correct[e] == total:
            done = out[e][-1][0]
            out[e] += [c for c in windows[e] if done < c[0] < n_train]
        out[e].append((n_train, total))
    return out


def counter_states(trace):
    """``(keys, states)``: every state the counter table may show, in the order the loop
    passes them, each ``(epoch, image, step, nr_correct)`` with ``(epoch - 1) * n_train +
    image == step``, and its key, a position on the scene's tracker of steps done.

    Within an epoch the states are its :func:`correct_checkpoints` (key = step). Between
    epochs come two more: the loop's last line has reset nr_correct (image ``n_train``, count
    0; key + 0.25), then the epoch has ticked over with no image of it seen yet (image 0;
    key + 0.5). The scene shows the latest state whose key is at or below its tracker
    (:func:`state_at`), so the counters step from recorded state to recorded state and
    never interpolate."""
    n_train = int(trace.meta["n_train"])
    keys, states = [], []
    for e, marks in enumerate(correct_checkpoints(trace)):
        for image, count in marks:
            if e > 0 and image == 0:
                keys += [e * n_train + 0.25, e * n_train + 0.5]
                states += [(e, n_train, e * n_train, 0), (e + 1, 0, e * n_train, 0)]
                continue
            keys.append(float(e * n_train + image))
            states.append((e + 1, image, e * n_train + image, count))
    return keys, states


def state_at(keys, states, x):
    """The state shown at tracker value ``x``: the latest whose key is at or below ``x``."""
    k = int(np.searchsorted(keys, float(x) + 1e-9, side="right")) - 1
    return states[max(k, 0)]


def shown_epochs(epochs):
    """0-based epochs whose nr_correct the chapter writes down: all, or the first 3 and last 4."""
    if epochs <= MAX_SHOWN_EPOCHS:
        return list(range(epochs))
    return [0, 1, 2] + list(range(epochs - 4, epochs))


def change_snapshots(trace):
    """``(steps, changes)``: the steps done at each recorded state (``step_index`` then the
    run's end) and ``w_i_h`` minus ``w_i_h_init`` at each, shape ``(states, hidden, inputs)``."""
    n_steps = int(trace.meta["epochs"]) * int(trace.meta["n_train"])
    init = trace["w_i_h_init"]
    states = np.concatenate([trace["step_w_i_h"], trace["w_i_h"][None]], axis=0)
    steps = [int(s) for s in trace["step_index"]] + [n_steps]
    return steps, states - init[None]


def values(trace):
    """Everything the training loops show, from the trace."""
    meta = trace.meta
    epochs, n_train = int(meta["epochs"]), int(meta["n_train"])
    n_steps = epochs * n_train
    every = int(meta["schedule"]["curve_every"])
    correct = [int(x) for x in trace["epoch_nr_correct"]]
    # the curves: one point per window of `every` images, at the steps done after it
    curve_x = [int(s) + 1 for s in trace["curve_step"]]
    curve_e = [float(x) for x in trace["curve_e"]]
    curve_acc = [float(x) for x in trace["curve_acc"]]
    # what training added to each row of w_i_h, state by recorded state
    steps, changes = change_snapshots(trace)
    keys, states = counter_states(trace)
    hidden, inputs = changes.shape[1], changes.shape[2]
    side = math.isqrt(inputs)
    if side * side != inputs:
        raise ValueError(f"{inputs} inputs do not make a square picture")
    tiles = list(range(min(hidden, MAX_TILES)))
    shown = changes[:, tiles, :]
    final = shown[-1]
    scale = float(np.quantile(np.abs(final), SCALE_QUANTILE))
    featured = tiles[int(np.argmax(np.abs(final).mean(axis=1)))]
    w_final, w_init = trace["w_i_h"], trace["w_i_h_init"]
    n_out = int(trace["w_h_o"].shape[0])
    mean_w = float(np.abs(w_final).mean())
    mean_change = float(np.abs(w_final - w_init).mean())
    return {
        "epochs": epochs, "epochs_text": fmt_int(epochs),
        "n_train": n_train, "n_train_text": fmt_int(n_train),
        "n_steps": n_steps, "n_steps_text": fmt_int(n_steps),
        "code": LOOP_CODE.format(epochs=epochs),
        "body": body_groups(meta["order"]), "order": meta["order"],
        "delta_rule": meta["delta_rule"],
        "slope_names": SLOPES,
        "epoch_texts": [fmt_int(e + 1) for e in range(epochs)],
        "nr_correct": correct,
        "nr_correct_texts": [fmt_int(c) for c in correct],
        "shown_epochs": shown_epochs(epochs),
        "correct_checkpoints": correct_checkpoints(trace),
        "counter_keys": keys, "counter_states": states,
        "curve_every": every, "curve_every_text": fmt_int(every),
        "follows_cousin": meta["delta_rule"] == "cross_entropy",
        # the caption on the code's e line: e is watched, the step follows C's slope (or e's,
        # for a run trained on the squared error's own slope)
        "e_caption": ("e is only watched: each step follows the slope of C"
                      if meta["delta_rule"] == "cross_entropy"
                      else "each step follows the slope of e itself"),
        "curve_x": curve_x, "curve_e": curve_e, "curve_acc": curve_acc,
        "e_first_text": fmt(curve_e[0], 3), "e_last_text": fmt(curve_e[-1], 3),
        "acc_first_text": fmt_pct(curve_acc[0], 0), "acc_last_text": fmt_pct(curve_acc[-1], 0),
        "side": side, "side_text": fmt_int(side),
        "hidden": hidden, "hidden_text": fmt_int(hidden),
        "tiles": tiles, "n_tiles": len(tiles), "n_tiles_text": fmt_int(len(tiles)),
        "snapshot_steps": steps,
        "snapshot_step_texts": [fmt_int(s) for s in steps],
        "changes": shown.reshape(len(steps), len(tiles), side, side),
        "rows_final": w_final[tiles].reshape(len(tiles), side, side),
        "featured": featured, "featured_text": fmt_int(featured),
        "featured_pos": tiles.index(featured),
        "featured_final": w_final[featured].reshape(side, side),
        "featured_init": w_init[featured].reshape(side, side),
        "featured_change": (w_final[featured] - w_init[featured]).reshape(side, side),
        "scale": scale, "scale_text": fmt(scale, 2),
        "quantile_text": ordinal(round(100 * SCALE_QUANTILE)),
        "init_max_text": fmt(np.abs(w_init).max(), 2),
        "flat_shape_text": fmt_shape((inputs,)), "column_shape_text": fmt_shape((inputs, 1)),
        "label_flat_text": fmt_shape((n_out,)), "label_column_text": fmt_shape((n_out, 1)),
        "mean_w": mean_w, "mean_w_text": sig2(mean_w),
        "mean_change": mean_change, "mean_change_text": sig2(mean_change),
    }


def _counts_said(v):
    """The later epochs' nr_correct as the "run" sentence says them."""
    c, e = v["nr_correct_texts"], v["epoch_texts"]
    if len(c) > MAX_SHOWN_EPOCHS:
        return f"from {c[1]} in epoch {e[1]} to {c[-1]} in epoch {e[-1]}"
    rest = c[1:]
    if len(rest) == 1:
        return rest[0]
    return ", ".join(rest[:-1]) + " and then " + rest[-1]


def narration(v):
    """The spoken script of the training loops."""
    n, steps, c = v["n_train_text"], v["n_steps_text"], v["nr_correct_texts"]
    if v["epochs"] > 1:
        counter_end = "then the last line resets it and the epoch ticks over."
    else:
        counter_end = f"and the steps reach {steps}."
    which = (f"all {v['n_tiles_text']} hidden neurons" if len(v["tiles"]) == v["hidden"]
             else f"{v['n_tiles_text']} of the {v['hidden_text']} hidden neurons")
    falls = "falls" if v["curve_e"][-1] < v["curve_e"][0] else "goes"
    climbs = "climbs" if v["curve_acc"][-1] > v["curve_acc"][0] else "goes"
    r = v["featured_text"]
    out = [
        ("epochs", (f"Training repeats what we have seen, in two loops. "
                    f"The outer loop runs over epochs: {v['epochs_text']} passes over the "
                    f"whole training set.")),
        ("inner", (f"The inner loop takes one image and its label at a time, {n} pairs per "
                   f"epoch, so {v['epochs_text']} times {n} makes {steps} steps."),
         (f"The reference's inner loop also reshapes: img.shape += (1,) stands each flat "
          f"{v['flat_shape_text']} image up as a {v['column_shape_text']} column, the column "
          f"w_i_h @ img needs, and l.shape += (1,) does the same to the one-hot label, "
          f"{v['label_flat_text']} to {v['label_column_text']}. The listing leaves those two "
          f"lines out: they change no number.")),
        ("body", ("Each step runs the code we have built: the forward pass, the squared "
                  "error e and the right guesses, "
                  + ("only watched, the slopes of C, "
                     if v["follows_cousin"] else "the slopes of e itself, ")
                  + "delta_o and delta_h, then the step that moves every weight and bias."),
         ("The lines are the reference's own, read from nnmath.reference, whose loop the "
          "recorded run matches. Each part unfolds from its comment in the outline: the "
          "outline keeps the loops on one screen. "
          + ("e, the squared error, and nr_correct only report (the reference computes e and "
             "never uses it); the step follows the slope of the log cost C, the binary "
             "cross-entropy, as the downhill and backpropagation chapters show. "
             if v["follows_cousin"] else "")
          + ("This run computes delta_h before it updates w_h_o, the true slope; the reference "
             "computes it after, from the updated weights."
             if v["order"] == "correct" else
             "This run keeps the reference's order: w_h_o is updated before delta_h is "
             "computed from it.")
          + (" This run's delta_o is the squared error's own slope, o - l times o(1 - o) "
             "times two over the number of outputs, where the reference's is o - l."
             if v["delta_rule"] == "mse" else "")
          + " The reference also prints each epoch's share of right guesses before it resets "
          "nr_correct; the listing leaves that print out.")),
        ("counter", (f"Watch the counters: the image number climbs to {n} while nr_correct "
                     f"counts the right guesses, {c[0]}, {counter_end}"),
         (f"nr_correct only reports: nothing in the update reads it. The counters step from "
          f"recorded state to recorded state, never in between: image by image over the "
          f"first recorded steps, then window by window of {v['curve_every_text']} images, "
          f"ending at each epoch's recorded total, so every count shown is one the run had "
          f"at that image. The counters always add up: the images of the finished epochs "
          f"plus the image counter make the step count.")),
    ]
    if v["epochs"] > 1:
        out.append(("run", (f"Epoch after epoch the count starts again, {_counts_said(v)} of "
                            f"{n}, until the steps reach {steps}.")))
    out += [
        ("curves", (f"Replayed, every {v['curve_every_text']} images add a point to two "
                    f"curves: the mean of e, the squared error, {falls} from "
                    f"{v['e_first_text']} to {v['e_last_text']}, and the share guessed right "
                    f"{climbs} from {v['acc_first_text']} in the first group to "
                    f"{v['acc_last_text']} in the last."),
         ("The upper curve is e, the squared-error cost the reference computes per image, "
          "averaged over each window: the same e as in the cost chapter"
          + (", not the cross-entropy-like cousin whose slope the step follows (a different, "
             "larger number)" if v["follows_cousin"] else ", whose slope this run's step "
             "follows") + ". Each point covers only its window of images, so the curves are "
          "noisy.")),
        ("added", (f"What did the steps do to the weights? Take row {r} of w_i_h, the weights "
                   f"into hidden neuron {r}: subtract its starting values from its final "
                   f"ones, and what is left is what training added."),
         (f"Starting values: w_i_h_init, the random weights before the first step. All three "
          f"pictures share one colour scale, full colour at ±{v['scale_text']}; the starting "
          f"values reach ±{v['init_max_text']}, so they saturate in places.")),
        ("grow", (f"Here is that change for {which}: at step 0 there is "
                  f"nothing, and as the steps climb to {steps}, strokes grow, blue where "
                  f"training raised a weight and red where it lowered it."),
         (f"The trace keeps the weights at a few recorded steps (every one of the first, "
          f"then further and further apart, and each epoch's last); each picture is the "
          f"latest recorded state at or before the counter. The colour scale is fixed for "
          f"the whole run: full colour at ±{v['scale_text']}, the 99th percentile of the "
          f"final change, so growth shows as colour; the few larger changes show at full "
          f"colour.")),
        ("rows", (f"Drawn whole, the rows mix this change with their starting noise: their "
                  f"weights average {v['mean_w_text']} in size, what training added "
                  f"{v['mean_change_text']}; the change alone shows what each neuron learned "
                  f"to look for."),
         ("Both averages are over every weight of w_i_h: the mean of |w_i_h| after training "
          "and the mean of |w_i_h - w_i_h_init|.")),
    ]
    return out


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("epochs", v["epochs_text"]),
        ("image-label pairs per epoch", v["n_train_text"]),
        ("steps in all", v["n_steps_text"]),
        ("nr_correct per epoch", ", ".join(v["nr_correct_texts"])),
        ("mean of e (the squared error), first and last window",
         f"{v['e_first_text']} -> {v['e_last_text']}"),
        ("share guessed right, first and last window",
         f"{v['acc_first_text']} -> {v['acc_last_text']}"),
        ("mean |w_i_h| after training", v["mean_w_text"]),
        ("mean change |w_i_h - w_i_h_init|", v["mean_change_text"]),
        ("change picture colour scale", f"±{v['scale_text']}"),
    ]



#: Colour steps each sign of the change pictures' scale is drawn in (a drawing choice: 12 steps
#: read as smooth, and each picture is then at most 25 shapes, one per step, not 784 squares).
LEVELS = 12


def change_levels(change, scale):
    """The colour step of every weight of a change picture: the change over the fixed scale,
    clipped to [-1, 1], times :data:`LEVELS`, rounded: 0 is no change (black), +LEVELS full
    blue (raised by ``scale`` or more), -LEVELS full red (lowered by ``scale`` or more)."""
    t = np.clip(np.asarray(change, dtype=float) / float(scale), -1.0, 1.0)
    return np.rint(t * LEVELS).astype(int)


def _rgb(hex_color):
    h = hex_color.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def level_color(level):
    """The colour of colour step ``level`` (``-LEVELS..LEVELS``) as ``#rrggbb``: black at 0,
    linearly to the theme's positive (blue) or negative (red) colour at full scale."""
    from scenes import theme

    base = _rgb(theme.PIXEL_OFF)
    end = _rgb(theme.POSITIVE if level >= 0 else theme.NEGATIVE)
    rgb = np.rint(base + abs(int(level)) / LEVELS * (end - base)).astype(int)
    return "#" + "".join(f"{c:02x}" for c in rgb)
