"""``tf.logging``'s verbosity follows the root logger's as TF's does: ``WARN`` in a plain program,
``INFO`` inside ``tf.app.run`` (absl sets the root's level from ``--verbosity``), what
``set_verbosity`` said once it is called; records name the caller's line, as absl's handler shows
them. Each program in a process of its own (absl's flags and ``run``'s exit)."""

import subprocess
import sys
import textwrap

_PROGRAM = """
import sys
import scopeflow as tf
mode = sys.argv[1]
if mode == "set":
    tf.logging.set_verbosity(tf.logging.ERROR)

def main(argv):
    print("verbosity", tf.logging.get_verbosity(), flush=True)
    tf.logging.info("info-line")
    tf.logging.warning("warn-line")

if mode == "plain":
    main(None)
else:
    sys.argv = [sys.argv[0]] + sys.argv[2:]
    tf.app.run(main)
"""


def _run(tmp_path, *args):
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(_PROGRAM))
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=tmp_path)
    return done.stdout.strip(), done.stderr


def test_a_plain_program_logs_warnings_only(tmp_path):
    out, err = _run(tmp_path, "plain")
    assert out == "verbosity 30"
    assert "warn-line" in err and "info-line" not in err


def test_inside_app_run_info_lines_show_with_the_callers_line(tmp_path):
    out, err = _run(tmp_path, "run")
    assert out == "verbosity 20"
    assert "info-line" in err
    assert "prog.py:10] info-line" in err and "prog.py:11] warn-line" in err  # absl's handler


def test_absls_verbosity_flag_and_set_verbosity_win(tmp_path):
    out, err = _run(tmp_path, "run", "--verbosity=-1")
    assert out == "verbosity 30" and "info-line" not in err and "warn-line" in err
    out, err = _run(tmp_path, "set")
    assert out == "verbosity 40" and "line" not in err
