"""Conformance cases for Python inside the graph: ``tf.py_func``, ``tf.numpy_function`` and
``tf.py_function`` (their ops and attributes, what the Python function gets and may return,
its errors as TensorFlow's error classes, in conds, loops, ``tf.data`` maps, gradients through
``gradient_override_map``, GraphDefs)."""
