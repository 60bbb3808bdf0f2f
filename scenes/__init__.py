"""The explainer's chapters (manim scenes) and the pure functions that feed them.

``scenes.values.<chapter>`` turn the trace into everything a chapter displays
and says (no manim import, so tests and the lecture tools use them directly);
``scenes/<slug>.py`` play them as beats (``scenes.chapter_scene``) drawn with the kit in ``scenes.kit``.
"""
