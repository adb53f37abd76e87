"""``Graph.as_graph_def``: a graph as TensorFlow's ``GraphDef`` message."""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.node_def import node_def
from scopeflow._src.framework.tensor_proto import shape_proto

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
    (every node is written), and so does scopeflow."""
    del from_version
    graph_def = protos.GraphDef()
    nodes = graph_def.node
    with graph._lock:
        ops = list(graph._ops)
    for op in ops:
        proto = node_def(op, nodes.add(), sort_control=True)
        if add_shapes and op._outputs:
            shapes = proto.attr["_output_shapes"].list
            for t in op._outputs:
                shape_proto(t._shape, shapes.shape.add())
    versions(graph_def.versions)
    return graph_def
