"""Record conformance goldens from real TensorFlow.

Run by hand where TensorFlow 2.21 is installed (never in CI), from the repository root::

    ~/tfref/bin/python -m tests.conformance.record            # every area
    ~/tfref/bin/python -m tests.conformance.record naming     # one area

Writes ``tests/conformance/goldens/<area>.json``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow.compat.v1 as tf  # noqa: E402

tf.disable_v2_behavior()
tf.logging.set_verbosity(tf.logging.ERROR)

from tests.conformance.harness import encode, load_cases, raises  # noqa: E402

GOLDENS = Path(__file__).parent / "goldens"


def run_case(fn):
    tf.reset_default_graph()
    return raises(fn, tf)


def main(areas: list[str]) -> None:
    cases = load_cases()
    by_area: dict[str, dict] = {}
    for key, fn in cases.items():
        area, name = key.split(".", 1)
        if areas and area not in areas:
            continue
        by_area.setdefault(area, {})[name] = run_case(fn)
    for area, results in by_area.items():
        path = GOLDENS / f"{area}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        tmp.replace(path)
        print(f"{area}: {len(results)} cases -> {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
