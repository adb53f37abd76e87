"""``InputSpec``: what a layer accepts (rank, dtype, fixed axes), checked on every call.

The checks and messages are tf-keras's ``assert_input_compatibility``; note that some of
its messages print the shape as a tuple of ``Dimension`` objects, as TF1 shapes do.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.tensor_shape import TensorShape


class InputSpec:
    """The rank, dtype and axis sizes a layer's input must have (``None``: anything)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype = dtypes.as_dtype(dtype).name if dtype is not None else None
        shape = TensorShape(shape)
        shape = None if shape.rank is None else tuple(shape.as_list())
        self.ndim = len(shape) if shape is not None else ndim
        self.shape = shape
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        self.optional = optional
        try:
            axes = axes or {}
            self.axes = {int(k): axes[k] for k in axes}
        except (ValueError, TypeError):
            raise TypeError(f"Argument `axes` must be a dict with integer keys. Received: axes={axes}") from None
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim else self.max_ndim) - 1
            if max(self.axes) > max_dim:
                raise ValueError(f"Axis {max(self.axes)} is greater than the maximum allowed value: {max_dim}")

    def __repr__(self):
        spec = [("dtype=" + str(self.dtype)) if self.dtype else "",
                ("shape=" + str(self.shape)) if self.shape else "",
                ("ndim=" + str(self.ndim)) if self.ndim else "",
                ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
                ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
                ("axes=" + str(self.axes)) if self.axes else ""]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self) -> dict:
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim, "max_ndim": self.max_ndim,
                "min_ndim": self.min_ndim, "axes": self.axes}


def _display(shape) -> str:
    return str(tuple(shape.as_list()))


def assert_input_compatibility(input_spec, inputs, layer_name: str) -> None:
    """Raise tf-keras's ``ValueError`` when ``inputs`` do not meet ``input_spec``."""
    if not input_spec:
        return
    specs = list(input_spec) if isinstance(input_spec, (list, tuple)) else [input_spec]
    inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    for x, spec in zip(inputs, specs):
        if spec is not None and not (x is None and spec.optional) and not hasattr(x, "shape"):
            raise TypeError(f"Inputs to a layer should be tensors. Got '{x}' (of type {type(x)}) as input for "
                            f"layer '{layer_name}'.")
    if len(inputs) != len(specs):
        raise ValueError(f'Layer "{layer_name}" expects {len(specs)} input(s), but it received {len(inputs)} '
                         f"input tensors. Inputs received: {inputs}")
    for index, (x, spec) in enumerate(zip(inputs, specs)):
        if spec is None or (x is None and spec.optional):
            continue
        if TensorShape(x.shape).rank is None:
            return
        _check_one(index, x, spec, layer_name)


def _check_one(index, x, spec, layer_name):
    shape = TensorShape(x.shape)
    prefix = f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
    ndim = shape.rank
    if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
        raise ValueError(f"{prefix}expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: "
                         f"{tuple(shape)}")
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        raise ValueError(f"{prefix}expected max_ndim={spec.max_ndim}, found ndim={ndim}")
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        raise ValueError(f"{prefix}expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: "
                         f"{tuple(shape)}")
    if spec.dtype is not None and x.dtype.name != spec.dtype:
        raise ValueError(f"{prefix}expected dtype={spec.dtype}, found dtype={x.dtype}")
    dims = shape.as_list()
    for axis, value in (spec.axes or {}).items():
        value = getattr(value, "value", value)
        if value is not None and dims[int(axis)] not in {value, None}:
            raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: expected axis '
                             f"{axis} of input shape to have value {value}, but received input with shape "
                             f"{_display(shape)}")
    if spec.shape is not None:
        spec_shape = spec.shape
        if spec.allow_last_axis_squeeze:
            if dims and dims[-1] == 1:
                dims = dims[:-1]
            if spec_shape and spec_shape[-1] == 1:
                spec_shape = spec_shape[:-1]
        for spec_dim, dim in zip(spec_shape, dims):
            if spec_dim is not None and dim is not None and spec_dim != dim:
                raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the layer: expected '
                                 f"shape={spec.shape}, found shape={_display(shape)}")
