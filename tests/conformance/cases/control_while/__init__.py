"""Conformance cases for TF1 v1 control-flow loops: ``tf.while_loop`` built from
``Enter``/``Merge``/``Switch``/``LoopCond``/``NextIteration``/``Exit`` ops (the ops and names it
builds, its loop-variable structures, shape invariants, ``maximum_iterations`` and the other
options, nested loops and conds, variables in a body, run-time values, gradients, and its errors at
graph-build and at run time)."""
