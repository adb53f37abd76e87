"""The conditional accumulator op types, as TensorFlow's ``gen_data_flow_ops`` declares them:
the dense accumulator's resource ops (``ResourceConditionalAccumulator``,
``ResourceAccumulatorApplyGradient``...) and the sparse accumulator's ops on a ``Ref(string)``
handle (``SparseConditionalAccumulator``, ``SparseAccumulatorApplyGradient``,
``AccumulatorNumAccumulated``...). The creating op makes the session's accumulator
(``accumulator_kernels``) once, shared by ``shared_name`` as queues are; the others call it.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.queues import accumulator_kernels, resources

REDUCTION_TYPES = ("MEAN", "SUM")
_CREATE_DEFAULTS = {"container": "", "shared_name": "", "reduction_type": "MEAN"}


def _handle_shape(inputs, attrs):
    return TensorShape([2])


def _scalar(inputs, attrs):
    return TensorShape(())


def _partial(shape):
    """An accumulator's ``shape`` attribute as the kernels hold it: a tuple with ``None`` for
    unknown dimensions, or ``None`` for an unknown rank."""
    shape = TensorShape(shape)
    return None if shape.ndims is None else tuple(shape.as_list())


_KERNEL_TYPES = (dtypes.float64, dtypes.float32, dtypes.float16)  # TF's CPU kernels
_REGISTERED = "\n".join(f"  device='CPU'; dtype in [{t}]" for t in ("DT_DOUBLE", "DT_FLOAT", "DT_HALF"))


def _no_kernel(op):
    """The kernel of an accumulator of a type TF has no kernel for: it fails as TF's session does."""
    attrs = op._attrs
    shape = TensorShape(attrs.get("shape"))
    shape_text = "<unknown>" if shape.ndims is None else \
        "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"
    message = (f"No OpKernel was registered to support Op '{op.type}' used by {{{{node {op.name}}}}} with these "
               f"attrs: [dtype=DT_{attrs['dtype'].name.upper()}, shared_name=\"{attrs.get('shared_name', '')}\", "
               f"shape={shape_text}, reduction_type=\"{attrs.get('reduction_type', 'MEAN')}\", "
               f"container=\"{attrs.get('container', '')}\"]\nRegistered devices: [CPU]\nRegistered kernels:\n"
               f"{_REGISTERED}")

    def kernel():
        raise errors.InvalidArgumentError(None, op, message)
    return kernel


def _factory(kind):
    def factory(op, state):
        attrs = op._attrs
        if attrs["dtype"] not in _KERNEL_TYPES:
            return _no_kernel(op)
        accumulator = resources.lookup_or_create(
            state, op, lambda name: kind(name, attrs["dtype"].as_numpy_dtype, _partial(attrs.get("shape")),
                                         attrs.get("reduction_type", "MEAN")))
        return lambda: accumulator
    return factory


def _apply_factory(op, state):
    return lambda accumulator, local_step, gradient: accumulator.apply(local_step, gradient)


def _sparse_apply_factory(op, state):
    known = bool(op._attrs.get("has_known_shape"))
    return lambda acc, local_step, indices, values, shape: acc.apply(local_step, indices, values, shape, known)


def _take_factory(op, state):
    return lambda accumulator, num_required: accumulator.take(num_required)


def _num_accumulated(accumulator):
    return accumulator.num_accumulated()


def _set_global_step(accumulator, new_global_step):
    accumulator.set_global_step(new_global_step)


_DTYPE = {"dtype": dtype_lists.NUMBER}
registry.register(OpDef("ResourceConditionalAccumulator", outputs=["handle: resource"], attrs=_DTYPE,
                        shape=_handle_shape, factory=_factory(accumulator_kernels.DenseAccumulator), stateful=True,
                        defaults=_CREATE_DEFAULTS))
registry.register(OpDef("SparseConditionalAccumulator", outputs=["handle: Ref(string)"], attrs=_DTYPE,
                        shape=_handle_shape, factory=_factory(accumulator_kernels.SparseAccumulator), stateful=True,
                        defaults=_CREATE_DEFAULTS))
registry.register(OpDef("ResourceAccumulatorApplyGradient", inputs=["handle: resource", "local_step: int64",
                                                                    "gradient: dtype"],
                        attrs=_DTYPE, factory=_apply_factory, stateful=True))
registry.register(OpDef("ResourceAccumulatorTakeGradient", inputs=["handle: resource", "num_required: int32"],
                        outputs=["average: dtype"], attrs=_DTYPE, factory=_take_factory, stateful=True))
registry.register(OpDef("ResourceAccumulatorNumAccumulated", inputs=["handle: resource"],
                        outputs=["num_accumulated: int32"], shape=_scalar, kernel=_num_accumulated, stateful=True))
registry.register(OpDef("ResourceAccumulatorSetGlobalStep", inputs=["handle: resource", "new_global_step: int64"],
                        kernel=_set_global_step, stateful=True))
registry.register(OpDef("SparseAccumulatorApplyGradient",
                        inputs=["handle: Ref(string)", "local_step: int64", "gradient_indices: int64",
                                "gradient_values: dtype", "gradient_shape: int64"],
                        attrs=_DTYPE, factory=_sparse_apply_factory, stateful=True))
registry.register(OpDef("SparseAccumulatorTakeGradient", inputs=["handle: Ref(string)", "num_required: int32"],
                        outputs=["indices: int64", "values: dtype", "shape: int64"], attrs=_DTYPE,
                        factory=_take_factory, stateful=True))
registry.register(OpDef("AccumulatorNumAccumulated", inputs=["handle: Ref(string)"],
                        outputs=["num_accumulated: int32"], shape=_scalar, kernel=_num_accumulated, stateful=True))
registry.register(OpDef("AccumulatorSetGlobalStep", inputs=["handle: Ref(string)", "new_global_step: int64"],
                        kernel=_set_global_step, stateful=True))


# -- building (TF's generated wrappers) ---------------------------------------------------------
def _check_creation(op_type, dtype, reduction_type):
    dtype = dtypes.as_dtype(dtype)
    if dtype not in dtype_lists.NUMBER:
        names = ", ".join(d.name for d in dtype_lists.NUMBER)
        raise TypeError(f"Value passed to parameter 'dtype' has DataType {dtype.name} not in list of allowed values: "
                        f"{names}")
    if reduction_type not in REDUCTION_TYPES:
        raise ValueError(f"Attr 'reduction_type' of '{op_type}' Op passed string '{reduction_type}' not in: "
                         f"\"MEAN\", \"SUM\".")
    return dtype


def conditional_accumulator(op_type, dtype, shape, shared_name, name, reduction_type):
    """A ``ResourceConditionalAccumulator`` or ``SparseConditionalAccumulator`` op; its handle."""
    dtype = _check_creation(op_type, dtype, reduction_type)
    attrs = {"dtype": dtype, "shape": TensorShape(shape), "container": "", "shared_name": shared_name or "",
             "reduction_type": reduction_type}
    return create(op_type, [], attrs, name=name)._outputs[0]


def apply_op(op_type, inputs, dtype, name, **attrs):
    return create(op_type, list(inputs), {"dtype": dtype, **attrs}, name=name)


def take_op(op_type, handle, num_required, dtype, name):
    return create(op_type, [handle, num_required], {"dtype": dtype}, name=name)._outputs


def handle_op(op_type, inputs, name):
    op = create(op_type, list(inputs), {}, name=name)
    return op._outputs[0] if op._outputs else op


def sparse_apply_op(handle, local_step, indices, values, shape, has_known_shape, name):
    """A ``SparseAccumulatorApplyGradient``; its ``dtype`` comes from ``values``, as in TF."""
    return create("SparseAccumulatorApplyGradient", [handle, local_step, indices, values, shape],
                  {"has_known_shape": bool(has_known_shape)}, name=name)
