"""``tf.app.run`` and ``tf.flags``, each program in a Python process of its own (``run`` exits, and a
process parses its ``FLAGS`` once)."""

import subprocess
import sys
import textwrap


def _program(tmp_path, body, *args):
    script = tmp_path / "prog.py"
    script.write_text("import scopeflow as tf\n" + textwrap.dedent(body))
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=tmp_path)


_TRAINER = """
tf.app.flags.DEFINE_integer("max_steps", 100, "Number of batches to run.")
tf.app.flags.DEFINE_string("train_dir", "/tmp/train", "Where to write event logs.")
tf.app.flags.DEFINE_boolean("log_device_placement", False, "Whether to log device placement.")
FLAGS = tf.app.flags.FLAGS

def main(argv=None):
    print(FLAGS.max_steps, FLAGS.train_dir, FLAGS.log_device_placement, argv[1:])
    return FLAGS.max_steps % 7

if __name__ == "__main__":
    tf.app.run()
"""


def test_run_parses_flags_calls_main_and_exits_with_its_value(tmp_path):
    done = _program(tmp_path, _TRAINER, "--max_steps=9", "--log_device_placement", "extra", "--unknown=1")
    assert done.stdout.splitlines() == ["9 /tmp/train True ['extra', '--unknown=1']"]
    assert done.returncode == 2


def test_run_with_defaults_exits_with_mains_value(tmp_path):
    done = _program(tmp_path, _TRAINER)
    assert (done.stdout.strip(), done.returncode) == ("100 /tmp/train False []", 100 % 7)


def test_an_illegal_flag_value_fails_with_absls_error(tmp_path):
    done = _program(tmp_path, _TRAINER, "--max_steps=lots")
    assert done.returncode == 1 and done.stdout == ""
    assert "IllegalFlagValueError: flag --max_steps=lots: invalid literal for int()" in done.stderr


def test_helpfull_prints_the_programs_flags_and_exits(tmp_path):
    done = _program(tmp_path, _TRAINER, "--helpfull")
    assert done.returncode == 1
    assert "--max_steps: Number of batches to run." in done.stdout and "absl.logging" in done.stdout


def test_flags_parse_sys_argv_on_first_read(tmp_path):
    body = """
    import absl.flags
    tf.flags.DEFINE_float("lr", 0.1, "learning rate")
    print(tf.flags.FLAGS.is_parsed(), tf.flags.FLAGS.lr, tf.flags.FLAGS.is_parsed())
    print(absl.flags.FLAGS.lr, tf.flags.FLAGS["lr"].present)
    """
    assert _program(tmp_path, body, "--lr=0.5").stdout.splitlines() == ["False 0.5 True", "0.5 1"]


def test_absl_loads_on_first_use_of_tf_app_or_tf_flags():
    probe = ("import sys, scopeflow as tf; print('absl' in sys.modules); tf.gfile.Exists('/');"
             "print('absl' in sys.modules); tf.app.run; print('absl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "True"]
