"""Seeded fuzzing of checkpoint reading (issue 24): real checkpoints written by our ``Saver``,
mutated (flipped and truncated bytes; structurally valid tables with correct block checksums
holding wrong entries: impossible dtypes, shapes, offsets, sizes, shards and slices, huge
claims, entries whose CRC matches the bytes they now claim, repeated and reordered keys and
block handles), are read with ``CheckpointReader`` and restored with ``Saver.restore``. Every
outcome must be a correct restore or a TensorFlow-class error (``errors.OpError``): never
another exception, a blown memory limit or a hang.

The inputs run in a child process under ``RLIMIT_AS`` (1 GiB above what it uses when ready)
with a time limit per input. ``SCOPEFLOW_FUZZ=10000`` runs more inputs (default 150);
``SCOPEFLOW_FUZZ_SEED`` picks another seed.
"""

import json
import os
import random
import subprocess
import sys

import numpy as np

from scopeflow._src import protos
from scopeflow._src.checkpoint import sstable
from scopeflow._src.checkpoint.varints import varint
from scopeflow._src.platform.checksums import crc32c, mask

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
COUNT = int(os.environ.get("SCOPEFLOW_FUZZ", "150"))
SEED = int(os.environ.get("SCOPEFLOW_FUZZ_SEED", "24"))
TIME_LIMIT_S = 10
HUGE = [-1, -(2 ** 63), 2 ** 31 - 1, 2 ** 31, 2 ** 32, 131072, 2 ** 40, 2 ** 62, 2 ** 63 - 1]
INDEX, DATA = ".index", ".data-00000-of-00001"


# -- the checkpoint and the graph that restores it ------------------------------------------------
def _build(tf):
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3), name="w")
    step = tf.Variable(np.int64(7), name="step")
    words = tf.Variable(np.array([b"ab", b"", b"xyz"]), name="words")
    p = tf.get_variable("p", [6, 2], tf.float64, initializer=tf.random_uniform_initializer(seed=3),
                        partitioner=tf.fixed_size_partitioner(2))
    return [w, step, words] + list(p)


# -- mutations ------------------------------------------------------------------------------------
def _flip(rng, blob):
    out = bytearray(blob)
    for _ in range(rng.randint(1, 3)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _mutate_entry(rng, value, data):
    entry = protos.BundleEntryProto.FromString(value)
    field = rng.choice(["dtype", "dims", "offset", "size", "shard_id", "consistent", "slices", "wire", "crc"])
    if field == "dtype":
        entry.dtype = rng.choice([0, 1, 2, 3, 7, 9, 14, 19, 20, 21, 23, 24, 99])
    elif field == "dims":
        dims = entry.shape.dim
        if dims and rng.random() < 0.7:
            dims[rng.randrange(len(dims))].size = rng.choice(HUGE + [0, 1, 3])
        else:
            dims.add(size=rng.choice(HUGE + [0, 1]))
    elif field in ("offset", "size", "shard_id"):
        choices = HUGE + [0, 1, len(data), len(data) - 1] if field != "shard_id" else [-1, 1, 2, 2 ** 31 - 1]
        value = rng.choice(choices)
        if field == "shard_id":
            value = max(min(value, 2 ** 31 - 1), -(2 ** 31))
        setattr(entry, field, value)
    elif field == "consistent":  # a claim on other bytes of the file, with their correct checksum
        offset = rng.randrange(len(data))
        size = rng.choice([4, 8, 16, len(data) - offset])
        size = min(size, len(data) - offset)
        entry.offset, entry.size = offset, size
        entry.crc32c = mask(crc32c(data[offset:offset + size]))
        if rng.random() < 0.5:
            entry.shape.Clear()
            entry.shape.SetInParent()
            entry.shape.dim.add(size=size // 4)
            entry.dtype = rng.choice([1, 3])
    elif field == "slices":
        proto = entry.slices.add() if not entry.slices or rng.random() < 0.3 else entry.slices[0]
        if not proto.extent or rng.random() < 0.3:
            proto.extent.add()
        extent = proto.extent[rng.randrange(len(proto.extent))]
        extent.start = rng.choice([-1, 0, 1, 5, 2 ** 40])
        extent.length = rng.choice([-2, -1, 0, 1, 3, 2 ** 40])
    elif field == "crc":
        entry.crc32c = rng.randrange(2 ** 32)
    out = entry.SerializeToString()
    if field == "wire":  # a known field again with the wrong wire type, or a message cut short
        number = rng.choice([1, 2, 3, 4, 5, 6, 7])
        out += rng.choice([varint(number << 3 | 2) + varint(3) + b"abc", varint(number << 3 | 5) + b"\x01\x02",
                           varint(number << 3 | 2) + varint(2 ** 40), varint(number << 3 | 0)])
    return out


def _table(items, handles=None):
    """An index table of ``items`` (valid block checksums); ``handles``: one item per block, listed
    in the index in that order (repeats and reorders allowed)."""
    if handles is None:
        return sstable.build_table(items)
    out = bytearray()
    written = []
    for key, value in items:
        block = sstable._BlockBuilder(sstable.RESTART_INTERVAL)
        block.add(key, value)
        written.append(sstable._write_block(out, block.finish()))
    metaindex = sstable._write_block(out, sstable._BlockBuilder(sstable.RESTART_INTERVAL).finish())
    index = sstable._BlockBuilder(1)
    for i, n in enumerate(handles):
        index.add(b"\xff" * 8 + i.to_bytes(4, "big"), written[n])
    handle = sstable._write_block(out, index.finish())
    footer = metaindex + handle
    out += footer + bytes(40 - len(footer)) + sstable.MAGIC
    return bytes(out)


def _raw_table(block: bytes, kind: int = 0) -> bytes:
    """A table whose one data block is ``block`` (compression ``kind``: 0 none, 1 Snappy)."""
    out = bytearray(block) + bytes([kind]) + mask(crc32c(bytes([kind]), crc32c(block))).to_bytes(4, "little")
    handle = varint(0) + varint(len(block))
    metaindex = sstable._write_block(out, sstable._BlockBuilder(sstable.RESTART_INTERVAL).finish())
    index = sstable._BlockBuilder(1)
    index.add(b"\xff", handle)
    footer = metaindex + sstable._write_block(out, index.finish())
    out += footer + bytes(40 - len(footer)) + sstable.MAGIC
    return bytes(out)


def _mutate_block(rng, items, data):
    """Blocks with valid checksums built to cost memory or time: each key repeating all of the one
    before plus a byte (n**2 / 2 key bytes), or a Snappy block expanding past its claimed size."""
    how = rng.choice(["growing_keys", "snappy"])
    if how == "growing_keys":
        block = bytearray()
        n = rng.choice([1000, 20000, 60000])
        for i, (key, value) in enumerate([items[0]] + [(b"a", b"")] * n):
            block += varint(max(i - 1, 0)) + varint(len(key)) + varint(len(value)) + key + value
        block += (0).to_bytes(4, "little") + (1).to_bytes(4, "little")
        return "block/" + how, _raw_table(bytes(block)), data
    claim = rng.choice([65, 100, 2 ** 32 - 1])
    copies = rng.choice([10, 100000])  # literal 'a', then copies of 64 bytes at offset 1
    block = varint(claim) + b"\x00a" + bytes([63 << 2 | 2, 1, 0]) * copies
    return "block/" + how, _raw_table(block, 1), data


def mutate(rng, index, data):
    """``(kind, index bytes, data bytes)``: one mutated checkpoint."""
    kind = rng.choice(["flip_index", "flip_data", "truncate", "entry", "entry", "entry", "entries", "header",
                       "table", "block"])
    if kind == "flip_index":
        return kind, _flip(rng, index), data
    if kind == "flip_data":
        return kind, index, _flip(rng, data)
    if kind == "truncate":
        if rng.random() < 0.5:
            return kind, index[:rng.randrange(len(index))], data
        return kind, index, data[:rng.randrange(len(data))]
    items = sstable.read_table(index)
    if kind in ("entry", "entries"):
        for i in rng.sample(range(1, len(items)), 1 if kind == "entry" else min(len(items) - 1, rng.randint(2, 5))):
            items[i] = (items[i][0], _mutate_entry(rng, items[i][1], data))
        return kind, _table(items), data
    if kind == "header":
        header = protos.BundleHeaderProto.FromString(items[0][1])
        setattr(header, *rng.choice([("num_shards", -1), ("num_shards", 0), ("num_shards", 2 ** 31 - 1),
                                     ("num_shards", 2), ("endianness", 1)]))
        items[0] = (b"", header.SerializeToString())
        return kind, _table(items), data
    if kind == "block":
        return _mutate_block(rng, items, data)
    handles = list(range(len(items)))
    how = rng.choice(["repeat", "swap", "many", "dup_key"])
    if how == "repeat":
        handles.insert(rng.randrange(len(handles)), rng.randrange(len(items)))
    elif how == "swap":
        i = rng.randrange(len(handles) - 1)
        handles[i], handles[i + 1] = handles[i + 1], handles[i]
    elif how == "many":
        handles = handles[:-1] + [len(items) - 1] * 2000
    else:
        i = rng.randrange(1, len(items))
        items.insert(i, items[i])
        handles = list(range(len(items)))
    return kind + "/" + how, _table(items, handles), data


# -- the child process ----------------------------------------------------------------------------
class _TimeLimit(BaseException):
    pass


def _worker(seed, count, directory):
    import resource
    import signal

    import scopeflow as tf
    from scopeflow._src.checkpoint.checkpoint_reader import CheckpointReader
    from scopeflow._src.framework import errors

    graph = tf.Graph()
    with graph.as_default():
        variables = _build(tf)
        saver = tf.train.Saver()
        sess = tf.Session(graph=graph)
        sess.run(tf.global_variables_initializer())
        original = saver.save(sess, os.path.join(directory, "original"), write_meta_graph=False)
        expected = sess.run(variables)
    with open(original + INDEX, "rb") as f:
        index = f.read()
    with open(original + DATA, "rb") as f:
        data = f.read()
    prefix = os.path.join(directory, "fuzzed")

    with open("/proc/self/status") as f:
        vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (vm + (1 << 30), resource.getrlimit(resource.RLIMIT_AS)[1]))

    def alarm(*_):
        raise _TimeLimit()

    signal.signal(signal.SIGALRM, alarm)
    rng = random.Random(seed)
    outcomes, failures = {}, []
    for i in range(count):
        kind, bad_index, bad_data = mutate(rng, index, data)
        for suffix, blob in ((INDEX, bad_index), (DATA, bad_data)):
            with open(prefix + suffix, "wb") as f:
                f.write(blob)
        checked = kind.startswith(("flip", "truncate"))  # no checksum was recomputed: success means the original
        signal.alarm(TIME_LIMIT_S)
        try:
            try:
                reader = CheckpointReader(prefix)
                reader.get_variable_to_dtype_map()
                reader.debug_string()
                for name in reader.get_variable_to_shape_map():
                    reader.get_tensor(name)
                reader.close()
                saver.restore(sess, prefix)
                got = sess.run(variables)
                outcome = "restored"
                if checked:
                    for a, b in zip(got, expected):
                        np.testing.assert_array_equal(a, b)
            except errors.OpError as e:
                outcome = type(e).__name__
            except ValueError as e:  # what TF's CheckpointReader.get_tensor raises for missing slices
                if not str(e).startswith("Does not have sufficient slices"):
                    raise
                outcome = "ValueError"
            finally:
                signal.alarm(0)
        except BaseException as e:  # noqa: BLE001 - anything else is the finding
            outcome = "FAIL"
            failures.append({"input": i, "kind": kind, "error": f"{type(e).__name__}: {e}"[:300]})
            if isinstance(e, KeyboardInterrupt):
                raise
        outcomes.setdefault(kind.split("/")[0], {}).setdefault(outcome, 0)
        outcomes[kind.split("/")[0]][outcome] += 1
    sess.close()
    print(json.dumps({"outcomes": outcomes, "failures": failures}))


def _run(tmp_path, seed, count):
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-m", "tests.checkpoint.test_fuzz_bundles", str(seed), str(count),
                           str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60 + count * TIME_LIMIT_S)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_fuzzed_checkpoints_restore_correctly_or_raise_tensorflow_errors(tmp_path):
    report = _run(tmp_path, SEED, COUNT)
    assert report["failures"] == [], report
    outcomes = report["outcomes"]
    assert sum(sum(v.values()) for v in outcomes.values()) == COUNT
    assert any("DataLossError" in v for v in outcomes.values()), outcomes


def test_the_fuzzer_finds_a_reader_that_allocates_before_checking(tmp_path):
    """The harness can fail: a reader patched to allocate what an entry claims before checking it
    blows the memory limit, which the child reports as a failure (seed 24's inputs, whatever
    SCOPEFLOW_FUZZ_SEED says: another seed's first 150 may claim no huge size)."""
    probe = os.path.join(str(tmp_path), "probe.py")
    with open(probe, "w") as f:
        f.write(
            "import sys, numpy as np\n"
            "from scopeflow._src.checkpoint import bundle_reader\n"
            "real = bundle_reader.BundleReader._read_entry\n"
            "def eager(self, name, entry):\n"
            "    np.ones(min(max(entry.size, 0), 2 ** 40), np.uint8)  # trusting the claimed size\n"
            "    return real(self, name, entry)\n"
            "bundle_reader.BundleReader._read_entry = eager\n"
            "from tests.checkpoint import test_fuzz_bundles as t\n"
            "t._worker(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])\n")
    proc = subprocess.run([sys.executable, probe, "24", "150", str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env=dict(os.environ, PYTHONPATH=os.path.abspath(ROOT)))
    assert proc.returncode == 0, proc.stderr[-3000:]
    failures = json.loads(proc.stdout.strip().splitlines()[-1])["failures"]
    assert any("MemoryError" in f["error"] for f in failures), failures


if __name__ == "__main__":
    _worker(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
