"""``tf.graph_util``: freezing variables into constants, subgraphs, inference-only graphs.

Only re-exports; the code lives in ``scopeflow._src.graph_io``. Loaded on first use
(``tf.graph_util``), as protobuf is.
"""

__all__ = ["convert_variables_to_constants", "extract_sub_graph", "import_graph_def", "must_run_on_cpu",
           "remove_training_nodes", "tensor_shape_from_node_def_name"]

from scopeflow._src.graph_io.freeze import convert_variables_to_constants
from scopeflow._src.graph_io.graph_util import (
    extract_sub_graph,
    must_run_on_cpu,
    remove_training_nodes,
    tensor_shape_from_node_def_name,
)
from scopeflow._src.graph_io.importer import import_graph_def
