"""Control-flow ops: ``Switch`` and ``Merge`` through ``tf.cond`` (both branches, gradients
through the one taken), ``Assert``, and the loop ops through ``tf.while_loop``."""

import numpy as np

from scopeflow._src.ops.control import api  # noqa: F401 - registers the control-flow ops (loaded on first use)
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
    @sample(_op, [F64(2, 3), F64(3, seed=1)], _loop_reference)
    def _(tf, x, y):
        return tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.sin(v) * y), [0, x])[1]


for _op in ("RefEnter", "RefExit", "RefNextIteration"):
    exempt(_op, "carry variable references through a loop: tests/control/test_while.py")


def _squares_reference(x):
    return np.cumsum(x * x, axis=0)


def _running_sum_of_squares(tf, x, maximum_iterations=None):
    """A running sum of squares in a loop over a TensorArray: its gradient pops the loop's
    history from stacks and reads and writes gradient arrays (on the JAX target, stacks need
    the loop's ``maximum_iterations``)."""
    elems = tf.TensorArray(tf.float64, size=4).unstack(x)
    out = tf.TensorArray(tf.float64, size=4)

    def body(i, total, out):
        total = total + tf.square(elems.read(i))
        return i + 1, total, out.write(i, total)
    _, _, out = tf.while_loop(lambda i, *_: i < 4, body, (0, tf.zeros([3], tf.float64), out),
                              maximum_iterations=maximum_iterations)
    return out.stack()


for _op in ("TensorArrayV3", "TensorArrayScatterV3", "TensorArrayReadV3", "TensorArrayWriteV3",
            "TensorArrayGatherV3"):
    sample(_op, [F64(4, 3)], _squares_reference)(_running_sum_of_squares)

for _op in ("TensorArrayGradV3", "StackV2", "StackPushV2", "StackPopV2"):  # built by the gradient of a loop
    @sample(_op, [F64(4, 3)], lambda x: 2 * x * np.arange(4, 0, -1)[:, None], grad=False)
    def _(tf, x):
        return tf.gradients(tf.reduce_sum(_running_sum_of_squares(tf, x, maximum_iterations=4)), x)[0]


@sample("TensorArrayConcatV3", [F64(5, 2)], lambda x: x)
def _(tf, x):
    return tf.reshape(tf.TensorArray(tf.float64, size=2, infer_shape=False).split(x, [2, 3]).concat(), [5, 2])


@sample("TensorArraySplitV3", [F64(6, 2)], lambda x: x * 2.0)
def _(tf, x):  # pieces of one length (the JAX target keeps elements of one shape; TensorArrayConcatV3's differ)
    return tf.reshape(tf.TensorArray(tf.float64, size=2).split(x * 2.0, [3, 3]).concat(), [6, 2])


@sample("TensorArraySizeV3", [F64(3)], lambda x: np.int32(2))
def _(tf, x):
    return tf.TensorArray(tf.float64, size=0, dynamic_size=True).write(0, x).write(1, x).size()


@sample("TensorArrayCloseV3", [F64(3)], lambda x: x)
def _(tf, x):
    ta = tf.TensorArray(tf.float64, size=1).write(0, x)
    value = ta.read(0)
    with tf.control_dependencies([ta.close()]):
        return tf.identity(value)


exempt("ControlTrigger", "runs in every loop gradient with a cond in the body: tests/conformance/cases/control_while")
