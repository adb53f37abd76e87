"""Conformance cases for the variables-and-scopes fidelity that TensorFlow's own tests check
(issue 23): initializers built outside control dependencies (``tf.init_scope``), variables
synchronized on read, devices and colocation of a variable's ops, TF's errors of
``name_scope`` and of iterating a variable, shapes left unknown on purpose, resource
containers, ``count_up_to`` and the operator methods of variables."""
