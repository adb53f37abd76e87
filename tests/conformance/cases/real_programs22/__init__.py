"""Behaviour that the real TF1 programs of issue 22 (word2vec, CIFAR-10's trainer and evaluator,
batch-norm GANs) rely on, beyond the areas that cover each feature."""
