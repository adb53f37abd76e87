"""The ``tf.gfile`` file-system functions (``Exists``, ``MakeDirs``, ``Glob``, ``Copy``, ``Walk``...)."""

from tests.conformance.cases.gfile._helpers import TempDir
from tests.conformance.harness import case


@case
def exists_files_and_directories(tf):
    with TempDir() as d:
        d.make("f.txt")
        return [tf.gfile.Exists(d.path("f.txt")), tf.gfile.Exists(d.root), tf.gfile.Exists(d.path("nope"))]


@case
def make_dirs_nested_and_existing(tf):
    with TempDir() as d:
        tf.gfile.MakeDirs(d.path("a", "b", "c"))
        tf.gfile.MakeDirs(d.path("a", "b"))
        return [d.tree(), tf.gfile.IsDirectory(d.path("a", "b", "c"))]


@case
def make_dirs_over_a_file(tf):
    with TempDir() as d:
        d.make("f")
        return [d.raises(tf.gfile.MakeDirs, d.path("f")), d.raises(tf.gfile.MakeDirs, d.path("f", "sub"))]


@case
def mkdir_once_then_again(tf):
    with TempDir() as d:
        tf.gfile.MkDir(d.path("m"))
        return [d.tree(), d.raises(tf.gfile.MkDir, d.path("m"))]


@case
def mkdir_over_a_file(tf):
    with TempDir() as d:
        d.make("f")
        return [d.raises(tf.gfile.MkDir, d.path("f")), d.raises(tf.io.gfile.mkdir, d.path("f", "g"))]


@case
def mkdir_without_parent(tf):
    with TempDir() as d:
        return d.raises(tf.gfile.MkDir, d.path("x", "y"))


@case
def is_directory(tf):
    with TempDir() as d:
        d.make("f.txt")
        return [tf.gfile.IsDirectory(d.root), tf.gfile.IsDirectory(d.path("f.txt")),
                tf.gfile.IsDirectory(d.path("missing"))]


@case
def list_directory(tf):
    with TempDir() as d:
        d.make("b.txt")
        d.make("a.txt")
        d.make("sub/c.txt")
        return sorted(tf.gfile.ListDirectory(d.root))


@case
def list_directory_errors(tf):
    with TempDir() as d:
        d.make("f.txt")
        return [d.raises(tf.gfile.ListDirectory, d.path("missing")), d.raises(tf.gfile.ListDirectory, d.path("f.txt"))]


@case
def glob_patterns(tf):
    with TempDir() as d:
        for name in ("a1.txt", "a2.txt", "b1.txt", "a1.csv", "sub/a3.txt"):
            d.make(name)
        found = [sorted(d.rel(tf.gfile.Glob(d.path(p)))) for p in ("a*.txt", "?1.*", "[ab]1.txt", "*/*.txt", "zz*")]
        return found + [sorted(d.rel(tf.gfile.Glob([d.path("b*"), d.path("*.csv")])))]


@case
def glob_in_a_missing_directory(tf):
    with TempDir() as d:
        return d.raises(tf.gfile.Glob, d.path("missing", "*.txt"))


@case
def remove_files(tf):
    with TempDir() as d:
        d.make("f.txt")
        tf.gfile.Remove(d.path("f.txt"))
        return [d.tree(), d.raises(tf.gfile.Remove, d.path("f.txt"))]


@case
def remove_a_directory(tf):
    with TempDir() as d:
        d.make("sub/f.txt")
        return [d.raises(tf.gfile.Remove, d.path("sub")), d.tree()]


@case
def delete_recursively(tf):
    with TempDir() as d:
        d.make("t/a/b.txt")
        d.make("t/c.txt")
        d.make("keep.txt")
        tf.gfile.DeleteRecursively(d.path("t"))
        return [d.tree(), d.raises(tf.gfile.DeleteRecursively, d.path("t"))]


@case
def delete_recursively_a_file(tf):
    with TempDir() as d:
        d.make("f.txt")
        tf.gfile.DeleteRecursively(d.path("f.txt"))
        return d.tree()


@case
def copy_and_overwrite(tf):
    with TempDir() as d:
        d.make("src.txt", b"source")
        d.make("dst.txt", b"old")
        tf.gfile.Copy(d.path("src.txt"), d.path("new.txt"))
        refused = d.raises(tf.gfile.Copy, d.path("src.txt"), d.path("dst.txt"))
        tf.gfile.Copy(d.path("src.txt"), d.path("dst.txt"), overwrite=True)
        return [refused, d.read("new.txt").decode(), d.read("dst.txt").decode(), d.tree()]


@case
def copy_errors(tf):
    with TempDir() as d:
        d.make("src.txt", b"s")
        d.make("dir/x")
        return [d.raises(tf.gfile.Copy, d.path("missing"), d.path("out")),
                d.raises(tf.gfile.Copy, d.path("src.txt"), d.path("no", "out")),
                d.raises(tf.gfile.Copy, d.path("src.txt"), d.path("dir"), True),
                d.raises(tf.gfile.Copy, d.path("dir"), d.path("out"))]


@case
def rename_and_overwrite(tf):
    with TempDir() as d:
        d.make("a.txt", b"A")
        d.make("b.txt", b"B")
        tf.gfile.Rename(d.path("a.txt"), d.path("c.txt"))
        refused = d.raises(tf.gfile.Rename, d.path("c.txt"), d.path("b.txt"))
        tf.gfile.Rename(d.path("c.txt"), d.path("b.txt"), overwrite=True)
        return [refused, d.tree(), d.read("b.txt").decode()]


@case
def rename_errors(tf):
    with TempDir() as d:
        d.make("a.txt")
        return [d.raises(tf.gfile.Rename, d.path("missing"), d.path("x")),
                d.raises(tf.gfile.Rename, d.path("a.txt"), d.path("no", "x"))]


@case
def rename_a_directory(tf):
    with TempDir() as d:
        d.make("d1/f.txt")
        tf.gfile.Rename(d.path("d1"), d.path("d2"))
        return d.tree()


@case
def stat_a_file_and_a_directory(tf):
    with TempDir() as d:
        d.make("f.txt", b"12345678")
        s, ds = tf.gfile.Stat(d.path("f.txt")), tf.gfile.Stat(d.root)
        return [s.length, s.is_directory, type(s.mtime_nsec).__name__, s.mtime_nsec > 10**18, ds.is_directory,
                type(s).__name__]


@case
def stat_a_missing_path(tf):
    with TempDir() as d:
        return d.raises(tf.gfile.Stat, d.path("missing"))


@case
def walk_top_down_and_bottom_up(tf):
    with TempDir() as d:
        for name in ("r.txt", "a/x.txt", "a/b/y.txt", "c/z.txt"):
            d.make(name)

        def norm(walked):
            return sorted([d.rel(top), sorted(dirs), sorted(files)] for top, dirs, files in walked)

        down = list(tf.gfile.Walk(d.root))
        up = list(tf.gfile.Walk(d.root, in_order=False))
        order = [d.rel(top) for top, _, _ in down].index("<dir>"), [d.rel(top) for top, _, _ in up].index("<dir>")
        return [norm(down), norm(up) == norm(down), order[0], order[1] == len(up) - 1]


@case
def walk_a_missing_directory(tf):
    with TempDir() as d:
        return list(tf.gfile.Walk(d.path("missing")))


@case
def walk_with_a_trailing_slash(tf):
    with TempDir() as d:
        d.make("s/f.txt")
        return [[d.rel(t), dirs, files] for t, dirs, files in tf.gfile.Walk(d.root + "/")]


@case
def tf1_keyword_arguments(tf):
    g = tf.gfile
    with TempDir() as d:
        d.make("a.txt", b"A")
        g.MakeDirs(dirname=d.path("x", "y"))
        g.MkDir(dirname=d.path("z"))
        g.Copy(oldpath=d.path("a.txt"), newpath=d.path("b.txt"), overwrite=False)
        g.Rename(oldname=d.path("b.txt"), newname=d.path("c.txt"), overwrite=True)
        out = [g.Exists(filename=d.path("c.txt")), g.IsDirectory(dirname=d.path("z")),
               sorted(g.ListDirectory(dirname=d.root)), g.Stat(filename=d.path("c.txt")).length,
               d.rel(g.Glob(filename=d.path("c.*"))), len(list(g.Walk(top=d.root, in_order=False)))]
        g.Remove(filename=d.path("c.txt"))
        g.DeleteRecursively(dirname=d.path("x"))
        return out + [d.tree()]
