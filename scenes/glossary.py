"""The terms the video teaches, each with the beat that teaches it: the "teach before use" check
and the handout's glossary read this one table.

A term is taught by the beat named here (``(chapter slug, cue id)``), whose sentence says it;
a sentence or displayed text that uses the term earlier in the video (an earlier chapter, or
an earlier beat of the same chapter) fails :func:`used_before_taught`. A chapter's own title
card is an announcement, not a use; so is a text declared with
:func:`scenes.kit.text.announce` (the hook's map of later chapters and the code they explain). ``tests/test_glossary.py`` checks that every teaching beat
exists and says its term.
"""

import re
from dataclasses import dataclass

from scenes.chapters import CHAPTERS, by_slug


@dataclass(frozen=True)
class Term:
    term: str
    pattern: str  # a regular expression (case-insensitive, whole words)
    slug: str  # the chapter ...
    cue: str  # ... and the beat that teaches it
    meaning: str  # one sentence for the handout's glossary

    @property
    def regex(self):
        return re.compile(rf"(?<![\w-])(?:{self.pattern})(?![\w-])", re.IGNORECASE)


GLOSSARY = (
    Term("neuron", r"neurons?", "structure", "layers",
         "A number the network computes; drawn as a circle whose brightness is the number."),
    Term("layer", r"layers?", "structure", "layers",
         "A column of neurons; every neuron of one layer feeds every neuron of the next."),
    Term("weight", r"weights?", "structure", "connected",
         "The number on one edge: how strongly one neuron's value counts in the next one's sum."),
    Term("fully connected", r"fully connected", "structure", "connected",
         "Every neuron of a layer has an edge to every neuron of the next layer."),
    Term("matrix product", r"matrix(?:-vector)? products?", "structure", "product",
         "Row times column, summed: one layer's weighted sums in a single operation."),
    Term("bias", r"bias(?:es)?", "forward", "bias",
         "A number added to a neuron's weighted sum, the weight of an input that is always 1."),
    Term("label", r"label(?:s|led)?", "dataset", "images",
         "The right answer a person wrote down for an image."),
    Term("identity matrix", r"identity matrix", "one_hot", "eye",
         "A square matrix with ones on its diagonal and zeros everywhere else."),
    Term("one-hot", r"one-hot", "one_hot", "column",
         "A label written as a column with a single 1 at the label's place, zeros elsewhere."),
    Term("epoch", r"epochs?", "training_loops", "epochs",
         "One pass of training over every image of the training set."),
    Term("weighted sum", r"weighted sums?", "forward", "rest",
         "Each input times the weight on its edge, all added up."),
    Term("sigmoid", r"sigmoids?", "forward", "sigmoid",
         "The function 1 / (1 + e^-x), which squashes any number into the range 0 to 1."),
    Term("activation", r"activations?", "forward", "hidden",
         "A neuron's value after the squashing function: what it passes on."),
    Term("cost", r"costs?", "cost", "compare",
         "One number for how wrong the network's output is: the mean of the squared errors."),
    Term("backpropagation", r"backpropagation", "backprop", "delta_o",
         "Working out every weight's slope from the output back, layer by layer."),
    Term("learning rate", r"learning[- ]rates?", "downhill", "step",
         "The small number a weight's slope is multiplied by to make one step."),
    Term("gradient", r"gradients?", "downhill", "gradient",
         "All the slopes of the cost together; a step goes the opposite way, downhill."),
    Term("slope", r"slopes?", "downhill", "slope",
         "How much one number changes when another changes a little."),
    Term("accuracy", r"accuracy|accuracies", "results", "online",
         "The share of images whose guess is right."),
    Term("held-out", r"held[- ]out", "results", "held_out",
         "Images kept apart from training, so the accuracy on them is honest."),
    Term("inference", r"inference", "inference", "guess",
         "Using the trained network: the forward pass alone, no learning."),
    Term("ReLU", r"ReLU", "activations", "relu",
         "max(0, x): keeps positive numbers and turns negative ones into zero."),
    Term("softmax", r"softmax", "activations", "softmax",
         "Turns the outputs into probabilities that add up to one."),
    Term("logit", r"logits?", "activations", "softmax",
         "An output before softmax turns it into a probability."),
    Term("cross-entropy", r"cross-entropy", "activations", "ce",
         "The cost minus the log of the probability given to the right class."),
    Term("optimizer", r"optimi[sz]ers?", "optimizers", "question",
         "The rule that turns slopes into a step (SGD, momentum, Adam, ...)."),
    Term("momentum", r"momentum", "optimizers", "momentum",
         "An optimizer whose step keeps part of the previous steps' direction."),
    Term("standard error", r"standard errors?", "optimizers", "se",
         "How far an accuracy measured on a few thousand images may be from the true one."),
)


def chapter_index(slug):
    return CHAPTERS.index(by_slug(slug))


def uses(text):
    """The glossary terms ``text`` uses."""
    return [t for t in GLOSSARY if t.regex.search(text)]


def used_before_taught(slug, beats):
    """``(beat, term, teaching beat)`` for every term the chapter ``slug`` uses too early,
    once per term (at its first early use).

    ``beats`` are the chapter's beat reports in order (their ``name``, ``sentence`` and the
    texts ``shown`` while they played)."""
    here = chapter_index(slug)
    title = by_slug(slug).title
    order = [b.name for b in beats]
    found, seen = [], set()
    for j, beat in enumerate(beats):
        announced = getattr(beat, "announced", set())
        texts = [beat.sentence] + sorted(s for s in beat.shown
                                         if s != title and s not in announced)
        for text in texts:
            for term in uses(text):
                if term.term in seen:
                    continue
                taught = chapter_index(term.slug)
                early = taught > here or (taught == here and term.cue in order
                                          and j < order.index(term.cue))
                if early:
                    seen.add(term.term)
                    found.append((beat.name, term.term, f"{term.slug}/{term.cue}"))
    return found
