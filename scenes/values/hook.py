"""The hook: what we will build. The training code on one screen, the trained network reading
images it never saw, its score on all of them, and the map of the video.

- The code is the listing the training loops chapter shows (:func:`code`, read from that
  chapter's values, so the two never differ). It is an outline: its comment lines are the
  loop's steps, which later chapters write out, so the first sentence says "this loop learns
  once its steps are filled in", lighting the loop lines and then the step lines
  (:func:`code_parts`).
- The network is the trace's final weights. The images it reads are picked by a rule from
  the trace's ``infer_*`` rows (the first held-out images, then the first mistakes, in
  held-out order): the first :data:`N_RIGHT` rows it gets right, then its first mistake (if it
  makes one), each with its pixels, its outputs, its guess (the largest output) and its answer.
- The score is every held-out image's recorded verdict (``test_pred == test_label``); its
  running count (``right_so_far``) drives the counter, so right + wrong = checked at every frame.
- The map is :data:`MAP`: for each later chapter (by slug), the plain words the narration
  names it with and the code lines it explains (each found by a piece of its text). The
  chapters and their titles come from the manifest, :data:`scenes.chapters.CHAPTERS`, in its
  order; a slug the manifest does not have is skipped, so the map follows the manifest.
"""

import math

import numpy as np

from scenes.chapters import CHAPTERS
from scenes.values.backprop import shown_runs
from scenes.values.format import fmt_int, fmt_pct

FORMULAS = [
    r"\text{guess} = \operatorname{argmax}(o)",
    r"\text{right share} = \frac{\text{right guesses}}{\text{images never seen}}",
]

#: How many images the network reads that it gets right (before its first mistake): two,
#: so each image's guess (and the mistake's right answer) stays up long enough to be read.
N_RIGHT = 2

#: Small counts said as words ("its three steps").
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: What the images show, said in the first sentence, and what one is called after that.
WHAT = {
    "mnist": ("handwritten digits", "digits", "Digit"),
    "mnist-10k": ("handwritten digits", "digits", "Digit"),
    "fashion-mnist": ("pictures of clothing", "pictures", "Picture"),
}
#: Any other data set (an image folder).
WHAT_OTHER = ("pictures", "pictures", "Picture")

#: The map of the video: for each chapter (by slug), the words that name it in plain words
#: (no term before it is taught; a word or three, since the titles are on screen, so the
#: spoken list stays short) and the pieces of text that find the code lines it explains.
#: Slugs the manifest does not have are skipped; one entry per slug the arc may use.
MAP = {
    "structure": ("the network", ("# forward",)),
    "dataset": ("the data", ("for img",)),
    "data": ("the data", ("for img",)),
    "one_hot": ("the answers", ("labels)",)),
    "forward": ("guessing", ("# forward",)),
    "cost": ("the error", ("# cost",)),
    "downhill": ("going downhill", ("# backprop",)),
    "one_neuron": ("a tiny learner", ("# forward", "# backprop")),
    "bias": ("a shift", ("# forward", "# backprop")),
    "backprop": ("mistakes flowing back", ("# backprop",)),
    "training_loops": ("the loop", ("epochs =", "for epoch", "for img", "nr_correct = 0")),
    "training": ("the loop", ("epochs =", "for epoch", "for img", "nr_correct = 0")),
    "results": ("the score", ("# cost",)),
    "inference": ("new images", ("# forward",)),
    "activations": ("newer bends", ("# forward", "# backprop")),
    "optimizers": ("smarter steps", ("# backprop",)),
}


#: The teacher note of the map.
MAP_NOTE = ("The map: each later chapter's title lights with the lines of the training code it "
            "explains. The three comments in the loop stand for the forward propagation, cost and "
            "backpropagation lines, which the chapters in between write out in full.")


def code(trace):
    """The training code on one screen: the listing the training loops chapter shows."""
    from scenes.values import values as chapter_values

    return chapter_values("training_loops", trace).values["code"]


def code_parts(source):
    """``(loop lines, step lines)`` of the listing, 1-based: the steps are its comment
    lines (each stands for code a later chapter writes out), the loop is every other line."""
    lines = source.splitlines()
    steps = [i + 1 for i, text in enumerate(lines) if text.strip().startswith("#")]
    return [i + 1 for i in range(len(lines)) if i + 1 not in steps], steps


def code_lines_of(source, pieces):
    """1-based numbers of the lines of ``source`` holding each piece of text, in line order."""
    lines = source.splitlines()
    found = []
    for piece in pieces:
        hits = [i + 1 for i, text in enumerate(lines) if piece in text]
        if not hits:
            raise ValueError(f"no line of the training code holds {piece!r}")
        found.append(hits[0])
    return sorted(set(found))


def chapter_map(source, slug="hook"):
    """The later chapters in the manifest's order, each ``{slug, number, title, words,
    lines}``: the chapters after ``slug`` that :data:`MAP` names."""
    later = CHAPTERS[[c.slug for c in CHAPTERS].index(slug) + 1:]
    return [{"slug": c.slug, "number": c.number, "title": c.title, "words": MAP[c.slug][0],
             "lines": code_lines_of(source, MAP[c.slug][1])}
            for c in later if c.slug in MAP]



def example(trace, row):
    """One image the network reads (row of the ``infer_*`` arrays) as plain numbers."""
    a = trace.arrays
    o = a["infer_o"][row, :, 0]
    guess, answer = int(np.argmax(o)), int(a["infer_label"][row])
    return {"row": int(row), "test_index": int(a["infer_index"][row]),
            "img": a["infer_img"][row, :, 0].tolist(), "o": o.tolist(),
            "guess": guess, "answer": answer, "right": guess == answer}


def values(trace):
    """Everything the hook shows, from the trace."""
    a, meta = trace.arrays, trace.meta
    guesses = np.argmax(a["infer_o"][:, :, 0], axis=1)
    right = np.flatnonzero(guesses == a["infer_label"])[:N_RIGHT]
    wrong = np.flatnonzero(guesses != a["infer_label"])[:1]
    held_right = a["test_pred"] == a["test_label"]
    n_test, n_right = int(held_right.size), int(held_right.sum())
    source = code(trace)
    what, plural, one = WHAT.get(meta["dataset"], WHAT_OTHER)
    chapters = chapter_map(source)
    loop_lines, step_lines = code_parts(source)
    half = math.ceil(len(chapters) / 2)
    return {
        "code": source,
        "loop_lines": loop_lines, "step_lines": step_lines,
        "n_steps_words": NUMBER_WORDS[len(step_lines)] if len(step_lines) < len(NUMBER_WORDS)
        else str(len(step_lines)),
        "what": what, "plural": plural, "one": one,
        "class_names": [str(n) for n in meta["class_names"]],
        "examples": [example(trace, r) for r in right],
        "mistake": example(trace, wrong[0]) if wrong.size else None,
        "reading": [example(trace, r) for r in right] + [example(trace, r) for r in wrong],
        # the bar rows drawn: all classes, or (many classes) the rows the read images guess
        # or answer, the first and the last, with ellipses between (as the cost chapter)
        "out_runs": shown_runs(len(meta["class_names"]), sorted(
            {int(x) for r in [*right, *wrong] for x in (guesses[r], a["infer_label"][r])})),
        "n_test": n_test, "n_test_text": fmt_int(n_test),
        "n_right": n_right, "n_right_text": fmt_int(n_right),
        "n_wrong": n_test - n_right, "n_wrong_text": fmt_int(n_test - n_right),
        "share": n_right / n_test, "share_text": fmt_pct(n_right / n_test),
        "right_so_far": np.cumsum(held_right).astype(int).tolist(),
        "map": chapters,
        "map_first": chapters[:half], "map_then": chapters[half:],
    }


def counted(v, k):
    """``(checked, right, wrong)`` after the first ``k`` held-out images, in held-out order."""
    k = int(min(max(k, 0), v["n_test"]))
    right = v["right_so_far"][k - 1] if k else 0
    return k, right, k - right


def listing(parts):
    """Phrases as a spoken list: ``a, b, and c``."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def narration(v):
    """The spoken script: the promise, the network reading, its score, the map."""
    one = f"{v['one']} after {v['one'].lower()}"
    if not v["examples"]:  # a network that has not learned: its first images are all wrong
        after = "It has not learned to read yet: most of its guesses are wrong."
    elif not v["mistake"]:
        after = f"{one}, here it is right each time."
    elif v["share"] >= 0.5:
        after = f"{one} it is mostly right, and sometimes wrong, like this one."
    else:
        after = f"{one} it is often wrong, like this one."
    lines = [
        ("code", (f"This Python loop learns to recognise {v['what']} once its "
                  f"{v['n_steps_words']} steps are filled in."),
         ("The loop is Bot Academy's training code as the training loops chapter shows it: the "
          "comments are its steps (forward propagation, cost, backpropagation), which the "
          "chapters in between write out line by line.")),
        ("reads", (f"Trained, it reads {v['plural']} it never saw: each goes in, its outputs "
                   f"rise, and the tallest is its guess."),
         ("The network is the trace's final weights run forward on held-out images (images "
          "kept apart from training), the first one in held-out order it gets right.")),
        ("more", after,
         ("The next images in held-out order that it gets right, then its first mistake: the "
          "guess crossed, the right answer's bar in the target colour.")),
        ("score", (f"On all {v['n_test_text']} it never saw, it is right {v['share_text']} of "
                   f"the time."),
         (f"The held-out accuracy: {v['n_right_text']} right guesses of {v['n_test_text']} "
          "held-out images, the recorded verdict of each one.")),
        ("promise", ("By the end you will know every line, and every number you see comes "
                     "from this network really learning.")),
    ]
    if v["map_first"]:
        lines.append(("map_first", "First, " + listing([c["words"] for c in v["map_first"]])
                      + ".", MAP_NOTE))
    if v["map_then"]:
        lines.append(("map_then", "Then " + listing([c["words"] for c in v["map_then"]]) + "."))
    return lines


def key_numbers(v):
    """Numbers for the handout."""
    return [
        ("images it never saw", v["n_test_text"]),
        ("right / wrong", f"{v['n_right_text']} / {v['n_wrong_text']}"),
        ("right share", v["share_text"]),
    ]
