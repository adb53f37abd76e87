"""``GFile``/``Open``/``FastGFile``: modes, reading, writing, seeking, and their errors."""

from tests.conformance.cases.gfile._helpers import TempDir
from tests.conformance.harness import case


@case
def write_then_read_text(tf):
    with TempDir() as d:
        with tf.gfile.GFile(d.path("a.txt"), "w") as f:
            f.write("hello\n")
            f.write(b"world\n")
        with tf.gfile.GFile(d.path("a.txt")) as f:
            text = f.read()
        return [text, type(text).__name__, d.read("a.txt").decode()]


@case
def read_binary_mode(tf):
    with TempDir() as d:
        d.make("b.bin", b"\x00\x01ab\n")
        with tf.gfile.GFile(d.path("b.bin"), "rb") as f:
            data = f.read()
        return [list(data), type(data).__name__]


@case
def append_mode(tf):
    with TempDir() as d:
        d.make("a.txt", b"one\n")
        with tf.gfile.GFile(d.path("a.txt"), "a") as f:
            f.write("two\n")
        return d.read("a.txt").decode()


@case
def write_mode_truncates(tf):
    with TempDir() as d:
        d.make("a.txt", b"a long old content\n")
        with tf.gfile.GFile(d.path("a.txt"), "w") as f:
            f.write("new")
        return d.read("a.txt").decode()


@case
def write_mode_opens_on_first_write(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("never.txt"), "w")
        before = tf.gfile.Exists(d.path("never.txt"))
        f.close()
        return [before, tf.gfile.Exists(d.path("never.txt"))]


@case
def readline_to_the_end(tf):
    with TempDir() as d:
        d.make("l.txt", b"first\nsecond\n\nlast")
        f = tf.gfile.GFile(d.path("l.txt"))
        return [f.readline() for _ in range(6)]


@case
def readlines_text_and_binary(tf):
    with TempDir() as d:
        d.make("l.txt", b"x\ny\nz")
        return [tf.gfile.GFile(d.path("l.txt")).readlines(), [list(b) for b in
                                                             tf.gfile.GFile(d.path("l.txt"), "rb").readlines()]]


@case
def iterate_lines(tf):
    with TempDir() as d:
        d.make("l.txt", b"a\nbb\nccc\n")
        return [line for line in tf.gfile.GFile(d.path("l.txt"))]


@case
def next_after_the_end(tf):
    with TempDir() as d:
        d.make("l.txt", b"only\n")
        f = tf.gfile.GFile(d.path("l.txt"))
        first = next(f)
        return [first, d.raises(next, f)]


@case
def seek_and_tell(tf):
    with TempDir() as d:
        d.make("s.txt", b"abcdefghij")
        f = tf.gfile.GFile(d.path("s.txt"))
        out = [f.read(3), f.tell()]
        f.seek(5)
        out += [f.tell(), f.read(2)]
        f.seek(-3, 2)
        out += [f.tell(), f.read()]
        f.seek(0)
        f.seek(2, 1)
        out += [f.tell(), f.read(1), f.seekable()]
        return out


@case
def seek_errors(tf):
    with TempDir() as d:
        d.make("s.txt", b"abc")
        f = tf.gfile.GFile(d.path("s.txt"))
        return [d.raises(f.seek), d.raises(f.seek, 1, 3), d.raises(f.seek, 1, position=1)]


@case
def seek_with_position(tf):
    with TempDir() as d:
        d.make("s.txt", b"abcdef")
        f = tf.gfile.GFile(d.path("s.txt"))
        f.seek(position=4)
        return f.read()


@case
def size_of_a_file(tf):
    with TempDir() as d:
        d.make("s.txt", b"12345")
        f = tf.gfile.GFile(d.path("s.txt"))
        return [f.size(), f.read(2), f.size()]


@case
def read_utf8_text(tf):
    with TempDir() as d:
        d.make("u.txt", "h\u00e9llo w\u00f6rld\n".encode())
        f = tf.gfile.GFile(d.path("u.txt"))
        return [f.read(3), f.read()]


@case
def name_and_mode(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("x"), "wb")
        return [d.rel(f.name), f.mode, tf.gfile.Open is tf.gfile.GFile, tf.io.gfile.GFile is tf.gfile.GFile]


@case
def invalid_mode(tf):
    with TempDir() as d:
        return d.raises(tf.gfile.GFile, d.path("x"), "x")


@case
def read_a_missing_file(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("missing.txt"))
        return d.raises(f.read)


@case
def write_in_a_missing_directory(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("no", "such", "f.txt"), "w")
        return d.raises(f.write, "x")


@case
def read_a_write_only_file(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("w.txt"), "w")
        return [d.raises(f.read), d.raises(f.readline)]


@case
def write_a_read_only_file(tf):
    with TempDir() as d:
        d.make("r.txt", b"data")
        f = tf.gfile.GFile(d.path("r.txt"))
        return d.raises(f.write, "more")


@case
def read_a_directory(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.root)
        return d.raises(f.read)


@case
def tell_while_writing(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("t.txt"), "w")
        f.write("abc")
        at = f.tell()
        f.write("de")
        at2 = f.tell()
        f.flush()
        flushed = d.read("t.txt").decode()
        f.close()
        return [at, at2, flushed, d.read("t.txt").decode()]


@case
def read_plus_mode(tf):
    with TempDir() as d:
        d.make("rp.txt", b"start")
        with tf.gfile.GFile(d.path("rp.txt"), "r+") as f:
            head = f.read(2)
        return head


@case
def fast_gfile_reads_bytes_of_text(tf):
    with TempDir() as d:
        d.make("f.txt", b"fast\n")
        with tf.gfile.FastGFile(d.path("f.txt"), "rb") as f:
            data = f.read()
        with tf.gfile.FastGFile(d.path("f.txt")) as f:
            text = f.read()
        return [list(data), text]


@case
def write_non_string_raises(tf):
    with TempDir() as d:
        f = tf.gfile.GFile(d.path("n.txt"), "w")
        return d.raises(f.write, 3)


@case
def close_twice_and_read_after_close(tf):
    with TempDir() as d:
        d.make("c.txt", b"abc")
        f = tf.gfile.GFile(d.path("c.txt"))
        first = f.read(1)
        f.close()
        f.close()
        return [first, f.read()]
