"""Conformance cases for leaving ``variable_scope`` and ``name_scope`` blocks out of order or
twice (TF's ``RuntimeError``, and the scopes each exit leaves current), ``tf.no_regularizer``,
``Variable.initialized_value``, and integer floor division/modulo of empty tensors."""
