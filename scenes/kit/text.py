"""Text in the video's one visual language: labels, formulas, code, and how a label
declares the mark it belongs to (so the layout check lets it sit on that mark)."""

from manim import RIGHT, UP, Code, FadeIn, MathTex, Text, TexTemplate, VGroup, Write, config
from manim.mobject.text import numbers as manim_numbers

from scenes import theme

_SANS_MATH = TexTemplate()
_SANS_MATH.add_to_preamble(theme.MATH_PREAMBLE)


def use_sans_math():
    """Every MathTex from now on, and so every DecimalNumber and axis number, in sans-serif.

    manim caches a number's glyphs by their characters alone, whatever the template, so the
    cache is emptied too: a glyph made earlier in the process must not come back in serif.
    """
    config.tex_template = _SANS_MATH
    manim_numbers.string_to_mob_map.clear()


use_sans_math()


def label(text, size=theme.BODY_SIZE, color=theme.TEXT, mono=False, weight="NORMAL"):
    """Text in the pinned font (DejaVu Sans, or DejaVu Sans Mono with ``mono``).

    Sizes below ``theme.BODY_SIZE`` are the smallest text (ticks, captions, indices, numbers
    in columns); the layout check holds them to the smaller minimum height.
    """
    t = Text(str(text), font=theme.MONO if mono else theme.FONT, font_size=size, color=color,
             weight=weight)
    t.text_role = "body" if size >= theme.BODY_SIZE else "small"
    return t


def pieces(parts, size=theme.TINY_SIZE, colors=theme.MUTED, mono=True, sep=""):
    """``parts`` set as one line of text (joined by ``sep``), returned as one text per part,
    each where the whole line puts it: one baseline, but every number its own text, to mark
    as it is said. ``colors``: one colour, or one per part. The defaults suit a shape such
    as ``(20, 784)`` written small under code (``pieces(["(", "20", ", ", "784", ")"])``).
    """
    colors = colors if isinstance(colors, (list, tuple)) else [colors] * len(parts)
    whole = label(sep.join(parts), size, mono=mono)
    out, i = VGroup(), 0
    for part, color in zip(parts, colors):
        n = len(part.replace(" ", ""))
        t = label(part, size, color, mono=mono)
        t.move_to(VGroup(*whole[i:i + n]).get_center())
        out.add(t)
        i += n
    return out


#: A name may shrink to this share of its text size to fit, and no further (smaller is
#: unreadable); past that it is shortened with an ellipsis.
MIN_FIT_SCALE = 0.85


def fitted_label(text, width, size=theme.SMALL_SIZE, color=theme.TEXT):
    """``text`` at most ``width`` wide: as is, shrunk a little, or shortened with an ellipsis
    (long class names of an image folder). The smallest text size never shrinks."""
    least = MIN_FIT_SCALE if size > theme.TINY_SIZE else 1.0
    t = label(text, size, color)
    if t.width <= width:
        return t
    if t.width * least <= width:
        return t.scale_to_fit_width(width)
    for cut in range(len(text) - 1, 0, -1):
        t = label(text[:cut] + "\u2026", size, color)
        if t.width * least <= width:
            return t.scale_to_fit_width(min(width, t.width))
    return t


def formula(*tex, size=theme.FORMULA_SIZE, color=theme.TEXT):
    """A LaTeX formula (``MathTex``) in the theme's colour; several parts can be coloured apart."""
    return MathTex(*tex, font_size=size, color=color)


def attach(text, *marks):
    """Declare that ``text`` labels ``marks`` (a bar, an edge, a neuron...): it may touch them.

    The layout check reports any text overlapping a line, edge, bar or dot; a label that
    belongs on its mark says so here, on the mobject. Returns ``text``.
    """
    owned = getattr(text, "attached_to", [])
    text.attached_to = owned + list(marks)
    return text


def backdrop(mobject):
    """Declare ``mobject`` a backdrop (a panel behind text): text may sit on it. Returns it."""
    mobject.is_backdrop = True
    return mobject


def announce(mobject):
    """Declare ``mobject`` (a text, a group, a code listing) an announcement: it names what the
    video teaches later (the map of what follows: later chapters' titles, the code they
    explain), so the teach-before-use check does not count its words as uses. Every part is
    marked, so a piece brought in on its own stays an announcement. Returns it."""
    for part in mobject.get_family():
        part.announces = True
    return mobject


def code_listing(source, language="python", size=theme.CODE_SIZE):
    """Source code in the pinned mono font, highlighted, with line numbers.

    The listing remembers its font size and width, so its text height can be measured
    after it is scaled (:mod:`scenes.checks`).
    """
    listing = Code(code_string=source, language=language, formatter_style="monokai",
                   add_line_numbers=True, background="rectangle",
                   background_config={"fill_color": theme.PANEL, "stroke_color": theme.GRID},
                   paragraph_config={"font": theme.MONO, "font_size": size})
    listing.font_size_hint, listing.initial_width = size, listing.width
    return listing


def reveal(*mobjects):
    """The kit's standard entrance: write formulas, fade in everything else."""
    return [Write(m) if isinstance(m, MathTex) else FadeIn(m) for m in mobjects]


def verdict(correct, size=theme.BODY_SIZE):
    """A check mark in the good colour or a cross in the bad one."""
    return label("\u2713" if correct else "\u2717", size, theme.GOOD if correct else theme.BAD)


def headed(mobject, title, size=theme.SMALL_SIZE, color=theme.MUTED, buff=0.2):
    """``mobject`` with a small title above it, as one group."""
    t = label(title, size, color).next_to(mobject, UP, buff=buff)
    return VGroup(t, mobject)


def side_by_side(*mobjects, buff=0.5):
    """Arrange mobjects left to right, tops aligned."""
    group = VGroup(*mobjects).arrange(RIGHT, buff=buff, aligned_edge=UP)
    return group


def fade_out(scene, *mobjects, **kwargs):
    """FadeOuts that take ``mobjects`` off the screen, whichever pieces they were added as.

    A part added on its own (a cell faded in, a bar grown) stays on screen when only its
    group fades out; this fades every top-level mobject of ``scene`` that is one of
    ``mobjects`` or inside one, or made only of their parts.
    """
    from manim import FadeOut, VMobject

    wanted = {id(m) for mob in mobjects for m in mob.get_family()}

    def inside(m):  # m itself, or a group (say a slice) made only of wanted parts
        parts = m.family_members_with_points()
        return id(m) in wanted or (parts and all(id(p) in wanted for p in parts))

    return [FadeOut(m, **kwargs) for m in scene.mobjects
            if isinstance(m, VMobject) and inside(m)]
