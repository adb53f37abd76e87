"""dynamic_rnn's graph: the whole op list of one small BasicRNNCell model, then only the
representative parts of others (output and state names, loop exits, TensorArrays, the ops
outside the loop, the cell's ops inside it) and op attributes."""

from tests.conformance.cases.rnn_dynamic._helpers import (
    detail,
    has_ops,
    kinds,
    names,
    ops_with,
    outer_ops,
    seq,
    shapes,
)
from tests.conformance.harness import case


def _key(tf, cell, cell_prefix, **kwargs):
    """Output and state names, state structure, the loop's Exit ops and the cell's ops in the loop."""
    kwargs.setdefault("dtype", tf.float32)
    out, state = tf.nn.dynamic_rnn(cell, seq(tf), **kwargs)
    return {"out": names(out), "state": names(state), "kinds": kinds(state), "shapes": shapes([out, state]),
            "exits": ops_with(tf, "rnn/while/Exit"), "cell_ops": ops_with(tf, cell_prefix)}


# -- the whole graph of one model -------------------------------------------------------------
@case
def basic_rnn_full_graph(tf):
    """Every op, in creation order, with its inputs and control inputs (initializers included)."""
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(4), seq(tf), dtype=tf.float32)
    return {"out": names(out), "state": names(state), "shapes": shapes([out, state]), "ops": detail(tf)}


@case
def basic_rnn_op_attrs(tf):
    """The TensorArrays' and the loop's attributes."""
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(4), seq(tf), dtype=tf.float32)
    graph = tf.get_default_graph()
    tas = []
    for name in ("rnn/TensorArray", "rnn/TensorArray_1"):
        op = graph.get_operation_by_name(name)
        tas.append([name, op.get_attr("dtype").name, tf.TensorShape(op.get_attr("element_shape")).as_list(),
                    op.get_attr("dynamic_size"), op.get_attr("clear_after_read"),
                    op.get_attr("identical_element_shapes"), op.get_attr("tensor_array_name")])
    enters = [[op.name, op.get_attr("frame_name"), op.get_attr("is_constant"), op.get_attr("parallel_iterations")]
              for op in graph.get_operations() if op.type == "Enter"]
    return {"tensor_arrays": tas, "enters": enters}


@case
def basic_rnn_key_ops_exist(tf):
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), dtype=tf.float32)
    return has_ops(tf, "rnn/time", "rnn/TensorArray", "rnn/TensorArray_1", "rnn/while/LoopCond",
                   "rnn/while/Exit_3", "rnn/transpose", "rnn/transpose_1", "rnn/sequence_length",
                   "rnn/CheckSeqLen", "rnn/dynamic_rnn", "rnn/while/maximum_iterations", "rnn/Minimum")


@case
def basic_rnn_op_types(tf):
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), dtype=tf.float32)
    types = {}
    for op in tf.get_default_graph().get_operations():
        types[op.type] = types.get(op.type, 0) + 1
    return sorted(types.items())


# -- other cells: the representative parts ----------------------------------------------------
@case
def basic_lstm_key_ops(tf):
    return _key(tf, tf.nn.rnn_cell.BasicLSTMCell(4), "rnn/while/basic_lstm_cell/")


@case
def lstm_peepholes_projection_key_ops(tf):
    cell = tf.nn.rnn_cell.LSTMCell(4, use_peepholes=True, num_proj=2)
    return _key(tf, cell, "rnn/while/lstm_cell/")


@case
def gru_key_ops(tf):
    return _key(tf, tf.nn.rnn_cell.GRUCell(3), "rnn/while/gru_cell/")


@case
def multi_cell_key_ops(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(2)])
    got = _key(tf, cell, "rnn/while/rnn/multi_rnn_cell/")  # the cells' ops go under rnn/while/rnn/
    got["zero_state"] = [s for s in ops_with(tf, "rnn/MultiRNNCellZeroState/") if s[1] == "Fill"]
    return got


@case
def dropout_wrapper_key_ops(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(3))
    got = _key(tf, cell, "rnn/while/dropout")
    got["while_ops"] = [s for s in ops_with(tf, "rnn/while/") if s[1] not in ("Const", "Enter")]
    return got


@case
def dropout_below_one_key_ops(tf):
    """With keep_prob < 1 the dropout ops are built inside the loop (their values are random)."""
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2), output_keep_prob=0.5, seed=3)
    got = _key(tf, cell, "rnn/while/dropout")
    got["seeds"] = [[op.name, op.get_attr("seed"), op.get_attr("seed2")]
                    for op in tf.get_default_graph().get_operations()
                    if op.type == "RandomUniform" and "Initializer" not in op.name]
    return got


@case
def residual_wrapper_key_ops(tf):
    cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.GRUCell(3))
    got = _key(tf, cell, "rnn/while/residual")
    got["while_ops"] = [s for s in ops_with(tf, "rnn/while/") if s[1] not in ("Const", "Enter")]
    return got


@case
def lstm_not_tuple_state_key_ops(tf):
    return _key(tf, tf.nn.rnn_cell.BasicLSTMCell(2, state_is_tuple=False), "rnn/while/basic_lstm_cell/Mul")


# -- the ops outside the loop for each kind of input ------------------------------------------
@case
def time_major_outer_ops(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf, time_major=True), dtype=tf.float32,
                                   time_major=True)
    return [names([out, state]), outer_ops(tf), ops_with(tf, "rnn/while/Less", "rnn/while/Enter")]


@case
def unknown_batch_outer_ops(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), seq(tf, batch=None), dtype=tf.float32)
    return [names([out, state]), shapes([out, state]), outer_ops(tf)]


@case
def unknown_time_outer_ops(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf, time=None), dtype=tf.float32)
    return [names([out, state]), shapes([out, state]), outer_ops(tf)]


@case
def initial_state_outer_ops(tf):
    init = tf.placeholder(tf.float32, [2, 3], name="init")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), initial_state=init)
    return [names([out, state]), outer_ops(tf), detail(tf, "rnn/while/Enter_3")]


@case
def sequence_length_structure(tf):
    lengths = tf.placeholder(tf.int32, [2], name="lengths")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), dtype=tf.float32,
                                   sequence_length=lengths)
    copy_ops = [d for d in detail(tf, "rnn/while/") if d[1] in ("Select", "GreaterEqual", "SelectV2")]
    return {"out": names(out), "state": names(state), "outer": outer_ops(tf), "copy": copy_ops,
            "check": detail(tf, "rnn/CheckSeqLen") + detail(tf, "rnn/sequence_length"),
            "assert": ops_with(tf, "rnn/Assert/"), "bound": detail(tf, "rnn/Minimum") + detail(tf, "rnn/Maximum")}


@case
def sequence_length_constant_int64(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), dtype=tf.float32,
                                   sequence_length=tf.constant([1, 3], tf.int64, name="lens"))
    return [names([out, state]), detail(tf, "rnn/Cast"), detail(tf, "rnn/sequence_length")]


@case
def sequence_length_python_list(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(2), seq(tf), dtype=tf.float32, sequence_length=[2, 3])
    return [names([out, state]), detail(tf, "rnn/Cast"), ops_with(tf, "rnn/while/Select", "rnn/while/GreaterEqual")]


@case
def float64_structure(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), seq(tf, dtype=tf.float64), dtype=tf.float64)
    graph = tf.get_default_graph()
    tas = [graph.get_operation_by_name(n).get_attr("dtype").name for n in ("rnn/TensorArray", "rnn/TensorArray_1")]
    return [names([out, state]), out.dtype.name, state.dtype.name, tas, [v.dtype.name for v in tf.global_variables()]]


@case
def parallel_iterations_and_swap_memory_attrs(tf):
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), seq(tf), dtype=tf.float32, parallel_iterations=5,
                               swap_memory=True)
    graph = tf.get_default_graph()
    enters = sorted({op.get_attr("parallel_iterations") for op in graph.get_operations() if op.type == "Enter"})
    tf.gradients(tf.reduce_sum(out), tf.trainable_variables())
    pushes = [[op.name, op.get_attr("swap_memory")] for op in graph.get_operations() if op.type == "StackPushV2"]
    return [enters, pushes]
