"""Cached ``Session.run`` steps for calls that feed ``SparseTensor``s.

A ``SparseTensor`` feed key stands for three fed tensors (``indices``, ``values``,
``dense_shape``), so the value of such a key is split in three before the compiled step
converts the values (``feeds.FeedSpec``). A value that has not exactly three parts (TF zips,
so two parts feed only ``indices`` and ``values``) takes the full path of ``run`` again.
"""

from __future__ import annotations

from scopeflow._src.framework.sparse_tensor import SparseTensor


def sparse_mask(keys):
    """Which of ``keys`` are ``SparseTensor``s, or ``None`` when none is."""
    mask = [isinstance(k, SparseTensor) for k in keys]
    return mask if any(mask) else None


def split_values(values, mask):
    """The fed values with each ``SparseTensor``'s value split in its three parts, in feed
    order; ``None`` if one has not three parts."""
    out = []
    for value, is_sparse in zip(values, mask):
        if is_sparse:
            parts = tuple(value)
            if len(parts) != 3:
                return None
            out.extend(parts)
        else:
            out.append(value)
    return out


def expanded_feed_count(feed_dict, mask) -> int | None:
    """How many tensors ``feed_dict`` feeds when each sparse value has three parts and no key
    is a tuple; ``None`` otherwise (such calls are not cached)."""
    count = 0
    for (key, value), is_sparse in zip(feed_dict.items(), mask):
        if isinstance(key, (tuple, list)):
            return None
        if is_sparse:
            if not isinstance(value, tuple) or len(value) != 3:
                return None
            count += 3
        else:
            count += 1
    return count


def sparse_step(step, mask, slow):
    """A step taking the values of the feed dict's keys: ``step`` on the split values, or
    ``slow(values)`` (run's full path) when a sparse value has not three parts."""
    def run_sparse(values):
        flat = split_values(values, mask)
        return slow(values) if flat is None else step(flat)
    return run_sparse
