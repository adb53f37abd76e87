"""Control-flow ops: ``Switch`` and ``Merge`` through ``tf.cond`` (both branches, gradients
through the one taken), ``Assert``, and the loop ops through ``tf.while_loop``."""

import numpy as np

from tests.ops.samples import F64, exempt, sample

_P_TRUE, _P_FALSE = np.bool_(True), np.bool_(False)


def _cond(tf, p, x, y):
    return tf.cond(p, lambda: tf.sin(x) * y, lambda: x * x - y)


for _p in (_P_TRUE, _P_FALSE):
    for _op in ("Switch", "Merge"):
        sample(_op, [_p, F64(2, 3), F64(3, seed=1)],
               lambda p, x, y: np.sin(x) * y if p else x * x - y, second_order=True)(_cond)


@sample("Assert", [F64(4)], lambda x: x)
def _(tf, x):
    with tf.control_dependencies([tf.Assert(tf.reduce_all(x < 2.0), [x])]):
        return tf.identity(x)


exempt("RefSwitch", "routes a variable reference: tests/control/test_cond.py (assign in a branch)")
exempt("RefMerge", "joins references: tests/control/test_cond.py (assign in both branches)")


def _loop_reference(x, y):
    for _ in range(3):
        x = np.sin(x) * y
    return x


for _op in ("Enter", "Merge", "Switch", "LoopCond", "NextIteration", "Exit"):
    @sample(_op, [F64(2, 3), F64(3, seed=1)], _loop_reference, grad=False)
    def _(tf, x, y):
        return tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.sin(v) * y), [0, x])[1]


for _op in ("RefEnter", "RefExit", "RefNextIteration"):
    exempt(_op, "carry variable references through a loop: tests/control/test_while.py")
