"""``scopeflow ckpt diff A B``: added, removed and reshaped tensors, and the largest change.

Exit status as ``diff(1)``: 0 when the checkpoints hold the same tensors and values
(within ``--atol``), 1 when they differ.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.cli import fmt
from scopeflow._src.cli.paths import UsageError, resolve


def largest_change(a: np.ndarray, b: np.ndarray):
    """``(max |a - b|, index)`` over elements (NaN where both are NaN counts as equal, NaN
    against a number as infinite); for strings ``(number of differing elements, None)``."""
    if a.dtype == object:
        return float(sum(x != y for x, y in zip(a.ravel(), b.ravel()))), None
    wide = np.complex128 if a.dtype.kind == "c" else np.float64
    x, y = a.astype(wide).reshape(-1), b.astype(wide).reshape(-1)
    delta = np.abs(x - y)
    delta[np.isnan(x) & np.isnan(y)] = 0.0
    delta[np.isnan(delta)] = np.inf
    if delta.size == 0:
        return 0.0, None
    flat = int(np.argmax(delta))
    return float(delta[flat]), [int(i) for i in np.unravel_index(flat, a.shape)]


def run(args, out) -> int:
    if not args.atol >= 0:  # NaN compares false: it would call every change equal
        raise UsageError(f"--atol must be a number >= 0, not {args.atol:g}")
    prefix_a, prefix_b = resolve(args.a), resolve(args.b)
    lines, same = [], 0
    with BundleReader(prefix_a) as ra, BundleReader(prefix_b) as rb:
        ea, eb = ra.entries, rb.entries
        for name in sorted(set(ea) | set(eb)):
            if name not in eb:
                lines.append(f"- {name}  {fmt.dtype(ea[name].dtype)} {fmt.shape(ea[name].shape)}")
            elif name not in ea:
                lines.append(f"+ {name}  {fmt.dtype(eb[name].dtype)} {fmt.shape(eb[name].shape)}")
            elif ea[name].dtype != eb[name].dtype or ea[name].shape != eb[name].shape:
                lines.append(f"~ {name}  {fmt.dtype(ea[name].dtype)} {fmt.shape(ea[name].shape)} -> "
                             f"{fmt.dtype(eb[name].dtype)} {fmt.shape(eb[name].shape)}")
            else:
                change, where = largest_change(ra.read(name), rb.read(name))
                if change > args.atol:
                    what = (f"{int(change)} of {ea[name].num_elements} strings differ" if where is None and
                            ea[name].dtype == 7 else f"max |a-b| = {change:.6g}" + (f" at {where}" if where else ""))
                    lines.append(f"* {name}  {what}")
                else:
                    same += 1
    print(f"--- {prefix_a}\n+++ {prefix_b}", file=out)
    for line in lines:
        print(line, file=out)
    print(f"{same} tensors equal" + (f" (within {args.atol:g})" if args.atol else "") +
          f", {len(lines)} differ", file=out)
    return 1 if lines else 0
