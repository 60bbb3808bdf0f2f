"""The chapters of the video, in order: the one manifest render.sh, the tests and the docs read.

Chapters are named by slug, never by number: each is a file ``scenes/<slug>.py`` holding the
manim Scene ``scene``, and its number is only its place in :data:`CHAPTERS`, so inserting or
reordering a chapter renames no file. Each also has a
module ``scenes.values.<slug>`` with the pure functions that feed it:
``values(trace) -> dict`` (everything displayed), ``narration(v) -> list of
(cue_id, sentence)``, ``key_numbers(v) -> list of (label, text)`` and
``FORMULAS`` (LaTeX strings) for the handout.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    slug: str
    scene: str
    title: str

    @property
    def number(self):
        """The chapter's place in the video, counted from 1 (from the manifest's order)."""
        return CHAPTERS.index(self) + 1

    @property
    def file(self):
        return f"scenes/{self.slug}.py"

    @property
    def values_module(self):
        return f"scenes.values.{self.slug}"


CHAPTERS = (
    Chapter("hook", "Hook", "What we will build"),
    Chapter("structure", "Structure", "Structure"),
    Chapter("dataset", "Dataset", "The dataset"),
    Chapter("one_hot", "OneHot", "One-hot labels"),
    Chapter("forward", "ForwardPass", "Forward propagation"),
    Chapter("cost", "Cost", "The cost"),
    Chapter("downhill", "Downhill", "Going downhill"),
    Chapter("one_neuron", "OneNeuron", "One neuron"),
    Chapter("bias", "Bias", "The bias neuron"),
    Chapter("backprop", "Backpropagation", "Backpropagation"),
    Chapter("training_loops", "TrainingLoops", "The training loops"),
    Chapter("results", "Results", "Results"),
    Chapter("inference", "Inference", "Inference"),
    Chapter("activations", "Activations", "ReLU and softmax"),
    Chapter("optimizers", "Optimizers", "Optimizers"),
)


def by_slug(slug):
    for chapter in CHAPTERS:
        if chapter.slug == slug or str(chapter.number) == str(slug):
            return chapter
    raise KeyError(f"no chapter {slug!r}; chapters: {', '.join(c.slug for c in CHAPTERS)}")
