"""Readers: their ops and attributes, records and keys from text, binary and TFRecord files,
work taken from a queue of file names, counters and errors."""

import os

from tests.conformance.cases.queues._helpers import attrs, error, error_of, graph_ops, temp_dir, value
from tests.conformance.harness import case, shape_of


def _write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def _files(tf, sess, paths):
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    sess.run(q.enqueue_many([paths]))
    sess.run(q.close())
    return q


def _read_all(tf, sess, fetches, tmp, limit=20):
    out = []
    for _ in range(limit):
        try:
            out.append(value(sess.run(fetches), tmp))
        except tf.errors.OutOfRangeError:
            out.append("OutOfRange")
            return out
        except tf.errors.OpError as e:
            out.append(error_of(e, tmp))
    return out


def _read_file(tf, reader, path, tmp):
    with tf.Session() as sess:
        key, val = reader.read(_files(tf, sess, [path]))
        return _read_all(tf, sess, [key, val], tmp)


@case
def reader_ops_and_attrs(tf):
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    readers = [tf.TextLineReader(skip_header_lines=2), tf.WholeFileReader(), tf.IdentityReader(),
               tf.FixedLengthRecordReader(4, header_bytes=1, hop_bytes=2, name="fixed"),
               tf.TFRecordReader(options=tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.GZIP))]
    start = len(tf.get_default_graph().get_operations())
    text = readers[0]
    key, val = text.read(q)
    keys, vals = text.read_up_to(q, 5)
    text.num_records_produced()
    text.num_work_units_completed()
    text.reset()
    text.serialize_state()
    return {"readers": [[r.reader_ref.op.name, r.reader_ref.op.type, attrs(r.reader_ref.op), r.supports_serialize,
                         r.reader_ref.dtype.name] for r in readers],
            "ops": graph_ops(tf, start), "shapes": [shape_of(t) for t in (key, val, keys, vals)]}


@case
def text_line_reader_records_and_counters(tf):
    tmp = temp_dir()
    a = _write(tmp, "a.txt", b"header\nl1\nl2\r\nl3")
    b = _write(tmp, "b.txt", b"header\ny\n\nz\n")
    empty = _write(tmp, "empty.txt", b"")
    reader = tf.TextLineReader(skip_header_lines=1)
    with tf.Session() as sess:
        key, val = reader.read(_files(tf, sess, [a, empty, b]))
        out = _read_all(tf, sess, [key, val], tmp)
        out.append(value(sess.run([reader.num_records_produced(), reader.num_work_units_completed()])))
        sess.run(reader.reset())
        out.append(value(sess.run([reader.num_records_produced(), reader.num_work_units_completed()])))
        out.append(error(sess.run, reader.serialize_state()))
    return out


@case
def read_up_to_stays_within_a_file(tf):
    tmp = temp_dir()
    a = _write(tmp, "a.txt", b"1\n2\n3\n4\n5\n")
    b = _write(tmp, "b.txt", b"6\n")
    reader = tf.TextLineReader()
    with tf.Session() as sess:
        keys, vals = reader.read_up_to(_files(tf, sess, [a, b, a]), 2)
        return _read_all(tf, sess, [keys, vals], tmp)


@case
def whole_file_reader_and_missing_files(tf):
    tmp = temp_dir()
    a = _write(tmp, "a.bin", b"\x00\x01abc\n")
    reader = tf.WholeFileReader()
    with tf.Session() as sess:
        key, val = reader.read(_files(tf, sess, [a, os.path.join(tmp, "missing"), tmp]))
        return _read_all(tf, sess, [key, val], tmp, limit=4)


@case
def fixed_length_record_reader_layouts(tf):
    tmp = temp_dir()
    path = _write(tmp, "f.bin", b"H0123456789F")
    out = []
    for kwargs in ({"record_bytes": 3}, {"record_bytes": 3, "header_bytes": 1, "footer_bytes": 1},
                   {"record_bytes": 3, "header_bytes": 1, "footer_bytes": 1, "hop_bytes": 2},
                   {"record_bytes": 20}):
        out.append(_read_file(tf, tf.FixedLengthRecordReader(**kwargs), path, tmp))
    return out


@case
def tfrecord_reader_plain_and_compressed(tf):
    tmp = temp_dir()
    out = []
    for kind in ("", "ZLIB", "GZIP"):
        options = tf.python_io.TFRecordOptions(compression_type=kind)
        path = os.path.join(tmp, f"r{kind}.tfrecord")
        with tf.python_io.TFRecordWriter(path, options) as writer:
            for record in (b"rec0", b"", b"record-two"):
                writer.write(record)
        out.append(_read_file(tf, tf.TFRecordReader(options=options), path, tmp))
    return out


@case
def identity_reader_reads_the_work(tf):
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    reader = tf.IdentityReader()
    key, val = reader.read(q.queue_ref)
    keys, vals = reader.read_up_to(q, 3)
    with tf.Session() as sess:
        sess.run(q.enqueue_many([["w1", "w2", "w3"]]))
        sess.run(q.close())
        return [value(sess.run([key, val])), value(sess.run([keys, vals])),
                value(sess.run(reader.num_work_units_completed())), error(sess.run, key)]


@case
def text_reader_over_a_string_input_producer(tf):
    tmp = temp_dir()
    paths = [_write(tmp, f"p{i}.csv", f"x,y\n{i},{i * 2}\n{i + 10},{i * 3}\n".encode()) for i in range(2)]
    filenames = tf.train.string_input_producer(paths, num_epochs=1, shuffle=False)
    key, line = tf.TextLineReader(skip_header_lines=1).read(filenames)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord)
        out = _read_all(tf, sess, [key, line], tmp)
        coord.request_stop()
        coord.join(threads)
    return out


@case
def serialize_and_restore_reader_state(tf):
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    reader = tf.IdentityReader()
    key, _ = reader.read(q)
    counters = [reader.num_records_produced(), reader.num_work_units_completed()]
    state = tf.placeholder(tf.string, [])
    with tf.Session() as sess:
        sess.run(q.enqueue_many([["w1", "w2", "w3", "w4"]]))
        fresh = value(sess.run(reader.serialize_state()))
        sess.run(key)
        saved = sess.run(reader.serialize_state())
        out = [fresh, value(saved), value(sess.run(key)), value(sess.run(counters))]
        sess.run(reader.restore_state(state), {state: saved})
        out += [value(sess.run(counters)), value(sess.run(key)),
                error(sess.run, reader.restore_state(state), {state: b"garbage"}),
                value(sess.run(tf.WholeFileReader().serialize_state())),
                error(sess.run, tf.TextLineReader().restore_state(state), {state: saved})]
    return out
