"""Conformance cases for shape ops: identity, placeholders, shape/size/rank, reshape,
expand_dims, squeeze, transpose, broadcast_to, stop_gradient, zeros/ones/fill and ``_like``."""
