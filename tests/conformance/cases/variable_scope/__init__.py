"""tf.variable_scope: naming, nesting, re-entry, reuse, defaults, setters and errors."""
