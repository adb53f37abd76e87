"""tf.nn.dynamic_rnn and tf.nn.bidirectional_dynamic_rnn: variables, op structure, static
shapes, values, sequence_length, gradients, reuse and errors."""
