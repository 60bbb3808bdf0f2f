"""Named training settings, so each figure in the README is one command.

``nnmath train --preset NAME`` starts from these; any flag given overrides.
``minibatch_options`` names the settings passed through to ``train_minibatch``
(dropout, weight decay, augmentation).
"""

PRESETS = {
    # The reference video's network and training, exactly.
    "reference": {
        "hidden_sizes": [20], "hidden": "sigmoid", "output": "sigmoid", "init": "reference",
        "epochs": 3, "learn_rate": 0.01, "batch_size": 1, "optimizer": "sgd",
        "delta_rule": "cross_entropy", "order": "correct", "dtype": "float64",
    },
    # The beyond chapter's Adam run: the reference's layer sizes with a ReLU hidden layer,
    # a softmax output and cross-entropy (nnmath/experiments.py records it into the trace).
    "beyond": {
        "hidden_sizes": [20], "hidden": "relu", "output": "softmax", "init": "he",
        "epochs": 3, "learn_rate": 0.001, "batch_size": 32, "optimizer": "adam",
        "optimizer_options": {"decay": 1e-3}, "delta_rule": "cross_entropy",
        "order": "correct", "dtype": "float64",
    },
    # The Fashion-MNIST record (bench/tune_best.py tuned it on a validation split, candidate
    # "ad"; its epochs are the best validation score of candidate "ae" within 100 s of
    # training on both cores): `nnmath train --preset best --dataset fashion-mnist`.
    # Mirrored clothes are still the same clothes, so half the images are flipped; the
    # network ends with (and is evaluated with) the moving average of its weights.
    "best": {
        "hidden_sizes": [512, 256], "hidden": "relu", "output": "softmax", "init": "he",
        "epochs": 44, "learn_rate": 0.0014, "batch_size": 256, "optimizer": "adam",
        "optimizer_options": {"decay": 6e-4}, "delta_rule": "cross_entropy",
        "order": "correct", "dtype": "float32",
        "dropout": 0.3, "weight_decay": 0.0, "augment": ["hflip"], "average": 0.998,
        "minibatch_options": ["dropout", "weight_decay", "augment", "average"],
    },
    # Its sibling for handwritten digits (mirroring a digit changes it, so no hflip):
    # `nnmath train --preset best-mnist` (mnist-10k) or `--dataset mnist`.
    "best-mnist": {
        "hidden_sizes": [256, 128], "hidden": "relu", "output": "softmax", "init": "he",
        "epochs": 30, "learn_rate": 0.001, "batch_size": 128, "optimizer": "adam",
        "optimizer_options": {"decay": 3e-4}, "delta_rule": "cross_entropy",
        "order": "correct", "dtype": "float32",
        "dropout": 0.2, "weight_decay": 0.0, "augment": ["shift"],
        "minibatch_options": ["dropout", "weight_decay", "augment"],
    },
}
