"""Conformance cases for GraphDefs: every node's name, op, inputs, device and attributes (values
converted to plain data) for graphs of every area, ``Operation.node_def``, ``str(op)``,
``Operation.get_attr``, ``from_version``, ``add_shapes`` and ``tf.make_tensor_proto``'s encoding."""
