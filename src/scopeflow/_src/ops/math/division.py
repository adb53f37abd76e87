"""Division: ``RealDiv`` (``truediv``, ``/``), ``FloorDiv`` (``//``), ``FloorMod`` (``%``),
``TruncateDiv``/``TruncateMod`` and ``DivNoNan``, with TF1's wrappers (``tf.div``,
``tf.divide``). Integer division by zero raises TF's runtime error."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.elementwise import quiet, register_binary
from scopeflow._src.ops.common.lowering import jnp_fn
from scopeflow._src.ops.math.cast import cast


def _is_tensor(v):
    return isinstance(v, Tensor)


# -- kernels ---------------------------------------------------------------------------------
def _int_safe(fn, truncating=False):
    """Integer division kernels raise TF's error for a zero divisor instead of NumPy's 0 (the
    truncating ones raise TF's ``InternalError``, whose kernels do not expect it)."""
    def factory(op, state):
        quiet_fn = quiet(fn)

        def kernel(x, y):
            y = np.asarray(y)
            if y.dtype.kind in "iu" and not y.all() and _has_elements(x, y):  # TF divides no empty output
                if truncating:
                    raise errors.InternalError(
                        None, op, "Unexpected error in binary operator (only integer div and mod should have errors)")
                raise errors.InvalidArgumentError(None, op, "Integer division by zero")
            return quiet_fn(x, y)
        return kernel
    return factory


def _has_elements(x, y) -> bool:
    try:
        return 0 not in np.broadcast_shapes(np.shape(x), np.shape(y))
    except ValueError:  # shapes that do not broadcast: the division reports them
        return True


def _real_div(x, y):
    if np.asarray(x).dtype.kind in "iu":
        return np.trunc(np.true_divide(x, y))  # C++ integer division truncates
    return np.true_divide(x, y)


def _div_no_nan(x, y):
    safe = np.where(y == 0, np.ones_like(y), y)
    return np.where(y == 0, np.zeros_like(x * y), x / safe)


# -- lowerings (JAX target): an integer division by zero is not an error in a compiled step ----
def _lower_real_div(op, jx):
    jnp = jx.jnp
    if jnp.issubdtype(op._outputs[0]._dtype.base_dtype.as_numpy_dtype, jnp.integer):
        return lambda x, y: jx.lax.div(x, y)  # C's truncating integer division
    return jnp.true_divide


def _lower_div_no_nan(op, jx):
    jnp = jx.jnp
    return lambda x, y: jnp.where(y == 0, jnp.zeros_like(x * y), x / jnp.where(y == 0, jnp.ones_like(y), y))


# -- registrations -----------------------------------------------------------------------------
register_binary("RealDiv", dtype_lists.MUL_DIV, factory=_int_safe(_real_div), lower=_lower_real_div)
register_binary("FloorDiv", dtype_lists.MUL_DIV, factory=_int_safe(np.floor_divide), lower=jnp_fn("floor_divide"))
register_binary("FloorMod", dtype_lists.FLOOR_MOD, factory=_int_safe(np.mod), lower=jnp_fn("mod"))
register_binary("TruncateDiv", dtype_lists.MUL_DIV,
                factory=_int_safe(lambda x, y: np.trunc(np.true_divide(x, y)), truncating=True),
                lower=lambda op, jx: jx.lax.div)
register_binary("TruncateMod", dtype_lists.types("int32,int64,bfloat16,float16,float32,float64"),
                factory=_int_safe(np.fmod, truncating=True), lower=jnp_fn("fmod"))
register_binary("DivNoNan", dtype_lists.DIV_NO_NAN, kernel=quiet(_div_no_nan), lower=_lower_div_no_nan)


# -- public wrappers -------------------------------------------------------------------------
def floordiv(x, y, name=None):
    """``x // y`` rounding toward negative infinity (a ``FloorDiv`` op named ``floordiv``)."""
    with name_scope(name, "floordiv", [x, y]) as scope:
        return create_output("FloorDiv", [x, y], name=scope)


def floor_div(x, y, name=None):
    """TF's raw ``FloorDiv`` op (default name ``FloorDiv``)."""
    return create_output("FloorDiv", [x, y], name=name)


def floormod(x, y, name=None):
    """``x % y`` with the sign of ``y`` (a ``FloorMod`` op)."""
    return create_output("FloorMod", [x, y], name=name)


mod = floormod


def mod_dispatch(x, y, name=None):
    """``x % y`` (TF's ``__mod__``: a ``FloorMod`` op named ``mod``)."""
    with name_scope(name, "mod", [x, y]) as scope:
        return create_output("FloorMod", [x, y], name=scope)


def truncatediv(x, y, name=None):
    """Division rounding toward zero (a ``TruncateDiv`` op)."""
    return create_output("TruncateDiv", [x, y], name=name)


def truncatemod(x, y, name=None):
    """The remainder of ``truncatediv`` (a ``TruncateMod`` op)."""
    return create_output("TruncateMod", [x, y], name=name)


def realdiv(x, y, name=None):
    """TF's raw ``RealDiv`` op (no integer-to-float cast)."""
    return create_output("RealDiv", [x, y], name=name)


_TRUEDIV = {dtypes.uint8: dtypes.float32, dtypes.int8: dtypes.float32, dtypes.uint16: dtypes.float32,
            dtypes.int16: dtypes.float32, dtypes.uint32: dtypes.float64, dtypes.int32: dtypes.float64,
            dtypes.uint64: dtypes.float64, dtypes.int64: dtypes.float64, dtypes.bfloat16: None,
            dtypes.float16: None, dtypes.float32: None, dtypes.float64: None, dtypes.complex64: None,
            dtypes.complex128: None}


def _truediv_target(x_dtype, y_dtype, where):
    if x_dtype != y_dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x_dtype!r} != {y_dtype!r}.")
    if x_dtype not in _TRUEDIV:
        raise TypeError(f"Invalid dtype {x_dtype!r} in {where}. Expected one of "
                        f"{{{', '.join(repr(d) for d in _TRUEDIV)}}}.")
    return _TRUEDIV[x_dtype]


def truediv(x, y, name=None):
    """``x / y`` with Python 3 semantics: integers are cast to floats first (``truediv``)."""
    with name_scope(name, "truediv", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        target = _truediv_target(x.dtype.base_dtype, y.dtype.base_dtype, "__truediv__")
        if target is not None:
            x, y = cast(x, target), cast(y, target)
        return create_output("RealDiv", [x, y], name=scope)


def divide(x, y, name=None):
    """``x / y``: ``truediv`` (named ``truediv`` unless ``name`` is given).

    >>> import scopeflow as tf
    >>> tf.divide(tf.constant(3), tf.constant(2)).dtype.name
    'float64'
    """
    if name is not None:
        return truediv(x, y, name=name)
    if not _is_tensor(x):
        x = convert_to_tensor(x, dtype=y.dtype.base_dtype if _is_tensor(y) else None)
    return x / y


def div(x, y, name=None):
    """TF1's ``tf.div``: ``RealDiv`` for floats, ``FloorDiv`` for integers (named ``div``)."""
    with name_scope(name, "div", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        if x.dtype.base_dtype != y.dtype.base_dtype:
            raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype.base_dtype!r} != "
                            f"{y.dtype.base_dtype!r}.")
        op_type = "RealDiv" if x.dtype.is_floating or x.dtype.is_complex else "FloorDiv"
        return create_output(op_type, [x, y], name=scope)


def div_no_nan(x, y, name=None):
    """``x / y``, or 0 where ``y`` is 0 (a ``DivNoNan`` op named ``div_no_nan``)."""
    with name_scope(name, "div_no_nan", [x, y]) as scope:
        if not _is_tensor(x) and _is_tensor(y):
            y = convert_to_tensor(y, name="y")
            x = convert_to_tensor(x, dtype=y.dtype.base_dtype, name="x")
        else:
            x = convert_to_tensor(x, name="x")
            y = convert_to_tensor(y, dtype_hint=x.dtype.base_dtype, name="y")
        target = _truediv_target(x.dtype.base_dtype, y.dtype.base_dtype, "tf.math.divide_no_nan")
        if target is not None:
            x, y = cast(x, target), cast(y, target)
        return create_output("DivNoNan", [x, y], name=scope)


divide_no_nan = div_no_nan
