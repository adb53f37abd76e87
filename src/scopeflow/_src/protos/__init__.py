"""TensorFlow's protocol buffers (``GraphDef``, ``MetaGraphDef``, ``Event``, ``Summary``,
``Example``...), as classes of the ``protobuf`` package built from ``schema.py``.

Importing this package is free; the first attribute read builds every class (and imports
protobuf, about 60 ms), so ``import scopeflow`` does not pay for it::

    from scopeflow._src import protos
    graph_def = protos.GraphDef()

The classes live in a descriptor pool of their own: TensorFlow or TensorBoard in the same
process register the same message names in protobuf's default pool without a clash.
"""

from __future__ import annotations

import importlib

_CLASSES: dict = {}


def _build() -> dict:
    # loaded on first use: protobuf costs import time
    from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, message_factory

    proto_text = importlib.import_module(f"{__name__}.proto_text")  # not ``from . import``: that asks __getattr__
    schema = importlib.import_module(f"{__name__}.schema")

    pool = descriptor_pool.DescriptorPool()
    any_file = descriptor_pb2.FileDescriptorProto()
    any_pb2.DESCRIPTOR.CopyToProto(any_file)
    pool.Add(any_file)
    fdp = proto_text.file_descriptor(schema.SCHEMA, schema.PACKAGE, "scopeflow/tensorflow.proto")
    pool.Add(fdp)
    classes = {}

    def add(prefix, msg_protos):
        for m in msg_protos:
            if m.options.map_entry:
                continue
            full = f"{prefix}.{m.name}"
            cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(full))
            classes[full[len(schema.PACKAGE) + 1:]] = cls
            add(full, m.nested_type)

    add(schema.PACKAGE, fdp.message_type)
    for e in fdp.enum_type:
        classes[e.name] = pool.FindEnumTypeByName(f"{schema.PACKAGE}.{e.name}")
    classes["Any"] = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.Any"))
    return classes


def __getattr__(name: str):
    if not _CLASSES:
        _CLASSES.update(_build())
    try:
        return _CLASSES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
