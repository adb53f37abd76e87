"""File datasets: ``list_files``, ``TextLineDataset``, ``TFRecordDataset`` (plain, GZIP, ZLIB,
several files) and ``FixedLengthRecordDataset``; each case writes its files in a fresh directory."""

import gzip
import os
import zlib

from tests.conformance.cases.data_dataset._helpers import TempDir, drain, first_error, sorted_values, structure
from tests.conformance.harness import case, raises, raises_last_line


def _names(values):
    """File names (without their directory) of ``drain``'s results."""
    return [os.path.basename(v.decode()) if isinstance(v, bytes) else v for v in values]


@case
def list_files_sorted_without_shuffle(tf):
    with TempDir() as d:
        for name in ("b.txt", "a.txt", "c.csv", "ab.txt"):
            d.text(name, name)
        ds = tf.data.Dataset.list_files(d.path("*.txt"), shuffle=False)
        return {"structure": structure(tf, ds), "files": _names(drain(tf, ds))}


@case
def list_files_several_patterns(tf):
    with TempDir() as d:
        for name in ("x1.csv", "x2.txt", "y1.csv", "z.bin"):
            d.text(name, name)
        ds = tf.data.Dataset.list_files([d.path("y*"), d.path("x*")], shuffle=False)
        return _names(drain(tf, ds))


@case
def list_files_shuffled_multiset(tf):
    with TempDir() as d:
        for i in range(6):
            d.text(f"f{i}.txt", "x")
        ds = tf.data.Dataset.list_files(d.path("f*.txt"), shuffle=True, seed=3)
        return sorted(_names(drain(tf, ds))[:-1])


@case
def list_files_no_match(tf):
    with TempDir() as d:
        one_shot = first_error(tf, tf.data.Dataset.list_files(d.path("*.nothing")))
        it = tf.data.make_initializable_iterator(tf.data.Dataset.list_files(d.path("*.nothing")))
        with tf.Session() as sess:
            initializing = raises_last_line(sess.run, it.initializer)
        return d.clean({"one_shot": one_shot, "initializer": initializing})


@case
def text_lines_of_one_file(tf):
    with TempDir() as d:
        ds = tf.data.TextLineDataset(d.text("a.txt", "first\n\nthird line\r\nlast"))
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def text_lines_trailing_newline_and_empty_file(tf):
    with TempDir() as d:
        ds = tf.data.TextLineDataset([d.text("a.txt", "one\ntwo\n"), d.text("empty.txt", ""),
                                      d.text("b.txt", "\n\nthree\n")])
        return drain(tf, ds)


@case
def text_lines_gzip_and_zlib(tf):
    with TempDir() as d:
        gz = d.text("a.gz", gzip.compress(b"g1\ng2\n"))
        zl = d.text("a.z", zlib.compress(b"z1\nz2"))
        return [drain(tf, tf.data.TextLineDataset(gz, compression_type="GZIP")),
                drain(tf, tf.data.TextLineDataset([zl], compression_type="ZLIB"))]


@case
def text_lines_filename_tensor(tf):
    with TempDir() as d:
        names = tf.constant([d.text("a.txt", "1\n2"), d.text("b.txt", "3")])
        ds = tf.data.TextLineDataset(names)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def text_lines_missing_file(tf):
    with TempDir() as d:
        return d.clean(first_error(tf, tf.data.TextLineDataset(d.path("missing.txt"))))


@case
def text_lines_from_list_files(tf):
    with TempDir() as d:
        d.text("p2.txt", "c\nd\n")
        d.text("p1.txt", "a\nb\n")
        files = tf.data.Dataset.list_files(d.path("p*.txt"), shuffle=False)
        return drain(tf, files.flat_map(tf.data.TextLineDataset))


@case
def text_lines_bad_arguments(tf):
    return [raises(lambda: first_error(tf, tf.data.TextLineDataset(5))),
            raises(lambda: first_error(tf, tf.data.TextLineDataset([["a"]])))]


@case
def tfrecord_plain(tf):
    with TempDir() as d:
        path = d.records(tf, "r.tfrecord", [b"alpha", b"", b"\x00\x01\xff"])
        ds = tf.data.TFRecordDataset(path)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def tfrecord_gzip_and_zlib(tf):
    with TempDir() as d:
        out = []
        for kind in ("GZIP", "ZLIB"):
            path = d.records(tf, f"r.{kind}", [kind.encode() + bytes([i]) * i for i in range(4)],
                             tf.python_io.TFRecordOptions(getattr(tf.python_io.TFRecordCompressionType, kind)))
            out.append(drain(tf, tf.data.TFRecordDataset(path, compression_type=kind)))
        return out


@case
def tfrecord_several_files_in_order(tf):
    with TempDir() as d:
        paths = [d.records(tf, f"r{i}", [f"{i}-{j}".encode() for j in range(i + 1)]) for i in range(3)]
        return [drain(tf, tf.data.TFRecordDataset(paths)), drain(tf, tf.data.TFRecordDataset(paths[::-1]))]


@case
def tfrecord_parallel_reads_interleave_files(tf):
    with TempDir() as d:
        paths = [d.records(tf, f"r{i}", [f"{i}-{j}".encode() for j in range(3)]) for i in range(3)]
        ds = tf.data.TFRecordDataset(paths, buffer_size=1024, num_parallel_reads=2)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def tfrecord_corrupt_record(tf):
    with TempDir() as d:
        path = d.records(tf, "r", [b"good", b"will be damaged"])
        data = bytearray(open(path, "rb").read())
        data[-6] ^= 0xFF
        d.text("r", bytes(data))
        return d.clean(first_error(tf, tf.data.TFRecordDataset(path)))


@case
def tfrecord_compressed_read_as_plain(tf):
    with TempDir() as d:
        path = d.records(tf, "r.gz", [b"abc"], tf.python_io.TFRecordOptions("GZIP"))
        return error_class_of(first_error(tf, tf.data.TFRecordDataset(path)))


def error_class_of(results):
    """``first_error``'s results with the error's message dropped (TF words it by offsets)."""
    results[-1].pop("message", None)
    return results


@case
def tfrecord_bad_compression_type(tf):
    with TempDir() as d:
        path = d.records(tf, "r", [b"abc"])
        return raises(lambda: first_error(tf, tf.data.TFRecordDataset(path, compression_type="LZ4")))


@case
def fixed_length_records(tf):
    with TempDir() as d:
        path = d.text("f.bin", b"HH" + b"abcdefghijkl" + b"F")
        ds = tf.data.FixedLengthRecordDataset(path, record_bytes=4, header_bytes=2, footer_bytes=1)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def fixed_length_records_decoded(tf):
    with TempDir() as d:
        import numpy as np  # only this case needs it

        path = d.text("f.bin", np.arange(6, dtype="<i4").tobytes())
        ds = tf.data.FixedLengthRecordDataset([path, path], record_bytes=8).map(lambda r: tf.decode_raw(r, tf.int32))
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def fixed_length_records_partial_last(tf):
    with TempDir() as d:
        path = d.text("f.bin", b"abcdefghij")
        return d.clean(first_error(tf, tf.data.FixedLengthRecordDataset(path, record_bytes=4)))


@case
def fixed_length_records_gzip(tf):
    with TempDir() as d:
        path = d.text("f.gz", gzip.compress(b"0123456789ab"))
        return drain(tf, tf.data.FixedLengthRecordDataset(path, 3, compression_type="GZIP"))


@case
def files_multiset_of_shuffled_lines(tf):
    with TempDir() as d:
        d.text("n.txt", "\n".join(str(i) for i in range(20)))
        ds = tf.data.TextLineDataset(d.path("n.txt")).shuffle(8, seed=1)
        return sorted_values(drain(tf, ds))


@case
def tfrecord_examples_parsed(tf):
    with TempDir() as d:
        records = []
        for i in range(3):
            ex = tf.train.Example(features=tf.train.Features(feature={
                "id": tf.train.Feature(int64_list=tf.train.Int64List(value=[i])),
                "xy": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.5, -i])),
                "name": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"n%d" % i]))}))
            records.append(ex.SerializeToString())
        spec = {"id": tf.io.FixedLenFeature([], tf.int64), "xy": tf.io.FixedLenFeature([2], tf.float32),
                "name": tf.io.FixedLenFeature([], tf.string)}
        ds = tf.data.TFRecordDataset(d.records(tf, "ex.tfrecord", records)).map(
            lambda r: tf.io.parse_single_example(r, spec)).batch(2)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}


@case
def tfrecord_files_interleaved(tf):
    with TempDir() as d:
        for i in range(3):
            d.records(tf, f"part-{i}.tfrecord", [f"{i}:{j}".encode() for j in range(2 + i)])
        files = tf.data.Dataset.list_files(d.path("part-*.tfrecord"), shuffle=False)
        ds = files.interleave(tf.data.TFRecordDataset, cycle_length=2, block_length=2)
        return drain(tf, ds)


@case
def csv_lines_decoded(tf):
    with TempDir() as d:
        path = d.text("data.csv", "x,y,label\n1.5,2,a\n-1,,b\n3,4.25,\"c,d\"\n")
        names = ["x", "y", "label"]

        def parse(line):
            fields = tf.io.decode_csv(line, record_defaults=[[0.0], [-1.0], [""]])
            return dict(zip(names, fields))

        ds = tf.data.TextLineDataset(path).skip(1).map(parse).batch(2)
        return {"structure": structure(tf, ds), "values": drain(tf, ds)}
