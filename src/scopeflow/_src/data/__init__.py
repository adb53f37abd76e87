"""``tf.data``: datasets and iterators (loaded on first use through ``api.py``).

``dataset.py`` is the public ``Dataset`` class and ``iterator.py`` the ``Iterator``; each
family of dataset ops has a module with its op types (``graph_build.register_dataset_op``),
what they are in a session (``runtime.DatasetValue`` and ``ElementIterator`` subclasses) and
its graph builder: ``sources``, ``transforms``, ``batching``, ``shuffling``, ``prefetch``,
``mapping`` (functions traced by ``functions.py`` into a ``func_graph.FuncGraph``), ``readers``
and ``generator``. ``iterator_ops.py`` holds the iterator ops and the per-session resource.
"""
