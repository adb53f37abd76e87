"""Python inside the graph: ``tf.py_func``, ``tf.numpy_function`` and ``tf.py_function``, loaded on
first use (``api.py``).

``func_registry.py`` keeps each wrapped Python callable under a token (``pyfunc_<n>``, the op's
``token`` attribute, as in TensorFlow), alive as long as the graph that uses it; ``values.py``
converts a call's arguments and results and words its errors as TensorFlow's kernels do;
``script_ops.py`` declares the ``PyFunc``, ``PyFuncStateless`` and ``EagerPyFunc`` op types and
builds them.
"""
