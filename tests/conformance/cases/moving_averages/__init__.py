"""Conformance cases for ``tf.train.ExponentialMovingAverage`` and ``assign_moving_average``:
shadow names, placement and collections, the update graph, values over several steps (with
``num_updates``, ``zero_debias``, tensors, decay tensors), ``average_name``,
``variables_to_restore`` and TF's errors."""
