"""``tf.train.export_meta_graph`` / ``import_meta_graph`` and the ``.meta`` file of ``Saver.save``."""

import logging
import os

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src import protos
from scopeflow._src.framework import errors
from tests.conformance.cases.meta_graph._helpers import linear_model

FEED = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)


def _model():
    """A small linear model with a global step and a train_op, as a classic TF1 program builds it."""
    x, loss, _ = linear_model(tf)
    return x, loss


@pytest.fixture
def logs():
    records = []

    class Handler(logging.Handler):
        def emit(self, record):
            records.append((record.levelname, record.getMessage()))

    handler = Handler()
    logger = logging.getLogger("scopeflow")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


# -- export -------------------------------------------------------------------------------------
def test_meta_info_def_names_the_versions_and_the_op_types_used():
    _model()
    meta = tf.train.export_meta_graph()
    info = meta.meta_info_def
    assert (info.meta_graph_version, list(info.tags), info.stripped_default_attrs) == ("", [], False)
    assert info.tensorflow_version == "2.21.0" and info.tensorflow_git_version == f"scopeflow-{tf.__version__}"
    names = [op.name for op in info.stripped_op_list.op]
    assert names == sorted({n.op for n in meta.graph_def.node})
    assert {"ApplyGradientDescent", "MatMul", "VariableV2", "AssignAdd"} <= set(names)
    matmul = next(op for op in info.stripped_op_list.op if op.name == "MatMul")
    assert [a.name for a in matmul.input_arg] == ["a", "b"] and matmul.output_arg[0].type_attr == "T"
    assert {a.name: a.default_value.b for a in matmul.attr if a.HasField("default_value")}["transpose_a"] is False
    assert not meta.HasField("saver_def")  # only Saver.export_meta_graph adds its own


def test_every_node_carries_its_output_shapes():
    _model()
    meta = tf.train.export_meta_graph()
    x = next(n for n in meta.graph_def.node if n.name == "x")
    assert [[d.size for d in s.dim] for s in x.attr["_output_shapes"].list.shape] == [[-1, 2]]


def test_variable_collections_hold_tensorflows_variable_defs():
    _model()
    meta = tf.train.export_meta_graph()
    # the bytes TensorFlow 2.21 writes for the same model
    assert meta.collection_def["trainable_variables"].bytes_list.value[0] == (
        b"\n\x05s/w:0\x12\ns/w/Assign\x1a\ns/w/read:02\x17s/w/Initializer/Const:08\x01")
    assert meta.collection_def["global_step"].bytes_list.value[0] == (
        b"\n\rglobal_step:0\x12\x12global_step/Assign\x1a\x12global_step/read:02\x1f"
        b"global_step/Initializer/zeros:0H\x03")
    assert len(meta.collection_def["variables"].bytes_list.value) == 3
    assert list(meta.collection_def["train_op"].node_list.value) == ["train"]


def test_user_collections_by_the_kind_of_their_first_item(logs):
    _, loss = _model()
    tf.add_to_collection("strings", "a")
    tf.add_to_collection("strings", b"\xff")
    tf.add_to_collection("ints", 7)
    tf.add_to_collection("floats", 0.5)
    tf.add_to_collection("floats", 2)
    tf.add_to_collection("tensors", loss)
    tf.add_to_collection("ops", loss.op)
    tf.add_to_collection("mixed", 3)
    tf.add_to_collection("mixed", "three")
    tf.add_to_collection("objects", {"a": 1})
    tf.add_to_collection(7, loss)
    meta = tf.train.export_meta_graph()
    kinds = {k: (v.WhichOneof("kind"), list(getattr(v, v.WhichOneof("kind")).value))
             for k, v in meta.collection_def.items() if k in ("strings", "ints", "floats", "tensors", "ops")}
    assert kinds == {"strings": ("bytes_list", [b"a", b"\xff"]), "ints": ("int64_list", [7]),
                     "floats": ("float_list", [0.5, 2.0]), "tensors": ("node_list", ["loss:0"]),
                     "ops": ("node_list", ["loss"])}
    assert "mixed" not in meta.collection_def and "objects" not in meta.collection_def
    assert [m.splitlines()[-1] for _, m in logs] == ["'str' object cannot be interpreted as an integer",
                                                     "'dict' object has no attribute 'name'"]
    assert logs[0][1].startswith("Issue encountered when serializing mixed.\nType is unsupported")


def test_export_scope_keeps_the_scope_and_lists_the_inputs_from_outside():
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
        tf.add_to_collection("outputs", tf.reduce_sum(w * x, name="dot"))
    meta = tf.train.export_meta_graph(export_scope="tower")
    names = [n.name for n in meta.graph_def.node]
    assert "x" not in names and {"w", "w/read", "dot", "mul"} <= set(names)
    mul = next(n for n in meta.graph_def.node if n.name == "mul")
    assert list(mul.input) == ["w/read", "$unbound_inputs_x"]
    assert list(meta.collection_def["unbound_inputs"].bytes_list.value) == [b"$unbound_inputs_x"]
    assert list(meta.collection_def["outputs"].node_list.value) == ["dot:0"]
    variable = protos.VariableDef.FromString(meta.collection_def["variables"].bytes_list.value[0])
    assert (variable.variable_name, variable.snapshot_name) == ("w:0", "w/read:0")


def test_clear_devices_and_strip_default_attrs():
    with tf.device("/cpu:0"):
        tf.matmul(tf.ones([2, 2]), tf.ones([2, 2]), name="m")
    kept = tf.train.export_meta_graph()
    cleared = tf.train.export_meta_graph(clear_devices=True, strip_default_attrs=True)
    node = {n.name: n for n in kept.graph_def.node}["m"]
    stripped = {n.name: n for n in cleared.graph_def.node}["m"]
    assert node.device == "/device:CPU:0" and stripped.device == ""
    assert {"transpose_a", "transpose_b", "T"} <= set(node.attr)
    assert "transpose_a" not in stripped.attr and "T" in stripped.attr
    assert cleared.meta_info_def.stripped_default_attrs


def test_clear_extraneous_savers_keeps_only_the_given_savers_ops():
    tf.Variable(1.0, name="v")
    tf.train.Saver()
    second = tf.train.Saver(name="other")
    meta = second.export_meta_graph(clear_extraneous_savers=True)
    scopes = {n.name.split("/")[0] for n in meta.graph_def.node}
    assert "other" in scopes and "save" not in scopes
    assert meta.saver_def.restore_op_name == "other/restore_all"


def test_bad_arguments_are_refused_as_tensorflow_does():
    with pytest.raises(TypeError, match="graph_def must be of type GraphDef"):
        tf.train.export_meta_graph(graph_def="nodes")
    with pytest.raises(TypeError, match="saver_def must be of type SaverDef"):
        tf.train.export_meta_graph(saver_def=protos.VariableDef(variable_name="v"))


# -- files ---------------------------------------------------------------------------------------
def test_a_meta_file_is_written_binary_or_text_and_read_back(tmp_path):
    _model()
    binary = tf.train.export_meta_graph(str(tmp_path / "m.meta"))
    tf.train.export_meta_graph(str(tmp_path / "t.meta"), as_text=True)
    assert (tmp_path / "t.meta").read_text().startswith("meta_info_def {")
    for name in ("m.meta", "t.meta"):
        with tf.Graph().as_default() as graph:
            tf.train.import_meta_graph(str(tmp_path / name))  # adds a Saver(): the meta graph has none
            assert [op.name for op in graph.get_operations() if not op.name.startswith("save/")] == \
                [n.name for n in binary.graph_def.node]
    with pytest.raises(IOError, match="File does not exist. Received: .*nothing.meta."):
        tf.train.import_meta_graph(str(tmp_path / "nothing.meta"))
    (tmp_path / "bad.meta").write_text("not a meta graph")
    with pytest.raises(IOError, match="Cannot parse file .*bad.meta: "):
        tf.train.import_meta_graph(str(tmp_path / "bad.meta"))


def test_saver_save_writes_the_meta_graph_beside_the_checkpoint(tmp_path):
    _model()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, str(tmp_path / "model.ckpt"), global_step=7)
        saver.save(sess, str(tmp_path / "model.ckpt"), global_step=8, meta_graph_suffix="graph")
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "model.ckpt-7.data-00000-of-00001", "model.ckpt-7.index",
                                            "model.ckpt-7.meta", "model.ckpt-8.data-00000-of-00001",
                                            "model.ckpt-8.graph", "model.ckpt-8.index"]
    meta = protos.MetaGraphDef.FromString((tmp_path / "model.ckpt-7.meta").read_bytes())
    assert meta.saver_def == saver.as_saver_def()
    assert "savers" not in meta.collection_def


def test_an_interrupted_meta_graph_write_leaves_no_file(tmp_path, monkeypatch):
    _model()
    saver = tf.train.Saver()
    from scopeflow._src.platform import file_io

    real_replace = os.replace

    def crash(src, dst):
        if dst.endswith(".meta"):
            raise KeyboardInterrupt("power cut")
        real_replace(src, dst)
    monkeypatch.setattr(file_io.os, "replace", crash)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(KeyboardInterrupt):
            saver.save(sess, str(tmp_path / "m"))
    assert not any(name.startswith("m.meta") for name in os.listdir(tmp_path))


# -- import --------------------------------------------------------------------------------------
def _train_and_save(path):
    x, loss = _model()
    tf.add_to_collection("outputs", loss)
    tf.add_to_collection("labels", "loss")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(tf.get_collection("train_op"), {x: FEED})
        prefix = saver.save(sess, path, global_step=tf.train.get_global_step())
        return prefix, sess.run(loss, {x: FEED}), {v.op.name: sess.run(v) for v in tf.global_variables()}


def test_a_model_restores_and_trains_without_its_python_code(tmp_path):
    prefix, loss_value, values = _train_and_save(str(tmp_path / "model.ckpt"))
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        assert [v.name for v in tf.trainable_variables()] == ["s/w:0", "s/b:0"]
        assert [v.name for v in tf.global_variables()] == ["s/w:0", "s/b:0", "global_step:0"]
        assert tf.global_variables()[0] is tf.trainable_variables()[0]
        loss, = tf.get_collection("outputs")
        assert tf.get_collection("labels") == [b"loss"] and loss is graph.get_tensor_by_name("loss:0")
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            assert {v.op.name: sess.run(v).tolist() for v in tf.global_variables()} == \
                {k: v.tolist() for k, v in values.items()}
            assert sess.run("loss:0", {"x:0": FEED}) == loss_value
            sess.run(tf.get_collection("train_op"), {"x:0": FEED})
            assert sess.run(tf.train.get_global_step()) == 4
            assert sess.run(loss, {"x:0": FEED}) < loss_value


def test_import_scope_moves_the_graph_its_collections_and_its_saver(tmp_path):
    prefix, loss_value, _ = _train_and_save(str(tmp_path / "model.ckpt"))
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(prefix + ".meta", import_scope="imported")
        assert saver.saver_def.restore_op_name == "imported/save/restore_all"
        assert tf.get_collection("labels") == ["imported/loss"]  # TF moves strings under the scope too
        assert [v.name for v in tf.global_variables()] == ["imported/s/w:0", "imported/s/b:0",
                                                           "imported/global_step:0"]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            assert sess.run("imported/loss:0", {"imported/x:0": FEED}) == loss_value


def test_the_returned_saver_follows_tensorflows_rule():
    with tf.Graph().as_default():
        tf.constant(1.0, name="c")
        no_variables = tf.train.export_meta_graph()
        tf.Variable(2.0, name="v")
        no_saver_def = tf.train.export_meta_graph()
    with tf.Graph().as_default() as graph:
        assert tf.train.import_meta_graph(no_variables) is None
        saver = tf.train.import_meta_graph(no_saver_def)
        assert saver.saver_def.restore_op_name == "save/restore_all"
        assert graph.get_operation_by_name("save/restore_all").type == "NoOp"


def test_unbound_inputs_must_be_mapped():
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.variable_scope("tower"):
        tf.add_to_collection("outputs", tf.multiply(x, 2.0, name="double"))
    meta = tf.train.export_meta_graph(export_scope="tower")
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=r"Graph contains unbound inputs: \$unbound_inputs_x. Must provide these "
                                             r"inputs through input_map."):
            tf.train.import_meta_graph(meta)
        fed = tf.constant([1.0, 2.0])
        tf.train.import_meta_graph(meta, import_scope="copy", input_map={"$unbound_inputs_x": fed})
        double, = tf.get_collection("outputs")
        assert double.name == "copy/double:0"
        assert tf.Session().run(double).tolist() == [2.0, 4.0]


def test_clear_devices_on_import_clears_the_meta_graph_too():
    with tf.device("/cpu:0"):
        tf.constant(1.0, name="c")
    meta = tf.train.export_meta_graph()
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, clear_devices=True)
        assert graph.get_operation_by_name("c").device == ""
    assert meta.graph_def.node[0].device == ""  # TensorFlow changes the caller's proto


def test_conds_and_loops_come_back_with_their_contexts():
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(1.5, name="v")
    y = tf.cond(x > 0, lambda: x * v, lambda: x - v, name="branch")
    _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * v), [0, x], name="loop")
    tf.add_to_collection("outputs", tf.add(y, acc, name="total"))
    meta = tf.train.export_meta_graph()
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(meta, import_scope="i")
        total, = tf.get_collection("outputs")
        loop, = tf.get_collection("while_context")
        assert loop.name == "i/loop/while_context" and loop.pivot.name == "i/loop/LoopCond:0"
        assert [c.name for c in tf.get_collection("cond_context")] == ["i/branch/cond_text", "i/branch/cond_text_1"]
        enter = graph.get_operation_by_name("i/loop/Enter")
        assert enter._control_flow_context is loop and enter.get_attr("frame_name") == b"i/loop/while_context"
        grads = tf.gradients(total, [graph.get_tensor_by_name("i/x:0"), tf.global_variables()[0]])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            # total = x*v + x*v**3 at x=2, v=1.5: d/dx = v + v**3, d/dv = x + 3*x*v**2
            assert np.allclose(sess.run([total] + grads, {"i/x:0": 2.0}), [9.75, 4.875, 15.5])


# -- variables -----------------------------------------------------------------------------------
def test_variable_to_proto_and_from_proto():
    v = tf.Variable([1.0, 2.0], name="v", trainable=False)
    proto = v.to_proto()
    assert (proto.variable_name, proto.initializer_name, proto.snapshot_name, proto.initial_value_name,
            proto.trainable) == ("v:0", "v/Assign", "v/read:0", "v/initial_value:0", False)
    assert v.to_proto(export_scope="other") is None
    again = tf.Variable(variable_def=proto)
    assert again.op is v.op and again.initializer is v.initializer and again.value() is v.value()
    assert not again.trainable and tf.global_variables() == [v]  # collections are the importer's job
    with pytest.raises(ValueError, match="variable_def and initial_value are mutually exclusive."):
        tf.Variable(1.0, variable_def=proto)
    proto.aggregation = 7
    with pytest.raises(ValueError, match="Invalid variable aggregation mode: 7 for variable: v:0"):
        tf.Variable(variable_def=proto)


# -- found by the issue 24 verification pass ----------------------------------------------------------
@pytest.mark.parametrize("make", [os.mkfifo, lambda path: os.symlink("/dev/zero", path)], ids=["fifo", "device"])
def test_import_meta_graph_of_a_special_file_neither_blocks_nor_reads_forever(tmp_path, make):
    path = str(tmp_path / "m.meta")
    make(path)
    with tf.Graph().as_default(), pytest.raises(errors.NotFoundError, match="not a regular file, not a MetaGraphDef"):
        tf.train.import_meta_graph(path)


def test_import_meta_graph_of_a_directory_is_tensorflows_error(tmp_path):
    with tf.Graph().as_default(), pytest.raises(errors.FailedPreconditionError, match="Is a directory"):
        tf.train.import_meta_graph(str(tmp_path))
