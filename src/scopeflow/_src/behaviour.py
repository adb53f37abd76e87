"""TF1's behaviour switches and build facts: ``tf.enable_eager_execution`` and friends, the
queries ``tf.resource_variables_enabled``..., ``tf.get_logger`` and ``tf.VERSION``...

scopeflow has one behaviour: TF1 graph mode with reference variables, ``tf.cond``/``tf.while_loop``
built of v1 control flow ops and v1 ``TensorShape``\\ s of ``Dimension``\\ s. The ``disable_*``
switches ask for that behaviour and are accepted; the ``enable_*`` switches ask for one
scopeflow does not have, and raise ``ValueError`` (the class TF raises when a switch comes too
late) saying what scopeflow runs instead, rather than silently keeping graph mode.

>>> import scopeflow as tf
>>> tf.disable_resource_variables()
>>> tf.resource_variables_enabled(), tf.executing_eagerly_outside_functions()
(False, False)
>>> tf.VERSION
'2.21.0'
"""

from __future__ import annotations

import logging
import platform

from scopeflow._src import logging_module  # noqa: F401 - tf.logging's handler comes with its logger
from scopeflow._src.framework import graph_def

VERSION = "2.21.0"  # the TensorFlow release whose behaviour scopeflow follows (meta graphs say the same)
GIT_VERSION = "scopeflow-0.1.0"  # what scopeflow's meta graphs write as tensorflow_git_version
COMPILER_VERSION = platform.python_compiler()  # scopeflow is Python: the compiler of this interpreter
GRAPH_DEF_VERSION = graph_def.PRODUCER
GRAPH_DEF_VERSION_MIN_CONSUMER = graph_def.MIN_CONSUMER
GRAPH_DEF_VERSION_MIN_PRODUCER = 0

_GRAPH_MODE = ("scopeflow runs TensorFlow 1.x graph mode only (graphs and tf.Session, reference variables, "
               "v1 control flow)")


def _refuse(what: str, tf_sentence: str) -> ValueError:
    return ValueError(f"{tf_sentence}\n\nscopeflow help: {_GRAPH_MODE}; {what} is not available. Remove the call "
                      f"(or call the matching disable_* function) to run the program as TF1 graph code.")


def enable_eager_execution(config=None, device_policy=None, execution_mode=None) -> None:
    """Refused: scopeflow never executes eagerly (TF's ``ValueError`` when called too late).

    >>> import scopeflow as tf
    >>> tf.enable_eager_execution()
    Traceback (most recent call last):
    ...
    ValueError: tf.enable_eager_execution must be called at program startup.
    <BLANKLINE>
    scopeflow help: ...
    """
    raise _refuse("eager execution", "tf.enable_eager_execution must be called at program startup.")


def enable_v2_behavior() -> None:
    """Refused: scopeflow has only TF1 behaviour (``ValueError``)."""
    raise _refuse("TF2 behaviour", "tf.enable_v2_behavior is not supported: TF2 behaviour cannot be enabled.")


def enable_resource_variables() -> None:
    """Refused: scopeflow's variables are TF1 reference variables (``ValueError``)."""
    raise _refuse("resource variables", "tf.enable_resource_variables is not supported: resource variables "
                                        "cannot be enabled.")


def enable_control_flow_v2() -> None:
    """Refused: ``tf.cond``/``tf.while_loop`` build v1 control flow ops here (``ValueError``)."""
    raise _refuse("control flow v2 (If/While ops)", "tf.enable_control_flow_v2 is not supported: control flow v2 "
                                                    "cannot be enabled.")


def enable_tensor_equality() -> None:
    """Refused: ``Tensor.__eq__`` compares identity here, as in TF1 (``ValueError``)."""
    raise _refuse("elementwise Tensor ==", "tf.enable_tensor_equality is not supported: tensor equality cannot "
                                           "be enabled.")


def enable_v2_tensorshape() -> None:
    """Refused: ``TensorShape`` holds ``Dimension``\\ s here, as in TF1 (``ValueError``)."""
    raise _refuse("v2 TensorShape (int dimensions)", "tf.enable_v2_tensorshape is not supported: v2 tensor "
                                                     "shapes cannot be enabled.")


def disable_resource_variables() -> None:
    """Accepted: scopeflow's variables are reference variables already."""


def disable_control_flow_v2() -> None:
    """Accepted: scopeflow builds v1 control flow already."""


def disable_tensor_equality() -> None:
    """Accepted: ``Tensor.__eq__`` compares identity already."""


def disable_v2_tensorshape() -> None:
    """Accepted: ``TensorShape`` holds ``Dimension``\\ s already."""


def executing_eagerly_outside_functions() -> bool:
    """Always ``False``: there is no eager context outside functions in graph mode."""
    return False


def resource_variables_enabled() -> bool:
    """Always ``False``: ``tf.Variable``/``get_variable`` make reference variables."""
    return False


def control_flow_v2_enabled() -> bool:
    """Always ``False``: control flow is v1's (``Switch``/``Merge``, ``Enter``/``Exit``)."""
    return False


def get_logger() -> logging.Logger:
    """The logger ``tf.logging`` writes to (``"scopeflow"``; TF's is ``"tensorflow"``).

    >>> import scopeflow as tf
    >>> tf.get_logger().name
    'scopeflow'
    """
    return logging.getLogger("scopeflow")
