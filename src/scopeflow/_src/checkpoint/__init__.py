"""Checkpoints in TensorFlow's V2 bundle format: ``tf.train.Saver``, readers and writers of
the index and data files, checkpoint state files, restore after renames, and the raw
``SaveV2``/``RestoreV2`` ops. Loaded on first use (``tf.train.Saver`` and friends)."""
