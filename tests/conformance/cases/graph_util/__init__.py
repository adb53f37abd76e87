"""Conformance cases for ``tf.graph_util``: frozen graphs (nodes, attributes, constant values,
the values they compute once re-imported), ``extract_sub_graph``, ``remove_training_nodes``,
``must_run_on_cpu`` and ``tensor_shape_from_node_def_name``, with TF's errors."""
