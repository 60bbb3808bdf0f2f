"""Trace -> displayed values, one module per chapter (pure, no manim), and the one loader.

Each ``scenes.values.<slug>`` module has ``values(trace) -> dict`` (everything the chapter
displays), ``narration(v) -> [(cue_id, sentence), ...]`` (one sentence per beat; an entry
may carry a third item, the beat's teacher note: what a teacher may add or qualify, shown in
the deck's speaker notes, the PowerPoint notes and the handout, never on screen or spoken),
``key_numbers(v) -> [(label, text), ...]`` and ``FORMULAS`` for the handout.
:func:`values` calls them; the scenes and ``lecture/`` both use it, so both see the same
sentences checked the same way.
"""

import importlib
from dataclasses import dataclass

from scenes.chapters import by_slug


class ScriptError(ValueError):
    """A chapter's values module gives an unusable script (for example a repeated cue id)."""


@dataclass(frozen=True)
class ChapterValues:
    """What a chapter shows and says, computed from one trace."""

    values: dict
    narration: tuple  # ((cue_id, sentence), ...), one per beat, in order
    key_numbers: tuple  # ((label, text), ...)
    formulas: tuple  # (latex, ...)
    notes: tuple = ()  # ((cue_id, teacher note), ...) for the beats that have one

    def note(self, cue_id):
        """The teacher note of beat ``cue_id`` ("" when it has none)."""
        return dict(self.notes).get(cue_id, "")

    def sentence(self, cue_id):
        """The sentence spoken during beat ``cue_id``."""
        return dict(self.narration)[cue_id]


def values(slug, trace):
    """The chapter ``slug``'s values, narration, key numbers and formulas for ``trace``."""
    chapter = by_slug(slug)
    module = importlib.import_module(chapter.values_module)
    v = module.values(trace)
    entries = [tuple(e) for e in module.narration(v)]
    bad = [e[0] if e else e for e in entries if len(e) not in (2, 3)]
    if bad:
        raise ScriptError(f"{chapter.values_module}.narration: entries {bad} are not "
                          "(cue_id, sentence) or (cue_id, sentence, teacher note)")
    narration = tuple((str(e[0]), str(e[1])) for e in entries)
    notes = tuple((str(e[0]), str(e[2])) for e in entries if len(e) == 3 and str(e[2]).strip())
    ids = [c for c, _ in narration]
    if not ids:
        raise ScriptError(f"{chapter.values_module}.narration: no sentences")
    repeated = sorted({c for c in ids if ids.count(c) > 1})
    if repeated:
        raise ScriptError(f"{chapter.values_module}.narration: cue ids {repeated} appear twice")
    bad = [c for c in ids if not c.isidentifier()]
    if bad:
        raise ScriptError(f"{chapter.values_module}.narration: cue ids {bad} cannot name a beat "
                          "method (use letters, digits and _)")
    key_numbers = tuple((str(a), str(b)) for a, b in module.key_numbers(v))
    formulas = tuple(str(f) for f in getattr(module, "FORMULAS", ()))
    return ChapterValues(v, narration, key_numbers, formulas, notes)
