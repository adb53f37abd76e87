"""The ``scopeflow ckpt`` command: ls, diff, rename, convert, and its errors."""

import io
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.cli.main import main

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")
MODEL = os.path.join(FIXTURES, "model")


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_ls_groups_by_scope_with_totals():
    code, out, err = run("ckpt", "ls", MODEL)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"checkpoint: {os.path.join(MODEL, 'model.ckpt-1')}"
    assert lines[1].split() == ["name", "dtype", "shape", "params", "size"]
    assert lines[4].split() == ["dense/", "24", "96", "B"]
    assert lines[5].split() == ["bias", "float32", "[2]", "2", "8", "B"]
    assert lines[6].startswith("    Adam ")  # a slot, under its variable
    assert lines[-1] == "total: 27 parameters in 9 tensors, 112 B"


@pytest.mark.parametrize("path", ["model/model.ckpt-1", "model/model.ckpt-1.index",
                                  "model/model.ckpt-1.data-00000-of-00001", "dtypes", "dtypes/all"])
def test_ls_accepts_prefixes_files_and_directories(path):
    code, out, _ = run("ckpt", "ls", "--flat", os.path.join(FIXTURES, path))
    assert code == 0 and "total:" in out


def test_ls_flat_lists_full_names():
    code, out, _ = run("ckpt", "ls", "--flat", os.path.join(FIXTURES, "dtypes"))
    assert "scope/with space/and.dot  int32" in out
    assert "str_vector                string      [3]" in out


def test_diff_of_identical_checkpoints():
    code, out, _ = run("ckpt", "diff", MODEL, os.path.join(MODEL, "model.ckpt-1"))
    assert code == 0
    assert out.splitlines()[-1] == "9 tensors equal, 0 differ"


def test_diff_reports_added_removed_reshaped_and_changed(tmp_path):
    reader = BundleReader(os.path.join(MODEL, "model.ckpt-1"))
    with BundleWriter(str(tmp_path / "b")) as w:
        for name, entry in reader.entries.items():
            value = reader.read(name)
            if name == "dense/kernel":
                value = value.copy()
                value[2, 1] += 0.25
            if name == "dense/bias":
                value = np.zeros(3, np.float32)
            if name != "global_step":
                w.add(name, value, entry.dtype)
        w.add("new", np.array([b"x"], dtype=object))
    code, out, _ = run("ckpt", "diff", MODEL, str(tmp_path / "b"))
    assert code == 1
    lines = out.splitlines()
    assert "~ dense/bias  float32 [2] -> float32 [3]" in lines
    assert "- global_step  int64 []" in lines
    assert "+ new  string [1]" in lines
    assert "* dense/kernel  max |a-b| = 0.25 at [2, 1]" in lines
    assert lines[-1] == "6 tensors equal, 4 differ"
    code, out, _ = run("ckpt", "diff", MODEL, str(tmp_path / "b"), "--atol", "0.3")
    assert "* dense/kernel" not in out


def test_rename_writes_a_checkpoint_with_new_names(tmp_path):
    dst = str(tmp_path / "renamed")
    code, out, _ = run("ckpt", "rename", MODEL, dst, "--rule", "dense/=model/dense/", "--regex", "^global_step$=step")
    assert code == 0
    assert "dense/bias/Adam -> model/dense/bias/Adam" in out
    assert out.splitlines()[-1] == f"renamed 7 of 9 tensors; wrote {dst}"
    renamed = BundleReader(dst)
    assert sorted(renamed.entries) == ["beta1_power", "beta2_power", "model/dense/bias", "model/dense/bias/Adam",
                                       "model/dense/bias/Adam_1", "model/dense/kernel", "model/dense/kernel/Adam",
                                       "model/dense/kernel/Adam_1", "step"]
    original = BundleReader(os.path.join(MODEL, "model.ckpt-1"))
    np.testing.assert_array_equal(renamed.read("model/dense/kernel"), original.read("dense/kernel"))
    assert run("ckpt", "diff", dst, dst)[0] == 0


def test_rename_dry_run_and_refusals(tmp_path):
    dst = str(tmp_path / "r")
    code, out, _ = run("ckpt", "rename", MODEL, dst, "--rule", "dense=layer", "--dry-run")
    assert code == 0 and "nothing written" in out and os.listdir(tmp_path) == []
    code, _, err = run("ckpt", "rename", MODEL, dst)
    assert code == 2 and "give at least one --rule" in err
    code, _, err = run("ckpt", "rename", MODEL, dst, "--rule", "nothing")
    assert code == 2 and "a rule must look like OLD=NEW" in err
    code, _, err = run("ckpt", "rename", MODEL, dst, "--regex", "([=x")
    assert code == 2 and "bad regular expression" in err
    code, _, err = run("ckpt", "rename", MODEL, dst, "--rule", "beta1_power=x", "--rule", "beta2_power=x")
    assert code == 2 and "the same new name 'x'" in err
    code, _, err = run("ckpt", "rename", MODEL, str(tmp_path), "--rule", "a=b")
    assert code == 2 and "is a directory" in err
    assert run("ckpt", "rename", MODEL, dst, "--rule", "a=b")[0] == 0
    code, _, err = run("ckpt", "rename", MODEL, dst, "--rule", "a=b")
    assert code == 2 and "pass --force" in err
    assert run("ckpt", "rename", MODEL, dst, "--rule", "a=b", "--force")[0] == 0


def test_convert_to_npz_without_pickle(tmp_path):
    target = str(tmp_path / "all.npz")
    code, out, _ = run("ckpt", "convert", os.path.join(FIXTURES, "dtypes"), "--to", "npz", "-o", target)
    assert code == 0 and f"wrote 21 tensors to {target}\n" in out
    with np.load(target, allow_pickle=False) as data:
        assert data["str_vector"].tolist() == [b"", "h\u00e9".encode(), b"\x00\xff"]
        assert data["bf16"].dtype == np.float32 and data["bf16"].tolist() == [1.5, -2.25, 3.00405527047391e+38]
        assert data["str_scalar"] == b"hello"
        assert data["c128"].dtype == np.complex128
        assert data["scope/with space/and.dot"].tolist() == [1]


def test_convert_skips_strings_that_npz_would_truncate(tmp_path):
    with BundleWriter(str(tmp_path / "s")) as w:
        w.add("nul", np.array([b"a\x00"], dtype=object))
        w.add("x", np.ones(2))
    code, out, _ = run("ckpt", "convert", str(tmp_path / "s"), "--to", "npz")
    assert code == 0 and "skipped nul: string tensor" in out and "wrote 1 tensors" in out


def test_convert_to_safetensors(tmp_path):
    safetensors = pytest.importorskip("safetensors.numpy")
    pytest.importorskip("ml_dtypes")
    target = str(tmp_path / "m.safetensors")
    code, out, _ = run("ckpt", "convert", os.path.join(FIXTURES, "dtypes", "all"), "--to", "safetensors", "-o",
                       target)
    assert code == 0
    assert "skipped c128: complex128 has no safetensors dtype" in out
    tensors = safetensors.load_file(target)
    assert tensors["bf16"].dtype.name == "bfloat16"
    assert tensors["u64"].tolist() == [2 ** 64 - 1, 1]
    assert "str_scalar" not in tensors
    code, _, err = run("ckpt", "convert", os.path.join(FIXTURES, "dtypes", "all"), "--to", "safetensors", "-o",
                       target)
    assert code == 2 and "pass --force" in err


def test_convert_partitioned_default_output(tmp_path):
    shutil.copytree(os.path.join(FIXTURES, "partitioned"), tmp_path / "p")
    code, out, _ = run("ckpt", "convert", str(tmp_path / "p"), "--to", "npz")
    assert code == 0
    with np.load(str(tmp_path / "p" / "part.npz")) as data:
        assert data["emb"].shape == (5, 3)


@pytest.mark.parametrize("argv,message", [
    (["ckpt", "ls", "/no/such/path/x"], "no checkpoint at /no/such/path/x"),
    (["ckpt", "ls", __file__], "is not a TensorFlow checkpoint"),
    (["ckpt", "ls", os.path.dirname(__file__)], "no checkpoint in directory"),
    (["ckpt", "diff", MODEL, "/no/such/path"], "no checkpoint at /no/such/path"),
])
def test_bad_paths_exit_2_with_a_message(argv, message):
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert message in err and err.startswith("scopeflow ckpt ")


def test_directory_with_several_checkpoints_and_no_state_file(tmp_path):
    for name in ("a", "b"):
        with BundleWriter(str(tmp_path / name)) as w:
            w.add("x", np.zeros(1))
    code, _, err = run("ckpt", "ls", str(tmp_path))
    assert code == 2 and "several checkpoints and no 'checkpoint' file; name one of: a, b" in err


def test_corrupted_checkpoint_is_reported(tmp_path):
    shutil.copytree(MODEL, tmp_path / "m")
    index = tmp_path / "m" / "model.ckpt-1.index"
    raw = bytearray(index.read_bytes())
    raw[30] ^= 1
    index.write_bytes(bytes(raw))
    code, _, err = run("ckpt", "ls", str(tmp_path / "m"))
    assert code == 2 and "DataLossError" in err and "block checksum mismatch" in err


def test_usage_errors():
    assert run()[0] == 2
    assert run("ckpt")[0] == 2
    assert run("ckpt", "frobnicate")[0] == 2
    assert run("ckpt", "convert", MODEL, "--to", "onnx")[0] == 2


def test_console_script_runs_in_a_subprocess():
    done = subprocess.run([sys.executable, "-m", "scopeflow._src.cli", "ckpt", "ls", MODEL], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and "total: 27 parameters" in done.stdout
    done = subprocess.run([sys.executable, "-m", "scopeflow._src.cli", "ckpt", "ls", "/no/such/path"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no checkpoint at /no/such/path" in done.stderr
