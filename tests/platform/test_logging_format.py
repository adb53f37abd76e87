"""tf.logging's own handler, as TF's: ``LEVEL:name:message`` on stderr, and none when the root logger
already has a handler (absl's, inside tf.app.run), so no line is printed twice."""

import subprocess
import sys


def _run(code):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout, result.stderr.splitlines()


def test_lines_carry_the_level_and_the_logger_name():
    out, err = _run("import scopeflow as tf; tf.logging.set_verbosity(tf.logging.INFO); "
                    "tf.logging.info('step %d', 3); tf.logging.warning('careful')")
    assert (out, err) == ("", ["INFO:scopeflow:step 3", "WARNING:scopeflow:careful"])


def test_no_handler_of_its_own_when_the_root_logger_has_one():
    out, err = _run("import logging, sys; logging.basicConfig(stream=sys.stderr, format='root %(message)s'); "
                    "import scopeflow as tf; tf.logging.warning('once')")
    assert (out, err) == ("", ["root once"])
