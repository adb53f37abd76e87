"""A graph's builder stacks belong to the thread that opened them, with or without
``Graph.switch_to_thread_local`` (README: TensorFlow shares the device, colocation and
control-dependency stacks between threads until that call; the conformance area
``scopes_fidelity`` checks the state after it against TensorFlow)."""

import threading

import pytest

import scopeflow as tf


def _build_in_other_thread(g):
    """The device, colocation groups and control inputs of an op another thread builds in ``g``."""
    out = {}

    def run():
        with g.as_default():
            op = tf.constant(1.0, name="other").op
        out.update(device=op.device, groups=op.colocation_groups(),
                   control=[c.name for c in op.control_inputs], name=op.name)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return out


@pytest.mark.parametrize("switched", [False, True])
def test_blocks_open_in_one_thread_do_not_reach_another(switched):
    g = tf.Graph()
    if switched:
        assert g.switch_to_thread_local() is None
    with g.as_default():
        anchor = tf.constant(0.0, name="anchor")
        with g.device("/job:ps"), g.control_dependencies([anchor]), g.name_scope("outer"):
            mine = tf.constant(2.0, name="mine").op
            other = _build_in_other_thread(g)
        with g.colocate_with(anchor.op):
            colocated = _build_in_other_thread(g)
    assert (mine.name, mine.device, [c.name for c in mine.control_inputs]) == ("outer/mine", "/job:ps", ["anchor"])
    assert other == {"device": "", "groups": [b"loc:@other"], "control": [], "name": "other"}
    assert colocated["groups"] == [b"loc:@other_1"] and colocated["device"] == ""


def test_switch_records_the_state():
    g = tf.Graph()
    assert g._stack_state_is_thread_local is False
    g.switch_to_thread_local()
    g.switch_to_thread_local()
    assert g._stack_state_is_thread_local is True
