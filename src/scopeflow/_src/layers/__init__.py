"""``tf.layers``: TF1's object-oriented layers (``Dense``, ``Conv2D``, ...) and their functions.

The reference is ``tf.compat.v1.layers`` of TensorFlow 2.21 with ``TF_USE_LEGACY_KERAS=1``
(tf-keras 2.21): layers create their variables with ``get_variable`` inside their own
variable scope, so names (``dense/kernel:0``, ``dense_1/...``), ``reuse`` and collections
follow TF1's rules.
"""
