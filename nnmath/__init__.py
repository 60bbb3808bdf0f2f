"""nnmath: the from-scratch NumPy network of the explainer video.

Pure NumPy (it never imports manim): activations, costs, a network whose weight
matrices are shaped ``(out, in)`` as in the reference video, optimizers, the
training loops, data loading, and the Recorder that writes the trace the
scenes read.
"""

__version__ = "0.1.0"
