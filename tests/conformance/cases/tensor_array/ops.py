"""The ops tf.TensorArray builds and their names: creation, write, read, stack, unstack, gather,
scatter, concat, split, size and close; names under scopes and with ``name=``; op attributes."""

from tests.conformance.cases.tensor_array._helpers import detail, n_ops, sig, summary
from tests.conformance.harness import case, shape_of


@case
def create_detail(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    return [sig(ta.handle), sig(ta.flow), detail(tf)]


@case
def create_named(tf):
    ta = tf.TensorArray(tf.float32, size=2, name="acc")
    tb = tf.TensorArray(tf.int32, size=2, name="acc")
    return [ta.handle.name, ta.flow.name, tb.handle.name, summary(tf)]


@case
def create_two_default_names(tf):
    ta = tf.TensorArray(tf.float32, size=2)
    tb = tf.TensorArray(tf.float32, size=2)
    return [ta.handle.name, tb.handle.name, summary(tf)]


@case
def create_in_name_scope(tf):
    with tf.name_scope("outer"):
        ta = tf.TensorArray(tf.float32, size=2)
        ta = ta.write(0, [1.0])
        r = ta.read(0)
    return [r.name, summary(tf)]


@case
def create_attrs(tf):
    tf.TensorArray(tf.float32, size=3, name="a")
    tf.TensorArray(tf.int64, size=0, dynamic_size=True, clear_after_read=False, element_shape=[2, None], name="b")
    g = tf.get_default_graph()
    out = []
    for n in ("a", "b"):
        op = g.get_operation_by_name(n)
        out.append([op.get_attr("dtype").name, shape_of(tf.TensorShape(op.get_attr("element_shape"))),
                    op.get_attr("dynamic_size"),
                    op.get_attr("clear_after_read"), op.get_attr("identical_element_shapes"),
                    op.get_attr("tensor_array_name")])
    return out


@case
def create_tensor_array_name(tf):
    ta = tf.TensorArray(tf.float32, size=1, tensor_array_name="mine")
    return [ta.handle.name, ta.handle.op.get_attr("tensor_array_name")]


@case
def create_placeholder_size(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    ta = tf.TensorArray(tf.float32, size=n)
    return [sig(ta.size()), detail(tf)]


@case
def properties(tf):
    ta = tf.TensorArray(tf.float32, size=2, dynamic_size=True, element_shape=[3])
    tb = tf.TensorArray(tf.int32, size=2)
    return [ta.dtype.name, ta.dynamic_size, shape_of(ta.element_shape), tb.dtype.name, tb.dynamic_size,
            shape_of(tb.element_shape)]


@case
def write_detail(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    start = n_ops(tf)
    tw = ta.write(0, [1.0, 2.0])
    return [sig(tw.flow), tw.handle.name, detail(tf, start)]


@case
def write_chain_detail(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    x = tf.constant(1.0, name="x")
    ta = ta.write(0, x).write(1, x * 2.0).write(2, x * 3.0)
    return [ta.flow.name, detail(tf)]


@case
def write_named(tf):
    ta = tf.TensorArray(tf.float32, size=1)
    ta = ta.write(0, 1.0, name="put")
    return [ta.flow.name, summary(tf)]


@case
def read_detail(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0])
    start = n_ops(tf)
    r = ta.read(0)
    r2 = ta.read(1, name="get")
    return [sig(r), sig(r2), detail(tf, start)]


@case
def stack_detail(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0]).write(1, [2.0])
    start = n_ops(tf)
    s = ta.stack()
    s2 = ta.stack(name="all")
    return [sig(s), sig(s2), detail(tf, start)]


@case
def unstack_detail(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="x")
    ta = tf.TensorArray(tf.float32, size=3)
    start = n_ops(tf)
    tu = ta.unstack(x)
    return [tu.flow.name, detail(tf, start)]


@case
def gather_detail(tf):
    ta = tf.TensorArray(tf.float32, size=3).unstack(tf.constant([[1.0], [2.0], [3.0]], name="x"))
    start = n_ops(tf)
    g = ta.gather([2, 0])
    return [sig(g), detail(tf, start)]


@case
def scatter_detail(tf):
    ta = tf.TensorArray(tf.float32, size=4)
    start = n_ops(tf)
    ts = ta.scatter([3, 1], tf.constant([[5.0], [6.0]], name="v"))
    return [ts.flow.name, detail(tf, start)]


@case
def concat_detail(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0]).write(1, [3.0, 4.0])
    start = n_ops(tf)
    c = ta.concat()
    return [sig(c), detail(tf, start)]


@case
def split_detail(tf):
    ta = tf.TensorArray(tf.float32, size=2)
    start = n_ops(tf)
    tsp = ta.split(tf.constant([1.0, 2.0, 3.0], name="v"), [1, 2])
    return [tsp.flow.name, detail(tf, start)]


@case
def size_detail(tf):
    fixed = tf.TensorArray(tf.float32, size=3)
    dyn = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    start = n_ops(tf)
    a = fixed.size()
    b = dyn.size()
    c = dyn.write(0, 1.0).size()
    return [sig(a), sig(b), sig(c), detail(tf, start)]


@case
def close_detail(tf):
    ta = tf.TensorArray(tf.float32, size=1).write(0, 1.0)
    start = n_ops(tf)
    op = ta.close()
    return [op.name, op.type, [t.name for t in op.inputs], detail(tf, start)]


@case
def identity_detail(tf):
    ta = tf.TensorArray(tf.float32, size=1).write(0, 1.0)
    start = n_ops(tf)
    ti = ta.identity()
    return [ti.flow.name, ti.handle.name, detail(tf, start)]


@case
def graph_def_nodes(tf):
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0)
    ta.read(0)
    return [[n.name, n.op, list(n.input)] for n in tf.get_default_graph().as_graph_def().node]
