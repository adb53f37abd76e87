"""tf.Variable (RefVariable): op structure, attributes, assignment ops, naming and errors."""
