"""``tf.nn.static_rnn``, ``static_bidirectional_rnn`` and ``static_state_saving_rnn``: RNNs
unrolled in the graph, one cell call per element of a Python list of inputs.

This is TensorFlow's ``rnn.py``, statement for statement: the cell is called in
``variable_scope(scope or "rnn")``, which reuses its variables from the second step on, so
the weights are ``rnn/<cell>/kernel`` and step ``t``'s ops are ``rnn/<cell>/MatMul_<t>``.

With ``sequence_length`` each step is TensorFlow's ``_rnn_step``: rows past their length
output zeros and copy their state through (``Select`` per row), inside two ``tf.cond``s
that skip work: past the longest sequence nothing is computed, before the shortest nothing
is copied. The cell's first call happens inside the first cond, so its ops are named
``rnn/cond/<cell>/...`` at every step, as in TensorFlow. ``_reverse_seq`` (the backward
direction with ``sequence_length``) reverses each row's steps with ``ReverseSequence``.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies
from scopeflow._src.framework.tensor_shape import TensorShape, dimension_at_index, dimension_value
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.api import cond
from scopeflow._src.rnn import structure
from scopeflow._src.rnn.cell_base import assert_like_rnncell, concat_shape
from scopeflow._src.variables.variable_scope import variable_scope


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    """Run ``cell`` over the list ``inputs``; return ``(outputs, final_state)``.

    ``inputs`` is a list of ``[batch_size, input_size]`` tensors (or nested tuples of them);
    without ``initial_state``, ``dtype`` gives the zero state's type. ``sequence_length``
    (int32/int64, ``[batch_size]``) zeros the outputs past each row's length and carries
    its state through unchanged.

    >>> import scopeflow as tf
    >>> xs = [tf.zeros([2, 3]) for _ in range(3)]
    >>> outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(4), xs, dtype=tf.float32)
    >>> [o.name for o in outs], state.name
    (['rnn/basic_rnn_cell/Tanh:0', 'rnn/basic_rnn_cell/Tanh_1:0', 'rnn/basic_rnn_cell/Tanh_2:0'], \
'rnn/basic_rnn_cell/Tanh_2:0')
    """
    assert_like_rnncell("cell", cell)
    if not structure.is_nested(inputs):
        raise TypeError(f"Argument `inputs` must be a sequence. Received: {inputs}")
    if not inputs:
        raise ValueError("Argument `inputs` must not be empty.")
    outputs = []
    with variable_scope(scope or "rnn") as varscope:
        if _should_cache() and varscope.caching_device is None:
            varscope.set_caching_device(lambda op: op.device)
        first_input = inputs
        while structure.is_nested(first_input):
            first_input = first_input[0]
        fixed_batch_size = _fixed_batch_size(first_input, inputs)
        if dimension_value(fixed_batch_size):
            batch_size = dimension_value(fixed_batch_size)
        else:
            batch_size = array_ops.shape(first_input)[0]
        if initial_state is not None:
            state = initial_state
        else:
            if not dtype:
                raise ValueError("If no initial_state is provided, argument `dtype` must be specified")
            state = cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype) \
                if getattr(cell, "get_initial_state", None) is not None else cell.zero_state(batch_size, dtype)
        if sequence_length is not None:
            sequence_length = convert_to_tensor(sequence_length, name="sequence_length")
            if sequence_length.shape.rank not in (None, 1):
                raise ValueError(f"Argument `sequence_length` must be a vector of length {batch_size}. Received "
                                 f"sequence_length={sequence_length}.")
            zero_output = structure.pack_sequence_as(cell.output_size, [
                _zero_output(size, batch_size, fixed_batch_size, _infer_state_dtype(dtype, state))
                for size in structure.flatten(cell.output_size)])
            sequence_length = math_ops.cast(sequence_length, dtypes.int32)
            min_sequence_length = math_ops.reduce_min(sequence_length)
            max_sequence_length = math_ops.reduce_max(sequence_length)
        for time, input_ in enumerate(inputs):
            if time > 0:
                varscope.reuse_variables()

            def call_cell(input_=input_, state=state):
                return cell(input_, state)
            if sequence_length is not None:
                output, state = _rnn_step(time, sequence_length, min_sequence_length, max_sequence_length,
                                          zero_output, state, call_cell)
            else:
                output, state = call_cell()
            outputs.append(output)
        return outputs, state


def _should_cache() -> bool:
    """TensorFlow's rule: new variables get a caching device (reads placed where they are
    used) except inside a while loop, where a cached read would miss the loop's updates."""
    ctx = default_graph()._get_control_flow_context()
    return ctx is None or ctx.GetWhileContext() is None


def _fixed_batch_size(first_input, inputs):
    """The static batch dimension, after TensorFlow's checks of every input's shape."""
    if first_input.shape.rank == 1:
        return first_input.shape.with_rank_at_least(1)[0]
    fixed = first_input.shape.with_rank_at_least(2).dims[0]
    for flat_input in structure.flatten(inputs):
        input_shape = flat_input.shape.with_rank_at_least(2)
        fixed.assert_is_compatible_with(dimension_at_index(input_shape, 0))
        for i, size in enumerate(input_shape[1:].dims):
            if dimension_value(size) is None:
                raise ValueError(f"Input size (dimension {i} of input {flat_input}) must be accessible via shape "
                                 "inference, but saw value None.")
    return fixed


def _zero_output(output_size, batch_size, fixed_batch_size, dtype):
    output = array_ops.zeros(concat_shape(batch_size, output_size), dtype)
    output.set_shape(TensorShape(concat_shape(dimension_value(fixed_batch_size), output_size, static=True)))
    return output


def _infer_state_dtype(explicit_dtype, state):
    """``explicit_dtype``, else the one dtype of the tensors in ``state``."""
    if explicit_dtype is not None:
        return explicit_dtype
    if not structure.is_nested(state):
        return state.dtype
    inferred = [element.dtype for element in structure.flatten(state)]
    if not inferred:
        raise ValueError(f"Unable to infer dtype from argument state={state}.")
    if not all(x == inferred[0] for x in inferred):
        raise ValueError(f"Argument state={state} has tensors of different inferred dtypes. Unable to infer a "
                         f"single representative dtype. Dtypes received: {inferred}")
    return inferred[0]


def _rnn_step(time, sequence_length, min_sequence_length, max_sequence_length, zero_output, state, call_cell,
              skip_conditionals=False):
    """One step with sequence lengths: ``(zero_output, state)`` for finished rows, the cell's
    ``(output, new_state)`` for the others (TensorFlow's ``_rnn_step``). ``skip_conditionals``
    (what ``dynamic_rnn``'s loop body passes) selects per row at every step, without the two
    ``tf.cond``s."""
    flat_state = structure.flatten(state)
    flat_zero_output = structure.flatten(zero_output)
    copy_cond = time >= sequence_length  # a LessEqual op: int.__ge__ defers to the tensor

    def copy_one_through(output, new_output):
        if output.shape.rank == 0:
            return new_output
        with colocate_with(new_output):
            return array_ops.where(copy_cond, output, new_output)

    def copy_some_through(flat_new_output, flat_new_state):
        return ([copy_one_through(z, n) for z, n in zip(flat_zero_output, flat_new_output)]
                + [copy_one_through(s, n) for s, n in zip(flat_state, flat_new_state)])

    def maybe_copy_some_through():
        new_output, new_state = call_cell()
        structure.assert_same_structure(zero_output, new_output)
        structure.assert_same_structure(state, new_state)
        flat_new_state = structure.flatten(new_state)
        flat_new_output = structure.flatten(new_output)
        return cond(time < min_sequence_length, lambda: flat_new_output + flat_new_state,
                     lambda: copy_some_through(flat_new_output, flat_new_state))

    if skip_conditionals:
        new_output, new_state = call_cell()
        structure.assert_same_structure(zero_output, new_output)
        structure.assert_same_structure(state, new_state)
        final = copy_some_through(structure.flatten(new_output), structure.flatten(new_state))
    else:
        final = cond(time >= max_sequence_length, lambda: flat_zero_output + flat_state, maybe_copy_some_through)
    final_output, final_state = final[:len(flat_zero_output)], final[len(flat_zero_output):]
    for output, zero in zip(final_output, flat_zero_output):
        output.set_shape(zero.shape)
    for substate, old in zip(final_state, flat_state):
        substate.set_shape(old.shape)
    return (structure.pack_sequence_as(zero_output, final_output),
            structure.pack_sequence_as(state, final_state))


def _reverse_seq(input_seq, lengths):
    """The list ``input_seq`` reversed in time, per row up to ``lengths`` when given."""
    if lengths is None:
        return list(reversed(input_seq))
    flat_input_seq = tuple(structure.flatten(input_) for input_ in input_seq)
    flat_results = [[] for _ in range(len(input_seq))]
    for sequence in zip(*flat_input_seq):
        input_shape = TensorShape(None) if sequence[0].shape.rank is None \
            else TensorShape([None] * sequence[0].shape.rank)
        for input_ in sequence:
            input_shape.assert_is_compatible_with(input_.shape)
            input_.set_shape(input_shape)
        s_reversed = array_ops.reverse_sequence(array_ops.stack(sequence), lengths, seq_axis=0, batch_axis=1)
        for r, flat_result in zip(array_ops.unstack(s_reversed), flat_results):
            r.set_shape(input_shape)
            flat_result.append(r)
    return [structure.pack_sequence_as(input_, flat_result) for input_, flat_result in zip(input_seq, flat_results)]


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None, initial_state_bw=None, dtype=None,
                             sequence_length=None, scope=None):
    """A forward and a backward ``static_rnn`` (``bidirectional_rnn/fw``, ``.../bw``) over
    ``inputs``; returns ``(outputs, state_fw, state_bw)``, each output the two directions'
    outputs concatenated along the last axis.

    >>> import scopeflow as tf
    >>> cells = [tf.nn.rnn_cell.BasicRNNCell(2) for _ in range(2)]
    >>> outs, _, _ = tf.nn.static_bidirectional_rnn(*cells, [tf.zeros([1, 3])] * 2, dtype=tf.float32)
    >>> outs[0].shape.as_list(), tf.trainable_variables()[0].name
    ([1, 4], 'bidirectional_rnn/fw/basic_rnn_cell/kernel:0')
    """
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    if not structure.is_nested(inputs):
        raise TypeError(f"Argument `inputs` must be a sequence. Received: {inputs}")
    if not inputs:
        raise ValueError("Argument `inputs` must not be empty.")
    with variable_scope(scope or "bidirectional_rnn"):
        with variable_scope("fw") as fw_scope:
            output_fw, output_state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype, sequence_length,
                                                    scope=fw_scope)
        with variable_scope("bw") as bw_scope:
            reversed_inputs = _reverse_seq(inputs, sequence_length)
            tmp, output_state_bw = static_rnn(cell_bw, reversed_inputs, initial_state_bw, dtype, sequence_length,
                                              scope=bw_scope)
    output_bw = _reverse_seq(tmp, sequence_length)
    flat_outputs = tuple(array_ops.concat([fw, bw], 1)
                         for fw, bw in zip(structure.flatten(output_fw), structure.flatten(output_bw)))
    return structure.pack_sequence_as(output_fw, flat_outputs), output_state_fw, output_state_bw


def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None, scope=None):
    """``static_rnn`` starting from ``state_saver.state(state_name)`` and saving its final
    state with ``state_saver.save_state``; the last output and the final state are
    ``Identity`` ops that run after the saves. ``state_name`` is a string, or a tuple of
    them matching ``cell.state_size``."""
    state_size = cell.state_size
    state_is_tuple = structure.is_nested(state_size)
    if state_is_tuple != structure.is_nested(state_name):
        raise ValueError(f"Argument `state_name` should be the same type as `cell.state_size`. Received: "
                         f"state_name={state_name!s}, cell.state_size={state_size!s}.")
    if state_is_tuple:
        state_name_flat = structure.flatten(state_name)
        state_size_flat = structure.flatten(state_size)
        if len(state_name_flat) != len(state_size_flat):
            raise ValueError(f"Number of elements in argument `state_name` and `cell.state_size` are mismatched. "
                             f"Received state_name={state_name} with {len(state_name_flat)} elements and "
                             f"cell.state_size={cell.state_size} with {len(state_size_flat)} elements.")
        initial_state = structure.pack_sequence_as(state_size, [state_saver.state(s) for s in state_name_flat])
    else:
        initial_state = state_saver.state(state_name)
    outputs, state = static_rnn(cell, inputs, initial_state=initial_state, sequence_length=sequence_length,
                                scope=scope)
    if state_is_tuple:
        flat_state = structure.flatten(state)
        save_state = [state_saver.save_state(name, substate)
                      for name, substate in zip(structure.flatten(state_name), flat_state)]
    else:
        save_state = [state_saver.save_state(state_name, state)]
    with control_dependencies(save_state):
        last_output = outputs[-1]
        outputs[-1] = structure.pack_sequence_as(
            last_output, [array_ops.identity(output) for output in structure.flatten(last_output)])
        if state_is_tuple:
            state = structure.pack_sequence_as(state, [array_ops.identity(s) for s in flat_state])
        else:
            state = array_ops.identity(state)
    return outputs, state
