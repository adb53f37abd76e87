"""The sparse ops (``tf.sparse``, ``tf.sparse_*``, ``tf.nn.embedding_lookup_sparse``), loaded on
first use through ``api.py``. A ``SparseTensor`` (``framework/sparse_tensor.py``) is three
tensors; each op here takes and gives those three, with TensorFlow's op types and kernels."""
