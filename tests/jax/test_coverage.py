"""Every registered op has a JAX lowering or is on ``xla/coverage.py``'s documented lists."""

from scopeflow._src.framework import registry
from scopeflow._src.xla import coverage
from tests.ops.samples import load

load()


def test_every_op_is_lowered_or_listed():
    ops = registry.registered()
    missing = sorted(n for n, d in ops.items()
                     if d.lower is None and n not in coverage.HOST_OPS | coverage.NOT_YET_LOWERED | coverage.PLAN_OPS)
    assert missing == [], f"ops with no lowering, not on a list in xla/coverage.py: {missing}"


def test_the_lists_hold_only_registered_ops_without_lowerings():
    ops = registry.registered()
    listed = coverage.HOST_OPS | coverage.NOT_YET_LOWERED | coverage.PLAN_OPS
    assert sorted(n for n in listed if n not in ops) == []
    assert sorted(n for n in listed if ops[n].lower is not None) == [], "lowered now: take them off the list"
    assert not coverage.HOST_OPS & coverage.NOT_YET_LOWERED and not coverage.PLAN_OPS & coverage.NOT_YET_LOWERED
