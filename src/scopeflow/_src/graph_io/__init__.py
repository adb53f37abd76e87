"""Graphs as files: importing GraphDefs, writing them, and freezing them (``tf.graph_util``)."""
