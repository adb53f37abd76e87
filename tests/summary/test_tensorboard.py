"""TensorBoard reads scopeflow's event files: its own ``EventAccumulator``, and a real
``tensorboard`` server queried over HTTP (started once for the module)."""

import os

import numpy as np
import pytest

import scopeflow as tf
from tests.summary._tensorboard import STEPS, TensorBoardServer, tensorboard_command, write_run

event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator",
                                        reason="TensorBoard is not installed (pip install 'scopeflow[tensorboard]')")


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("tb")
    written = write_run(str(root / "model"))
    return str(root), written


@pytest.fixture(scope="module")
def server(logdir):
    server = TensorBoardServer(logdir[0], tensorboard_command())
    try:
        server.wait_for(lambda s: "model" in s.json("/data/plugin/scalars/tags")
                        and len(s.json("/data/plugin/scalars/scalars", run="model", tag="loss")) == STEPS)
        yield server
    finally:
        server.stop()


# -- TensorBoard's event reader -----------------------------------------------------------------
@pytest.fixture(scope="module")
def accumulator(logdir):
    acc = event_accumulator.EventAccumulator(os.path.join(logdir[0], "model"), size_guidance={"tensors": 0})
    acc.Reload()
    return acc


def test_accumulator_finds_every_kind_of_summary(accumulator):
    tags = accumulator.Tags()
    assert tags["scalars"] == ["loss", "metrics/metrics/accuracy"]
    assert tags["histograms"] == ["weights"]
    assert tags["images"] == ["inputs/image/0", "inputs/image/1"]
    assert tags["audio"] == ["sound/audio"]
    assert tags["tensors"] == ["note"]
    assert tags["graph"] and tags["meta_graph"] and tags["run_metadata"] == ["step0"]


def test_accumulator_scalars_and_histograms(accumulator, logdir):
    loss = accumulator.Scalars("loss")
    assert [e.step for e in loss] == list(range(STEPS))
    np.testing.assert_allclose([e.value for e in loss], logdir[1]["loss"], rtol=1e-6)
    histogram = accumulator.Histograms("weights")[0].histogram_value
    assert (histogram.min, histogram.max, histogram.num, sum(histogram.bucket)) == (0.5, 0.5, 12, 12)


def test_accumulator_images_audio_text(accumulator, logdir):
    image = accumulator.Images("inputs/image/1")[2]
    assert (image.step, image.width, image.height) == (2, 2, 2)
    assert image.encoded_image_string == logdir[1]["images"][2][1]
    audio = accumulator.Audio("sound/audio")[0]
    assert (audio.content_type, audio.sample_rate, audio.length_frames) == ("audio/wav", 8000.0, 4)
    text = accumulator.Tensors("note")[0].tensor_proto
    assert text.string_val == [b"hello **world**"]
    assert accumulator.SummaryMetadata("note").plugin_data.plugin_name == "text"


def test_accumulator_graph_and_meta_graph(accumulator, logdir):
    assert [n.name for n in accumulator.Graph().node] == logdir[1]["nodes"]
    assert {op.name for op in accumulator.MetaGraph().meta_info_def.stripped_op_list.op} >= {"MatMul", "Relu"}
    assert accumulator.RunMetadata("step0") is not None


# -- the server's HTTP API ------------------------------------------------------------------------
def test_server_lists_the_run_and_its_scalars(server, logdir):
    assert server.json("/data/runs") == ["model"]
    tags = server.json("/data/plugin/scalars/tags")["model"]
    assert sorted(tags) == ["loss", "metrics/metrics/accuracy"]
    points = server.json("/data/plugin/scalars/scalars", run="model", tag="loss")
    assert [p[1] for p in points] == list(range(STEPS))
    np.testing.assert_allclose([p[2] for p in points], logdir[1]["loss"], rtol=1e-6)


def test_server_serves_the_graph(server, logdir):
    assert server.json("/data/plugin/graphs/info")["model"]["run_graph"] is True
    from google.protobuf import text_format

    graph_def = text_format.Parse(server.get("/data/plugin/graphs/graph", run="model").decode(), tf.GraphDef())
    assert [n.name for n in graph_def.node] == logdir[1]["nodes"]
    matmul = next(n for n in graph_def.node if n.name == "layer1/MatMul")
    assert list(matmul.input) == ["x", "layer1/weights/read"]


def test_server_serves_histograms_images_and_text(server, logdir):
    histograms = server.json("/data/plugin/histograms/histograms", run="model", tag="weights")
    assert len(histograms) == STEPS and sum(bucket[2] for bucket in histograms[0][2]) == pytest.approx(12)
    images = server.json("/data/plugin/images/images", run="model", tag="inputs/image/0", sample=0)
    assert [i["step"] for i in images] == list(range(STEPS))
    png = server.get("/data/plugin/images/individualImage?" + images[1]["query"].lstrip("?"))
    assert png == logdir[1]["images"][1][0]
    assert server.json("/data/plugin/audio/tags")["model"].keys() == {"sound/audio"}
    text = server.json("/data/plugin/text/text", run="model", tag="note")
    assert "<strong>world</strong>" in text[0]["text"]
