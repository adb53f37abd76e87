"""tf.get_variable: creation, fetching, sharing errors, initializers, parameters and dtypes."""
