"""Conformance cases for ``tf.train`` optimizers: update values step by step, slot names and
initializers, the update graph's op names, global step, var_list, variable scopes, shared
variables, gating, and TF's errors.

Every case trains the same small least-squares problem from constant initial values, so the
values are deterministic.
"""
