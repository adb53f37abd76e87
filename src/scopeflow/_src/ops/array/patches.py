"""``ExtractImagePatches``: the ``ksizes`` windows of images (dilated by ``rates``, every
``strides``), each flattened into the depth of one output pixel, as ``tf.image.extract_patches``
and TF1's ``tf.extract_image_patches`` build it. Loaded on first use (``layout.py``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import moves_elements

_TYPES = dtype_lists.types("bfloat16,float16,float32,float64,int8,int16,int32,int64,uint8,uint16,uint32,uint64,"
                           "complex64,complex128,bool")


def _window(size, k, stride, padding):
    """TF's ``GetWindowedOutputSize``: ``(output size, padding before)`` of one dimension."""
    if padding == "VALID":
        return (size - k + stride) // stride, 0
    out = (size + stride - 1) // stride
    return out, max((out - 1) * stride + k - size, 0) // 2


def _check_attrs(attrs):
    for name in ("ksizes", "strides", "rates"):
        values = list(attrs[name])
        if len(values) != 4:
            raise ShapeError(f"ExtractImagePatches requires the {name} attribute to contain 4 values, but got: "
                             f"{len(values)}")


def _effective(k, rate):
    return k + (k - 1) * (rate - 1)


def _patches_shape(inputs, attrs):
    _check_attrs(attrs)
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    if len(dims) != 4:
        raise ShapeError(f"Shape must be rank 4 but is rank {len(dims)}")
    b, h, w, c = dims
    ks, st, rt = attrs["ksizes"], attrs["strides"], attrs["rates"]
    depth = None if c is None else ks[1] * ks[2] * c
    if h is None or w is None:
        return TensorShape([b, None, None, depth])
    out = []
    for size, k, s, r in ((h, ks[1], st[1], rt[1]), (w, ks[2], st[2], rt[2])):
        n, _ = _window(size, _effective(k, r), s, attrs["padding"])
        if n < 0:
            raise ShapeError(f"Computed output size would be negative: {n} [input_size: {size}, effective_filter_size: "
                             f"{_effective(k, r)}, stride: {s}]")
        out.append(n)
    return TensorShape([b, out[0], out[1], depth])


def _patches_factory(op, state):
    ks, st, rt = (list(op._attrs[n]) for n in ("ksizes", "strides", "rates"))
    padding = op.get_attr("padding").decode()

    def kernel(images):
        if ks[0] != 1 or ks[3] != 1 or st[0] != 1 or st[3] != 1 or rt[0] != 1 or rt[3] != 1:
            what = "ksizes" if ks[0] != 1 or ks[3] != 1 else "strides" if st[0] != 1 or st[3] != 1 else "rates"
            raise errors.UnimplementedError(None, op, f"Only support {what} across space.")
        if images.ndim != 4:
            raise errors.InvalidArgumentError(None, op, f"input must be 4-dimensional{list(images.shape)}")
        b, h, w, c = images.shape
        rows, cols = [], []
        for size, k, s, r, where in ((h, ks[1], st[1], rt[1], rows), (w, ks[2], st[2], rt[2], cols)):
            n, before = _window(size, _effective(k, r), s, padding)
            if n < 0:
                raise errors.InvalidArgumentError(
                    None, op, f"Computed output size would be negative: {n} [input_size: {size}, "
                              f"effective_filter_size: {_effective(k, r)}, stride: {s}]")
            where.append(np.arange(n)[:, None] * s - before + np.arange(k)[None, :] * r)  # [out, k] positions
        r_idx, c_idx = rows[0], cols[0]
        padded = np.zeros((b, h + 1, w + 1, c), images.dtype)  # row/column -1 (the last) reads the zero pad
        padded[:, :h, :w] = images
        r_idx = np.where((r_idx < 0) | (r_idx >= h), h, r_idx)
        c_idx = np.where((c_idx < 0) | (c_idx >= w), w, c_idx)
        out = padded[:, r_idx[:, None, :, None], c_idx[None, :, None, :]]  # [b, out_r, out_c, k_r, k_c, c]
        return np.ascontiguousarray(out.reshape(b, r_idx.shape[0], c_idx.shape[0], -1))
    return kernel


registry.register(OpDef("ExtractImagePatches", inputs=["images: T"], outputs=["patches: T"], attrs={"T": _TYPES},
                        shape=_patches_shape, factory=_patches_factory, lower=moves_elements()))


def _ints(name, values):
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to 'extract_image_patches' Op, not {values!r}.")
    if len(values) < 4:
        raise ValueError(f"Attr '{name}' of 'ExtractImagePatches' Op passed list of length {len(values)} less than "
                         f"minimum 4.")
    return [int(v) for v in values]


def extract_image_patches(images, ksizes=None, strides=None, rates=None, padding=None, name=None, sizes=None):
    """The ``ksizes`` patches of ``images`` (``[batch, rows, cols, depth]``) in the depth of the
    output (an ``ExtractImagePatches`` op); ``sizes`` is the TF2 name of ``ksizes``."""
    if sizes is not None:
        if ksizes is not None:
            raise ValueError("Cannot specify both 'sizes' and 'ksizes'")
        ksizes = sizes
    with name_scope(name, "ExtractImagePatches", [images]) as scope:  # TF takes the name before its checks
        if padding not in ("SAME", "VALID"):
            raise ValueError(f"Value for attr 'padding' of {padding!r} is not in the list of allowed values: "
                             f"\"SAME\", \"VALID\"")
        attrs = {"ksizes": _ints("ksizes", ksizes), "strides": _ints("strides", strides),
                 "rates": _ints("rates", rates), "padding": padding}
        return create_output("ExtractImagePatches", [images], attrs, name=scope)


def extract_patches(images, sizes, strides, rates, padding, name=None):
    """``tf.image.extract_patches``: ``extract_image_patches`` with TF2's argument names."""
    return extract_image_patches(images, sizes, strides, rates, padding, name=name)
