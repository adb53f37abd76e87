"""Conformance cases for ``tf.SparseTensor`` and the sparse ops: construction, session feeds and
fetches, ``tf.sparse.*``/``tf.sparse_*``, ``tf.nn.embedding_lookup_sparse`` and their gradients."""
