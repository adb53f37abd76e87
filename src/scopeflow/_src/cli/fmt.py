"""Text formatting for the command: sizes, shapes, dtypes and aligned tables."""

from __future__ import annotations

from scopeflow._src.checkpoint import bundle_format
from scopeflow._src.framework import dtypes


def size(n: int) -> str:
    """``512 B``, ``1.5 KiB``, ``3.2 MiB``..."""
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{n} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def shape(dims) -> str:
    return "[" + ", ".join(str(d) for d in dims) + "]"


def dtype(enum: int) -> str:
    try:
        return dtypes.as_dtype(enum).name
    except TypeError:
        return bundle_format.tf_type_name(enum)


def count(n: int) -> str:
    return f"{n:,}"


def table(rows, right=()) -> list[str]:
    """Rows of cells as aligned lines; columns in ``right`` are right-aligned."""
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return lines
