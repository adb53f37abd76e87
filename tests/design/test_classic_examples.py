"""``examples/classic.py`` prints exactly the names TensorFlow 2.21 prints."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

EXPECTED = """\
== 1. name_scope ==
test1:0
test_scope/test2:0
test_scope/Add:0
== 2. variable_scope ==
test_scope/test1:0
test_scope/test2:0
test_scope/Add:0
== 3. sharing with reuse=True ==
share/v:0
share/v:0
True
True
"""


def test_classic_examples_output():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "classic.py")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED
