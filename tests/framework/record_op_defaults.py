"""Record TensorFlow's attributes of every op type scopeflow registers, for
``test_graph_def.py`` (which checks each ``OpDef.defaults`` against them without TensorFlow).

Run by hand where TensorFlow 2.21 is installed, from the repository root::

    ~/tfref/bin/python -m tests.framework.record_op_defaults

Writes ``tests/framework/goldens/op_attrs.json``: for each op type, TF's attributes in its
``OpDef`` order as ``[name, type, default]``, the default as plain data (a type as its dtype
name, a shape as a list or None, a list as a list) or absent when the attribute has none.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "goldens" / "op_attrs.json"


def registered_op_types() -> list[str]:
    """Every op type scopeflow registers, lazily loaded packages included."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "src"))
    import scopeflow  # noqa: F401
    from scopeflow._src import ops
    from scopeflow._src.checkpoint import io_ops  # noqa: F401
    from scopeflow._src.data import api as data_api  # noqa: F401 - the dataset and iterator ops
    from scopeflow._src.framework import registry
    from scopeflow._src.queues import api as queues_api  # noqa: F401 - the queue and reader ops

    ops.load_lazy_ops()
    return sorted(registry._REGISTRY)


def plain_default(tf_dtypes, value):
    kind = value.WhichOneof("value")
    if kind == "list":
        for field in ("s", "i", "f", "b", "type", "shape"):
            items = list(getattr(value.list, field))
            if items:
                return [plain_default(tf_dtypes, _scalar(value, field, v)) for v in items]
        return []
    if kind == "type":
        return tf_dtypes.as_dtype(value.type).name
    if kind == "shape":
        return None if value.shape.unknown_rank else [d.size for d in value.shape.dim]
    if kind == "s":
        return value.s.decode()
    if kind == "tensor":
        from tensorflow.python.framework import tensor_util

        array = tensor_util.MakeNdarray(value.tensor)
        return {"dtype": tf_dtypes.as_dtype(value.tensor.dtype).name, "shape": list(array.shape),
                "values": [v.decode() if isinstance(v, bytes) else v for v in array.ravel().tolist()]}
    return getattr(value, kind)


def _scalar(value, field, item):
    """One list item as an ``AttrValue`` of its own, to convert like a scalar."""
    single = type(value)()
    if field == "shape":
        single.shape.CopyFrom(item)
    else:
        setattr(single, field, item)
    return single


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    op_types = registered_op_types()
    from tensorflow.python.framework import dtypes as tf_dtypes
    from tensorflow.python.framework import op_def_registry

    out = {}
    for op_type in op_types:
        op_def = op_def_registry.get(op_type)
        if op_def is None:  # a scopeflow op TF does not have
            continue
        out[op_type] = [[a.name, a.type] + ([plain_default(tf_dtypes, a.default_value)]
                                             if a.HasField("default_value") else []) for a in op_def.attr]
    GOLDEN.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"{len(out)} op types -> {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
