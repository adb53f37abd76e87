"""The set ops (``tf.sets``): ``SetSize`` and the set operations along the last dimension of
dense and sparse tensors. Loaded on first use (``api.py``)."""
