"""Conformance cases for the TF1 higher-order functions built on ``tf.while_loop`` and
``tf.TensorArray``: ``tf.map_fn``, ``tf.scan``, ``tf.foldl`` and ``tf.foldr`` (values, static
shapes, dtypes, nested structures, names of the results and the loop ops, gradients, errors)."""
