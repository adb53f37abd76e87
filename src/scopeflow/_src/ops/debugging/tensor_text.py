"""TensorFlow's text for tensors in ``tf.print`` and ``tf.strings.format``
(``Tensor::SummarizeValue`` with ``print_v2``): NumPy-like nested brackets, rows on new lines,
``...`` between the first and last ``summarize`` entries of each dimension longer than twice
that, strings quoted and C-escaped (``"a\\n"``), bools as ``1``/``0``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.ops.common.value_text import c_escape, element_text


def _element(x) -> str:
    if isinstance(x, (bytes, np.bytes_)):
        return f'"{c_escape(bytes(x))}"'
    return element_text(x)


def summarize_v2(value, summarize=3) -> str:
    """``value`` as ``tf.print`` shows it, ``summarize`` entries at each end of a dimension
    (a negative ``summarize``: every entry).

    >>> import numpy as np
    >>> summarize_v2(np.arange(10))
    '[0 1 2 ... 7 8 9]'
    >>> print(summarize_v2(np.arange(4).reshape(2, 2)))
    [[0 1]
     [2 3]]
    """
    array = np.asarray(value)
    flat = array.reshape(-1)
    limit = flat.size if summarize < 0 else min(summarize, flat.size)
    if array.ndim == 0:
        return " ".join(_element(flat[i]) for i in range(limit)) + ("..." if flat.size > limit else "")
    out: list[str] = []
    _one_dim(0, array.shape, limit, flat, 0, out)
    return "".join(out)


def _spacing(dim: int, ndims: int) -> str:
    if dim == ndims - 1:
        return " "
    return "\n" * (ndims - dim - 1) + " " * (dim + 1)


def _one_dim(dim, shape, ends, flat, start, out) -> None:
    if dim == len(shape):
        out.append(_element(flat[start]))
        return
    out.append("[")
    count = shape[dim]
    step = int(np.prod(shape[dim + 1:], dtype=np.int64))
    for i in range(min(ends, count)):
        if i:
            out.append(_spacing(dim, len(shape)))
        _one_dim(dim + 1, shape, ends, flat, start + step * i, out)
    if count > 2 * ends:
        out.append(_spacing(dim, len(shape)))
        out.append("...")
    for i in range(max(ends, count - ends), count):
        out.append(_spacing(dim, len(shape)))
        _one_dim(dim + 1, shape, ends, flat, start + step * i, out)
    out.append("]")
