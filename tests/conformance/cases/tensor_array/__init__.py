"""Conformance cases for ``tf.TensorArray`` in graph mode: the ``TensorArrayV3`` family of ops and
their names, write/read/stack/unstack/gather/scatter/concat/split/size/close, dynamic size,
``clear_after_read``, element shapes and shape inference, use inside ``tf.while_loop``, gradients,
and errors at graph-build and at run time."""
