"""``tf_record_iterator``: reading plain and compressed files, and TensorFlow's errors for
missing, damaged, truncated or wrongly compressed ones."""

from tests.conformance.cases.tfrecord._helpers import TempDir, gzip_of, read_hex, write
from tests.conformance.harness import case, raises

RECORDS = [b"x" * 6, b"y" * 6, b"zz"]


def _damaged(tf, d, position):
    data = bytearray(write(tf, d.path("f"), RECORDS))
    data[position] ^= 0x40
    with open(d.path("bad"), "wb") as f:
        f.write(bytes(data))
    return d.path("bad")


def _drain(tf, path, options=None):
    """The records read before an error, and the error (or ``None``)."""
    got = []

    def run():
        for record in tf.io.tf_record_iterator(path, options):
            got.append(record.hex())

    result = raises(run)
    return [got, None if "ok" in result else result]


@case
def damaged_checksums_are_data_loss_at_their_offset(tf):
    with TempDir() as d:
        return [_drain(tf, _damaged(tf, d, position)) for position in (0, 7, 9, 12, 17, 22, 30, 40, 44)]


@case
def truncated_plain_files(tf):
    with TempDir() as d:
        data = write(tf, d.path("f"), RECORDS)
        out = []
        for cut in (0, 5, 12, 15, 22, 22 + 5, 22 + 13, len(data) - 1):
            with open(d.path("cut"), "wb") as f:
                f.write(data[:cut])
            out.append(_drain(tf, d.path("cut")))
        return out


@case
def truncated_gzip_files(tf):
    with TempDir() as d:
        data = write(tf, d.path("f"), [b"r" * (100 * i) for i in range(5)], "GZIP")
        out = []
        for cut in (5, 10, len(data) // 2, len(data) - 10, len(data) - 1):
            with open(d.path("cut"), "wb") as f:
                f.write(data[:cut])
            out.append([len(r) for r in _drain(tf, d.path("cut"), "GZIP")[0]] + [_drain(tf, d.path("cut"), "GZIP")[1]])
        return out


@case
def truncated_records_inside_a_complete_gzip_stream(tf):
    with TempDir() as d:
        raw = write(tf, d.path("f"), RECORDS)
        out = []
        for cut in (5, 12, 18, 22 + 5, 22 + 13, len(raw) - 2):
            with open(d.path("g"), "wb") as f:
                f.write(gzip_of(raw[:cut]))
            out.append(_drain(tf, d.path("g"), "GZIP"))
        return out


@case
def damaged_compressed_data(tf):
    with TempDir() as d:
        out = []
        for kind in ("ZLIB", "GZIP"):
            data = write(tf, d.path(kind), [b"record %d " % i * 20 for i in range(20)], kind)
            for position in (len(data) // 2, len(data) - 3):
                damaged = bytearray(data)
                damaged[position] ^= 0xFF
                with open(d.path("bad"), "wb") as f:
                    f.write(bytes(damaged))
                out.append([len(r) for r in _drain(tf, d.path("bad"), kind)[0]] + [_drain(tf, d.path("bad"), kind)[1]])
        return out


@case
def reading_with_the_wrong_compression(tf):
    with TempDir() as d:
        write(tf, d.path("plain"), RECORDS)
        write(tf, d.path("gzip"), RECORDS, "GZIP")
        write(tf, d.path("zlib"), RECORDS, "ZLIB")
        return [_drain(tf, d.path("plain"), "ZLIB"), _drain(tf, d.path("plain"), "GZIP"),
                _drain(tf, d.path("gzip"), None), _drain(tf, d.path("gzip"), "ZLIB"),
                _drain(tf, d.path("zlib"), "GZIP"), _drain(tf, d.path("zlib"), "")]


@case
def concatenated_compressed_streams(tf):
    with TempDir() as d:
        out = []
        for kind in ("GZIP", "ZLIB"):
            data = write(tf, d.path(kind), [b"a", b"bb"], kind)
            with open(d.path("two"), "wb") as f:
                f.write(data + data)
            out.append(_drain(tf, d.path("two"), kind))
        return out


@case
def empty_and_garbage_files(tf):
    with TempDir() as d:
        open(d.path("empty"), "wb").close()
        with open(d.path("garbage"), "wb") as f:
            f.write(b"this is not a TFRecord file at all")
        return [_drain(tf, d.path(name), kind) for name in ("empty", "garbage") for kind in ("", "ZLIB", "GZIP")]


@case
def iterator_open_errors_are_raised_at_once(tf):
    with TempDir() as d:
        return [d.raises(lambda: tf.io.tf_record_iterator(d.path("missing")) and "opened"),
                d.raises(lambda: tf.python_io.tf_record_iterator(d.root) and "opened"),
                d.raises(lambda: list(tf.python_io.tf_record_iterator(d.root))),
                d.raises(lambda: tf.io.tf_record_iterator(d.path("missing"), "bad") and "opened")]


@case
def iterator_is_its_own_iterator_and_ends(tf):
    with TempDir() as d:
        write(tf, d.path("f"), RECORDS)
        iterator = tf.io.tf_record_iterator(d.path("f"))
        first = next(iterator)
        rest = list(iterator)
        return [iter(iterator) is iterator, first.hex(), [r.hex() for r in rest],
                d.raises(next, iterator)["error"], read_hex(tf, d.path("f"), tf.io.TFRecordOptions(""))]
