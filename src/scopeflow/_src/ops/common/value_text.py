"""TensorFlow's text for tensor values in run-time messages (``Tensor::SummarizeValue``), as
``tf.Assert`` prints its data: ``1 2.5``, ``[1 2][3...]...``, floats in their shortest
round-trip form (``0.1``, ``1e-07``), bools as ``1``/``0``, strings C-escaped (``a\\"b``)."""

from __future__ import annotations

import numpy as np

_ESCAPES = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x22: '\\"', 0x27: "\\'", 0x5C: "\\\\"}


def c_escape(data: bytes) -> str:
    """``data`` escaped as C++'s ``absl::CEscape`` does (other bytes outside printable ASCII in octal).

    >>> print(c_escape(b'a"b\\n'))
    a\\"b\\n
    """
    return "".join(_ESCAPES.get(b) or (chr(b) if 0x20 <= b < 0x7F else f"\\{b:03o}") for b in data)


def element_text(x) -> str:
    if isinstance(x, (bytes, np.bytes_)):
        return c_escape(bytes(x))
    if isinstance(x, (bool, np.bool_)):
        return "1" if x else "0"
    if isinstance(x, np.floating):
        digits = (6, 9) if x.dtype.itemsize <= 4 else (15, 17)
        text = "%.*g" % (digits[0], x)
        if type(x)(text) != x and not np.isnan(x):
            text = "%.*g" % (digits[1], x)
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(text, text)
    if isinstance(x, np.complexfloating):
        return f"({element_text(x.real)},{element_text(x.imag)})"
    return str(x)


def summarize(value, limit=3) -> str:
    """The first ``limit`` elements of ``value`` (``None`` or negative: all), nested rows in
    brackets, ``...`` where elements were left out."""
    array = np.asarray(value)
    flat = array.reshape(-1)
    n = flat.size if limit is None or limit < 0 else min(limit, flat.size)
    if array.ndim == 0:
        text = " ".join(element_text(flat[i]) for i in range(n))
    else:
        out, index = [], [0]
        _one_dim(0, array.shape, n, flat, index, out)
        text = "".join(out)
    return text + ("..." if flat.size > n else "")


def _one_dim(dim, shape, limit, flat, index, out) -> None:
    if index[0] >= limit:
        return
    if dim == len(shape) - 1:
        for i in range(shape[dim]):
            if index[0] >= limit:
                if dim:
                    out.append("...")
                return
            if i:
                out.append(" ")
            out.append(element_text(flat[index[0]]))
            index[0] += 1
        return
    for _ in range(shape[dim]):
        opened = index[0] < limit
        if opened:
            out.append("[")
        _one_dim(dim + 1, shape, limit, flat, index, out)
        if index[0] < limit or opened:
            out.append("]")
