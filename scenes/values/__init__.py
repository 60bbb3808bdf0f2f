"""Trace -> displayed values, one module per chapter (pure, no manim)."""
