"""Conformance cases of ``tf.data.Dataset`` (TF1 graph mode): sources, file datasets,
transformations, batching and ordering, each checked through its element structure
(``get_output_types``/``shapes``/``classes``), the values it yields to the end, and its errors."""
