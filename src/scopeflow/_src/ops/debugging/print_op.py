"""TF1's ``tf.Print``: the identity of its input that, each time it runs (the first
``first_n`` times when ``first_n`` is positive), writes ``message`` and then each data tensor,
summarized to ``summarize`` elements in brackets (``msg: [1 2...][hi]``), and a newline to
standard error. TensorFlow writes it from C++ to file descriptor 2, and so does scopeflow
(``os.write``): capture it with ``os.dup2``, not ``sys.stderr``.
"""

from __future__ import annotations

import os
import sys

from scopeflow._src.framework import registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import infer_outputs
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.value_text import summarize as summarize_value

# ``data`` is a type list (``U``), expanded through a private count attribute as for ``Assert``.
_COUNT = "_num_data"


def write_stderr(text: str) -> None:
    """``text`` written to file descriptor 2 whole, after what Python's ``sys.stderr`` holds."""
    sys.stderr.flush()
    data = text.encode("utf-8", "backslashreplace")
    while data:
        data = data[os.write(2, data):]


def _print_factory(op, state):
    attrs = op._attrs
    first_n, n = attrs["first_n"], attrs["summarize"]
    count = [0]

    def run(x, *data):
        with state.lock:
            if first_n >= 0:
                if count[0] >= first_n:
                    return x
                count[0] += 1
        write_stderr(attrs["message"] + "".join(f"[{summarize_value(d, n)}]" for d in data) + "\n")
        return x
    return run


registry.register(OpDef("Print", inputs=["input: T", Arg("data", type_attr="U", number_attr=_COUNT)],
                        outputs=["output: T"], shape=shape_fns.unchanged, factory=_print_factory, stateful=True,
                        defaults={"message": "", "first_n": -1, "summarize": 3}))


def Print(input_, data, message=None, first_n=None, summarize=None, name=None):  # noqa: N802 - TensorFlow's name
    """``input_``, printing ``message`` and ``data`` to standard error each time it runs.

    >>> import scopeflow as tf
    >>> x = tf.constant([1, 2])
    >>> tf.Print(x, [x], message="x: ").name
    'Print:0'
    """
    with name_scope(name, "Print") as scope:
        input_ = convert_to_tensor(input_, name="input")
        data = [convert_to_tensor(d, name=f"data_{i}") for i, d in enumerate(data)]
        attrs = {"T": input_.dtype.base_dtype, "U": [d.dtype.base_dtype for d in data],
                 "message": "" if message is None else message, "first_n": -1 if first_n is None else first_n,
                 "summarize": 3 if summarize is None else summarize, _COUNT: len(data)}
        return add_op("Print", scope, [input_] + data, attrs)._outputs[0]


def add_op(op_type, scope, inputs, attrs):
    """An op of ``op_type`` named ``scope`` (a name scope, ``Print/``) on tensors ``inputs``: for
    the ops with a list of tensors of several dtypes, which ``op_builder.create`` does not take."""
    outputs = infer_outputs(registry.get(op_type), scope[:-1], inputs, attrs)
    return default_graph()._add_op(op_type, scope[:-1], inputs, attrs, outputs)
