"""TF1's recurrent networks: the ``tf.nn.rnn_cell`` cells and the unrolled ``tf.nn.static_rnn``.

``cell_base`` holds the cell protocol (``RNNCell``: ``state_size``, ``output_size``,
``zero_state``, ``__call__(inputs, state)``) that any RNN driver relies on, ``static_rnn``
as today and a ``dynamic_rnn`` loop body later; the cells, the stack and the wrappers each
have a module; ``structure`` packs the nested states.
"""
