"""Named training settings, so each figure in the README is one command.

``nnmath train --preset NAME`` starts from these; any flag given overrides.
"""

PRESETS = {
    # The reference video's network and training, exactly.
    "reference": {
        "hidden_sizes": [20], "hidden": "sigmoid", "output": "sigmoid", "init": "reference",
        "epochs": 3, "learn_rate": 0.01, "batch_size": 1, "optimizer": "sgd",
        "delta_rule": "cross_entropy", "order": "correct", "dtype": "float64",
    },
}
