"""``tf.io.gfile``: the TF2 spellings of the same functions."""

from tests.conformance.cases.gfile._helpers import TempDir
from tests.conformance.harness import case


@case
def io_gfile_round_trip(tf):
    g = tf.io.gfile
    with TempDir() as d:
        g.makedirs(d.path("a", "b"))
        g.mkdir(d.path("a", "c"))
        with g.GFile(d.path("a", "f.txt"), "w") as f:
            f.write("text")
        g.copy(d.path("a", "f.txt"), d.path("a", "b", "g.txt"))
        g.rename(d.path("a", "f.txt"), d.path("a", "h.txt"))
        listing = sorted(g.listdir(d.path("a")))
        found = sorted(d.rel(g.glob(d.path("a", "*", "*.txt"))))
        info = g.stat(d.path("a", "h.txt"))
        walked = sorted([d.rel(t), sorted(ds), sorted(fs)] for t, ds, fs in g.walk(d.path("a")))
        g.remove(d.path("a", "h.txt"))
        g.rmtree(d.path("a", "b"))
        return [listing, found, info.length, g.exists(d.path("a", "h.txt")), g.isdir(d.path("a", "c")), walked,
                d.tree()]


@case
def io_gfile_copy_refuses_an_existing_file(tf):
    with TempDir() as d:
        d.make("a", b"1")
        d.make("b", b"2")
        return d.raises(tf.io.gfile.copy, d.path("a"), d.path("b"))


@case
def io_gfile_walk_topdown_false_and_onerror(tf):
    def stop(error):
        raise ValueError(type(error).__name__)

    with TempDir() as d:
        d.make("x/y.txt")
        up = [d.rel(t) for t, _, _ in tf.io.gfile.walk(d.root, topdown=False)]
        return [up, d.raises(lambda: list(tf.io.gfile.walk(d.path("missing"), onerror=stop)))]


@case
def io_gfile_join(tf):
    j = tf.io.gfile.join
    return [j("a", "b", "c.txt"), j("/a/", "b"), j("gs://bucket", "dir", "f"), j("s3://b/", "k"), j("a", "/abs")]


@case
def io_gfile_glob_missing_directory_is_an_error(tf):
    with TempDir() as d:
        return d.raises(tf.io.gfile.glob, d.path("nope", "*"))


@case
def io_gfile_remove_missing(tf):
    with TempDir() as d:
        return [d.raises(tf.io.gfile.remove, d.path("m")), d.raises(tf.io.gfile.rmtree, d.path("m")),
                d.raises(tf.io.gfile.listdir, d.path("m"))]


@case
def namespaces(tf):
    def public(module):
        return sorted(n for n in dir(module) if not n.startswith("_"))

    return [public(tf.gfile), public(tf.io.gfile)]
