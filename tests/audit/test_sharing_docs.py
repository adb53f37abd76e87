"""``docs/sharing-errors.md``: every example in ``docs/examples/sharing/`` is on the page, runs on
scopeflow, and prints today what the page's scopeflow column shows."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples" / "sharing"
PAGE = (ROOT / "docs" / "sharing-errors.md").read_text()
SECTION = re.compile(r"`docs/examples/sharing/(\w+)\.py`:.*?TensorFlow 2\.21 prints:\n\n```text\n(.*?)\n```\n\n"
                     r"scopeflow prints:\n\n```text\n(.*?)\n```", re.S)
SECTIONS = {name: (tf_text, ours) for name, tf_text, ours in SECTION.findall(PAGE)}


def test_every_example_is_on_the_page():
    scripts = sorted(p.stem for p in EXAMPLES.glob("[a-z]*.py") if p.stem != "record_page")
    assert sorted(SECTIONS) == scripts and len(scripts) == 9


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_the_scopeflow_column_is_what_the_example_prints(name):
    result = subprocess.run([sys.executable, str(EXAMPLES / f"{name}.py")], capture_output=True, text=True,
                            cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.replace(f"{ROOT}{os.sep}", "").rstrip("\n") == SECTIONS[name][1]


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_tensorflows_sentences_come_first_unchanged_and_its_silences_are_filled(name):
    tf_text, ours = SECTIONS[name]
    for line in tf_text.splitlines():
        if line in ("(no error)", "(no warning)"):  # a trap TensorFlow does not report
            assert line not in ours
        elif line.startswith(("ValueError: ", "FailedPreconditionError: ", "[")):
            sentence = line.split(" Originally defined at:")[0]
            assert any(ln.startswith(sentence) for ln in ours.splitlines()), sentence
