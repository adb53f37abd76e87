"""Conformance cases for ``tf.summary``: the summary ops' names, types, attributes and tags
(name scopes, ``family``, duplicate names), the ``Summary`` protos they produce when run
(scalars, histogram buckets, images as PNG bytes and decoded pixels, audio as WAV fields and
samples, text and tensor summaries with their metadata), ``merge``/``merge_all``, their
errors, and the events ``FileWriter`` writes, read back with ``tf.train.summary_iterator``."""
