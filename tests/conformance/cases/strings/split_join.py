"""``string_split``, ``strings.split`` (SparseTensor results), ``reduce_join``, hash buckets."""

from tests.conformance.cases.parsing._helpers import node, run, static
from tests.conformance.harness import case, raises


def _sparse(tf, st, feed=None):
    return [static([st.indices, st.values, st.dense_shape]), run(tf, [st.indices, st.values, st.dense_shape], feed)]


@case
def string_split_default(tf):
    st = tf.string_split(["hello world", "a  b c", "", " x "])
    return [node(st.indices.op), _sparse(tf, st)]


@case
def string_split_delimiters(tf):
    return [_sparse(tf, tf.string_split(["a,b;c", ";;d"], ",;")),
            _sparse(tf, tf.string_split(["a,b,,c"], delimiter=",", skip_empty=False)),
            _sparse(tf, tf.string_split(["abc", "de"], "")),
            _sparse(tf, tf.string_split(["a b"], sep=" ", name="mine"))]


@case
def string_split_errors(tf):
    return [raises(lambda: tf.string_split(["a"], sep=" ", delimiter=" ")),
            raises(lambda: tf.string_split(["a"], result_type="Dense")),
            raises(lambda: tf.string_split([["a"]]).values.name)]


@case
def string_split_fed(tf):
    x = tf.placeholder(tf.string, [None])
    return _sparse(tf, tf.string_split(x, "/"), {x: ["a/b/c", "d", "e/"]})


@case
def strings_split_whitespace(tf):
    st = tf.strings.split(["hello world", "  a\tb\n c  ", "", "x"])
    return [node(st.indices.op), _sparse(tf, st)]


@case
def strings_split_sep_and_maxsplit(tf):
    return [_sparse(tf, tf.strings.split(["1<>2<><>3", "<>"], sep="<>")),
            _sparse(tf, tf.strings.split(["a b c d", "e f"], maxsplit=1)),
            _sparse(tf, tf.strings.split(["a,b,c,d", ""], sep=",", maxsplit=2)),
            _sparse(tf, tf.strings.split(source=["p q"], name="sp"))]


@case
def strings_split_scalar(tf):
    return _sparse(tf, tf.strings.split("a b c"))


@case
def strings_split_errors(tf):
    return [raises(lambda: tf.strings.split(input=["b"], source=["c"])),
            raises(lambda: tf.strings.split(["a"], result_type="Dense"))]


@case
def reduce_join_all_and_axes(tf):
    x = tf.constant([["a", "b", "c"], ["d", "e", "f"]])
    ts = [tf.reduce_join(x), tf.strings.reduce_join(x, axis=0), tf.strings.reduce_join(x, axis=1, separator=","),
          tf.strings.reduce_join(x, axis=-1, keepdims=True), tf.reduce_join(x, [0, 1], separator="."),
          tf.reduce_join(x, reduction_indices=[1], keep_dims=True, separator="|")]
    return [static(ts), node(ts[0].op), node(ts[2].op), run(tf, ts)]


@case
def reduce_join_names_and_unknown_rank(tf):
    p = tf.placeholder(tf.string)
    a = tf.strings.reduce_join(p, separator="+", name="rj")
    return [static(a), [o.type for o in tf.get_default_graph().get_operations()],
            run(tf, a, {p: [["a", "b"], ["c", "d"]]})]


@case
def reduce_join_bad_axis(tf):
    x = tf.placeholder(tf.string, [None, None])
    return [run(tf, tf.strings.reduce_join(x, axis=2), {x: [["a"]]}),
            run(tf, tf.strings.reduce_join(x, axis=[0, 0]), {x: [["a"]]})]


@case
def hash_bucket_fast_values(tf):
    words = ["", "a", "ab", "hello", "hello world!", "x" * 17, "y" * 40, "z" * 65, "w" * 200, "\u00e9t\u00e9",
             "the quick brown fox jumps over the lazy dog, again and again and again"]
    a = tf.string_to_hash_bucket_fast(words, 1000)
    b = tf.strings.to_hash_bucket_fast(words, 2 ** 62, name="h")
    return [static([a, b]), node(a.op), run(tf, [a, b])]


@case
def hash_bucket_fast_one_bucket(tf):
    return run(tf, tf.strings.to_hash_bucket_fast([["a", "b"], ["c", "d"]], 1))


@case
def hash_bucket_strong_and_legacy(tf):
    words = ["", "a", "abcdefgh", "abcdefghi", "hello world", "\u00e9t\u00e9", "z" * 100]
    a = tf.string_to_hash_bucket_strong(words, 1000, [1, 2])
    b = tf.strings.to_hash_bucket_strong(words, 2 ** 62, [2 ** 40, 7], name="strong")
    c = tf.string_to_hash_bucket(words, 1000)
    d = tf.strings.to_hash_bucket(input=words, num_buckets=2 ** 62)
    return [static([a, b, c, d]), node(a.op), node(c.op), run(tf, [a, b, c, d])]


@case
def hash_bucket_strong_bad_key(tf):
    return [run(tf, tf.string_to_hash_bucket_strong(["a"], 3, [1, 2, 3])),
            raises(lambda: tf.string_to_hash_bucket(string_tensor=["b"], num_buckets=3, input=["c"]))]


@case
def unsorted_segment_join_values(tf):
    a = tf.strings.unsorted_segment_join([["a", "b"], ["c", "d"], ["e", "f"]], [1, 0, 1], 3, separator=":")
    b = tf.strings.unsorted_segment_join(["x", "y", "z"], tf.constant([2, 2, 0], tf.int64), 4, name="sj")
    return [static([a, b]), node(a.op), node(b.op), run(tf, [a, b])]


@case
def unsorted_segment_join_errors(tf):
    ids = tf.placeholder(tf.int32, [2])
    t = tf.strings.unsorted_segment_join(["a", "b"], ids, 2)
    return [run(tf, t, {ids: [0, 5]}), run(tf, t, {ids: [0, -1]}), static(t)]
