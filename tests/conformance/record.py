"""Record conformance goldens from real TensorFlow.

Run by hand where TensorFlow 2.21 is installed (never in CI), from the repository root::

    ~/tfref/bin/python -m tests.conformance.record            # every area
    ~/tfref/bin/python -m tests.conformance.record naming     # one area

Writes ``tests/conformance/goldens/<area>.json``. An area where a case's result records a
``NameError`` or ``AttributeError`` raised by the case's own code (not by TensorFlow) is not
written: each such case is named with the reason, and the exit status is 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.conformance.harness import load_cases, own_code_errors, raises

GOLDENS = Path(__file__).parent / "goldens"


def load_tensorflow():
    """``tensorflow.compat.v1`` in graph mode, quiet."""
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)
    return tf


def run_case(tf, fn):
    tf.reset_default_graph()
    return raises(fn, tf)


def record(areas: list[str], tf, cases: dict | None = None, goldens: Path = GOLDENS) -> list[str]:
    """Run the cases of ``areas`` (every area when empty) under ``tf`` and write their goldens;
    return the refusals (an area with any is not written)."""
    cases = load_cases() if cases is None else cases
    by_area: dict[str, dict] = {}
    for key, fn in cases.items():
        area, name = key.split(".", 1)
        if areas and area not in areas:
            continue
        by_area.setdefault(area, {})[name] = run_case(tf, fn)
    refusals = []
    for area, results in by_area.items():
        path = goldens / f"{area}.json"
        bad = [f"{area}.{name}: {err}" for name, got in sorted(results.items()) for err in own_code_errors(got)]
        if bad:
            refusals += bad
            print(f"{area}: NOT written ({path} left as it was): a NameError or AttributeError raised by "
                  "the conformance code itself is not TensorFlow's behaviour; fix the case:", file=sys.stderr)
            for line in bad:
                print(f"  {line}", file=sys.stderr)
            continue
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        tmp.replace(path)
        print(f"{area}: {len(results)} cases -> {path}")
    return refusals


def main(argv: list[str]) -> int:
    return 1 if record(argv, load_tensorflow()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
