"""Ops that every sample uses, and variable ops (tested through sessions elsewhere)."""

from tests.ops.samples import exempt

exempt("Const", "built by most samples; values checked in tests/conformance/cases/tensors.py")
exempt("Placeholder", "feeds every sample; fed/unfed behaviour in tests/conformance/cases/session_basic.py")
exempt("NoOp", "no outputs; group/control dependencies in tests/conformance/cases/session_basic.py")
exempt("CountUpTo", "needs a variable; tf.train.limit_epochs in the queues conformance area and tests/queues")
for _op in ("VariableV2", "Assign", "AssignAdd", "AssignSub", "IsVariableInitialized"):
    exempt(_op, "needs a variable; tests/conformance/cases/variables.py and session_basic.py")
