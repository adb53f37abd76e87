"""``StaticHashTable`` with ``KeyValueTensorInitializer``: graph, values, errors."""

from tests.conformance.cases.lookup._helpers import attrs, ops_of, plain, runs
from tests.conformance.harness import case, raises


def _table(tf, keys=("a", "b", "c"), values=(1, 2, 3), default=-1, **kw):
    return tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(list(keys), list(values)), default, **kw)


@case
def static_hash_table_graph(tf):
    t = _table(tf)
    out = t.lookup(tf.constant(["a", "z"]))
    size = t.size()
    handle = t.resource_handle
    return [t.name, t.key_dtype.name, t.value_dtype.name, t.default_value.name, handle.name, handle.dtype.name,
            t.initializer.name, out.name, out.dtype.name, out.shape.as_list(), size.name, size.dtype.name,
            ops_of(tf), attrs(handle.op, skip=("shared_name",)), handle.op.get_attr("shared_name")[:11],
            attrs(t.initializer), attrs(out.op)]


@case
def static_hash_table_values(tf):
    t = _table(tf)
    out = t.lookup(tf.constant([["a", "z"], ["c", "b"]]))
    return runs(tf, [tf.tables_initializer(), out, t.size(), t[tf.constant("b")]])


@case
def lookup_before_initialization(tf):
    t = _table(tf)
    return runs(tf, [t.lookup(tf.constant(["a"])), t.size()])


@case
def tables_initializer_graph(tf):
    empty = tf.tables_initializer()
    _table(tf)
    _table(tf, name="second")
    init = tf.tables_initializer(name="tables")
    legacy = tf.initialize_all_tables()
    return [empty.name, empty.type, init.name, init.type, [op.name for op in init.control_inputs], legacy.name,
            [op.name for op in tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS)]]


@case
def initializer_run_twice(tf):
    t = _table(tf)
    return runs(tf, [t.initializer, t.initializer, t.lookup(tf.constant(["c"]))])


@case
def duplicate_keys(tf):
    same = _table(tf, keys=["a", "a"], values=[1, 1])
    other = _table(tf, keys=["a", "a"], values=[1, 2])
    return runs(tf, [same.initializer, same.size(), other.initializer])


@case
def keys_values_shape_mismatch(tf):
    return raises(lambda: _table(tf, keys=["a", "b", "c"], values=[1, 2]))


@case
def integer_keys_and_float_values(tf):
    init = tf.lookup.KeyValueTensorInitializer(tf.constant([3, 5], tf.int64), [0.5, 1.5])
    t = tf.lookup.StaticHashTable(init, 0.0, name="floats")
    out = t.lookup(tf.constant([5, 4, 3], tf.int64), name="find")
    return [t.name, out.name, out.dtype.name, runs(tf, [t.initializer, out])]


@case
def string_values(tf):
    t = _table(tf, keys=[1, 2], values=["one", "two"], default="?")
    return [t.key_dtype.name, t.value_dtype.name, runs(tf, [t.initializer, t.lookup(tf.constant([2, 7]))])]


@case
def lookup_sparse_keys(tf):
    t = _table(tf)
    st = tf.SparseTensor([[0, 0], [1, 2]], ["c", "q"], [2, 3])
    out = t.lookup(st)
    return [type(out).__name__, out.values.name, runs(tf, [t.initializer, out.values, out.indices])]


@case
def lookup_wrong_key_dtype(tf):
    t = _table(tf)
    return raises(lambda: t.lookup(tf.constant([1, 2])))


@case
def initializer_wrong_dtypes(tf):
    init = tf.lookup.KeyValueTensorInitializer(["a"], [1])
    t = _table(tf)
    return [raises(lambda: init.initialize(_table(tf, keys=[1], values=[1]))),
            raises(lambda: tf.lookup.KeyValueTensorInitializer(["a"], [1.5]).initialize(t))]


@case
def default_value_dtype(tf):
    return [plain(raises(lambda: _table(tf, default="x"))), raises(lambda: _table(tf, default=[1, 2]))]


@case
def initializer_properties(tf):
    init = tf.lookup.KeyValueTensorInitializer([1, 2], [1.0, 2.0], key_dtype=tf.int64, value_dtype=tf.float64,
                                               name="kv")
    t = tf.lookup.StaticHashTable(init, -1.0)
    return [init.key_dtype.name, init.value_dtype.name, t.initializer.name, ops_of(tf)]
