"""``op_builder.create`` has a fast path for inputs that are already tensors of the graph
(``_ready_inputs``) beside the full, converting path (``_check_inputs`` and ``_finish``).
Every sample op of the registry, and its gradient, is built both ways here: the graphs must
be the same, op for op (names, types, attributes, inputs, output dtypes and shapes)."""

import pytest

import scopeflow as tf
from scopeflow._src.framework import op_builder
from tests.ops.samples import SAMPLES, load

load()


def _attr_text(key, value):
    # a py_func's token names its callable in a registry of the process: each build registers anew
    return "<token>" if key == "token" else repr(value)


def _describe(graph):
    return [(op.name, op.type, sorted((k, _attr_text(k, v)) for k, v in op._attrs.items()),
             [t.name for t in op.inputs], [c.name for c in op.control_inputs],
             [(t.dtype.name, t.shape.as_list() if t.shape.ndims is not None else None) for t in op.outputs])
            for op in graph.get_operations()]


def _build(s):
    graph = tf.Graph()
    with graph.as_default():
        feeds = [tf.placeholder(tf.as_dtype(v.dtype), v.shape, name=f"in{i}") for i, v in enumerate(s.inputs)]
        out = s.build(tf, *feeds)
        outs = [t for t in (out if isinstance(out, (list, tuple)) else [out]) if t.dtype.is_floating]
        floats = [f for f in feeds if f.dtype.is_floating]
        if s.grad and outs and floats:
            tf.gradients(outs, floats)
    return _describe(graph)


@pytest.mark.parametrize("s", SAMPLES, ids=repr)
def test_the_fast_path_builds_what_the_full_path_builds(s, monkeypatch):
    fast = _build(s)
    monkeypatch.setattr(op_builder, "_ready_inputs", lambda *args: None)
    assert _build(s) == fast
