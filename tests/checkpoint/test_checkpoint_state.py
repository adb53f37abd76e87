"""The ``checkpoint`` state file and tf.train's functions over it."""

import os
import tracemalloc

import pytest

import scopeflow as tf
from scopeflow._src.checkpoint.checkpoint_state import CheckpointState


def _touch_checkpoint(directory, name):
    open(os.path.join(directory, name + ".index"), "wb").close()


def test_text_format_round_trip_with_escapes():
    state = CheckpointState('/d/m"o\\d\u00e9l\tx-1', ["/d/a-0", '/d/m"o\\d\u00e9l\tx-1'], [1.5, 2.25], 1.0)
    text = str(state)
    # what TensorFlow's text_format writes for the same proto (checked by hand)
    assert text.encode() == (b'model_checkpoint_path: "/d/m\\"o\\\\d\xc3\xa9l\\tx-1"\n'
                             b'all_model_checkpoint_paths: "/d/a-0"\n'
                             b'all_model_checkpoint_paths: "/d/m\\"o\\\\d\xc3\xa9l\\tx-1"\n'
                             b'all_model_checkpoint_timestamps: 1.5\nall_model_checkpoint_timestamps: 2.25\n'
                             b'last_preserved_timestamp: 1.0\n')
    assert CheckpointState.parse(text) == state


def test_parse_accepts_text_format_variants():
    text = ("# a comment\nmodel_checkpoint_path: 'single' \"-quoted\"\n"
            'all_model_checkpoint_paths: "oct\\101\\x42\\n"\nlast_preserved_timestamp: 1e3\n')
    state = CheckpointState.parse(text)
    assert state.model_checkpoint_path == "single-quoted"
    assert state.all_model_checkpoint_paths == ["octAB\n"]
    assert state.last_preserved_timestamp == 1000.0


@pytest.mark.parametrize("text", ["garbage here", 'unknown_field: "x"\n', 'model_checkpoint_path: "open\n'])
def test_unreadable_state_is_ignored(tmp_path, text):
    (tmp_path / "checkpoint").write_text(text)
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    assert tf.train.latest_checkpoint(str(tmp_path)) is None


def test_state_without_model_path_is_an_error(tmp_path):
    (tmp_path / "checkpoint").write_text('all_model_checkpoint_paths: "a"\n')
    with pytest.raises(ValueError, match="Invalid checkpoint state loaded from " + str(tmp_path)):
        tf.train.get_checkpoint_state(str(tmp_path))


def test_relative_paths_are_joined_to_the_directory(tmp_path):
    d = str(tmp_path)
    tf.train.update_checkpoint_state(d, "ckpt-2", ["ckpt-1", "ckpt-2"])
    assert (tmp_path / "checkpoint").read_text() == ('model_checkpoint_path: "ckpt-2"\n'
                                                     'all_model_checkpoint_paths: "ckpt-1"\n'
                                                     'all_model_checkpoint_paths: "ckpt-2"\n')
    state = tf.train.get_checkpoint_state(d)
    assert state.model_checkpoint_path == os.path.join(d, "ckpt-2")
    assert state.all_model_checkpoint_paths == [os.path.join(d, "ckpt-1"), os.path.join(d, "ckpt-2")]
    assert tf.train.latest_checkpoint(d) is None  # no ckpt-2.index
    _touch_checkpoint(d, "ckpt-2")
    assert tf.train.latest_checkpoint(d) == os.path.join(d, "ckpt-2")


def test_tf2_checkpoint_manager_state_is_read():
    d = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints", "tf2")
    state = tf.train.get_checkpoint_state(d)
    assert state.model_checkpoint_path == os.path.join(d, "ckpt-1")
    assert len(state.all_model_checkpoint_timestamps) == 1 and state.last_preserved_timestamp > 0
    assert tf.train.latest_checkpoint(d) == os.path.join(d, "ckpt-1")


def test_update_is_atomic_and_leaves_no_temporary_file(tmp_path):
    d = str(tmp_path)
    for step in range(3):
        tf.train.update_checkpoint_state(d, os.path.join(d, f"m-{step}"))
    assert os.listdir(d) == ["checkpoint"]


def test_latest_filename_and_conflict(tmp_path):
    d = str(tmp_path)
    tf.train.update_checkpoint_state(d, "m-1", latest_filename="other")
    assert os.listdir(d) == ["other"]
    assert tf.train.get_checkpoint_state(d) is None
    assert tf.train.get_checkpoint_state(d, "other").model_checkpoint_path.endswith("m-1")
    with pytest.raises(RuntimeError, match="conflicts with path used for checkpoint state"):
        tf.train.update_checkpoint_state(d, os.path.join(d, "checkpoint"))


def test_checkpoint_exists_mtimes_and_remove(tmp_path):
    d = str(tmp_path)
    prefix = os.path.join(d, "m")
    for name in ("m.index", "m.data-00000-of-00001", "m.meta", "mm.index"):
        open(os.path.join(d, name), "wb").close()
    assert tf.train.checkpoint_exists(prefix)
    assert not tf.train.checkpoint_exists(prefix + "x")
    assert len(tf.train.get_checkpoint_mtimes([prefix, prefix + "x"])) == 1
    tf.train.remove_checkpoint(prefix)
    assert os.listdir(d) == ["mm.index"]


def test_generate_proto_timestamps_must_match():
    with pytest.raises(ValueError, match="Checkpoint timestamps, if provided, must match checkpoint paths"):
        tf.train.generate_checkpoint_state_proto("/d", "/d/a", ["/d/b"], all_model_checkpoint_timestamps=[1.0])


# -- found by the issue 24 verification pass ----------------------------------------------------------
@pytest.mark.parametrize("make", [os.mkfifo, lambda path: os.symlink("/dev/zero", path),
                                  lambda path: os.symlink(path, path)], ids=["fifo", "device", "loop"])
def test_a_state_file_that_is_not_a_regular_file_is_ignored_without_blocking(tmp_path, make):
    make(str(tmp_path / "checkpoint"))
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    assert tf.train.latest_checkpoint(str(tmp_path)) is None


def test_a_long_state_file_parses_in_flat_memory(tmp_path):
    path = "a" * 5_000_000 + "\\n" * 1_000_000
    (tmp_path / "checkpoint").write_text(f'model_checkpoint_path: "{path}"\n')
    tracemalloc.start()
    try:
        state = tf.train.get_checkpoint_state(str(tmp_path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert state.model_checkpoint_path == str(tmp_path / ("a" * 5_000_000 + "\n" * 1_000_000))
    assert peak < 100 << 20, peak  # an alternation inside * kept a backtracking point per character: 695 MB
