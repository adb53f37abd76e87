"""Conformance cases for TF1 control flow built from ``Switch``/``Merge`` ops: ``tf.cond`` and
``tf.case`` (the ops and names they build, the structures their branches may return, which
branch runs, variables and gradients through them, ``tf.layers`` with a tensor ``training``, and
their errors at graph-build and at run time)."""
