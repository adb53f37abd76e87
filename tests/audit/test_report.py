"""``tf.sharing_report``: each variable, its shape, and the scopes that read it; and
``scopeflow graph ls --sharing`` of a ``.meta`` file."""

import json
import os
import sys

import scopeflow as tf
from tests.cli.test_ckpt_command import run

HERE = os.path.relpath(__file__)
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_graphs")


def _towers_and_template():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    made = {}
    for tower in ("tower0", "tower1"):
        with tf.name_scope(tower), tf.variable_scope("model", reuse=tf.AUTO_REUSE):
            made["fc"] = f"{HERE}:{sys._getframe().f_lineno + 1}"
            tf.reduce_sum(tf.layers.dense(x, 3, name="fc"))

    def net(z):
        made["w"] = f"{HERE}:{sys._getframe().f_lineno + 1}"
        return tf.matmul(z, tf.get_variable("w", [4, 2]))

    template = tf.make_template("net", net)
    for _ in range(3):
        template(x)
    alone = tf.get_variable("alone", [5], dtype=tf.int32)
    tf.identity(alone, name="use")
    tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.get_variable("w", [4, 2])))
    return made


def test_rows_list_every_reading_scope_of_each_variable():
    with tf.Graph().as_default() as g:
        made = _towers_and_template()
        report = tf.sharing_report()
    assert isinstance(report, tf.SharingReport)
    assert report.rows == [
        {"name": "model/fc/kernel", "shape": [4, 3], "dtype": "float32", "made_at": made["fc"],
         "read_in": ["tower0/model/fc", "tower1/model/fc"]},
        {"name": "model/fc/bias", "shape": [3], "dtype": "float32", "made_at": made["fc"],
         "read_in": ["tower0/model/fc", "tower1/model/fc"]},
        {"name": "net/w", "shape": [4, 2], "dtype": "float32", "made_at": made["w"],
         "read_in": ["net", "net_1", "net_2"]},
        {"name": "alone", "shape": [5], "dtype": "int32", "made_at": report.rows[3]["made_at"], "read_in": [""]},
        {"name": "w", "shape": [4, 2], "dtype": "float32", "made_at": report.rows[4]["made_at"], "read_in": [""]},
    ]  # the optimizer's update and the gradients are not readers
    assert [r["name"] for r in report.shared()] == ["model/fc/kernel", "model/fc/bias", "net/w"]
    assert tf.sharing_report(g).rows == report.rows


def test_the_table_and_the_json():
    with tf.Graph().as_default():
        made = _towers_and_template()
        report = tf.sharing_report()
    lines = str(report).splitlines()
    assert lines[0].split() == ["variable", "shape", "dtype", "made", "at", "read", "in"]
    assert lines[1].split() == ["model/fc/kernel", "(4,", "3)", "float32", made["fc"], "tower0/model/fc,",
                                "tower1/model/fc"]
    assert lines[3].split() == ["net/w", "(4,", "2)", "float32", made["w"], "net,", "net_1,", "net_2"]
    assert lines[-1] == "5 variables, 3 read in more than one scope"
    assert json.loads(report.to_json()) == {"variables": report.rows}
    assert repr(report) == "<SharingReport of 5 variables>"


def test_graph_ls_sharing_of_a_meta_file(tmp_path):
    path = str(tmp_path / "towers.meta")
    with tf.Graph().as_default():
        _towers_and_template()
        tf.train.export_meta_graph(path)
    code, out, err = run("graph", "ls", "--sharing", path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["variable", "shape", "dtype", "read", "in"]  # no call sites in a file
    assert lines[1].split() == ["model/fc/kernel", "(4,", "3)", "float32", "tower0/model/fc,", "tower1/model/fc"]
    assert lines[-1] == "5 variables, 3 read in more than one scope"
    code, out, err = run("graph", "ls", "--sharing", "--json", path)
    rows = json.loads(out)["variables"]
    assert code == 0 and rows[2] == {"name": "net/w", "shape": [4, 2], "dtype": "float32", "made_at": None,
                                     "read_in": ["net", "net_1", "net_2"]}


def test_graph_ls_sharing_of_a_tensorflow_checkpoint():
    code, out, err = run("graph", "ls", "--sharing", os.path.join(FIXTURES, "meta", "control_flow"))
    assert code == 0 and out.splitlines()[1].split() == ["v", "()", "float32", "branch/mul,", "branch/sub,",
                                                          "loop/mul"]


def test_graph_ls_sharing_errors():
    assert run("graph", "ls", "--json", os.path.join(FIXTURES, "scopes.pb"))[0] == 2
    code, out, err = run("graph", "ls", "--sharing", os.path.join(FIXTURES, "meta", "scoped.meta"))
    assert code == 2 and err.startswith("scopeflow graph ls: error: --sharing needs the graph imported, which "
                                        "failed: Node 'mul': Unknown input node '$unbound_inputs_x'")
