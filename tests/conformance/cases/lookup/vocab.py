"""``TextFileInitializer`` and ``StaticVocabularyTable``: files, OOV buckets, errors."""

from tests.conformance.cases.lookup._helpers import attrs, ops_of, plain, runs, vocab
from tests.conformance.harness import case, raises

_TEXT = "apple\t5\nbanana\t7\ncherry\t9\n"


def _file_table(tf, path, key_dtype, key_index, value_dtype, value_index, default, **kw):
    init = tf.lookup.TextFileInitializer(path, key_dtype, key_index, value_dtype, value_index, **kw)
    return tf.lookup.StaticHashTable(init, default)


@case
def text_file_columns(tf):
    path = vocab("columns.txt", _TEXT)
    t = _file_table(tf, path, tf.string, 0, tf.int64, 1, -1)
    out = t.lookup(tf.constant(["banana", "x", "apple"]))
    init = t.initializer
    return [plain(t.resource_handle.op.get_attr("shared_name")), init.name, init.type, attrs(init),
            plain([x.name for x in tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS)]), ops_of(tf),
            runs(tf, [tf.tables_initializer(), out, t.size()])]


@case
def text_file_whole_line_and_line_number(tf):
    path = vocab("lines.txt", "the\nquick\nbrown\nfox\n")
    index = tf.lookup.TextFileIndex
    words = _file_table(tf, path, tf.string, index.WHOLE_LINE, tf.int64, index.LINE_NUMBER, -1)
    ids = _file_table(tf, path, tf.int64, index.LINE_NUMBER, tf.string, index.WHOLE_LINE, "UNK")
    return runs(tf, [tf.tables_initializer(), words.lookup(tf.constant(["fox", "the", "dog"])),
                     ids.lookup(tf.constant([3, 0, 9], tf.int64)), words.size()])


@case
def text_file_vocab_size_offset_delimiter(tf):
    path = vocab("csv.txt", "a,1\nb,2\nc,3\n")
    index = tf.lookup.TextFileIndex
    t = _file_table(tf, path, tf.string, 0, tf.int64, index.LINE_NUMBER, -1, vocab_size=2, delimiter=",",
                    value_index_offset=10)
    u = _file_table(tf, path, tf.string, 0, tf.int64, 1, -1, delimiter=",")
    return [plain(t.resource_handle.op.get_attr("shared_name")), attrs(t.initializer),
            runs(tf, [t.initializer, u.initializer, t.lookup(tf.constant(["a", "b", "c"])),
                      u.lookup(tf.constant(["c"]))])]


@case
def text_file_errors_at_run(tf):
    path = vocab("errors.txt", _TEXT)
    tables = [_file_table(tf, path + ".missing", tf.string, 0, tf.int64, 1, -1),
              _file_table(tf, path, tf.string, 0, tf.int64, 0, -1),
              _file_table(tf, path, tf.string, 0, tf.int64, 3, -1),
              _file_table(tf, path, tf.string, 0, tf.int64, -1, -1, vocab_size=5)]
    return runs(tf, [t.initializer for t in tables])


@case
def text_file_argument_errors(tf):
    index = tf.lookup.TextFileIndex
    make = tf.lookup.TextFileInitializer
    return [raises(lambda: make("", tf.string, 0, tf.int64, 1)),
            raises(lambda: make("f", tf.string, -3, tf.int64, 1)),
            raises(lambda: make("f", tf.string, index.LINE_NUMBER, tf.int64, 1)),
            raises(lambda: make("f", tf.float32, index.WHOLE_LINE, tf.int64, 1)),
            raises(lambda: make("f", tf.string, 0, tf.int64, -5)),
            raises(lambda: make("f", tf.string, 0, tf.int32, index.LINE_NUMBER)),
            raises(lambda: make("f", tf.string, 0, tf.float32, index.WHOLE_LINE)),
            raises(lambda: make("f", tf.string, 0, tf.int64, 1, vocab_size=0)),
            [index.WHOLE_LINE, index.LINE_NUMBER]]


@case
def vocabulary_table_graph_and_ids(tf):
    init = tf.lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64))
    v = tf.lookup.StaticVocabularyTable(init, 3)
    out = v.lookup(tf.constant(["a", "b", "c", "d", "zz", "hello world"]))
    size = v.size()
    return [v.name, v.key_dtype.name, v.value_dtype.name, out.name, size.name, ops_of(tf),
            runs(tf, [tf.tables_initializer(), out, size])]


@case
def vocabulary_table_from_file(tf):
    path = vocab("vocab.txt", "emerson\nlake\npalmer\n")
    index = tf.lookup.TextFileIndex
    init = tf.lookup.TextFileInitializer(path, tf.string, index.WHOLE_LINE, tf.int64, index.LINE_NUMBER)
    v = tf.lookup.StaticVocabularyTable(init, num_oov_buckets=5, name="words")
    words = ["palmer", "lake", "king", "crimson", "emerson", "yes", "genesis"]
    return [v.name, runs(tf, [v.initializer, v.lookup(tf.constant(words)), v.size()])]


@case
def vocabulary_table_integer_keys(tf):
    init = tf.lookup.KeyValueTensorInitializer(tf.constant([10, 20], tf.int64), tf.constant([0, 1], tf.int64))
    v = tf.lookup.StaticVocabularyTable(init, 4, lookup_key_dtype=tf.int32)
    out = v.lookup(tf.constant([20, 7, 10, 99, -1]))
    return [v.key_dtype.name, [op.type for op in tf.get_default_graph().get_operations()],
            runs(tf, [v.initializer, out])]


@case
def vocabulary_table_without_initializer(tf):
    v = tf.lookup.StaticVocabularyTable(None, 7)
    out = v.lookup(tf.constant(["a", "b", "c"]))
    return [v.name, v.resource_handle, v.initializer.name, runs(tf, [out, v.size()])]


@case
def vocabulary_table_errors(tf):
    ok = tf.lookup.KeyValueTensorInitializer(["a"], tf.constant([0], tf.int64))
    return [raises(lambda: tf.lookup.StaticVocabularyTable(ok, 0)),
            raises(lambda: tf.lookup.StaticVocabularyTable(tf.lookup.KeyValueTensorInitializer(["a"], [0]), 2)),
            raises(lambda: tf.lookup.StaticVocabularyTable(
                tf.lookup.KeyValueTensorInitializer([1.5], tf.constant([0], tf.int64)), 2)),
            raises(lambda: tf.lookup.StaticVocabularyTable(ok, 2, lookup_key_dtype=tf.int64)),
            raises(lambda: tf.lookup.StaticVocabularyTable(ok, 2).lookup(tf.constant([1])))]
