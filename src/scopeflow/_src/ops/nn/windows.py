"""Window geometry shared by convolutions and pooling: padding, output sizes, strided views.

``geometry`` gives, for one spatial axis, TensorFlow's output size and the padding before
and after (``SAME`` puts the odd pixel after, as TF does). ``taps`` yields the strided
views of a padded NHWC array that one window position (``i``, ``j``) sees across every
output pixel, so kernels loop over the few window taps, never over pixels.
"""

from __future__ import annotations

from collections.abc import Sized

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape


# -- wrapper-side argument handling (TF's nn_ops helpers) ---------------------------------------
def get_sequence(value, n, channel_index, name):
    """``value`` as a list of ``n + 2`` ints: TF's ``_get_sequence`` (1, n or n + 2 values)."""
    if value is None:
        return [1] * (n + 2)
    if isinstance(value, (list, tuple)):
        value = list(value)
    elif isinstance(value, int) or not isinstance(value, Sized):
        value = [value]
    else:
        value = list(value)
    if len(value) == n + 2:
        return value
    length = len(value)
    if length == 1:
        value = value * n
    elif length != n:
        raise ValueError(f"{name} should be of length 1, {n} or {n + 2}. Received: {name}={value} of length {length}")
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def convert_padding(padding, expected_length=4):
    """``(padding, explicit_paddings)`` from a string or a list of ``[before, after]`` pairs."""
    explicit = []
    if padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, `padding` must be "
                         "a list.")
    if isinstance(padding, (list, tuple)):
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError(f"When `padding` is a list, each element of `padding` must be a list/tuple of size 2. "
                                 f"Received: padding={padding} with element at index {i} of type {type(pair)}")
            if len(pair) != 2:
                raise ValueError(f"When `padding` is a list, each element of `padding` must be a list/tuple of size 2. "
                                 f"Received: padding={padding} with element at index {i} of size {len(pair)}")
            explicit.extend(pair)
        if len(padding) != expected_length:
            raise ValueError(f"When padding is a list, it must be of size {expected_length}. Received: "
                             f"padding={padding} of size {len(padding)}")
        padding = "EXPLICIT"
    return padding, explicit


def check_padding(op_type, padding, allowed=("SAME", "VALID", "EXPLICIT")):
    """TF's ``_apply_op_helper`` check of a string attr against its allowed values."""
    if not isinstance(padding, str):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    if padding not in allowed:
        shown = ", ".join(f'"{a}"' for a in allowed)
        raise ValueError(f"Attr 'padding' of '{op_type}' Op passed string '{padding}' not in: {shown}.")


def check_int_list(op_name, attr, value):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{attr}' argument to '{op_name}' Op, not {value!r}.")
    return [int(v) for v in value]


# -- geometry ---------------------------------------------------------------------------------------
def geometry(size, k, stride, dilation, padding, explicit=(0, 0)):
    """``(out, pad_before, pad_after)`` for one spatial axis, or raise TF's negative-size error."""
    eff = (k - 1) * dilation + 1
    if padding == "SAME":
        out = -(-size // stride)
        total = max((out - 1) * stride + eff - size, 0)
        return out, total // 2, total - total // 2
    before, after = (explicit if padding == "EXPLICIT" else (0, 0))
    padded = size + before + after
    if padded < eff:
        raise ShapeError(f"Negative dimension size caused by subtracting {eff} from {padded}")
    return (padded - eff + stride) // stride, before, after


def static_size(size, k, stride, dilation, padding, explicit=(0, 0)):
    """The output size along one axis from static dims (``None`` when unknown)."""
    if size is None or k is None:
        return None
    return geometry(size, k, stride, dilation, padding, explicit)[0]


def spatial(attrs):
    """``(h_index, w_index, channel_index)`` of the op's ``data_format``."""
    return (2, 3, 1) if attrs.get("data_format", "NHWC").startswith("NC") else (1, 2, 3)


def check_rank(shape: TensorShape, rank: int):
    if shape.ndims is not None and shape.ndims != rank:
        raise ShapeError(f"Shape must be rank {rank} but is rank {shape.ndims}")


def check_explicit(attrs):
    """TF's checks of ``explicit_paddings`` (8 values, zero on batch and depth)."""
    if attrs.get("padding") != "EXPLICIT":
        return
    pads = list(attrs.get("explicit_paddings", []))
    if len(pads) != 8:
        raise ShapeError(f"explicit_paddings attribute must contain 8 values, but got: {len(pads)}")
    h, w, c = spatial(attrs)
    if pads[0] or pads[1] or pads[2 * c] or pads[2 * c + 1]:
        raise ShapeError("Nonzero explicit padding in the batch or depth dimensions is not supported")


def explicit_pair(attrs, axis):
    pads = list(attrs.get("explicit_paddings", [])) or [0] * 8
    return pads[2 * axis], pads[2 * axis + 1]


# -- kernels' helpers ---------------------------------------------------------------------------------
class Windows:
    """The padding and output size of a 2-D window op for one input height and width."""

    __slots__ = ("oh", "ow", "pads", "kh", "kw", "sh", "sw", "dh", "dw")

    def __init__(self, attrs, h, w, kh, kw):
        strides = attrs["strides"]
        dil = attrs.get("dilations", [1, 1, 1, 1])
        ih, iw, _ = spatial(attrs)
        self.kh, self.kw, self.sh, self.sw, self.dh, self.dw = kh, kw, strides[ih], strides[iw], dil[ih], dil[iw]
        padding = attrs["padding"]
        self.oh, top, bottom = geometry(h, kh, self.sh, self.dh, padding, explicit_pair(attrs, ih))
        self.ow, left, right = geometry(w, kw, self.sw, self.dw, padding, explicit_pair(attrs, iw))
        self.pads = (top, bottom, left, right)

    def padded_size(self, h, w):
        """A padded height and width that hold every window (some rows may go unused)."""
        top, bottom, left, right = self.pads
        need_h = (self.oh - 1) * self.sh + (self.kh - 1) * self.dh + 1
        need_w = (self.ow - 1) * self.sw + (self.kw - 1) * self.dw + 1
        return max(h + top + bottom, need_h), max(w + left + right, need_w)

    def pad(self, x, value=0):
        """``x`` (NHWC) padded to ``padded_size`` with ``value``."""
        n, h, w, c = x.shape
        ph, pw = self.padded_size(h, w)
        top, _, left, _ = self.pads
        if (ph, pw) == (h, w):
            return x
        out = np.full((n, ph, pw, c), value, dtype=x.dtype)
        out[:, top:top + h, left:left + w, :] = x
        return out

    def crop(self, xp, h, w):
        top, _, left, _ = self.pads
        return xp[:, top:top + h, left:left + w, :]

    def tiles(self, x):
        """``x`` (NHWC) as ``(N, oh, kh, ow, kw, C)`` when the windows tile it exactly (stride
        equal to the window, no dilation, no padding, no pixel left over), else ``None``. The
        view is a reshape, so a kernel reads ``x`` once, in memory order, instead of once per
        tap through strided views."""
        n, h, w, c = x.shape
        if ((self.sh, self.sw, self.dh, self.dw) != (self.kh, self.kw, 1, 1) or any(self.pads)
                or (h, w) != (self.oh * self.kh, self.ow * self.kw)):
            return None
        return x.reshape(n, self.oh, self.kh, self.ow, self.kw, c)

    def taps(self, xp):
        """``(t, view)`` for each window tap: ``view[n, y, x, c] = xp[n, y*sh + i*dh, x*sw + j*dw, c]``."""
        t = 0
        for i in range(self.kh):
            for j in range(self.kw):
                y0, x0 = i * self.dh, j * self.dw
                yield t, xp[:, y0:y0 + (self.oh - 1) * self.sh + 1:self.sh, x0:x0 + (self.ow - 1) * self.sw + 1:self.sw]
                t += 1

    def patches(self, xp):
        """The im2col matrix ``(N*oh*ow, kh*kw*C)`` of padded ``xp`` (one copy of a strided view).

        With very few channels a row-major copy gathers a handful of bytes per step, so the
        matrix is built transposed, one contiguous block per window tap, and returned as a
        (Fortran-ordered) transposed view; ``np.matmul`` takes either layout as is.
        """
        n, _, _, c = xp.shape
        if c <= 2:
            cols = np.empty((self.kh, self.kw, c, n, self.oh, self.ow), dtype=xp.dtype)
            for t, view in self.taps(xp):
                cols[t // self.kw, t % self.kw] = np.moveaxis(view, 3, 0)
            return cols.reshape(self.kh * self.kw * c, n * self.oh * self.ow).T
        s = xp.strides
        view = np.lib.stride_tricks.as_strided(
            xp, shape=(n, self.oh, self.ow, self.kh, self.kw, c),
            strides=(s[0], s[1] * self.sh, s[2] * self.sw, s[1] * self.dh, s[2] * self.dw, s[3]),
            writeable=False)
        return view.reshape(n * self.oh * self.ow, self.kh * self.kw * c)


def check_batch_depth(op, attrs, names=("strides",), pooling=False):
    """TF's runtime refusals of strides, dilations or windows over batch or depth."""
    h, w, c = spatial(attrs)
    for name in names:
        values = attrs.get(name)
        if values is None or (values[0] == 1 and values[c] == 1):
            continue
        if pooling:
            if values[0] != 1:
                raise errors.UnimplementedError(None, op, "Pooling is not yet supported on the batch dimension.")
            # TF pools across depth only when the window is 1x1 in space; scopeflow does not pool across depth.
            message = "MaxPooling supports exactly one of pooling across depth or pooling across width/height." \
                if attrs["ksize"][h] != 1 or attrs["ksize"][w] != 1 else "Pooling across depth is not supported."
            raise errors.UnimplementedError(None, op, message)
        if name == "dilations":
            raise errors.InvalidArgumentError(
                None, op, "Current implementation does not yet support dilations in the batch and depth dimensions.")
        raise errors.UnimplementedError(
            None, op, "Current implementation does not yet support strides in the batch and depth dimensions.")


def nhwc(kernel, attrs, in_formats, out_format=True):
    """Wrap an NHWC ``kernel`` for ``data_format="NCHW"``: transpose flagged inputs in and the output back."""
    if not attrs.get("data_format", "NHWC").startswith("NC"):
        return kernel

    def wrapped(*args):
        args = [np.transpose(a, (0, 2, 3, 1)) if flag else a for a, flag in zip(args, in_formats)]
        out = kernel(*args)
        return np.ascontiguousarray(np.transpose(out, (0, 3, 1, 2))) if out_format else out
    return wrapped
