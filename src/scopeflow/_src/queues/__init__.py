"""Queues and readers: TensorFlow's pre-``tf.data`` input pipeline, loaded on first use.

``queue_kernels`` and ``reader_kernels`` are what a session holds (Python objects guarded by
condition variables, registered with the session so that closing it ends every blocked
run); ``queue_ops`` and ``reader_ops`` declare the op types; ``queue_base`` and ``readers``
are the public classes (``tf.FIFOQueue``, ``tf.TextLineReader``...); ``resources`` names and
shares them as TensorFlow's resource manager does. ``api`` loads it all.
"""
