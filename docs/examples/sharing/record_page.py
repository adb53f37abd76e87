"""Write ``docs/sharing-errors.md``: each example here, what TensorFlow 2.21 prints and what
scopeflow prints, side by side.

Run from the repository root with the project's Python; ``--tensorflow-python PATH`` names an
interpreter with TensorFlow 2.21 (``tests/audit/test_sharing_docs.py`` checks that the
scopeflow column is what the examples print today).
"""

import argparse
import ast
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PAGE = ROOT / "docs" / "sharing-errors.md"
EXAMPLES = ("missing_variable", "already_exists", "shape_mismatch", "name_scope_trap", "auto_reuse_typo",
            "optimizer_in_reused_scope", "update_ops", "growing_graph", "init_too_early")
INTRO = """\
# Sharing errors and TF1 traps: TensorFlow 2.21 and scopeflow side by side

Each section is a short script kept in `docs/examples/sharing/`, run as it is on TensorFlow
2.21 (`tensorflow.compat.v1`, `--tensorflow`) and on scopeflow. scopeflow keeps TensorFlow's
first sentence word for word (code that matches on it keeps working; the conformance suite
compares it) and adds a `scopeflow help:` block after it; the traps TensorFlow does not report
at all are raised as warnings of one class, `tf.ScopeflowLintWarning`, one subclass per kind
(silence one with `warnings.simplefilter("ignore", tf.GraphGrowthWarning)`). Paths are shown
relative to the repository root. `tests/audit/test_sharing_docs.py` checks that the scopeflow
column is what the scripts print today; `python docs/examples/sharing/record_page.py
--tensorflow-python ~/tfref/bin/python` rewrites this page.
"""


def output(python, example, *flags):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TF_USE_LEGACY_KERAS="1")
    result = subprocess.run([python, str(HERE / f"{example}.py"), *flags], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=300, check=True)
    return result.stdout.replace(f"{ROOT}{os.sep}", "").rstrip("\n")


def section(number, example, tf_python):
    source = (HERE / f"{example}.py").read_text()
    title = ast.get_docstring(ast.parse(source)).split("\n")[0].rstrip(".")
    return "\n".join([
        f"## {number}. {title}", "",
        f"`docs/examples/sharing/{example}.py`:", "", "```python", source.rstrip("\n"), "```", "",
        "TensorFlow 2.21 prints:", "", "```text", output(tf_python, example, "--tensorflow"), "```", "",
        "scopeflow prints:", "", "```text", output(sys.executable, example), "```", ""])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tensorflow-python", required=True)
    args = parser.parse_args()
    sections = [section(i, name, args.tensorflow_python) for i, name in enumerate(EXAMPLES, 1)]
    PAGE.write_text(INTRO + "\n" + "\n".join(sections))


if __name__ == "__main__":
    main()
