"""Op definitions; importing this package registers every op and the tensor operators."""

from scopeflow._src.ops import array_ops, control_flow_ops, linalg_ops, math_ops, operators, random_ops, state_ops  # noqa: F401
