"""``examples/char_rnn.py``: the LSTM language model trains through ``dynamic_rnn`` and its
sampler shares every weight.

A short run (20 steps) checks the program end to end: the variable tree has TF's names
(``model/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel``), the sampling graph adds no
variable, the held-out loss drops, and the checkpoint holds every variable and Adam slot.
"""

import pathlib
import re
import subprocess
import sys

import scopeflow as tf

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_char_rnn_trains_samples_and_saves(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "char_rnn.py"), "--steps", "20", "--checkpoint-dir", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  model/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/\n    kernel     (192, 512)" in out
    assert "total: 248,735 parameters in 7 variables" in out
    before, after = map(float, re.search(r"held-out loss: ([0-9.]+) before training, ([0-9.]+) after", out).groups())
    assert after < before - 0.5, out
    assert out.count("primed with 'The '") == 2
    names = dict(tf.train.list_variables(str(tmp_path)))
    assert names["model/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel"] == [256, 512]
    assert names["model/softmax/weights/Adam_1"] == [128, 95]
    assert tf.train.load_variable(str(tmp_path), "global_step") == 20
