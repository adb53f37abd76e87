"""Conformance cases for ``tf.train.FtrlOptimizer``, ``ProximalAdagradOptimizer`` and
``AdagradDAOptimizer``: slot names, update graphs, options, constructor errors, and values
over several steps on dense and sparse (``tf.gather``) gradients."""
