"""``Graph.as_graph_def``: a graph as TensorFlow's ``GraphDef`` message."""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.node_def import attr_entry_bytes, node_def_bytes

# The GraphDef version TensorFlow 2.21 writes (``versions.producer``) and the oldest it reads.
PRODUCER = 2474
MIN_CONSUMER = 0


def versions(proto=None):
    """The ``VersionDef`` scopeflow writes: TensorFlow 2.21's."""
    proto = protos.VersionDef() if proto is None else proto
    proto.producer = PRODUCER
    return proto


def graph_to_graph_def(graph, from_version=None, add_shapes=False):
    """``graph``'s operations, in creation order, as a ``GraphDef``; with ``add_shapes``, the
    ``_output_shapes`` of each node that has outputs. TensorFlow 2.21 ignores ``from_version``
    (every node is written), and so does scopeflow.

    Each node is serialized once and kept until its op changes, so a graph written again
    (every ``Saver.save`` writes its ``.meta``) costs little more than parsing it."""
    del from_version
    graph_def = protos.GraphDef()
    nodes = graph_def.node
    with graph._lock:
        cache = graph._node_defs
        for op in graph._ops:
            data = _node_bytes(op, cache)
            if add_shapes and op._outputs:
                data += attr_entry_bytes("_output_shapes", [t._shape for t in op._outputs])
            nodes.add().MergeFromString(data)
    versions(graph_def.versions)
    return graph_def


def _node_bytes(op, cache) -> bytes:
    """``node_def_bytes(op)``, kept in ``cache`` while the op has the same inputs, control
    inputs, device and number of attributes: each change replaces the object compared here
    (``Operation._set_attr`` drops the entry)."""
    hit = cache.get(op)
    if (hit is not None and hit[0] is op._inputs and hit[1] is op._control_inputs and hit[2] == op._device
            and hit[3] == len(op._attrs)):
        return hit[4]
    data = node_def_bytes(op)
    cache[op] = (op._inputs, op._control_inputs, op._device, len(op._attrs), data)
    return data
