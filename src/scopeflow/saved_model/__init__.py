"""``tf.saved_model`` (TF1): ``simple_save``, ``builder.SavedModelBuilder``, ``loader.load``,
the signature helpers, ``main_op`` and the constants. SavedModels written here load in
TensorFlow (``tf.compat.v1.saved_model.load``) and TF1 SavedModels written by TensorFlow load here.

Only re-exports; the code lives in ``scopeflow._src.saved_model``. Loaded on first use.

>>> import scopeflow as tf
>>> tf.saved_model.tag_constants.SERVING, tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY
('serve', 'serving_default')
"""

__all__ = ["ASSETS_DIRECTORY", "ASSETS_KEY", "build_signature_def", "build_tensor_info", "Builder", "builder",
           "classification_signature_def", "CLASSIFY_INPUTS", "CLASSIFY_METHOD_NAME", "CLASSIFY_OUTPUT_CLASSES",
           "CLASSIFY_OUTPUT_SCORES", "constants", "contains_saved_model", "DEBUG_DIRECTORY", "DEBUG_INFO_FILENAME_PB",
           "DEFAULT_SERVING_SIGNATURE_DEF_KEY", "get_tensor_from_tensor_info", "GPU", "is_valid_signature",
           "LEGACY_INIT_OP_KEY", "load", "loader", "main_op", "MAIN_OP_KEY", "main_op_with_restore",
           "maybe_saved_model_directory", "PREDICT_INPUTS", "PREDICT_METHOD_NAME", "PREDICT_OUTPUTS",
           "predict_signature_def", "REGRESS_INPUTS", "REGRESS_METHOD_NAME", "REGRESS_OUTPUTS",
           "regression_signature_def", "SAVED_MODEL_FILENAME_PB", "SAVED_MODEL_FILENAME_PBTXT",
           "SAVED_MODEL_SCHEMA_VERSION", "SERVING", "signature_constants", "signature_def_utils", "simple_save",
           "tag_constants", "TPU", "TRAINING", "utils", "VARIABLES_DIRECTORY", "VARIABLES_FILENAME"]

from scopeflow._src.saved_model.builder import SavedModelBuilder as Builder
from scopeflow._src.saved_model.builder import simple_save
from scopeflow._src.saved_model.constants import (
    ASSETS_DIRECTORY,
    ASSETS_KEY,
    CLASSIFY_INPUTS,
    CLASSIFY_METHOD_NAME,
    CLASSIFY_OUTPUT_CLASSES,
    CLASSIFY_OUTPUT_SCORES,
    DEBUG_DIRECTORY,
    DEBUG_INFO_FILENAME_PB,
    DEFAULT_SERVING_SIGNATURE_DEF_KEY,
    GPU,
    LEGACY_INIT_OP_KEY,
    MAIN_OP_KEY,
    PREDICT_INPUTS,
    PREDICT_METHOD_NAME,
    PREDICT_OUTPUTS,
    REGRESS_INPUTS,
    REGRESS_METHOD_NAME,
    REGRESS_OUTPUTS,
    SAVED_MODEL_FILENAME_PB,
    SAVED_MODEL_FILENAME_PBTXT,
    SAVED_MODEL_SCHEMA_VERSION,
    SERVING,
    TPU,
    TRAINING,
    VARIABLES_DIRECTORY,
    VARIABLES_FILENAME,
)
from scopeflow._src.saved_model.loader import contains_saved_model, load, maybe_saved_model_directory
from scopeflow._src.saved_model.main_op import main_op_with_restore
from scopeflow._src.saved_model.signatures import (
    build_signature_def,
    build_tensor_info,
    classification_signature_def,
    get_tensor_from_tensor_info,
    is_valid_signature,
    predict_signature_def,
    regression_signature_def,
)
from scopeflow.saved_model import (
    builder,
    constants,
    loader,
    main_op,
    signature_constants,
    signature_def_utils,
    tag_constants,
    utils,
)

Builder.__module__ = "scopeflow.saved_model.builder"
