"""Signatures: ``TensorInfo`` of a tensor and back (``tf.saved_model.utils``), and the
``SignatureDef`` builders and checks (``tf.saved_model.signature_def_utils``), as TF's.

>>> import scopeflow as tf
>>> x = tf.placeholder(tf.float32, [None, 3], name="x")
>>> sig = tf.saved_model.predict_signature_def({"x": x}, {"y": 2.0 * x})
>>> sig.method_name, sig.inputs["x"].name
('tensorflow/serving/predict', 'x:0')
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework import default_graph
from scopeflow._src.framework.errors import NotFoundError
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.scoped_names import prepend_name_scope
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_proto import shape_proto
from scopeflow._src.saved_model import constants

_DT_STRING, _DT_FLOAT = 7, 1


def build_tensor_info(tensor):
    """The ``TensorInfo`` (name, dtype, static shape) of a dense tensor.

    A ``SparseTensor``'s ``coo_sparse`` encoding is not there in scopeflow (``TypeError``)."""
    if isinstance(tensor, SparseTensor):
        raise TypeError("build_tensor_info of a SparseTensor (TensorInfo.coo_sparse) is not supported by "
                        "scopeflow: give the signature its indices, values and dense_shape tensors.")
    info = protos.TensorInfo(dtype=tensor.dtype.as_datatype_enum)
    shape_proto(tensor.get_shape(), info.tensor_shape)
    info.name = tensor.name
    return info


def get_tensor_from_tensor_info(tensor_info, graph=None, import_scope=None):
    """The tensor a ``TensorInfo`` names, in ``graph`` (the default graph) under ``import_scope``."""
    graph = graph or default_graph.get_default_graph()
    encoding = tensor_info.WhichOneof("encoding")
    if encoding == "name":
        return graph.get_tensor_by_name(prepend_name_scope(tensor_info.name, import_scope=import_scope))
    raise ValueError(f"Invalid TensorInfo.encoding: {encoding}. Expected `coo_sparse`, `composite_tensor`, or "
                     "`name` for a dense tensor.")


def build_signature_def(inputs=None, outputs=None, method_name=None, defaults=None):
    """A ``SignatureDef`` of ``TensorInfo`` maps and a method name (``defaults`` are not there in
    scopeflow: ``TypeError`` when given)."""
    if defaults:
        raise TypeError("SignatureDef defaults are not supported by scopeflow.")
    signature_def = protos.SignatureDef()
    for key, info in (inputs or {}).items():
        signature_def.inputs[key].CopyFrom(info)
    for key, info in (outputs or {}).items():
        signature_def.outputs[key].CopyFrom(info)
    if method_name is not None:
        signature_def.method_name = method_name
    return signature_def


def predict_signature_def(inputs, outputs):
    """A predict signature of named input and output tensors."""
    if inputs is None or not inputs:
        raise ValueError("Prediction `inputs` cannot be None or empty.")
    if outputs is None or not outputs:
        raise ValueError("Prediction `outputs` cannot be None or empty.")
    return build_signature_def({k: build_tensor_info(t) for k, t in inputs.items()},
                               {k: build_tensor_info(t) for k, t in outputs.items()}, constants.PREDICT_METHOD_NAME)


def regression_signature_def(examples, predictions):
    """A regression signature: serialized ``tf.Example`` strings in, float predictions out."""
    if examples is None:
        raise ValueError("Regression `examples` cannot be None.")
    if not isinstance(examples, Tensor):
        raise ValueError(f"Expected regression `examples` to be of type Tensor. Found `examples` of type "
                         f"{type(examples)}.")
    if predictions is None:
        raise ValueError("Regression `predictions` cannot be None.")
    inputs = build_tensor_info(examples)
    if inputs.dtype != _DT_STRING:
        raise ValueError(f"Regression input tensors must be of type string. Found tensors with type {inputs.dtype}.")
    outputs = build_tensor_info(predictions)
    if outputs.dtype != _DT_FLOAT:
        raise ValueError(f"Regression output tensors must be of type float. Found tensors with type "
                         f"{outputs.dtype}.")
    return build_signature_def({constants.REGRESS_INPUTS: inputs}, {constants.REGRESS_OUTPUTS: outputs},
                               constants.REGRESS_METHOD_NAME)


def classification_signature_def(examples, classes, scores):
    """A classification signature: serialized examples in, string classes and/or float scores out."""
    if examples is None:
        raise ValueError("Classification `examples` cannot be None.")
    if not isinstance(examples, Tensor):
        raise ValueError(f"Classification `examples` must be a string Tensor. Found `examples` of type "
                         f"{type(examples)}.")
    if classes is None and scores is None:
        raise ValueError("Classification `classes` and `scores` cannot both be None.")
    inputs = build_tensor_info(examples)
    if inputs.dtype != _DT_STRING:
        raise ValueError(f"Classification input tensors must be of type string. Found tensors of type "
                         f"{inputs.dtype}")
    outputs = {}
    if classes is not None:
        outputs[constants.CLASSIFY_OUTPUT_CLASSES] = info = build_tensor_info(classes)
        if info.dtype != _DT_STRING:
            raise ValueError(f"Classification classes must be of type string Tensor. Found tensors of type "
                             f"{info.dtype}.`")
    if scores is not None:
        outputs[constants.CLASSIFY_OUTPUT_SCORES] = info = build_tensor_info(scores)
        if info.dtype != _DT_FLOAT:
            raise ValueError("Classification scores must be a float Tensor.")
    return build_signature_def({constants.CLASSIFY_INPUTS: inputs}, outputs, constants.CLASSIFY_METHOD_NAME)


def is_valid_signature(signature_def) -> bool:
    """Whether a signature is a valid predict, regression or classification signature."""
    if signature_def is None:
        return False
    inputs, outputs, method = signature_def.inputs, signature_def.outputs, signature_def.method_name
    if method == constants.PREDICT_METHOD_NAME:
        return bool(inputs.keys()) and bool(outputs.keys())
    if method == constants.REGRESS_METHOD_NAME:
        return (set(inputs.keys()) == {constants.REGRESS_INPUTS} and set(outputs.keys()) == {constants.REGRESS_OUTPUTS}
                and inputs[constants.REGRESS_INPUTS].dtype == _DT_STRING
                and outputs[constants.REGRESS_OUTPUTS].dtype == _DT_FLOAT)
    if method == constants.CLASSIFY_METHOD_NAME:
        allowed = {constants.CLASSIFY_OUTPUT_CLASSES: _DT_STRING, constants.CLASSIFY_OUTPUT_SCORES: _DT_FLOAT}
        return (set(inputs.keys()) == {constants.CLASSIFY_INPUTS}
                and inputs[constants.CLASSIFY_INPUTS].dtype == _DT_STRING
                and bool(outputs.keys()) and set(outputs.keys()) <= set(allowed)
                and all(outputs[k].dtype == allowed[k] for k in outputs.keys()))
    return False


def load_op_from_signature_def(signature_def, key, import_scope=None):
    """The op (or tensor) that the output ``key`` of an op signature names (an init or train op)."""
    name = prepend_name_scope(signature_def.outputs[key].name, import_scope=import_scope)
    try:
        return default_graph.get_default_graph().as_graph_element(name)
    except KeyError:
        raise NotFoundError(None, None, f"The key \"{key}\" could not be found in the graph. Please make sure the "
                                        "SavedModel was created by the internal _SavedModelBuilder. If you are using "
                                        "the public API, please make sure the SignatureDef in the SavedModel does not "
                                        f"contain the key \"{key}\".") from None


def op_signature_def(op, key):
    """A signature whose one output ``key`` names ``op`` (dtype invalid, shape unknown), as TF's."""
    info = protos.TensorInfo(name=op.name)
    info.tensor_shape.unknown_rank = True
    return build_signature_def(outputs={key: info})
