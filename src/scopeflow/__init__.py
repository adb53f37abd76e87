"""scopeflow: TensorFlow 1.x graph mode and variable sharing, in plain Python on NumPy.

``import scopeflow as tf`` gives the ``tf.compat.v1`` API (after ``disable_v2_behavior``):
graphs, name and variable scopes, ``get_variable`` with reuse, ops with gradients,
sessions, ``tf.layers``, ``tf.train``, with TensorFlow's names, messages and error classes.
This module only re-exports; the code lives in ``scopeflow._src``. Sub-namespaces
(``tf.nn``, ``tf.train``, ``tf.layers``, ...) are the modules beside this one.
"""

__all__ = [
    "abs", "accumulate_n", "add", "add_check_numerics_ops",
    "add_n", "add_to_collection", "add_to_collections", "AggregationMethod",
    "all_variables", "app",
    "arg_max", "arg_min", "argmax", "argmin", "as_dtype", "as_string", "Assert", "assert_equal",
    "assert_greater", "assert_greater_equal", "assert_integer", "assert_less", "assert_less_equal", "assert_near",
    "assert_negative", "assert_non_negative", "assert_non_positive", "assert_none_equal", "assert_positive",
    "assert_proper_iterable", "assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype",
    "assert_scalar", "assert_type", "assert_variables_initialized",
    "assign", "assign_add", "assign_sub", "AttrValue", "AUTO_REUSE",
    "batch_gather",
    "batch_scatter_update",
    "batch_to_space",
    "batch_to_space_nd", "bfloat16", "bitwise", "bitwise_and", "bitwise_or",
    "bitwise_xor", "bool", "boolean_mask", "broadcast_dynamic_shape", "broadcast_static_shape", "broadcast_to", "case",
    "cast", "ceil", "check_numerics",
    "cholesky",
    "cholesky_solve",
    "clip_by_global_norm", "clip_by_norm", "clip_by_value", "colocate_with", "compat",
    "COMPILER_VERSION",
    "complex",
    "complex128", "complex64", "concat", "cond", "ConditionalAccumulator", "ConditionalAccumulatorBase",
    "ConfigProto", "confusion_matrix", "conj", "constant",
    "constant_initializer", "container",
    "control_dependencies",
    "control_flow_v2_enabled",
    "convert_to_tensor",
    "convert_to_tensor_or_indexed_slices", "convert_to_tensor_or_sparse_tensor",
    "cos", "count_nonzero", "count_up_to", "create_partitioned_variables",
    "cross",
    "cumprod", "cumsum",
    "custom_gradient",
    "data",
    "debugging",
    "decode_base64", "decode_csv",
    "decode_raw",
    "depth_to_space",
    "device", "DeviceSpec", "diag",
    "diag_part", "Dimension", "dimension_at_index", "dimension_value",
    "disable_control_flow_v2",
    "disable_eager_execution",
    "disable_resource_variables",
    "disable_tensor_equality",
    "disable_v2_behavior",
    "disable_v2_tensorshape",
    "distributions",
    "div", "div_no_nan", "divide", "double", "DType", "dtypes", "dynamic_partition", "dynamic_stitch", "einsum",
    "enable_control_flow_v2",
    "enable_eager_execution",
    "enable_resource_variables",
    "enable_tensor_equality",
    "enable_v2_behavior",
    "enable_v2_tensorshape",
    "encode_base64", "equal", "errors", "Event",
    "executing_eagerly",
    "executing_eagerly_outside_functions",
    "exp", "expand_dims",
    "expect_new",
    "expect_shared",
    "extract_image_patches",
    "eye", "FIFOQueue", "fill", "fixed_size_partitioner", "FixedLenFeature",
    "FixedLengthRecordReader", "FixedLenSequenceFeature", "flags", "float16",
    "float32", "float64", "floor", "floor_div",
    "floordiv", "floormod", "foldl", "foldr", "gather", "gather_nd", "get_collection", "get_collection_ref",
    "get_default_graph", "get_default_session", "get_local_variable",
    "get_logger",
    "get_name_scope", "get_seed",
    "get_static_value",
    "get_variable",
    "get_variable_scope", "gfile",
    "GIT_VERSION",
    "global_norm", "global_variables", "global_variables_initializer",
    "glorot_normal_initializer", "glorot_uniform_initializer", "GPUOptions",
    "grad_pass_through",
    "gradients", "Graph",
    "GRAPH_DEF_VERSION",
    "GRAPH_DEF_VERSION_MIN_CONSUMER",
    "GRAPH_DEF_VERSION_MIN_PRODUCER",
    "graph_util",
    "GraphDef",
    "GraphGrowthWarning",
    "GraphKeys", "GraphOptions", "greater", "greater_equal", "group", "half", "HistogramProto", "identity",
    "IdentityReader", "imag", "image", "import_graph_def", "IndexedSlices", "init_scope", "initialize_all_tables",
    "initialize_all_variables",
    "initialize_local_variables",
    "initialize_variables",
    "initializers", "int16", "int32", "int64", "int8", "InteractiveSession", "invert_permutation", "io", "is_finite",
    "is_inf", "is_nan", "is_numeric_tensor",
    "is_tensor", "is_variable_initialized", "layers", "less", "less_equal",
    "linalg",
    "lint",
    "local_variables",
    "local_variables_initializer", "log", "log1p", "logging", "logical_and", "logical_not", "logical_or", "logical_xor",
    "LogMessage", "lookup", "losses", "make_ndarray", "make_template", "make_tensor_proto", "map_fn", "matching_files",
    "math", "matmul",
    "matrix_band_part",
    "matrix_determinant",
    "matrix_diag",
    "matrix_diag_part",
    "matrix_inverse",
    "matrix_set_diag",
    "matrix_solve",
    "matrix_solve_ls",
    "matrix_transpose",
    "matrix_triangular_solve",
    "maximum", "meshgrid", "MetaGraphDef", "metrics", "min_max_variable_partitioner", "minimum",
    "mod", "model_variables",
    "moving_average_variables", "multinomial", "multiply", "name_scope", "NameAttrList", "negative", "nest", "newaxis",
    "nn",
    "no_gradient",
    "no_op", "no_regularizer", "NodeDef",
    "NoGradient",
    "norm",
    "not_equal", "NotDifferentiable",
    "numpy_function", "one_hot", "ones", "ones_initializer", "ones_like",
    "Operation", "OptimizerOptions", "orthogonal_initializer", "pad", "PaddingFIFOQueue", "parse_example",
    "parse_single_example",
    "parse_single_sequence_example", "PartitionedVariable",
    "placeholder", "placeholder_with_default", "pow", "Print", "print",
    "PriorityQueue", "py_func", "py_function",
    "python_io", "qint16", "qint32", "qint8", "qr", "queue", "QueueBase", "quint16", "quint8",
    "random", "random_crop", "random_normal",
    "random_normal_initializer",
    "random_shuffle", "random_uniform", "random_uniform_initializer", "RandomShuffleQueue", "range", "rank",
    "read_file", "ReaderBase", "real",
    "realdiv", "reciprocal",
    "reduce_all", "reduce_any", "reduce_join", "reduce_logsumexp", "reduce_max", "reduce_mean", "reduce_min",
    "reduce_prod", "reduce_sum", "regex_replace", "register_tensor_conversion_function", "RegisterGradient",
    "report_uninitialized_variables",
    "required_space_to_batch_paddings",
    "reset_default_graph", "reshape", "resource",
    "resource_variables_enabled",
    "reverse", "reverse_sequence", "reverse_v2", "round", "rsqrt",
    "RunMetadata", "RunOptions", "saturate_cast",
    "saved_model",
    "scalar_mul", "scan", "scatter_add",
    "scatter_div",
    "scatter_max",
    "scatter_min",
    "scatter_mul",
    "scatter_nd",
    "scatter_nd_add",
    "scatter_nd_sub",
    "scatter_nd_update",
    "scatter_sub", "scatter_update",
    "ScopeflowLintWarning",
    "segment_sum",
    "self_adjoint_eig",
    "self_adjoint_eigvals",
    "sequence_mask",
    "Session",
    "SessionLog", "set_random_seed", "setdiff1d", "sets", "shape", "shape_n",
    "sharing_report",
    "SharingExpectationError",
    "SharingReport",
    "sigmoid", "sign", "sin", "size", "slice",
    "SlotScopeWarning",
    "space_to_batch",
    "space_to_batch_nd",
    "space_to_depth",
    "sparse", "sparse_add", "sparse_concat", "sparse_fill_empty_rows", "sparse_maximum", "sparse_merge",
    "sparse_minimum", "sparse_placeholder", "sparse_reduce_max", "sparse_reduce_max_sparse", "sparse_reduce_sum",
    "sparse_reduce_sum_sparse", "sparse_reorder", "sparse_reset_shape",
    "sparse_reshape", "sparse_retain", "sparse_segment_mean",
    "sparse_segment_sqrt_n", "sparse_segment_sum", "sparse_slice", "sparse_softmax", "sparse_split",
    "sparse_tensor_dense_matmul", "sparse_tensor_to_dense", "sparse_to_dense", "sparse_to_indicator",
    "sparse_transpose", "SparseConditionalAccumulator", "SparseFeature",
    "SparseTensor", "SparseTensorSpec", "SparseTensorValue",
    "split", "sqrt", "square", "squared_difference", "squeeze", "stack", "stop_gradient", "strided_slice", "string",
    "string_join", "string_split", "string_to_hash_bucket", "string_to_hash_bucket_fast",
    "string_to_hash_bucket_strong", "string_to_number", "strings", "substr",
    "subtract", "Summary", "summary", "SummaryMetadata",
    "svd",
    "tables_initializer", "tanh", "Tensor",
    "tensor_scatter_add",
    "tensor_scatter_nd_add",
    "tensor_scatter_nd_max",
    "tensor_scatter_nd_min",
    "tensor_scatter_nd_sub",
    "tensor_scatter_nd_update",
    "tensor_scatter_sub",
    "tensor_scatter_update",
    "TensorArray",
    "tensordot", "TensorInfo",
    "TensorShape", "TensorSpec",
    "test",
    "TextLineReader", "TFRecordReader", "tile", "to_bfloat16", "to_complex128",
    "to_complex64", "to_double", "to_float", "to_int32",
    "to_int64",
    "trace",
    "train", "trainable_variables", "transpose", "truediv", "truncated_normal",
    "truncated_normal_initializer", "truncatediv", "truncatemod", "tuple", "TypeSpec", "uint16", "uint32", "uint64",
    "uint8", "UnconnectedGradients",
    "UninitializedVariableWarning",
    "unique",
    "unsorted_segment_sum", "unstack",
    "UpdateOpsWarning",
    "Variable", "variable_axis_size_partitioner", "variable_creator_scope",
    "variable_op_scope", "variable_scope",
    "VariableAggregation", "variables_initializer", "VariableScope", "VariableSynchronization",
    "variance_scaling_initializer", "variant", "VarLenFeature", "verify_tensor_all_finite",
    "VERSION",
    "version",
    "where", "where_v2", "while_loop", "WholeFileReader", "write_file",
    "zeros",
    "zeros_initializer", "zeros_like"]

import importlib as _importlib

from scopeflow._src import protos as _protos
from scopeflow._src.framework import tensor_util as _tensor_util
from scopeflow._src.framework.constant_op import (
    constant,
    convert_to_tensor,
    is_tensor,
    register_tensor_conversion_function,
)
from scopeflow._src.framework.default_graph import (
    add_to_collection,
    add_to_collections,
    colocate_with,
    container,
    control_dependencies,
    device,
    get_collection,
    get_collection_ref,
    get_default_graph,
    get_default_session,
    get_name_scope,
    get_seed,
    init_scope,
    name_scope,
    reset_default_graph,
    set_random_seed,
)
from scopeflow._src.framework.dtypes import (
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    qint8,
    qint16,
    qint32,
    quint8,
    quint16,
    resource,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
    variant,
)
from scopeflow._src.framework.graph import Graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.indexed_slices import IndexedSlices, convert_to_tensor_or_indexed_slices
from scopeflow._src.framework.operation import Operation, Tensor
from scopeflow._src.framework.registry import NotDifferentiable, RegisterGradient
from scopeflow._src.framework.sparse_tensor import (
    SparseTensor,
    SparseTensorValue,
    convert_to_tensor_or_sparse_tensor,
)
from scopeflow._src.framework.tensor_proto import make_ndarray, make_tensor_proto
from scopeflow._src.framework.tensor_shape import Dimension, TensorShape, dimension_at_index, dimension_value

# -- arrays (shapes, slicing, gathering, joining) ----------------------------------------------
from scopeflow._src.ops.array_ops import (
    boolean_mask,
    broadcast_dynamic_shape,
    broadcast_static_shape,
    broadcast_to,
    concat,
    expand_dims,
    fill,
    gather,
    gather_nd,
    identity,
    invert_permutation,
    matrix_transpose,
    meshgrid,
    one_hot,
    ones,
    ones_like,
    pad,
    placeholder,
    placeholder_with_default,
    range,
    rank,
    reshape,
    reverse,
    reverse_sequence,
    reverse_v2,
    scatter_nd,
    sequence_mask,
    shape,
    shape_n,
    size,
    slice,
    split,
    squeeze,
    stack,
    stop_gradient,
    strided_slice,
    tile,
    transpose,
    unique,
    unsorted_segment_sum,
    unstack,
    where,
    where_v2,
    zeros,
    zeros_like,
)
from scopeflow._src.ops.control.control_flow_ops import group, no_op, tuple

# -- math (elementwise, reductions, matmul, comparisons) --------------------------------------
from scopeflow._src.ops.math_ops import (
    abs,
    accumulate_n,
    add,
    add_n,
    arg_max,
    arg_min,
    argmax,
    argmin,
    bitwise_and,
    bitwise_or,
    bitwise_xor,
    cast,
    ceil,
    clip_by_value,
    complex,
    conj,
    cos,
    count_nonzero,
    cumprod,
    cumsum,
    diag,
    diag_part,
    div,
    div_no_nan,
    divide,
    dynamic_partition,
    dynamic_stitch,
    einsum,
    equal,
    exp,
    eye,
    floor,
    floor_div,
    floordiv,
    floormod,
    greater,
    greater_equal,
    imag,
    is_finite,
    is_inf,
    is_nan,
    less,
    less_equal,
    log,
    log1p,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    matmul,
    maximum,
    minimum,
    mod,
    multiply,
    negative,
    not_equal,
    pow,
    qr,
    real,
    realdiv,
    reciprocal,
    reduce_all,
    reduce_any,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    round,
    rsqrt,
    saturate_cast,
    scalar_mul,
    setdiff1d,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    squared_difference,
    subtract,
    tanh,
    tensordot,
    to_bfloat16,
    to_complex64,
    to_complex128,
    to_double,
    to_float,
    to_int32,
    to_int64,
    truediv,
    truncatediv,
    truncatemod,
)

# -- random, state ----------------------------------------------------------------------------
from scopeflow._src.ops.random.random_ops import (
    multinomial,
    random_normal,
    random_shuffle,
    random_uniform,
    truncated_normal,
)
from scopeflow._src.ops.state.variable_ops import assign, assign_add, assign_sub, count_up_to

# -- variables ---------------------------------------------------------------------------------
from scopeflow._src.variables.collections import (
    all_variables,
    assert_variables_initialized,
    global_variables,
    global_variables_initializer,
    initialize_all_variables,
    initialize_local_variables,
    initialize_variables,
    is_variable_initialized,
    local_variables,
    local_variables_initializer,
    model_variables,
    moving_average_variables,
    report_uninitialized_variables,
    trainable_variables,
    variables_initializer,
)
from scopeflow._src.variables.initializers import (
    constant_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    ones_initializer,
    orthogonal_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    truncated_normal_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from scopeflow._src.variables.store import AUTO_REUSE
from scopeflow._src.variables.variable import RefVariable as Variable
from scopeflow._src.variables.variable import VariableAggregation, VariableSynchronization, variable_creator_scope
from scopeflow._src.variables.variable_scope import (
    VariableScope,
    get_local_variable,
    get_variable,
    get_variable_scope,
    no_regularizer,
    variable_op_scope,
    variable_scope,
)

newaxis = None
no_gradient = NoGradient = NotDifferentiable  # TF's later names for it
get_static_value = _tensor_util.constant_value
__version__ = "0.1.0"


# the sparse ops (tf.sparse_* names), loaded on first use
_SPARSE = ("segment_sum", "sparse_add", "sparse_concat", "sparse_fill_empty_rows", "sparse_maximum", "sparse_merge",
           "sparse_minimum", "sparse_placeholder", "sparse_reduce_max", "sparse_reduce_max_sparse",
           "sparse_reduce_sum", "sparse_reduce_sum_sparse", "sparse_reorder", "sparse_reset_shape",
           "sparse_reshape", "sparse_retain",
           "sparse_segment_mean", "sparse_segment_sqrt_n", "sparse_segment_sum", "sparse_slice", "sparse_softmax",
           "sparse_split", "sparse_tensor_dense_matmul", "sparse_tensor_to_dense", "sparse_to_dense",
           "sparse_to_indicator", "sparse_transpose")
# the math functions beyond the basic ones (tf.erf, tf.segment_max, tf.sort ...), loaded on first use
_MATH_MORE = ("acos", "acosh", "angle", "argsort", "asin", "asinh", "atan", "atan2", "atanh", "betainc",
              "bincount", "cosh", "digamma", "ensure_shape", "erf", "erfc", "expm1", "histogram_fixed_width",
              "histogram_fixed_width_bins", "identity_n", "igamma", "igammac", "is_non_decreasing",
              "is_strictly_increasing", "lbeta", "lgamma", "lin_space", "linspace", "log_sigmoid", "polygamma",
              "repeat", "rint", "roll", "searchsorted", "segment_max", "segment_mean", "segment_min",
              "segment_prod", "sinh", "sort", "tan", "unique_with_counts", "unravel_index", "unsorted_segment_max",
              "unsorted_segment_mean", "unsorted_segment_min", "unsorted_segment_prod", "unsorted_segment_sqrt_n",
              "zeta")
# TensorFlow's protocol buffers, built on first use (protobuf costs import time)
_PROTOS = ("AttrValue", "Event", "GraphDef", "HistogramProto", "LogMessage", "MetaGraphDef", "NameAttrList", "NodeDef",
           "SessionLog", "Summary", "SummaryMetadata", "TensorInfo")
_LOOKUP = ("initialize_all_tables", "tables_initializer")
_SCRIPT = ("numpy_function", "py_func", "py_function")
_CONTROL_FLOW = ("Assert", "case", "cond", "foldl", "foldr", "map_fn", "scan", "TensorArray", "while_loop")
_PARSING = ("as_string", "decode_base64", "decode_csv", "decode_raw", "encode_base64", "FixedLenFeature",
            "FixedLenSequenceFeature", "parse_example",
            "parse_single_example", "parse_single_sequence_example", "reduce_join", "regex_replace", "SparseFeature",
            "string_join", "string_split", "string_to_hash_bucket", "string_to_hash_bucket_fast",
            "string_to_hash_bucket_strong", "string_to_number", "substr", "VarLenFeature")
_DEBUGGING = ("add_check_numerics_ops", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
              "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
              "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
              "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar", "assert_type",
              "check_numerics", "is_numeric_tensor", "Print", "verify_tensor_all_finite")
_QUEUES = ("ConditionalAccumulator", "ConditionalAccumulatorBase", "FIFOQueue", "FixedLengthRecordReader",
           "IdentityReader", "PaddingFIFOQueue", "PriorityQueue", "QueueBase", "RandomShuffleQueue", "read_file",
           "ReaderBase", "SparseConditionalAccumulator", "TextLineReader", "TFRecordReader", "WholeFileReader",
           "write_file")

_BEHAVIOUR = ("COMPILER_VERSION", "control_flow_v2_enabled", "disable_control_flow_v2", "disable_resource_variables",
              "disable_tensor_equality", "disable_v2_tensorshape", "enable_control_flow_v2", "enable_eager_execution",
              "enable_resource_variables", "enable_tensor_equality", "enable_v2_behavior", "enable_v2_tensorshape",
              "executing_eagerly_outside_functions", "get_logger", "GIT_VERSION", "GRAPH_DEF_VERSION",
              "GRAPH_DEF_VERSION_MIN_CONSUMER", "GRAPH_DEF_VERSION_MIN_PRODUCER", "resource_variables_enabled",
              "VERSION")
# The subsystems that load on first use (each costs import time), and the names each gives:
# the first use of one name loads the module and binds all of its names here.
_LAZY_OPS = {
    "scopeflow._src.audit.report": ("sharing_report", "SharingReport"),
    "scopeflow._src.behaviour": _BEHAVIOUR,
    "scopeflow._src.client.config": ("ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions", "RunMetadata",
                                     "RunOptions"),
    "scopeflow._src.client.lints": ("GraphGrowthWarning", "lint", "ScopeflowLintWarning", "SlotScopeWarning",
                                    "UninitializedVariableWarning", "UpdateOpsWarning"),
    "scopeflow._src.client.session": ("InteractiveSession", "Session"),
    "scopeflow._src.custom_gradient": ("custom_gradient", "grad_pass_through"),
    "scopeflow._src.data.readers": ("matching_files",),
    "scopeflow._src.framework.device_spec": ("DeviceSpec",),
    "scopeflow._src.framework.tensor_spec": ("SparseTensorSpec", "TensorSpec", "TypeSpec"),
    "scopeflow._src.gradients": ("AggregationMethod", "gradients", "UnconnectedGradients"),
    "scopeflow._src.graph_io.importer": ("import_graph_def",),
    "scopeflow._src.metrics.confusion": ("confusion_matrix",),
    "scopeflow._src.ops.array.layout": ("batch_to_space", "depth_to_space", "extract_image_patches",
                                        "space_to_batch", "space_to_depth"),
    "scopeflow._src.ops.control.api": _CONTROL_FLOW,
    "scopeflow._src.ops.debugging.api": _DEBUGGING,
    "scopeflow._src.ops.image.api": ("random_crop",),
    "scopeflow._src.ops.linalg": ("cholesky", "cholesky_solve", "cross", "matrix_band_part", "matrix_determinant",
                                  "matrix_diag", "matrix_diag_part", "matrix_inverse", "matrix_set_diag",
                                  "matrix_solve", "matrix_solve_ls", "matrix_triangular_solve", "norm",
                                  "self_adjoint_eig", "self_adjoint_eigvals", "svd", "trace"),
    "scopeflow._src.ops.lookup.api": _LOOKUP,
    "scopeflow._src.ops.math.api": _MATH_MORE,
    "scopeflow._src.ops.nn.clip": ("clip_by_global_norm", "clip_by_norm", "global_norm"),
    "scopeflow._src.ops.nn.volumetric": ("batch_to_space_nd", "required_space_to_batch_paddings",
                                         "space_to_batch_nd"),
    "scopeflow._src.ops.parsing.api": _PARSING,
    "scopeflow._src.ops.script.api": _SCRIPT,
    "scopeflow._src.ops.sparse.api": _SPARSE,
    "scopeflow._src.ops.state.scatter_api": ("batch_gather", "batch_scatter_update", "scatter_div", "scatter_max",
                                             "scatter_min", "scatter_mul", "scatter_nd_add", "scatter_nd_sub",
                                             "scatter_nd_update", "tensor_scatter_add", "tensor_scatter_nd_add",
                                             "tensor_scatter_nd_max", "tensor_scatter_nd_min",
                                             "tensor_scatter_nd_sub", "tensor_scatter_nd_update",
                                             "tensor_scatter_sub", "tensor_scatter_update"),
    "scopeflow._src.ops.state.sparse_training_ops": ("scatter_add", "scatter_sub", "scatter_update"),
    "scopeflow._src.queues.api": _QUEUES,
    "scopeflow._src.variables.expectations": ("expect_new", "expect_shared", "SharingExpectationError"),
    "scopeflow._src.variables.partitioned": ("create_partitioned_variables", "PartitionedVariable"),
    "scopeflow._src.variables.partitioners": ("fixed_size_partitioner", "min_max_variable_partitioner",
                                              "variable_axis_size_partitioner"),
    "scopeflow._src.variables.template": ("make_template",),
}
__all__ = sorted(__all__ + list(_MATH_MORE), key=lambda n: (n.lower(), n))
_LAZY_SOURCE = {name: source for source, names in _LAZY_OPS.items() for name in names}
# The public sub-namespaces, each loaded on first use (tf.nn, tf.train, tf.layers...): a program
# pays only for the ones it reads
_LAZY_MODULES = frozenset(("app", "bitwise", "compat", "data", "debugging", "dtypes", "errors", "flags", "gfile",
                           "graph_util", "image", "initializers", "io", "layers", "losses", "linalg", "lookup", "math",
                           "metrics", "nest", "nn", "python_io", "queue", "random", "sets", "sparse", "strings",
                           "summary", "train", "version", "test", "saved_model", "distributions"))


def __getattr__(name):
    """The names of the subsystems that load on first use (``_LAZY_OPS``, ``_LAZY_MODULES``),
    ``tf.logging`` and the protocol buffers (``tf.GraphDef``...): Python's ``logging``, protobuf
    and each subsystem cost import time."""
    source = _LAZY_SOURCE.get(name)
    if source is not None:
        module = _importlib.import_module(source)
        globals().update((n, getattr(module, n)) for n in _LAZY_OPS[source])
        return globals()[name]
    if name in _LAZY_MODULES:
        return _importlib.import_module(f"scopeflow.{name}")
    if name in _PROTOS:
        globals()[name] = getattr(_protos, name)
        return globals()[name]
    if name == "print":
        # served from here each time, never bound in this module: a global `print` would shadow
        # the builtin for the code (and doctests) of this module
        return _importlib.import_module("scopeflow._src.ops.debugging.api").print_v2
    if name == "logging":
        from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time

        globals()["logging"] = logging_module
        return logging_module
    raise AttributeError(f"module 'scopeflow' has no attribute {name!r}")


def __dir__():
    """The public names (``__all__``, which includes the lazily loaded ``logging``), without
    the private package ``_src`` that the imports above bind here."""
    return sorted(__all__)


def disable_v2_behavior() -> None:
    """Accepted for compatibility: scopeflow only has TF1 graph behaviour."""


def disable_eager_execution() -> None:
    """Accepted for compatibility: scopeflow never executes eagerly."""


def executing_eagerly() -> bool:
    """Always ``False``: scopeflow is graph mode only."""
    return False
