"""``tf.map_fn``, ``tf.scan``, ``tf.foldl`` and ``tf.foldr``: loops over the first dimension
of their inputs, built as TensorFlow builds them (a ``tf.while_loop`` reading the inputs from
TensorArrays and, for ``map_fn`` and ``scan``, writing the results to TensorArrays that are
stacked at the end: ``map/TensorArrayStack/TensorArrayGatherV3:0``).

TensorFlow also sets a caching device on the variable scope while ``fn`` is built; scopeflow
runs on one CPU, so there is nothing to cache.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, nest
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.tensor_shape import Dimension, TensorShape, dimension_value
from scopeflow._src.ops.array.shapes import shape
from scopeflow._src.ops.control.tensor_array import TensorArray
from scopeflow._src.ops.control.while_loop import while_loop


def _check_callable(fn):
    if not callable(fn):
        raise TypeError(f"{fn.__name__} is not callable. Please provide a callable function.")


def _static_length(elems_flat):
    """The common static first dimension of ``elems_flat`` (TF checks they are compatible)."""
    n = Dimension(dimension_value(elems_flat[0].shape.with_rank_at_least(1)[0]))
    for t in elems_flat[1:]:
        n.assert_is_compatible_with(Dimension(dimension_value(t.shape.with_rank_at_least(1)[0])))
    return n


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False, infer_shape=True,
           name=None, fn_output_signature=None):
    """``fn`` applied to each slice of ``elems`` along its first dimension, the results stacked.

    >>> import scopeflow as tf
    >>> squares = tf.map_fn(lambda x: x * x, tf.constant([1, 2, 3]))
    >>> squares.name
    'map/TensorArrayStack/TensorArrayGatherV3:0'
    >>> tf.Session().run(squares).tolist()
    [1, 4, 9]
    """
    signature = dtype if fn_output_signature is None else fn_output_signature
    if not callable(fn):
        raise TypeError(f"The provided function {fn.__name__} is not callable.fn must be callable.")
    parallel_iterations = parallel_iterations or 10
    elems_flat = nest.flatten(elems)
    if not elems_flat:
        raise ValueError(f"elems must be a Tensor or (possibly nested) sequence of Tensors. Got {elems}, which does "
                         f"not contain any Tensors.")
    if signature is None:
        result_dtypes = None
        result_unflatten = lambda x: nest.pack_sequence_as(elems, x)  # noqa: E731 - TF's shape of the code
    else:
        result_dtypes = [dtypes.as_dtype(d) for d in nest.flatten(signature)]
        result_unflatten = lambda x: nest.pack_sequence_as(signature, x)  # noqa: E731
    with name_scope(name, "map", elems_flat):
        elems_flat = [convert_to_tensor(t, name="elem") for t in elems_flat]
        if elems_flat[0].shape.ndims is not None and elems_flat[0].shape.ndims < 1:
            raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
        n_static = _static_length(elems_flat)
        n = n_static.value or shape(elems_flat[0])[0]
        elems_ta = [TensorArray(dtype=t.dtype, size=n, dynamic_size=False, infer_shape=True).unstack(t)
                    for t in elems_flat]
        i = constant(0)
        if result_dtypes is None:
            result_dtypes = [t.dtype.base_dtype for t in elems_flat]
        result_ta = [TensorArray(dtype=d, size=n, dynamic_size=False, infer_shape=infer_shape,
                                 element_shape=TensorShape(None)) for d in result_dtypes]

        def compute(i, tas):
            value = nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta])
            result = fn(value)
            nest.assert_same_structure(signature or elems, result)
            tas = [ta.write(i, v) for ta, v in zip(tas, nest.flatten(result))]
            return i + 1, tas

        _, results = while_loop(lambda i, _: i < n, compute, (i, result_ta), parallel_iterations=parallel_iterations,
                                back_prop=back_prop, swap_memory=swap_memory, maximum_iterations=n)
        stacked = [r.stack() for r in results]
        for r in stacked:
            r.set_shape(TensorShape(n_static).concatenate(r.shape[1:]))
        return result_unflatten(stacked)


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    """``fn(...fn(fn(initializer, elems[0]), elems[1])..., elems[n-1])`` (without an
    initializer, ``elems[0]`` starts)."""
    _check_callable(fn)
    with name_scope(name, "foldl", [elems]):
        n, elems_ta = _fold_inputs(elems)
        if initializer is None:
            a = nest.map_structure(lambda ta: ta.read(0), elems_ta)
            i = constant(1)
        else:
            a = initializer
            i = constant(0)

        def compute(i, a):
            a = fn(a, nest.map_structure(lambda ta: ta.read(i), elems_ta))
            return [i + 1, a]

        _, result = while_loop(lambda i, a: i < n, compute, [i, a], parallel_iterations=parallel_iterations,
                               back_prop=back_prop, swap_memory=swap_memory, maximum_iterations=n)
        return result


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    """``fn(...fn(fn(initializer, elems[n-1]), elems[n-2])..., elems[0])`` (without an
    initializer, ``elems[n-1]`` starts)."""
    _check_callable(fn)
    with name_scope(name, "foldr", [elems]):
        n, elems_ta = _fold_inputs(elems)
        if initializer is None:
            i = n - 1
            a = nest.map_structure(lambda ta: ta.read(i), elems_ta)
        else:
            i = n
            a = initializer

        def compute(i, a):
            i -= 1
            return [i, fn(a, nest.map_structure(lambda ta: ta.read(i), elems_ta))]

        _, result = while_loop(lambda i, a: i > 0, compute, [i, a], parallel_iterations=parallel_iterations,
                               back_prop=back_prop, swap_memory=swap_memory, maximum_iterations=n)
        return result


def _fold_inputs(elems):
    """(the length of the folded dimension, ``elems`` unstacked into TensorArrays)."""
    elems_flat = [convert_to_tensor(e, name="elem") for e in nest.flatten(elems)]
    n = dimension_value(elems_flat[0].shape[0]) or shape(elems_flat[0])[0]
    return n, nest.map_structure(
        lambda e: TensorArray(dtype=e.dtype, size=n, dynamic_size=False, infer_shape=True).unstack(e), elems)


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, infer_shape=True,
         reverse=False, name=None):
    """Every intermediate value of a fold: ``result[i] = fn(result[i-1], elems[i])`` (from the
    end with ``reverse``), stacked."""
    _check_callable(fn)
    input_nested = nest.is_nested(elems)
    input_flatten = (lambda x: nest.flatten(x)) if input_nested else (lambda x: [x])
    input_pack = (lambda x: nest.pack_sequence_as(elems, x)) if input_nested else (lambda x: x[0])
    if initializer is None:
        output_flatten, output_pack = input_flatten, input_pack
    else:
        output_nested = nest.is_nested(initializer)
        output_flatten = (lambda x: nest.flatten(x)) if output_nested else (lambda x: [x])
        output_pack = (lambda x: nest.pack_sequence_as(initializer, x)) if output_nested else (lambda x: x[0])
    elems_flat = input_flatten(elems)
    with name_scope(name, "scan", elems_flat):
        elems_flat = [convert_to_tensor(e, name="elem") for e in elems_flat]
        n = dimension_value(elems_flat[0].shape[0])
        if n is None:
            n = shape(elems_flat[0])[0]
        elems_ta = [TensorArray(dtype=e.dtype, size=n, dynamic_size=False, element_shape=e.shape[1:],
                                infer_shape=True).unstack(e) for e in elems_flat]
        if initializer is None:
            a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
            i = 1
        else:
            a_flat = [convert_to_tensor(init) for init in output_flatten(initializer)]
            i = 0
        accs_ta = [TensorArray(dtype=a.dtype, size=n, element_shape=a.shape if infer_shape else None,
                               dynamic_size=False, infer_shape=infer_shape) for a in a_flat]
        if initializer is None:
            accs_ta = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs_ta, a_flat)]

        def compute(i, a_flat, tas):
            a_out = fn(output_pack(a_flat), input_pack([ta.read(i) for ta in elems_ta]))
            nest.assert_same_structure(elems if initializer is None else initializer, a_out)
            flat_out = output_flatten(a_out)
            tas = [ta.write(i, v) for ta, v in zip(tas, flat_out)]
            return (i - 1 if reverse else i + 1), flat_out, tas

        if reverse:
            initial_i, condition = n - 1 - i, (lambda i, _1, _2: i >= 0)
        else:
            initial_i, condition = i, (lambda i, _1, _2: i < n)
        _, _, results = while_loop(condition, compute, (initial_i, a_flat, accs_ta),
                                   parallel_iterations=parallel_iterations, back_prop=back_prop,
                                   swap_memory=swap_memory, maximum_iterations=n)
        stacked = [r.stack() for r in results]
        n_static = _static_length(elems_flat)
        for r in stacked:
            r.set_shape(TensorShape(n_static).concatenate(r.shape[1:]))
        return output_pack(stacked)
