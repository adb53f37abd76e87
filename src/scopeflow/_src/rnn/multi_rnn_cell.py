"""``MultiRNNCell``: cells stacked in layers, cell ``i`` under ``<scope>/cell_<i>/``.

The stack is an old-style ``RNNCell`` (no ``build``): each layer's cell is called inside
``variable_scope("cell_<i>")``, so the variables are ``rnn/multi_rnn_cell/cell_0/...``. Its
weights are its cells' weights, gathered on each access as tf-keras does.
"""

from __future__ import annotations

from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.layers.base import Layer
from scopeflow._src.ops import array_ops
from scopeflow._src.rnn import structure
from scopeflow._src.rnn.cell_base import RNNCell
from scopeflow._src.variables.variable_scope import variable_scope


class MultiRNNCell(RNNCell):
    """An RNN cell made of ``cells`` applied in order, each feeding the next.

    With ``state_is_tuple`` (the default) the state is a tuple with one entry per cell;
    otherwise the cells' (flat) states are concatenated along the columns.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicRNNCell(n) for n in (3, 2)])
    >>> out, state = cell(tf.zeros([1, 4]), cell.zero_state(1, tf.float32))
    >>> cell.state_size, out.shape.as_list(), cell.weights[0].name
    ((3, 2), [1, 2], 'multi_rnn_cell/cell_0/basic_rnn_cell/kernel:0')
    """

    def __init__(self, cells, state_is_tuple=True):
        super().__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        if not structure.is_nested(cells):
            raise TypeError(f"cells must be a list or tuple, but received: {cells}.")
        self._cells = cells
        self._state_is_tuple = state_is_tuple
        if not state_is_tuple and any(structure.is_nested(c.state_size) for c in self._cells):
            raise ValueError(f"Some cells return tuples of states, but the flag state_is_tuple is not set. State "
                             f"sizes are: {[c.state_size for c in self._cells]}")

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def zero_state(self, batch_size, dtype):
        """One zero state per cell (each in its own ``<Cell>ZeroState`` scope), under
        ``MultiRNNCellZeroState/``."""
        with name_scope(type(self).__name__ + "ZeroState"):
            if self._state_is_tuple:
                return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
            return super().zero_state(batch_size, dtype)

    @property
    def trainable_weights(self) -> list:
        if not self.trainable:
            return []
        return [w for cell in self._cells if isinstance(cell, Layer) for w in cell.trainable_weights]

    @property
    def non_trainable_weights(self) -> list:
        weights = [w for cell in self._cells if isinstance(cell, Layer) for w in cell.non_trainable_weights]
        if not self.trainable:
            trainable = [w for cell in self._cells if isinstance(cell, Layer) for w in cell.trainable_weights]
            return trainable + weights
        return weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def call(self, inputs, state):
        """Run the stack: each cell in ``cell_<i>``, its output the next cell's input."""
        cur_state_pos = 0
        cur_inp = inputs
        new_states = []
        for i, cell in enumerate(self._cells):
            with variable_scope(f"cell_{i}"):
                if self._state_is_tuple:
                    if not structure.is_nested(state):
                        raise ValueError(f"Expected state to be a tuple of length {len(self.state_size)}, but "
                                         f"received: {state}")
                    cur_state = state[i]
                else:
                    cur_state = array_ops.slice(state, [0, cur_state_pos], [-1, cell.state_size])
                    cur_state_pos += cell.state_size
                cur_inp, new_state = cell(cur_inp, cur_state)
                new_states.append(new_state)
        new_states = tuple(new_states) if self._state_is_tuple else array_ops.concat(new_states, 1)
        return cur_inp, new_states
