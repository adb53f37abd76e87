"""``tf.saved_model`` of TF1: the SavedModel directory format (``saved_model.pb``, ``variables/``,
``assets/``), its builder and loader over the meta graph and checkpoint machinery, signature
helpers and constants; loaded on first use."""
