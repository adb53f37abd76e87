"""``tf.app.run`` and the global ``tf.flags.FLAGS``, each in a Python process of its own (``app.run``
exits, and a process's ``FLAGS`` is parsed once): exit status, standard output, the last line of
standard error."""

import os
import subprocess
import sys
import tempfile
import textwrap

from tests.conformance.harness import case

_IMPORTS = {True: "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n", False: "import scopeflow as tf\n"}


def _run(tf, body: str, *args: str):
    """Run ``body`` (after ``import ... as tf``) as a script with ``args``; return
    ``[exit status, stdout lines, the last line of stderr naming an error]`` (TensorFlow logs
    warnings of its own there)."""
    is_tf = tf.__name__.startswith("tensorflow")
    with tempfile.TemporaryDirectory() as root:
        script = os.path.join(root, "prog.py")
        with open(script, "w") as f:
            f.write(_IMPORTS[is_tf] + textwrap.dedent(body))
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env,
                              cwd=root, timeout=300)
    err = done.stderr.splitlines()
    return [done.returncode, done.stdout.splitlines(), next((ln for ln in reversed(err) if "Error" in ln), "")]


_MAIN = """
tf.app.flags.DEFINE_integer("steps", 5, "Steps to run.")
tf.app.flags.DEFINE_string("name", "model", "A name.")
FLAGS = tf.app.flags.FLAGS

def main(argv):
    print("argv", argv[1:])
    print("steps", FLAGS.steps, "name", FLAGS.name)
    return RESULT

if __name__ == "__main__":
    tf.app.run(main)
"""


@case
def run_calls_main_and_exits_with_its_value(tf):
    return _run(tf, _MAIN.replace("RESULT", "3"), "--steps=9", "in.txt", "--name", "m2")


@case
def run_main_returning_none(tf):
    return _run(tf, _MAIN.replace("RESULT", "None"))


@case
def run_keeps_unknown_flags_in_argv(tf):
    return _run(tf, _MAIN.replace("RESULT", "0"), "--not_defined=1", "--steps=2", "-x")


@case
def run_with_an_illegal_flag_value(tf):
    return _run(tf, _MAIN.replace("RESULT", "0"), "--steps=many")


@case
def run_with_argv_given(tf):
    body = _MAIN.replace("RESULT", "0").replace("tf.app.run(main)", "tf.app.run(main, argv=['p', '--steps=4', 'z'])")
    return _run(tf, body, "--steps=100")


@case
def run_finds_main_of_the_main_module(tf):
    return _run(tf, _MAIN.replace("RESULT", "7").replace("tf.app.run(main)", "tf.app.run()"), "--name=n")


@case
def run_with_helpfull(tf):
    code, out, _ = _run(tf, _MAIN.replace("RESULT", "0"), "--helpfull")
    return [code, [ln.strip() for ln in out if "--steps" in ln or "--name" in ln or "Steps to run" in ln]]


@case
def run_with_help_lists_the_programs_flags(tf):
    code, out, _ = _run(tf, _MAIN.replace("RESULT", "0"), "--help")
    return [code, [ln.strip() for ln in out if ln.strip().startswith("--")]]


@case
def flags_read_before_run_parse_sys_argv(tf):
    body = """
    tf.flags.DEFINE_integer("n", 1, "n")
    print(tf.flags.FLAGS.is_parsed())
    print(tf.flags.FLAGS.n)
    print(tf.flags.FLAGS.is_parsed())
    """
    return _run(tf, body, "--n=12")


@case
def flags_read_before_run_with_an_unknown_flag(tf):
    body = """
    tf.flags.DEFINE_integer("n", 1, "n")
    try:
        print(tf.flags.FLAGS.n)
    except tf.flags.Error as e:
        print(type(e).__name__, e)
    """
    return _run(tf, body, "--m=2")


@case
def main_raising_an_exception(tf):
    body = """
    def main(argv):
        raise ValueError("bad input")
    tf.app.run(main)
    """
    return _run(tf, body)
