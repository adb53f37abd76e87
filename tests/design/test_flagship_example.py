"""``examples/siamese_digits.py``, the flagship example, trains, saves a checkpoint and
writes a TensorBoard run (into the test's own directory, not the repository).

A short run (200 steps) checks the whole program: the variable tree shows that the second
tower created no variables, training lowers the loss far enough to beat chance clearly,
and the checkpoint holds every variable and Adam slot under TensorFlow's names.
"""

import pathlib
import re
import subprocess
import sys

import scopeflow as tf

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_flagship_example_trains_and_saves(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "siamese_digits.py"), "--steps", "300",
         "--checkpoint-dir", str(tmp_path), "--logdir", str(tmp_path / "logs")],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  encoder/hidden/\n    weights    (64, 128)    8,192" in out
    assert "total: 12,481 parameters in 6 variables" in out
    pair = float(re.search(r"held-out pairs .*: accuracy ([0-9.]+)", out).group(1))
    digits = float(re.search(r"held-out digits .*: accuracy ([0-9.]+)", out).group(1))
    assert pair > 0.8 and digits > 0.8, out
    names = dict(tf.train.list_variables(str(tmp_path)))
    assert names["encoder/hidden/weights"] == [64, 128]
    assert names["encoder/hidden/weights/Adam_1"] == [64, 128]
    assert names["global_step"] == []
    assert tf.train.load_variable(str(tmp_path), "global_step") == 300
    events = list((tmp_path / "logs" / "train").glob("events.out.tfevents.*"))
    tags = {v.tag for e in tf.train.summary_iterator(str(events[0])) for v in e.summary.value}
    assert len(events) == 1 and {"loss", "accuracy"} <= tags, tags
