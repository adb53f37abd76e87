"""The writer side of ``tf.summary``: TFRecord framing (``records``), ``EventFileWriter``, the
public ``FileWriter`` and ``FileWriterCache``, and ``tf.train.summary_iterator``. Loaded on
first use, with the summary ops (``ops/summary``), by the public module ``scopeflow.summary``.
"""
