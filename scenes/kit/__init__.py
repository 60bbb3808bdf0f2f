"""The shared visual kit, one module per concept; every mobject draws numbers it is given.

- :mod:`scenes.kit.text`: labels, formulas, code, and how a label declares its mark;
- :mod:`scenes.kit.network`: the network diagram and the pixel grid;
- :mod:`scenes.kit.layout`: named regions of the frame and row / column placement;
- :mod:`scenes.kit.numbers`: vectors, matrices, tables and counters;
- :mod:`scenes.kit.plots`: the sigmoid, bars, histograms, point planes and line plots.

The chapter contract (beats, cues, stills, marks) is :mod:`scenes.chapter_scene`.
Colours, fonts and sizes come from :mod:`scenes.theme`.
"""
