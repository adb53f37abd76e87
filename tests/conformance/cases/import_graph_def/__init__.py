"""Conformance cases for tf.import_graph_def and tf.train.write_graph."""
