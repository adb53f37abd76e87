"""Issue 24 items 7 and 8: ``scopeflow ckpt`` never writes over its input, never writes outside
the requested npz, and answers bad rename rules with exit 2 and one line."""

import io
import os
import zipfile

import numpy as np
import pytest

from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.checkpoint.rename import parse_rule
from scopeflow._src.cli.convert import member_name
from scopeflow._src.cli.main import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _checkpoint(tmp_path, **tensors):
    prefix = str(tmp_path / "m")
    with BundleWriter(prefix) as w:
        for name, value in tensors.items():
            w.add(name, value)
    return prefix


@pytest.mark.parametrize("suffix", [".data-00000-of-00001", ".index"])
def test_convert_refuses_to_overwrite_its_input(tmp_path, suffix):
    prefix = _checkpoint(tmp_path, w=np.arange(4.0))
    victim = prefix + suffix
    before = open(victim, "rb").read()
    code, _, err = run("ckpt", "convert", prefix, "--to", "npz", "-o", victim, "--force")
    assert code == 2 and "is a file of the checkpoint being converted" in err and err.count("\n") == 1
    assert open(victim, "rb").read() == before
    with BundleReader(prefix) as r:
        assert r.read("w").tolist() == [0, 1, 2, 3]


def test_convert_refuses_a_link_to_its_input(tmp_path):
    prefix = _checkpoint(tmp_path, w=np.arange(4.0))
    link = str(tmp_path / "out.npz")
    os.symlink(prefix + ".data-00000-of-00001", link)
    code, _, err = run("ckpt", "convert", prefix, "--to", "npz", "-o", link, "--force")
    assert code == 2 and "is a file of the checkpoint being converted" in err


def test_npz_member_names_stay_inside_the_archive(tmp_path):
    prefix = _checkpoint(tmp_path, **{"../../evil": np.ones(2), "/abs": np.zeros(1), "a/./b": np.ones(1),
                                      "ok/name": np.arange(3), "back\\slash": np.ones(1)})
    target = str(tmp_path / "out" / "t.npz")
    os.mkdir(os.path.dirname(target))
    code, out, _ = run("ckpt", "convert", prefix, "--to", "npz", "-o", target)
    assert code == 0 and "wrote ../../evil as %2E%2E/%2E%2E/evil" in out
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
    assert sorted(names) == sorted(["%2E%2E/%2E%2E/evil.npy", "%/abs.npy", "a/%2E/b.npy", "ok/name.npy",
                                    "back%5Cslash.npy"])
    for name in names:
        assert not os.path.isabs(name) and ".." not in name.split("/") and "\\" not in name
    with np.load(target) as data:
        assert data["ok/name"].tolist() == [0, 1, 2] and data["%2E%2E/%2E%2E/evil"].tolist() == [1, 1]
    assert sorted(os.listdir(tmp_path)) == ["m.data-00000-of-00001", "m.index", "out"]


def test_member_name_is_unchanged_for_ordinary_names():
    for name in ("dense/kernel", "scope/with space/and.dot", "a.b/c-d_e", "x:0"):
        assert member_name(name) == name
    assert member_name("100%") == "100%25"  # so that no encoded name equals another tensor's name


@pytest.mark.parametrize("rule", [r"dense=\2", r"dense=\q", r"dense=\g<name>", r"(?P<a>d)ense=\g<b>", r"d=\g<"])
def test_bad_regex_replacement_exits_2_with_one_line(tmp_path, rule):
    prefix = _checkpoint(tmp_path, **{"dense/w": np.ones(2)})
    code, out, err = run("ckpt", "rename", prefix, str(tmp_path / "r"), "--regex", rule)
    assert code == 2 and "bad replacement" in err and err.count("\n") == 1 and "Traceback" not in err
    assert not os.path.exists(str(tmp_path / "r.index"))


def test_bad_regex_replacement_is_refused_before_any_match():
    with pytest.raises(ValueError, match="bad replacement"):
        parse_rule(r"nomatch=\1", regex=True)
    pattern, new = parse_rule(r"(dense)/(w)=\2_\g<1>", regex=True)
    assert pattern.sub(new, "dense/w") == "w_dense"


def test_ls_completes_a_save_killed_after_its_commit_point(tmp_path):
    prefix = _checkpoint(tmp_path, w=np.arange(3.0))
    for name in ("m.index", "m.data-00000-of-00001"):  # a first save killed between steps 2 and 3
        os.rename(str(tmp_path / name), str(tmp_path / name) + ".pending")
    code, out, err = run("ckpt", "ls", prefix)
    assert code == 0 and "w" in out, err
    assert sorted(os.listdir(tmp_path)) == ["m.data-00000-of-00001", "m.index"]


@pytest.mark.parametrize("state", [b"", b"# only a comment\n", b'model_checkpoint_path: ""\n'])
def test_a_state_file_naming_no_checkpoint_exits_2_with_one_line(tmp_path, state):
    _checkpoint(tmp_path, w=np.arange(3.0))
    (tmp_path / "checkpoint").write_bytes(state)  # TensorFlow's get_checkpoint_state raises ValueError here
    code, _, err = run("ckpt", "ls", str(tmp_path))
    assert code == 2 and "Invalid checkpoint state loaded from" in err and err.count("\n") == 1, err


def test_a_state_file_that_is_a_fifo_does_not_block(tmp_path):
    _checkpoint(tmp_path, w=np.arange(3.0))
    os.mkfifo(str(tmp_path / "checkpoint"))
    code, out, err = run("ckpt", "ls", str(tmp_path))  # ignored, as unreadable: the one checkpoint is listed
    assert code == 0 and "w" in out, err


@pytest.mark.parametrize("atol", ["nan", "-1", "-0.5"])
def test_diff_refuses_a_tolerance_that_is_no_tolerance(tmp_path, atol):
    prefix = _checkpoint(tmp_path, w=np.arange(3.0))
    code, _, err = run("ckpt", "diff", prefix, prefix, "--atol", atol)  # NaN called every change equal
    assert code == 2 and "--atol must be a number >= 0" in err and err.count("\n") == 1, err


@pytest.mark.parametrize("dst", ["", "{p}", "{p}.index", "{p}2.data-00000-of-00001", "{p}2.meta"])
def test_rename_refuses_a_destination_that_is_its_input_or_no_prefix(tmp_path, monkeypatch, dst):
    monkeypatch.chdir(tmp_path)
    prefix = _checkpoint(tmp_path, **{"dense/w": np.arange(3.0)})
    before = sorted(os.listdir(tmp_path))
    code, _, err = run("ckpt", "rename", prefix, dst.format(p=prefix), "--rule", "dense/=x/", "--force")
    assert code == 2 and err.count("\n") == 1, err  # '' wrote .index and .data-... into the working directory
    assert sorted(os.listdir(tmp_path)) == before
    with BundleReader(prefix) as r:
        assert sorted(r.entries) == ["dense/w"]


def test_rename_refuses_a_destination_whose_index_is_a_link_to_its_input(tmp_path):
    prefix = _checkpoint(tmp_path, **{"dense/w": np.arange(3.0)})
    os.symlink(prefix + ".index", str(tmp_path / "other.index"))
    code, _, err = run("ckpt", "rename", prefix, str(tmp_path / "other"), "--rule", "dense/=x/", "--force")
    assert code == 2 and "is the checkpoint being renamed" in err


def test_convert_refuses_an_empty_output(tmp_path):
    prefix = _checkpoint(tmp_path, w=np.arange(3.0))
    code, _, err = run("ckpt", "convert", prefix, "--to", "npz", "-o", "")
    assert code == 2 and "-o/--output is empty" in err
    assert sorted(os.listdir(tmp_path)) == ["m.data-00000-of-00001", "m.index"]
