"""The chapters of the video, in order: the one list render.sh, the tests and the docs read.

Each chapter is a file ``scenes/<file>`` holding the manim Scene ``scene``, and a
module ``scenes.values.<slug>`` with the pure functions that feed it:
``values(trace) -> dict`` (everything displayed), ``narration(v) -> list of
(cue_id, sentence)``, ``key_numbers(v) -> list of (label, text)`` and
``FORMULAS`` (LaTeX strings) for the handout.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    scene: str
    title: str

    @property
    def file(self):
        return f"scenes/ch{self.number:02d}_{self.slug}.py"

    @property
    def values_module(self):
        return f"scenes.values.{self.slug}"


CHAPTERS = (
    Chapter(1, "structure", "Structure", "Structure"),
    Chapter(2, "bias", "Bias", "The bias neuron"),
    Chapter(3, "dataset", "Dataset", "The dataset"),
    Chapter(4, "one_hot", "OneHot", "One-hot labels"),
    Chapter(5, "training_loops", "TrainingLoops", "The training loops"),
    Chapter(6, "forward", "ForwardPass", "Forward propagation"),
    Chapter(7, "cost", "Cost", "The cost"),
    Chapter(8, "backprop", "Backpropagation", "Backpropagation"),
    Chapter(9, "results", "Results", "Results"),
    Chapter(10, "inference", "Inference", "Inference"),
    Chapter(11, "beyond", "Beyond", "Beyond the reference"),
    Chapter(12, "one_neuron", "OneNeuron", "One neuron"),
)


def by_slug(slug):
    for chapter in CHAPTERS:
        if chapter.slug == slug or str(chapter.number) == str(slug):
            return chapter
    raise KeyError(f"no chapter {slug!r}; chapters: {', '.join(c.slug for c in CHAPTERS)}")
