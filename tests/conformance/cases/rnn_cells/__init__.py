"""tf.nn.rnn_cell and tf.nn.static_rnn: variables, ops, values, zero states, wrappers, gradients,
reuse and errors."""
