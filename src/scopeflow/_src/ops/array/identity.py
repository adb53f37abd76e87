"""Ops that forward a tensor unchanged: ``Identity``, ``StopGradient``, and the fed ones,
``Placeholder`` and ``PlaceholderWithDefault`` (an unfed ``Placeholder`` raises TF's
run-time error, worded as TF words it)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes, errors, nest, op_builder, registry, tensor_util
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import UNKNOWN, as_shape
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.shape_context import merge_shapes, shape_fn, shape_text


# -- Identity, StopGradient, placeholders ----------------------------------------------------
def _same(op, jx):
    return lambda x: x


def _first_input_fold(t):
    return tensor_util.constant_value(t.op.inputs[0])


registry.register(OpDef("Identity", inputs=["input: T"], outputs=["output: T"], shape=shape_fns.unchanged,
                        kernel=lambda x: x, fold=_first_input_fold, forwards_input=True, lower=_same))
registry.register(OpDef("StopGradient", inputs=["input: T"], outputs=["output: T"], shape=shape_fns.unchanged,
                        kernel=lambda x: x, fold=_first_input_fold, lower=_same))


def _placeholder_factory(op, state):
    def unfed():
        shape = op._attrs["shape"]
        dtype = op_builder.type_string(op._attrs["dtype"])
        # TF names the shape only when it has at least one dimension (not for scalars or
        # an unknown rank).
        dims = f" and shape {shape_text(shape)}" if shape.ndims else ""
        raise errors.InvalidArgumentError(
            None, op, f"You must feed a value for placeholder tensor '{op.name}' with dtype {dtype}{dims}")
    return unfed


@shape_fn
def _placeholder_with_default_shape(ctx, attrs):
    merge_shapes(ctx.shape(0), attrs["shape"], ctx)
    return attrs["shape"]


registry.register(OpDef("Placeholder", outputs=["output: dtype"],
                        shape=lambda inputs, attrs: attrs["shape"], factory=_placeholder_factory, must_run=True,
                        fed=True, defaults={"shape": UNKNOWN}, lower=_placeholder_factory))
registry.register(OpDef("PlaceholderWithDefault", inputs=["input: dtype"], outputs=["output: dtype"],
                        shape=_placeholder_with_default_shape, kernel=lambda x: x, fed=True, lower=_same))


def identity(input, name=None):  # noqa: A002 - TensorFlow's argument name
    """An ``Identity`` op forwarding ``input`` (a variable's current value for variables).

    >>> import scopeflow as tf
    >>> tf.identity(tf.constant(1.0), name="same").name
    'same:0'

    A ``SparseTensor`` gives a ``SparseTensor`` of an ``Identity`` of each part (unnamed, as TF),
    an ``IndexedSlices`` an ``IndexedSlices``.
    """
    if isinstance(input, SparseTensor):
        return nest.map_structure(identity, input, expand_composites=True)
    if isinstance(input, IndexedSlices):
        shape = input.dense_shape
        return IndexedSlices(identity(input.values), identity(input.indices),
                             None if shape is None else identity(shape))
    return create_output("Identity", [input], name=name)


def stop_gradient(input, name=None):  # noqa: A002
    """``input`` unchanged, but ``tf.gradients`` does not flow through it (``StopGradient``)."""
    return create_output("StopGradient", [input], name=name)


def placeholder(dtype, shape=None, name=None):
    """A value that must be fed to ``Session.run`` (``feed_dict``)."""
    try:
        dtype = dtypes.as_dtype(dtype)
    except TypeError:
        raise TypeError(f"Expected DataType for argument 'dtype' not {dtype!r}.") from None
    return create_output("Placeholder", [], {"dtype": dtype, "shape": _shape_attr(shape)}, name, direct=True)


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    """A placeholder that yields ``input`` when it is not fed; ``shape`` may be less precise."""
    return create_output("PlaceholderWithDefault", [input], {"shape": _shape_attr(shape)}, name=name)


def _shape_attr(shape):
    """A placeholder's ``shape`` attr: a bad shape is TF's error of the same class, in its words."""
    try:
        return as_shape(shape)
    except (TypeError, ValueError) as e:
        raise (TypeError if isinstance(e, TypeError) else ValueError)(
            f"Error converting shape to a TensorShape: {e}.") from None
