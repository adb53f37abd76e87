"""``tf.gfile``/``tf.io.gfile`` beyond the conformance cases: remote paths through fsspec's
``memory://`` file system (skipped without fsspec), ``file://`` URLs, and the error that names the
``remote`` extra when fsspec is missing."""

import os
import subprocess
import sys
import uuid

import pytest

import scopeflow as tf

fsspec = pytest.importorskip("fsspec", reason="remote paths need fsspec (the `remote` extra)")


@pytest.fixture
def root():
    path = f"memory://sf_{uuid.uuid4().hex}"
    tf.io.gfile.makedirs(path)
    yield path
    tf.io.gfile.rmtree(path)


def test_a_remote_file_is_written_read_and_appended(root):
    path = f"{root}/d/f.txt"
    tf.io.gfile.makedirs(f"{root}/d")
    with tf.io.gfile.GFile(path, "w") as f:
        f.write("hello\n")
        f.write(b"world\n")
    with tf.io.gfile.GFile(path, "a") as f:
        f.write("more\n")
    f = tf.gfile.GFile(path)
    assert [f.read(3), f.tell(), f.readline(), f.size()] == ["hel", 3, "lo\n", 17]
    assert f.readlines() == ["world\n", "more\n"]
    assert list(tf.gfile.GFile(path, "rb")) == [b"hello\n", b"world\n", b"more\n"]


def test_remote_directories_are_listed_globbed_and_walked(root):
    for name in ("a/x.txt", "a/y.csv", "b/z.txt"):
        tf.io.gfile.makedirs(os.path.dirname(f"{root}/{name}"))
        with tf.io.gfile.GFile(f"{root}/{name}", "w") as f:
            f.write(name)
    assert sorted(tf.io.gfile.listdir(root)) == ["a", "b"]
    assert tf.io.gfile.isdir(f"{root}/a") and not tf.io.gfile.isdir(f"{root}/a/x.txt")
    assert tf.io.gfile.glob(f"{root}/*/*.txt") == [f"{root}/a/x.txt", f"{root}/b/z.txt"]
    walked = sorted((top, sorted(dirs), sorted(files)) for top, dirs, files in tf.io.gfile.walk(root))
    assert walked == [(root, ["a", "b"], []), (f"{root}/a", [], ["x.txt", "y.csv"]), (f"{root}/b", [], ["z.txt"])]
    info = tf.io.gfile.stat(f"{root}/a/x.txt")
    assert (info.length, info.is_directory) == (7, False)


def test_remote_copy_rename_and_remove_keep_tf_errors(root, tmp_path):
    src = f"{root}/s.txt"
    with tf.io.gfile.GFile(src, "w") as f:
        f.write("data")
    tf.io.gfile.copy(src, f"{root}/c.txt")
    with pytest.raises(tf.errors.AlreadyExistsError, match="file already exists"):
        tf.io.gfile.copy(src, f"{root}/c.txt")
    tf.io.gfile.rename(f"{root}/c.txt", f"{root}/r.txt")
    assert sorted(tf.io.gfile.listdir(root)) == ["r.txt", "s.txt"]
    local = str(tmp_path / "local.txt")
    tf.io.gfile.copy(f"{root}/r.txt", local)
    tf.io.gfile.copy(local, f"{root}/back.txt")
    assert open(local).read() == "data" and tf.io.gfile.GFile(f"{root}/back.txt").read() == "data"
    tf.io.gfile.remove(f"{root}/r.txt")
    with pytest.raises(tf.errors.NotFoundError, match=r"r\.txt; No such file or directory"):
        tf.io.gfile.remove(f"{root}/r.txt")
    with pytest.raises(tf.errors.NotFoundError, match="Could not find directory"):
        tf.io.gfile.listdir(f"{root}/nope")
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        tf.io.gfile.GFile(f"{root}/nope.txt").read()


def test_an_unknown_scheme_is_unimplemented():
    with pytest.raises(tf.errors.UnimplementedError, match="File system scheme 'nosuchfs' not implemented"):
        tf.io.gfile.exists("nosuchfs://bucket/x")


def test_file_urls_are_local_paths(tmp_path):
    url = f"file://{tmp_path}/f.txt"
    with tf.io.gfile.GFile(url, "w") as f:
        f.write("local")
    assert (tmp_path / "f.txt").read_text() == "local" and tf.gfile.Exists(url)
    assert tf.io.gfile.join("gs://b", "k") == "gs://b/k"
    assert {"", "file", "memory"} <= set(tf.io.gfile.get_registered_schemes())


def test_without_fsspec_a_remote_path_names_the_extra():
    code = ("import sys; sys.modules['fsspec'] = None\n"
            "import scopeflow as tf\n"
            "try:\n    tf.gfile.Exists('gs://bucket/x')\n"
            "except tf.errors.UnimplementedError as e:\n    print(e.message)\n"
            "print(tf.gfile.Exists('/'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "File system scheme 'gs' not implemented (file: 'gs://bucket/x'); scopeflow reads remote paths through "
        "fsspec: pip install 'scopeflow[remote]'", "True"]


def test_tfrecords_are_written_and_read_on_a_remote_file_system(root):
    path = f"{root}/data.tfrecord"
    for options in (None, "GZIP"):
        with tf.io.TFRecordWriter(path, options) as writer:
            writer.write(b"first")
            writer.write("second")
        assert list(tf.io.tf_record_iterator(path, options)) == [b"first", b"second"]
    with pytest.raises(tf.errors.NotFoundError, match="missing.tfrecord; No such file or directory"):
        tf.io.tf_record_iterator(f"{root}/missing.tfrecord")


def test_datasets_read_remote_files(root):
    with tf.io.TFRecordWriter(f"{root}/r.tfrecord") as writer:
        writer.write(b"rec")
    with tf.io.gfile.GFile(f"{root}/lines.txt", "w") as f:
        f.write("a\nb\n")
    records = tf.data.TFRecordDataset(f"{root}/r.tfrecord").make_one_shot_iterator().get_next()
    lines = tf.data.TextLineDataset(f"{root}/lines.txt").make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        assert [sess.run(records), sess.run(lines), sess.run(lines)] == [b"rec", b"a", b"b"]


def test_summaries_are_written_to_a_remote_log_directory(root):
    logdir = f"{root}/logs"
    writer = tf.summary.FileWriter(logdir)
    with tf.Session() as sess:
        writer.add_summary(sess.run(tf.summary.scalar("loss", tf.constant(0.25))), global_step=3)
    writer.close()
    (path,) = tf.io.gfile.glob(f"{logdir}/events.out.tfevents.*")
    events = list(tf.train.summary_iterator(path))
    assert [(e.step, [(v.tag, v.simple_value) for v in e.summary.value]) for e in events[1:]] == [(3, [("loss", 0.25)])]
