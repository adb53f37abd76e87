"""The reader op types (``TextLineReaderV2``, ``ReaderReadV2``, ...) and the functions that
add them to a graph, as TensorFlow's generated ``gen_io_ops`` do.

A reader op's kernel creates the session's reader (``reader_kernels``) once and outputs it
as the ``resource`` handle; ``ReaderReadV2`` and ``ReaderReadUpToV2`` take the reader's and
a string queue's handles and read through the reader, taking work from the queue.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.queues import reader_kernels, resources

_HANDLE = "reader_handle: resource"
_SHARED = {"container": "", "shared_name": ""}


def _reader_factory(make):
    def factory(op, state):
        # the resource's name (``_<n>_<node>``) is taken, as TF's readers take one; their errors name the node
        reader = resources.lookup_or_create(state, op, lambda name: make(op.name, op._attrs))
        return lambda: reader
    return factory


_READERS = {
    "TextLineReaderV2": (lambda name, a: reader_kernels.TextLineReaderKernel(name, a.get("skip_header_lines", 0)),
                         {"skip_header_lines": 0}),
    "WholeFileReaderV2": (lambda name, a: reader_kernels.WholeFileReaderKernel(name), {}),
    "IdentityReaderV2": (lambda name, a: reader_kernels.IdentityReaderKernel(name), {}),
    "FixedLengthRecordReaderV2": (lambda name, a: reader_kernels.FixedLengthRecordReaderKernel(
        name, a["record_bytes"], a.get("header_bytes", 0), a.get("footer_bytes", 0), a.get("hop_bytes", 0),
        a.get("encoding", "")), {"header_bytes": 0, "footer_bytes": 0, "hop_bytes": 0, "encoding": ""}),
    "TFRecordReaderV2": (lambda name, a: reader_kernels.TFRecordReaderKernel(name, a.get("compression_type", "")),
                         {"compression_type": ""}),
}


def _scalar(inputs, attrs):
    return TensorShape(())


def _vector(inputs, attrs):
    return [TensorShape([None]), TensorShape([None])]


for _type, (_make, _defaults) in _READERS.items():
    registry.register(OpDef(_type, outputs=[_HANDLE], shape=_scalar, factory=_reader_factory(_make), stateful=True,
                            defaults={**_defaults, **_SHARED}))

registry.register(OpDef("ReaderReadV2", inputs=[_HANDLE, "queue_handle: resource"],
                        outputs=["key: string", "value: string"], shape=lambda inputs, attrs: [TensorShape(())] * 2,
                        kernel=lambda reader, queue: reader.read(queue), stateful=True))
registry.register(OpDef("ReaderReadUpToV2", inputs=[_HANDLE, "queue_handle: resource", "num_records: int64"],
                        outputs=["keys: string", "values: string"], shape=_vector,
                        kernel=lambda reader, queue, n: reader.read_up_to(queue, n), stateful=True))
registry.register(OpDef("ReaderNumRecordsProducedV2", inputs=[_HANDLE], outputs=["records_produced: int64"],
                        shape=_scalar, kernel=lambda reader: np.int64(reader.records_produced),
                        stateful=True))
registry.register(OpDef("ReaderNumWorkUnitsCompletedV2", inputs=[_HANDLE], outputs=["units_completed: int64"],
                        shape=_scalar, kernel=lambda reader: np.int64(reader.work_units_completed),
                        stateful=True))
registry.register(OpDef("ReaderSerializeStateV2", inputs=[_HANDLE], outputs=["state: string"], shape=_scalar,
                        kernel=lambda reader: reader.serialize_state(), stateful=True))
registry.register(OpDef("ReaderRestoreStateV2", inputs=[_HANDLE, "state: string"],
                        kernel=lambda reader, state: reader.restore_state(state), stateful=True))
registry.register(OpDef("ReaderResetV2", inputs=[_HANDLE], kernel=lambda reader: reader.reset(), stateful=True))


# -- building -----------------------------------------------------------------------------------
def reader_op(op_type, graph, name, attrs):
    """A reader-creating op; its handle."""
    attrs = {**_READERS[op_type][1], **_SHARED, **attrs}
    op = graph._add_op(op_type, graph._op_name(name, op_type), [], attrs, [(dtypes.resource, TensorShape(()))])
    return op._outputs[0]


def read_op(op_type, inputs, name, outputs, extra=None):
    """A reader op on ``inputs`` (handles first); ``extra`` is ``(argument name, value, dtype)``
    for a non-handle input, converted inside the op's name scope as TF's wrappers do."""
    graph = inputs[0].graph
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        if extra is not None:
            arg, value, dtype = extra
            inputs = list(inputs) + [convert_to_tensor(value, dtype=dtype, name=arg)]
        shapes = registry.get(op_type).shape(inputs, {}) if outputs else []
        shapes = [shapes] if isinstance(shapes, TensorShape) else shapes
        op = graph._add_op(op_type, scope[:-1], list(inputs), {}, list(zip(outputs, shapes)))
    return op
