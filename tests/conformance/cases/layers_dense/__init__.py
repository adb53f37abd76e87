"""tf.layers.dense / Dense: names, sharing and reuse, scopes, shapes, values, regularizers, errors."""
