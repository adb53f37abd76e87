"""TensorFlow's strided-slice semantics: from (begin, end, strides, masks) to a NumPy index
and a static shape, with the checks and messages of ``ValidateStridedSliceOp``."""

from __future__ import annotations

import dataclasses

MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
NEW_AXIS = -1
SHRINK = -2


class SliceError(ValueError):
    """A strided-slice spec that TensorFlow refuses (its message)."""


def index_tuple(begin, end, strides, attrs):
    """The NumPy index equivalent to a sparse strided-slice spec (masks in ``attrs``)."""
    bm, em, elm, nm, sm = (attrs[m] for m in MASKS)
    index = []
    for i, s in enumerate(strides):
        bit = 1 << i
        if elm & bit:
            index.append(Ellipsis)
        elif nm & bit:
            index.append(None)
        elif sm & bit:
            index.append(int(begin[i]))
        else:
            index.append(slice(None if bm & bit else int(begin[i]), None if em & bit else int(end[i]), int(s)))
    return tuple(index)


@dataclasses.dataclass
class DenseSpec:
    """The spec expanded to one entry per input dimension (``final`` maps output dims)."""

    begin: list
    end: list
    strides: list
    begin_mask: int = 0
    end_mask: int = 0
    shrink_mask: int = 0
    final: list = dataclasses.field(default_factory=list)


def dense_spec(rank, begin, end, strides, attrs):
    """Expand ellipsis and new axes against an input of ``rank`` dims (``begin``/``end`` may be None)."""
    elm, nm = attrs["ellipsis_mask"], attrs["new_axis_mask"]
    if elm & (elm - 1):
        raise SliceError("Multiple ellipses in slice spec not allowed")
    n = len(strides)
    after_ellipsis, seen = 0, False
    for i in range(n):
        if seen and nm & (1 << i):
            after_ellipsis += 1
        if elm & (1 << i):
            seen = True
    if not seen:
        elm |= 1 << n
        n += 1
    spec = DenseSpec([0] * rank, [0] * rank, [1] * rank)
    full = 0
    for i in range(n):
        bit = 1 << i
        if elm & bit:
            stop = min(rank - (n - i) + 1 + after_ellipsis, rank)
            while full < stop:
                spec.begin_mask |= 1 << full
                spec.end_mask |= 1 << full
                spec.final.append(full)
                full += 1
        elif nm & bit:
            spec.final.append(NEW_AXIS)
        else:
            if full == rank:
                raise SliceError(f"Index out of range using input dim {full}; input has only {rank} dims")
            spec.begin[full] = None if begin is None else int(begin[i])
            spec.end[full] = None if end is None else int(end[i])
            spec.strides[full] = int(strides[i])
            if attrs["begin_mask"] & bit:
                spec.begin_mask |= 1 << full
            if attrs["end_mask"] & bit:
                spec.end_mask |= 1 << full
            if attrs["shrink_axis_mask"] & bit:
                spec.final.append(SHRINK)
                spec.shrink_mask |= 1 << full
            else:
                spec.final.append(full)
            full += 1
    return spec


def check_strides(spec):
    for i, s in enumerate(spec.strides):
        if s == 0:
            raise SliceError(f"strides[{i}] must be non-zero")


def output_dims(spec, dims, known):
    """The output dims (``None`` unknown) for input ``dims``; ``known`` says begin/end are known."""
    processing = []
    for i, dim in enumerate(dims):
        stride = spec.strides[i]
        shrink = bool(spec.shrink_mask & (1 << i))
        if dim is None:
            processing.append(1 if shrink else None)
            continue
        if shrink and stride <= 0:
            raise SliceError("only stride 1 allowed on non-range indexing.")
        masked = (bool(spec.begin_mask & (1 << i)), bool(spec.end_mask & (1 << i)))
        length = None
        if known:
            if shrink:
                b = spec.begin[i] + dim if spec.begin[i] < 0 else spec.begin[i]
                if b < 0 or b >= dim:
                    raise SliceError(f"slice index {b} of dimension {i} out of bounds.")
                length = 1
            else:
                length = _canonical(spec.end[i], 1, stride, dim, masked) - _canonical(spec.begin[i], 0, stride, dim,
                                                                                       masked)
        elif shrink:
            length = 1
        elif masked[0] and masked[1]:
            length = -dim if stride < 0 else dim
        if length is None:
            processing.append(None)
        elif length == 0 or (length < 0) != (stride < 0):
            processing.append(0)
        else:
            processing.append(_ceil_div(length, stride))
    return [1 if g == NEW_AXIS else processing[g] for g in spec.final if g != SHRINK]


def _ceil_div(a, b):
    q, r = divmod(abs(a), abs(b))
    return q + (1 if r else 0)


def _canonical(x, c, stride, dim, masked):
    lo, hi = (0, dim) if stride > 0 else (-1, dim - 1)
    if masked[c]:
        return (lo, hi)[c] if stride > 0 else (lo, hi)[(c + 1) & 1]
    x = dim + x if x < 0 else x
    return lo if x < lo else hi if x > hi else x
