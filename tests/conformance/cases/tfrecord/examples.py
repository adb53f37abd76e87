"""``tf.train.Example`` and its parts: building, serializing, parsing, and as TFRecords."""

from tests.conformance.cases.tfrecord._helpers import TempDir, write
from tests.conformance.harness import case, error_class


def _example(tf):
    feature = {
        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[7, -1, 2**62])),
        "weights": tf.train.Feature(float_list=tf.train.FloatList(value=[0.1, -2.5, 1e30])),
        "text": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"abc", "\u00e9".encode()])),
        "empty": tf.train.Feature(),
    }
    return tf.train.Example(features=tf.train.Features(feature=feature))


def _sequence_example(tf):
    tokens = tf.train.FeatureList(feature=[tf.train.Feature(int64_list=tf.train.Int64List(value=[i, i + 1]))
                                           for i in range(3)])
    return tf.train.SequenceExample(
        context=tf.train.Features(feature={"length": tf.train.Feature(int64_list=tf.train.Int64List(value=[3]))}),
        feature_lists=tf.train.FeatureLists(feature_list={"tokens": tokens}))


@case
def example_serialized_deterministically(tf):
    return _example(tf).SerializeToString(deterministic=True).hex()


@case
def example_fields_after_a_round_trip(tf):
    example = tf.train.Example.FromString(_example(tf).SerializeToString())
    feature = example.features.feature
    return [sorted(feature), [feature[k].WhichOneof("kind") for k in sorted(feature)],
            list(feature["label"].int64_list.value), list(feature["weights"].float_list.value),
            [v.hex() for v in feature["text"].bytes_list.value], example == _example(tf),
            example.ByteSize()]


@case
def example_text_format(tf):
    example = tf.train.Example()
    example.features.feature["x"].float_list.value.extend([1.5, 2.0])
    example.features.feature["y"].bytes_list.value.append(b"\x00a")
    return str(example)


@case
def sequence_example_serialized_and_fields(tf):
    seq = tf.train.SequenceExample.FromString(_sequence_example(tf).SerializeToString(deterministic=True))
    tokens = seq.feature_lists.feature_list["tokens"].feature
    return [_sequence_example(tf).SerializeToString(deterministic=True).hex(), len(tokens),
            [list(f.int64_list.value) for f in tokens], list(seq.context.feature["length"].int64_list.value),
            str(seq)]


@case
def empty_messages_and_defaults(tf):
    feature = tf.train.Feature()
    return [tf.train.Example().SerializeToString().hex(), feature.WhichOneof("kind"), feature.ByteSize(),
            tf.train.Feature(float_list=tf.train.FloatList()).SerializeToString().hex(),
            tf.train.Example().HasField("features"), list(tf.train.FeatureLists().feature_list),
            [tf.train.Example.DESCRIPTOR.full_name, tf.train.SequenceExample.DESCRIPTOR.full_name,
             tf.train.Feature.DESCRIPTOR.full_name, tf.train.FeatureList.DESCRIPTOR.full_name]]


@case
def float_list_keeps_float32(tf):
    values = tf.train.FloatList(value=[0.1, 1 / 3, 3.4e38, -0.0]).value
    return [repr(v) for v in values]


@case
def feature_oneof_switches_kind(tf):
    feature = tf.train.Feature(int64_list=tf.train.Int64List(value=[1]))
    before = feature.WhichOneof("kind")
    feature.bytes_list.value.append(b"z")
    return [before, feature.WhichOneof("kind"), feature.HasField("int64_list"), feature.SerializeToString().hex()]


@case
def bad_values_in_lists(tf):
    return [error_class(tf.train.Int64List, value=[2**64]), error_class(tf.train.Int64List, value=["1"]),
            error_class(tf.train.BytesList, value=["text"]), error_class(tf.train.FloatList, value=["x"]),
            error_class(tf.train.Feature, int64_list=tf.train.FloatList())]


@case
def examples_through_a_tfrecord_file(tf):
    with TempDir() as d:
        serialized = [tf.train.Example(features=tf.train.Features(feature={
            "i": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))})).SerializeToString() for i in range(3)]
        write(tf, d.path("f"), serialized, "GZIP")
        parsed = [tf.train.Example.FromString(r) for r in tf.io.tf_record_iterator(d.path("f"), "GZIP")]
        return [list(e.features.feature["i"].int64_list.value) for e in parsed]


@case
def parse_errors_of_a_damaged_example(tf):
    data = _example(tf).SerializeToString()
    return [error_class(tf.train.Example.FromString, data[:-3]), error_class(tf.train.Example.FromString, b"\xff\xff")]
