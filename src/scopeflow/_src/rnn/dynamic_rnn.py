"""``tf.nn.dynamic_rnn``, ``tf.nn.bidirectional_dynamic_rnn`` and ``tf.nn.raw_rnn``: an RNN run
by a ``tf.while_loop`` over the time steps, as TensorFlow's ``rnn.py`` builds it.

The inputs are made time-major (``rnn/transpose``), unstacked into a TensorArray
(``rnn/TensorArrayUnstack``), and each iteration of ``rnn/while`` reads one step, calls the
cell (its variables are ``rnn/<cell>/kernel``... whatever the step) and writes the output
to another TensorArray, stacked and made batch-major again at the end (``rnn/transpose_1``).
With ``sequence_length``, rows past their length output zeros and keep their state, and
the loop stops after the longest sequence.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.api import Assert, TensorArray, while_loop
from scopeflow._src.rnn import structure
from scopeflow._src.rnn.cell_base import assert_like_rnncell, concat_shape
from scopeflow._src.rnn.static_rnn import _infer_state_dtype, _rnn_step, _should_cache
from scopeflow._src.variables.variable_scope import variable_scope


def _transpose_batch_time(x):
    """``x`` with its first two dimensions swapped (batch-major <-> time-major)."""
    static = x.shape
    if static.rank is not None and static.rank < 2:
        return x
    rank = array_ops.rank(x)
    x_t = array_ops.transpose(x, array_ops.concat(([1, 0], array_ops.range(2, rank)), axis=0))
    x_t.set_shape(TensorShape([static.dims[1].value, static.dims[0].value]).concatenate(static[2:]))
    return x_t


def _best_effort_input_batch_size(flat_input):
    """The static batch size of the time-major inputs, else the first one's dynamic one."""
    for input_ in flat_input:
        shape = input_.shape
        if shape.rank is None:
            continue
        if shape.rank < 2:
            raise ValueError(f"Input tensor should have rank >= 2. Received input={input_} of rank {shape.rank}")
        batch_size = shape.dims[1].value
        if batch_size is not None:
            return batch_size
    return array_ops.shape(flat_input[0])[1]


def _static_shape(shape):
    return as_shape(constant_value(shape)) if isinstance(shape, Tensor) else shape


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None, parallel_iterations=None,
                swap_memory=False, time_major=False, scope=None):
    """``(outputs, final state)`` of ``cell`` run over the time steps of ``inputs``
    (``[batch, time, depth]``, or ``[time, batch, depth]`` with ``time_major``).

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    >>> outputs, state = tf.nn.dynamic_rnn(cell, tf.zeros([2, 5, 3]), dtype=tf.float32)
    >>> outputs.shape.as_list(), state.h.shape.as_list(), cell.variables[0].name
    ([2, 5, 4], [2, 4], 'rnn/basic_lstm_cell/kernel:0')
    """
    assert_like_rnncell("cell", cell)
    with variable_scope(scope or "rnn") as varscope:
        if _should_cache() and varscope.caching_device is None:  # TF's rule; reads are placed where used
            varscope.set_caching_device(lambda op: op.device)
        flat_input = structure.flatten(inputs)
        if not time_major:
            flat_input = tuple(_transpose_batch_time(convert_to_tensor(x)) for x in flat_input)
        parallel_iterations = parallel_iterations or 32
        if sequence_length is not None:
            sequence_length = math_ops.cast(sequence_length, dtypes.int32)
            if sequence_length.shape.rank not in (None, 1):
                raise ValueError(f"Argument sequence_length must be a vector of length batch_size. Received "
                                 f"sequence_length={sequence_length} of shape: {sequence_length.shape}")
            sequence_length = array_ops.identity(sequence_length, name="sequence_length")
        batch_size = _best_effort_input_batch_size(flat_input)
        if initial_state is not None:
            state = initial_state
        else:
            if not dtype:
                raise ValueError("If no initial_state is provided, argument `dtype` must be specified")
            if getattr(cell, "get_initial_state", None) is not None:
                state = cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype)
            else:
                state = cell.zero_state(batch_size, dtype)
        if sequence_length is not None:
            with control_dependencies([_assert_has_shape(sequence_length, [batch_size])]):
                sequence_length = array_ops.identity(sequence_length, name="CheckSeqLen")
        inputs = structure.pack_sequence_as(inputs, flat_input)
        outputs, final_state = _dynamic_rnn_loop(cell, inputs, state, parallel_iterations, swap_memory,
                                                 sequence_length, dtype)
        if not time_major:
            outputs = structure.map_structure(_transpose_batch_time, outputs)
        return outputs, final_state


def _assert_has_shape(x, shape):
    x_shape = array_ops.shape(x)
    packed = array_ops.stack(shape)
    return Assert(math_ops.reduce_all(math_ops.equal(x_shape, packed)),
                  [f"Expected shape for Tensor {x.name} is ", packed, " but saw shape: ", x_shape])


def _dynamic_rnn_loop(cell, inputs, initial_state, parallel_iterations, swap_memory, sequence_length, dtype):
    if not isinstance(parallel_iterations, int):
        raise AssertionError("parallel_iterations must be int")
    state = initial_state
    flat_input = structure.flatten(inputs)
    flat_output_size = structure.flatten(cell.output_size)
    time_steps = array_ops.shape(flat_input[0])[0]
    batch_size = _best_effort_input_batch_size(flat_input)
    got_shapes = tuple(x.shape.with_rank_at_least(3) for x in flat_input)
    const_time_steps, const_batch_size = got_shapes[0].as_list()[:2]
    for x, shape in zip(flat_input, got_shapes):
        if not shape[2:].is_fully_defined():
            raise ValueError(f"Input size (depth of inputs) must be accessible via shape inference, but saw value "
                             f"None for input={x}.")
        if const_time_steps != shape.dims[0].value:
            raise ValueError(f"Time steps is not the same for all the elements in the input in a batch. Received "
                             f"time steps={shape.dims[0].value} for input={x}.")
        if const_batch_size != shape.dims[1].value:
            raise ValueError(f"Batch_size is not the same for all the elements in the input. Received batch "
                             f"size={shape.dims[1].value} for input={x}.")
    state_dtype = _infer_state_dtype(dtype, state)
    zero_output = structure.pack_sequence_as(cell.output_size, tuple(
        array_ops.zeros(array_ops.stack(concat_shape(batch_size, size)), state_dtype) for size in flat_output_size))
    if sequence_length is not None:
        min_sequence_length = math_ops.reduce_min(sequence_length)
        max_sequence_length = math_ops.reduce_max(sequence_length)
    else:
        max_sequence_length = time_steps
    time = constant(0, dtype=dtypes.int32, name="time")
    with name_scope("dynamic_rnn") as base_name:
        pass

    def new_array(name, element_shape, dtype):
        return TensorArray(dtype=dtype, size=time_steps, element_shape=element_shape,
                           tensor_array_name=base_name + name)

    output_ta = tuple(new_array(f"output_{i}", TensorShape([const_batch_size]).concatenate(_static_shape(size)),
                                state_dtype) for i, size in enumerate(flat_output_size))
    input_ta = tuple(new_array(f"input_{i}", x.shape[1:], x.dtype) for i, x in enumerate(flat_input))
    input_ta = tuple(ta.unstack(x) for ta, x in zip(input_ta, flat_input))

    def time_step(time, output_ta_t, state):
        input_t = tuple(ta.read(time) for ta in input_ta)
        for x, shape in zip(input_t, got_shapes):
            x.set_shape(shape[1:])
        input_t = structure.pack_sequence_as(inputs, input_t)

        def call_cell():
            return cell(input_t, state)

        if sequence_length is not None:
            output, new_state = _rnn_step(time=time, sequence_length=sequence_length,
                                          min_sequence_length=min_sequence_length,
                                          max_sequence_length=max_sequence_length, zero_output=zero_output,
                                          state=state, call_cell=call_cell, skip_conditionals=True)
        else:
            output, new_state = call_cell()
        output_ta_t = tuple(ta.write(time, out) for ta, out in zip(output_ta_t, structure.flatten(output)))
        return time + 1, output_ta_t, new_state

    loop_bound = math_ops.minimum(time_steps, math_ops.maximum(1, max_sequence_length))
    _, output_final_ta, final_state = while_loop(
        cond=lambda time, *_: time < loop_bound, body=time_step, loop_vars=(time, output_ta, state),
        parallel_iterations=parallel_iterations, maximum_iterations=time_steps, swap_memory=swap_memory)
    final_outputs = tuple(ta.stack() for ta in output_final_ta)
    for output, size in zip(final_outputs, flat_output_size):
        output.set_shape(concat_shape([const_time_steps, const_batch_size], size, static=True))
    return structure.pack_sequence_as(cell.output_size, final_outputs), final_state


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None,
                              initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False,
                              time_major=False, scope=None):
    """``((output_fw, output_bw), (state_fw, state_bw))``: ``cell_fw`` over ``inputs`` and
    ``cell_bw`` over them reversed in time (per row, up to ``sequence_length``), under
    ``bidirectional_rnn/fw`` and ``bidirectional_rnn/bw``; ``output_bw`` is reversed back."""
    assert_like_rnncell("cell_fw", cell_fw)
    assert_like_rnncell("cell_bw", cell_bw)
    time_axis, batch_axis = (0, 1) if time_major else (1, 0)

    def reverse(x):
        if sequence_length is not None:
            return array_ops.reverse_sequence(input=x, seq_lengths=sequence_length, seq_axis=time_axis,
                                              batch_axis=batch_axis)
        return array_ops.reverse(x, axis=[time_axis])

    with variable_scope(scope or "bidirectional_rnn"):
        with variable_scope("fw") as fw_scope:
            output_fw, state_fw = dynamic_rnn(
                cell=cell_fw, inputs=inputs, sequence_length=sequence_length, initial_state=initial_state_fw,
                dtype=dtype, parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=fw_scope)
        with variable_scope("bw") as bw_scope:
            inputs_reverse = structure.map_structure(reverse, inputs)
            tmp, state_bw = dynamic_rnn(
                cell=cell_bw, inputs=inputs_reverse, sequence_length=sequence_length, initial_state=initial_state_bw,
                dtype=dtype, parallel_iterations=parallel_iterations, swap_memory=swap_memory,
                time_major=time_major, scope=bw_scope)
    output_bw = reverse(tmp)
    return (output_fw, output_bw), (state_fw, state_bw)


def raw_rnn(cell, loop_fn, parallel_iterations=None, swap_memory=False, scope=None):
    """The RNN loop with the caller in charge: ``loop_fn(time, cell_output, cell_state,
    loop_state)`` gives ``(finished, next_input, next_state, emit_output, next_loop_state)``
    at every step (at time 0 with ``None``s, giving the initial state and the emit
    structure). Returns ``(emit_ta, final_state, final_loop_state)``: TensorArrays of what
    was emitted, zeros once a row finished, whose state stays as it was."""
    assert_like_rnncell("cell", cell)
    if not callable(loop_fn):
        raise TypeError(f"Argument `loop_fn` must be a callable. Received: {loop_fn}.")
    parallel_iterations = parallel_iterations or 32
    with variable_scope(scope or "rnn") as varscope:
        if _should_cache() and varscope.caching_device is None:
            varscope.set_caching_device(lambda op: op.device)
        time = constant(0, dtype=dtypes.int32)
        elements_finished, next_input, initial_state, emit_structure, init_loop_state = loop_fn(time, None, None, None)
        flat_input = structure.flatten(next_input)
        loop_state = init_loop_state if init_loop_state is not None else constant(0, dtype=dtypes.int32)
        static_batch = flat_input[0].shape.with_rank_at_least(1).dims[0]
        for x in flat_input:
            static_batch.assert_is_compatible_with(x.shape.with_rank_at_least(1).dims[0])
        const_batch_size = batch_size = static_batch.value
        if batch_size is None:
            batch_size = array_ops.shape(flat_input[0])[0]
        structure.assert_same_structure(initial_state, cell.state_size)
        flat_state = [convert_to_tensor(s) for s in structure.flatten(initial_state)]
        state = structure.pack_sequence_as(initial_state, flat_state)
        if emit_structure is not None:
            flat_emit = structure.flatten(emit_structure)
            emit_sizes = [e.shape if e.shape.is_fully_defined() else array_ops.shape(e) for e in flat_emit]
            emit_dtypes = [e.dtype for e in flat_emit]
        else:
            emit_structure = cell.output_size
            emit_sizes = structure.flatten(emit_structure)
            emit_dtypes = [flat_state[0].dtype] * len(emit_sizes)
        emit_ta = structure.pack_sequence_as(emit_structure, [
            TensorArray(dtype=dtype, dynamic_size=True, size=0, name=f"rnn_output_{i}",
                        element_shape=TensorShape([const_batch_size]).concatenate(_static_shape(size)))
            for i, (dtype, size) in enumerate(zip(emit_dtypes, emit_sizes))])
        zero_emit = structure.pack_sequence_as(emit_structure, [
            array_ops.zeros(concat_shape(batch_size, size), dtype) for size, dtype in zip(emit_sizes, emit_dtypes)])

        def condition(unused_time, elements_finished, *_):
            return math_ops.logical_not(math_ops.reduce_all(elements_finished))

        def body(time, elements_finished, current_input, emit_ta, state, loop_state):
            next_output, cell_state = cell(current_input, state)
            structure.assert_same_structure(state, cell_state)
            structure.assert_same_structure(cell.output_size, next_output)
            next_time = time + 1
            next_finished, next_input, next_state, emit_output, next_loop_state = loop_fn(
                next_time, next_output, cell_state, loop_state)
            structure.assert_same_structure(state, next_state)
            structure.assert_same_structure(current_input, next_input)
            structure.assert_same_structure(emit_ta, emit_output)
            loop_state = loop_state if next_loop_state is None else next_loop_state

            def copy_some_through(current, candidate):
                def copy(cur, cand):
                    if isinstance(cur, TensorArray) or cur.shape.rank == 0:
                        return cand
                    with colocate_with(cand):
                        return array_ops.where(elements_finished, cur, cand)
                return structure.map_structure(copy, current, candidate)

            emit_output = copy_some_through(zero_emit, emit_output)
            next_state = copy_some_through(state, next_state)
            emit_ta = structure.map_structure(lambda ta, emit: ta.write(time, emit), emit_ta, emit_output)
            elements_finished = math_ops.logical_or(elements_finished, next_finished)
            return next_time, elements_finished, next_input, emit_ta, next_state, loop_state

        returned = while_loop(condition, body,
                              loop_vars=[time, elements_finished, next_input, emit_ta, state, loop_state],
                              parallel_iterations=parallel_iterations, swap_memory=swap_memory)
        emit_ta, final_state, final_loop_state = returned[-3:]
        return emit_ta, final_state, (None if init_loop_state is None else final_loop_state)
