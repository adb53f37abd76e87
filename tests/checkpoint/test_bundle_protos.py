"""The checkpoint's protobuf messages (``BundleHeaderProto``, ``BundleEntryProto``,
``TensorSliceProto``, ``TrackableObjectGraph``): read and written with ``protobuf``, with
TensorFlow's bytes, and bytes that are not the message reported as ``DataLossError``."""

import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

from scopeflow._src import protos
from scopeflow._src.checkpoint import bundle_format as fmt
from scopeflow._src.checkpoint import object_graph, slices, sstable
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.framework import errors

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")
TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
HEADER = fmt.Header().encode()


def _bundle(tmp_path, items, data=b""):
    """A checkpoint whose index holds ``items`` (key, value bytes) after the default header."""
    prefix = str(tmp_path / "x")
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(data)
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", HEADER)] + items))
    return prefix


# -- the messages' bytes ---------------------------------------------------------------------------
def test_header_bytes_are_tensorflows():
    assert HEADER.hex() == "08011a020801"  # num_shards 1, version { producer 1 }
    assert fmt.Header(num_shards=0, producer=0).encode() == b""  # an empty version is left out
    header = fmt.Header(num_shards=2, big_endian=True, producer=1, min_consumer=3, bad_consumers=(4, 5))
    assert fmt.Header.decode(header.encode()) == header


def test_a_scalars_entry_still_writes_its_empty_shape():
    assert fmt.Entry(1, ()).encode() == b"\x08\x01\x12\x00"


def test_entry_round_trip_of_every_field():
    entry = fmt.Entry(19, (0, 7, 2 ** 33), shard_id=3, offset=2 ** 40 + 5, size=123456789, crc32c=0xFFFFFFFF)
    assert fmt.Entry.decode(entry.encode()) == entry
    message = protos.BundleEntryProto.FromString(entry.encode())
    assert (message.dtype, [d.size for d in message.shape.dim], message.crc32c) == (19, [0, 7, 2 ** 33], 0xFFFFFFFF)


def test_tensorflows_slices_are_read_as_extents():
    entry = BundleReader(os.path.join(FIXTURES, "partitioned", "part")).entries["emb"]
    assert [type(s).__name__ for s in entry.slices] == ["TensorSliceProto", "TensorSliceProto"]
    assert fmt.Entry.decode(entry.encode()) == entry


# -- bytes that are not the message ----------------------------------------------------------------
@pytest.mark.parametrize("value", [b"\x12\x05\x01", b"\x0a", b"\x08", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"])
def test_a_corrupt_entry_is_data_loss(tmp_path, value):
    prefix = _bundle(tmp_path, [(b"x", value)])
    with pytest.raises(errors.DataLossError, match=f"^{prefix}.index: corrupted checkpoint index entry"):
        BundleReader(prefix)


def test_a_corrupt_header_is_data_loss(tmp_path):
    prefix = str(tmp_path / "x")
    with open(prefix + ".index", "wb") as f:
        f.write(sstable.build_table([(b"", b"\x1a\x07\x08")]))
    with pytest.raises(errors.DataLossError, match="corrupted checkpoint index entry"):
        BundleReader(prefix)


def test_a_tensor_of_unknown_rank_is_data_loss(tmp_path):
    entry = protos.BundleEntryProto(dtype=1, shape={"unknown_rank": True}).SerializeToString()
    with pytest.raises(errors.DataLossError, match=r"corrupted checkpoint index entry \(a stored tensor has unknown "
                                                   r"rank\)"):
        BundleReader(_bundle(tmp_path, [(b"x", entry)]))


def test_a_slice_of_the_wrong_rank_is_data_loss(tmp_path):
    entry = protos.BundleEntryProto(dtype=1, shape={"dim": [{"size": 4}, {"size": 2}]},
                                    slices=[{"extent": [{"start": 0, "length": 2}]}]).SerializeToString()
    reader = BundleReader(_bundle(tmp_path, [(b"x", entry)]))
    with pytest.raises(errors.DataLossError, match=r"corrupted slice of x \(slice of rank 1 for a tensor of rank 2\)"):
        reader.read("x")


# -- the object graph of TF2 checkpoints ---------------------------------------------------------------
def test_object_graph_maps_variable_names_to_keys():
    reader = BundleReader(os.path.join(FIXTURES, "tf2", "ckpt-1"))
    assert object_graph.names_to_keys(reader) == {"Variable": "dense/bias/.ATTRIBUTES/VARIABLE_VALUE",
                                                  "save_counter": "save_counter/.ATTRIBUTES/VARIABLE_VALUE"}


def test_no_object_graph_is_none(tmp_path):
    with BundleWriter(str(tmp_path / "c")) as w:
        w.add("v", np.zeros(2))
    assert object_graph.names_to_keys(BundleReader(str(tmp_path / "c"))) is None


@pytest.mark.parametrize("value", [np.array(b"\x0a\x05\x12", dtype=object), np.array(b"\x0a\x02\x12\x01\xff", object),
                                   np.float32(1.0), np.array([b"", b""], dtype=object)])
def test_a_corrupt_object_graph_is_data_loss(tmp_path, value):
    with BundleWriter(str(tmp_path / "c")) as w:
        w.add(object_graph.OBJECT_GRAPH_KEY, value)
    with pytest.raises(errors.DataLossError, match="the object graph in the checkpoint is corrupted"):
        object_graph.names_to_keys(BundleReader(str(tmp_path / "c")))


# -- TensorFlow reads the entries as we do ------------------------------------------------------------------
TF_SCRIPT = textwrap.dedent("""
    import json, sys
    from tensorflow.core.protobuf import tensor_bundle_pb2
    out = {}
    for name, value in json.loads(sys.argv[1]).items():
        if name.endswith(":"):  # the empty key: the header
            m = tensor_bundle_pb2.BundleHeaderProto.FromString(bytes.fromhex(value))
            out[name] = [m.num_shards, m.endianness, m.version.producer, m.version.min_consumer]
            continue
        m = tensor_bundle_pb2.BundleEntryProto.FromString(bytes.fromhex(value))
        out[name] = [m.dtype, [d.size for d in m.shape.dim], m.shard_id, m.offset, m.size, m.crc32c,
                     [[[e.start, e.length if e.HasField("length") else -1] for e in s.extent] for s in m.slices]]
    print(json.dumps(out))
""")


def _our_reading(key: bytes, value: bytes) -> list:
    if not key:
        h = fmt.Header.decode(value)
        return [h.num_shards, int(h.big_endian), h.producer, h.min_consumer]
    e = fmt.Entry.decode(value)
    return [e.dtype, list(e.shape), e.shard_id, e.offset, e.size, e.crc32c,
            [[list(x) for x in slices.parse_slice(s, e.shape)] for s in e.slices]]


@pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")
def test_tensorflow_parses_the_index_values_as_we_do():
    ours, raw = {}, {}
    for prefix in ("model/model.ckpt-1", "dtypes/all", "partitioned/part", "tf2/ckpt-1"):
        data = open(os.path.join(FIXTURES, prefix) + ".index", "rb").read()
        for key, value in sstable.read_table(data):
            raw[f"{prefix}:{key.hex()}"] = value.hex()
            ours[f"{prefix}:{key.hex()}"] = _our_reading(key, value)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, json.dumps(raw)], capture_output=True, text=True, env=env,
                            check=True)
    theirs = json.loads(result.stdout.strip().splitlines()[-1])
    assert theirs == ours
    assert len(ours) > 40 and any(v[-1] for k, v in ours.items() if not k.endswith(":"))  # slices included
