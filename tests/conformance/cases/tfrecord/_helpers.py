"""Helpers shared by the ``tfrecord`` conformance cases (no cases here).

Each case writes its files in a fresh temporary directory (removed afterwards), whose path is
replaced by ``<dir>`` in error messages; file contents are compared as hex, or as their
SHA-256 and size where they are large.
"""

import hashlib
import os
import shutil
import tempfile
import zlib

from tests.conformance.harness import raises


class TempDir:
    """A fresh directory for one case: ``with TempDir() as d: d.path("name")``."""

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="sf_tfrecord_")
        return self

    def __exit__(self, *exc_info):
        shutil.rmtree(self.root, ignore_errors=True)

    def path(self, name: str) -> str:
        return os.path.join(self.root, name)

    def raises(self, fn, *args, **kwargs):
        """``raises(fn)``, this directory's path written ``<dir>`` in a message."""
        got = raises(fn, *args, **kwargs)
        if "message" in got:
            got["message"] = got["message"].replace(self.root, "<dir>")
        return got


def write(tf, path, records, options=None):
    """Write ``records`` with a ``TFRecordWriter``; return the file's bytes."""
    with tf.io.TFRecordWriter(path, options) as writer:
        for record in records:
            writer.write(record)
    with open(path, "rb") as f:
        return f.read()


def digest(data: bytes):
    """``[size, sha256]`` of ``data``."""
    return [len(data), hashlib.sha256(data).hexdigest()]


def read_hex(tf, path, options=None):
    """The records of ``path`` as hex strings."""
    return [r.hex() for r in tf.io.tf_record_iterator(path, options)]


def big_records():
    """Records around and above TensorFlow's 256 KiB zlib input buffer, hardly compressible."""
    out, state = [], 12345
    for size in (3, 200_000, 70_000, 300_000, 0, 17):
        data = bytearray()
        while len(data) < size:
            state = (state * 1103515245 + 12345) % 2**31
            data += state.to_bytes(4, "little")
        out.append(bytes(data[:size]))
    return out


def gzip_of(records_bytes: bytes) -> bytes:
    """``records_bytes`` (framed records) as a gzip stream written by zlib itself."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, 31, 9)
    return deflate.compress(records_bytes) + deflate.flush()
