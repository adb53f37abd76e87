"""Conformance cases for the gradients of the math ops: the ops TensorFlow builds under
``gradients/<op>_grad/``, the names of the results, their static shapes and values, and
second-order gradients."""
