"""The debugging ops: ``CheckNumerics`` and ``Print`` (identities with a check or a side
effect), ``StringFormat`` and ``PrintV2``. Their graphs, messages and printed text are tested
in the ``debugging`` conformance area."""

import numpy as np

from scopeflow._src.ops.debugging.print_v2 import string_format  # tf.strings.format
from tests.ops.samples import F32, F64, I32, sample


@sample("CheckNumerics", [F64(2, 3)], lambda x: x)
def _(tf, x):
    return tf.check_numerics(x, "finite")


@sample("CheckNumerics", [F32(4)], lambda x: x * 2)
def _(tf, x):
    return tf.verify_tensor_all_finite(x, "finite") * 2


@sample("Print", [F64(3), I32(2)], lambda x, y: x)
def _(tf, x, y):
    return tf.Print(x, [x, y, "label"], message="sample: ")


@sample("StringFormat", [np.array([[1, 2], [3, 4]], np.int32)], lambda x: np.array(b"x = [[1 2]\n [3 4]]", object),
        grad=False)
def _(tf, x):
    return string_format("x = {}", [x])


@sample("PrintV2", [F64(3)], lambda x: x)
def _(tf, x):
    with tf.control_dependencies([tf.print("sample:", x)]):
        return tf.identity(x)
