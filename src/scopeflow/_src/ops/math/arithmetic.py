"""Binary arithmetic (``AddV2``, ``Sub``, ``Mul``, ``Pow``, ``Maximum`` ...) and ``AddN``: op
definitions, kernels, gradients and TF's wrappers (division lives in ``division_ops``).

Each wrapper builds what TensorFlow builds (``tf.add`` is an ``AddV2`` named ``Add``;
``tf.divide`` of ints casts them to floats first), so names match TensorFlow's. Broadcasting
ops return output-shaped gradients; ``tf.gradients`` sums them down to each input.

This module is also the ``math_ops`` namespace of TF: the other math modules' public
functions are re-exported at the end.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.ops_scope import control_dependencies, name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import op_dtypes, shape_fns
from scopeflow._src.ops.elementwise import quiet, register_binary


# -- kernels ---------------------------------------------------------------------------------
def _pow(x, y):
    if np.asarray(x).dtype.kind in "iu" and (np.asarray(y) < 0).any():
        raise ValueError("Integers to negative integer powers are not allowed")
    return np.power(x, y)


def _squared_difference(x, y):
    d = np.subtract(x, y)
    return d * np.conj(d)


# -- gradients (output-shaped; the driver undoes broadcasting) --------------------------------
def _full_equal_shapes(x, y, grad):
    a = x.shape.as_tuple()
    return a is not None and None not in a and a == y.shape.as_tuple() == grad.shape.as_tuple()


def _add_grad(op, grad):
    return grad, grad


def _sub_grad(op, grad):
    return grad, -grad


def _mul_grad(op, grad):
    x, y = op._inputs
    if _full_equal_shapes(x, y, grad) and grad.dtype.base_dtype in (dtypes.int32, dtypes.float32):
        return _mul(grad, y), _mul(grad, x)
    from scopeflow._src.ops.unary_ops import conj
    return _mul(grad, conj(y)), _mul(conj(x), grad)


def _pow_grad(op, grad):
    from scopeflow._src.ops import array_ops, comparison_ops, unary_ops
    x, y = op._inputs
    cx, cy = unary_ops.conj(x), unary_ops.conj(y)
    gx = grad * cy * pow(cx, cy - 1)
    mask = comparison_ops.not_equal(cx, 0) if x.dtype.is_complex else cx > 0
    safe_x = array_ops.where(mask, cx, array_ops.ones_like(x))
    log_x = array_ops.where(mask, unary_ops.log(safe_x), array_ops.zeros_like(x))
    return gx, grad * unary_ops.conj(op._outputs[0]) * log_x


def _max_min_grad(selector):
    def grad_fn(op, grad):
        from scopeflow._src.ops import array_ops, comparison_ops
        x, y = op._inputs
        zeros = array_ops.zeros_like(grad)
        xmask = getattr(comparison_ops, selector)(x, y)
        return array_ops.where_v2(xmask, grad, zeros), array_ops.where_v2(xmask, zeros, grad)
    return grad_fn


def _squared_difference_grad(op, grad):
    x, y = op._inputs
    with control_dependencies([grad]):
        x_grad = scalar_mul(2.0, grad) * (x - y)
    return x_grad, -x_grad


# -- registrations -----------------------------------------------------------------------------
register_binary("AddV2", op_dtypes.ADD_V2, _add_grad, kernel=np.add)  # no errstate: the hot path
register_binary("Add", op_dtypes.ADD, _add_grad, kernel=np.add)
register_binary("Sub", op_dtypes.SUB, _sub_grad, kernel=np.subtract)
register_binary("Mul", op_dtypes.MUL_DIV, _mul_grad, kernel=np.multiply)
register_binary("Pow", op_dtypes.POW, _pow_grad, kernel=quiet(_pow))
register_binary("Maximum", op_dtypes.MAX_MIN, _max_min_grad("greater_equal"), kernel=np.maximum)
register_binary("Minimum", op_dtypes.MAX_MIN, _max_min_grad("less_equal"), kernel=np.minimum)
register_binary("SquaredDifference", op_dtypes.SQUARED_DIFFERENCE, _squared_difference_grad,
                kernel=quiet(_squared_difference))


def _add_n_shape(inputs, attrs):
    """TF merges from the last input backwards, naming the input that did not fit."""
    shape = inputs[-1].shape
    for i in range(len(inputs) - 2, -1, -1):
        try:
            shape = shape_fns.merge_shapes(inputs[i].shape, shape)
        except registry.ShapeError as e:
            raise registry.ShapeError(f"{e}\n\tFrom merging shape {i} with other shapes.") from None
    return shape


def _add_n_kernel(*xs):
    total = xs[0] + xs[1]
    for x in xs[2:]:
        total += x
    return total


def _add_n_factory(op, state):
    if shape_fns.static_shapes_known(op):  # merged (so equal) when the graph was built
        return _add_n_kernel

    def add_n_checking_shapes(*xs):  # NumPy would broadcast; TF refuses
        shape_fns.require_same_shapes(op, xs)
        return _add_n_kernel(*xs)
    return add_n_checking_shapes


registry.register(OpDef("AddN", inputs=["inputs: N*T"], outputs=["sum: T"],
                        attrs={"T": op_dtypes.NUMBER + op_dtypes.types("variant")},
                        shape=_add_n_shape, factory=_add_n_factory,
                        grad=lambda op, grad: [grad] * len(op._inputs)))


# -- public wrappers -------------------------------------------------------------------------
def _is_tensor(v):
    return isinstance(v, Tensor)


def _mul(x, y, name=None):
    return create_output("Mul", [x, y], name=name)


def add(x, y, name=None):
    """``x + y`` elementwise: an ``AddV2`` op named ``Add`` (``Add`` for strings).

    >>> import scopeflow as tf
    >>> tf.add(tf.constant(1.0), 2.0).name
    'Add:0'
    """
    with name_scope(name, "Add", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        return create_output("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=scope)


def _add_dispatch(x, y, name=None):
    """``x + y`` (TF's ``__add__``): a Python ``y`` converts to ``x``'s dtype when it can."""
    if not _is_tensor(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
    return create_output("Add" if x.dtype.base_dtype == dtypes.string else "AddV2", [x, y], name=name)


def _mul_dispatch(x, y, name=None):
    """``x * y`` (TF's ``__mul__``): bools multiply as int32 and cast back."""
    if _is_tensor(x) and x.dtype.base_dtype == dtypes.bool or _is_tensor(y) and y.dtype.base_dtype == dtypes.bool:
        product = multiply(_gen_cast(x, dtypes.int32), _gen_cast(y, dtypes.int32), name=name)
        return _gen_cast(product, dtypes.bool)
    return multiply(x, y, name=name)


def _gen_cast(x, dtype):
    x = convert_to_tensor(x) if not _is_tensor(x) else x
    attrs = {"DstT": dtype, "Truncate": False}
    return create_output("Cast", [x], attrs, name=None)


def subtract(x, y, name=None):
    """``x - y`` elementwise (a ``Sub`` op)."""
    return create_output("Sub", [x, y], name=name)


def multiply(x, y, name=None):
    """``x * y`` elementwise (a ``Mul`` op)."""
    return create_output("Mul", [x, y], name=name)


def negative(x, name=None):
    """``-x`` (a ``Neg`` op)."""
    return create_output("Neg", [x], name=name)


neg = negative


def maximum(x, y, name=None):
    """The elementwise maximum (a ``Maximum`` op)."""
    return create_output("Maximum", [x, y], name=name)


def minimum(x, y, name=None):
    """The elementwise minimum (a ``Minimum`` op)."""
    return create_output("Minimum", [x, y], name=name)


def squared_difference(x, y, name=None):
    """``(x - y) * (x - y)`` (a ``SquaredDifference`` op)."""
    return create_output("SquaredDifference", [x, y], name=name)


def pow(x, y, name=None):  # noqa: A001 - TensorFlow's name
    """``x ** y`` (a ``Pow`` op)."""
    with name_scope(name, "Pow", [x]) as scope:
        return create_output("Pow", [x, y], name=scope)


def scalar_mul(scalar, x, name=None):
    """``scalar * x`` for a 0-D ``scalar`` (TF1's: a ``Const`` named ``scalar`` and a ``Mul``)."""
    scalar = convert_to_tensor(scalar, dtype=x.dtype.base_dtype, name="scalar")
    if scalar.shape.ndims == 0:
        return create_output("Mul", [scalar, x], name=name)
    raise ValueError(f"The input scalar must be a 0-D value. Received shape {scalar.shape}.")


def add_n(inputs, name=None):
    """The elementwise sum of a list of same-shaped tensors (an ``AddN`` op).

    A single input is returned as is (or through an ``Identity`` named ``name``), as in TF.

    >>> import scopeflow as tf
    >>> tf.add_n([tf.constant(1.0), tf.constant(2.0)]).name
    'AddN:0'
    """
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype "
                         "and shape.")
    inputs = [convert_to_tensor(x) for x in inputs]
    if len(inputs) == 1:
        if name:
            from scopeflow._src.ops.array_ops import identity
            return identity(inputs[0], name=name)
        return inputs[0]
    return create_output("AddN", [inputs], name=name)


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """TF1's ``accumulate_n``: in graph mode TensorFlow builds an ``add_n``."""
    return add_n(inputs, name=name)


# -- the rest of TF's math_ops namespace ---------------------------------------------------------
from scopeflow._src.ops.division_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.comparison_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.unary_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.reduction_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.scan_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.matmul_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.index_ops import *  # noqa: E402,F401,F403
from scopeflow._src.ops.einsum_ops import *  # noqa: E402,F401,F403
