"""``tf.print`` and ``tf.strings.format``: ``StringFormat`` puts each tensor's text
(``tensor_text.summarize_v2``) in place of a placeholder of its template, and ``PrintV2`` writes
a string, then ``end``, to ``stderr``/``stdout`` (file descriptors 2 and 1, as TF's C++ does),
to a ``file://`` path (appended), or to the ``"scopeflow"`` logger (``log(info)``...).
``tf.print`` builds the template as TF does: Python values shown with ``pprint.pformat`` and
tensors (anywhere in nested lists and dicts) replaced by placeholders.
"""

from __future__ import annotations

import os
import pprint
import random
import sys

from scopeflow._src.framework import errors, nest, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.debugging.print_op import add_op, write_stderr
from scopeflow._src.ops.debugging.tensor_text import summarize_v2

_COUNT = "_num_inputs"  # ``inputs`` is a type list (``T``), expanded through a private count attribute
_LOG_LEVELS = {"log(info)": 20, "log(warning)": 30, "log(error)": 40}


def _string_format_factory(op, state):
    attrs = op._attrs
    pieces = attrs["template"].split(attrs["placeholder"])

    def run(*values):
        if len(pieces) - 1 != len(values):
            raise errors.InvalidArgumentError(None, op, f"num placeholders in template and num inputs must match: "
                                                        f"{len(pieces) - 1} vs. {len(values)}")
        texts = [summarize_v2(v, attrs["summarize"]) for v in values]
        return "".join(p + t for p, t in zip(pieces, texts + [""])).encode("utf-8")
    return run


def _write(stream: str, text: str) -> None:
    if stream == "stderr":
        write_stderr(text)
    elif stream == "stdout":
        sys.stdout.flush()
        data = text.encode("utf-8", "backslashreplace")
        while data:
            data = data[os.write(1, data):]
    elif stream.startswith("file://"):
        with open(stream[len("file://"):], "a", encoding="utf-8") as f:
            f.write(text)
    else:
        import logging  # loaded on first use: Python's logging costs import time

        logging.getLogger("scopeflow").log(_LOG_LEVELS[stream], "%s", text)


def _print_v2_factory(op, state):
    stream, end = op._attrs["output_stream"], op._attrs["end"]

    def run(value):
        _write(stream, bytes(value.item() if hasattr(value, "item") else value).decode("utf-8", "replace") + end)
    return run


registry.register(OpDef("StringFormat", inputs=[Arg("inputs", type_attr="T", number_attr=_COUNT)],
                        outputs=["output: string"], shape=lambda inputs, attrs: TensorShape([]),
                        factory=_string_format_factory,
                        defaults={"template": "%s", "placeholder": "%s", "summarize": 3}))
registry.register(OpDef("PrintV2", inputs=["input: string"], outputs=(), factory=_print_v2_factory, stateful=True,
                        defaults={"output_stream": "stderr", "end": "\n"}))


def string_format(template, inputs, placeholder="{}", summarize=3, name=None):
    """A scalar string: ``template`` with each ``placeholder`` replaced by the text of the
    next tensor of ``inputs``.

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     sess.run(string_format("x = {}", [tf.range(10)]))
    b'x = [0 1 2 ... 7 8 9]'
    """
    if isinstance(inputs, Tensor):
        inputs = [inputs]
    if template.count(placeholder) != len(inputs):
        raise ValueError(f"The template expects {template.count(placeholder)} tensors, but the inputs only has "
                         f"{len(inputs)}. Please ensure the number of placeholders in template matches inputs "
                         "length.")
    with name_scope(name, "StringFormat") as scope:
        tensors = [convert_to_tensor(x, name=f"inputs_{i}") for i, x in enumerate(inputs)]
        attrs = {"T": [t.dtype.base_dtype for t in tensors], "template": template, "placeholder": placeholder,
                 "summarize": summarize, _COUNT: len(tensors)}
        return add_op("StringFormat", scope, tensors, attrs)._outputs[0]


def _stream_name(stream):
    if isinstance(stream, str) and stream.startswith("file://"):
        return stream
    if stream is sys.stdout:
        return "stdout"
    if stream is sys.stderr:
        return "stderr"
    if isinstance(stream, int) and not isinstance(stream, bool):
        return {20: "log(info)", 30: "log(warning)", 40: "log(error)"}.get(stream)
    if getattr(stream, "__module__", None) in ("logging", "scopeflow._src.logging_module"):
        level = {"info": "info", "warning": "warning", "warn": "warning", "error": "error"}.get(
            getattr(stream, "__name__", None))
        return level and f"log({level})"
    return None


def _placeholder_for(text: str) -> str:
    placeholder, rng = "{}", random.Random(5)
    while placeholder in text:
        placeholder += str(rng.randint(0, 9))
    return placeholder


def _is_tensor(x) -> bool:
    return isinstance(x, (Tensor, SparseTensor))


def _format_inputs(inputs, sep, summarize, name):
    sorted_inputs = [dict(sorted(x.items())) if type(x).__name__ == "OrderedDict" else x for x in inputs]
    tensor_free = nest.map_structure(lambda x: "" if _is_tensor(x) else x, sorted_inputs)
    placeholder = _placeholder_for(" ".join(pprint.pformat(x) for x in tensor_free))
    templates, tensors = [], []
    for item in inputs:
        parts = []
        for x in nest.flatten(item):
            if isinstance(x, SparseTensor):
                tensors.extend([x.indices, x.values, x.dense_shape])
                parts.append(f"SparseTensor(indices={placeholder}, values={placeholder}, shape={placeholder})")
            elif isinstance(x, Tensor):
                tensors.append(x)
                parts.append(placeholder)
            else:
                parts.append(x)
        templates.append(item if isinstance(item, str) else pprint.pformat(nest.pack_sequence_as(item, parts)))
    template = sep.join(templates).replace(f"'{placeholder}'", placeholder)
    return string_format(template, tensors, placeholder=placeholder, summarize=summarize, name=name)


def print_v2(*inputs, **kwargs):
    """An op that prints ``inputs`` (tensors and Python values, nested in lists and dicts),
    separated by ``sep`` and followed by ``end``, to ``output_stream`` (``sys.stderr``,
    ``sys.stdout``, ``tf.logging.info``/``warning``/``error`` or ``"file://<path>"``) when it
    runs, each tensor summarized to ``summarize`` entries at each end of each dimension.

    >>> import scopeflow as tf
    >>> tf.print("x:", tf.range(3)).type
    'PrintV2'
    """
    output_stream = kwargs.pop("output_stream", sys.stderr)
    name = kwargs.pop("name", None)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", os.linesep)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    stream = _stream_name(output_stream)
    if not stream:
        raise ValueError(f"Unsupported output stream, logging level, or file.{output_stream}. Supported streams are "
                         "sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error. File needs "
                         "to be in the form of 'file://<filepath>'.")
    first = inputs[0] if len(inputs) == 1 else None
    if isinstance(first, Tensor) and first.shape.ndims == 0 and first.dtype.base_dtype.name == "string":
        formatted = first
    else:
        formatted = _format_inputs(inputs, sep, summarize, f"{name}_format" if name else None)
    return create("PrintV2", [formatted], {"output_stream": stream, "end": end}, name=name)
