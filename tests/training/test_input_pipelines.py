"""Queue-based input pipelines run to the end of their epochs with a Coordinator, and stop cleanly."""

import threading

import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default():
        yield


def _run_to_end(sess, fetch):
    """The classic loop: run until OutOfRangeError, then stop and join the runner threads."""
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess, coord)
    out = []
    try:
        while not coord.should_stop():
            out.append(sess.run(fetch))
    except tf.errors.OutOfRangeError:
        pass
    finally:
        coord.request_stop()
    coord.join(threads)
    assert not any(t.is_alive() for t in threads)
    return out


def test_text_files_through_a_shuffled_batch_for_two_epochs(tmp_path):
    paths = []
    for i in range(3):
        path = tmp_path / f"part{i}.csv"
        path.write_text("".join(f"{i * 10 + j}\n" for j in range(5)))
        paths.append(str(path))
    filenames = tf.train.string_input_producer(paths, num_epochs=2, shuffle=True, seed=1)
    _, line = tf.TextLineReader().read(filenames)
    value = tf.strings.to_number(line, out_type=tf.int32)
    batch = tf.train.shuffle_batch([value], batch_size=4, capacity=20, min_after_dequeue=5, num_threads=2, seed=2,
                                   allow_smaller_final_batch=True)
    assert batch.shape.as_list() == [None]
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        batches = _run_to_end(sess, batch)
    values = sorted(v for b in batches for v in b.tolist())
    assert values == sorted([i * 10 + j for i in range(3) for j in range(5)] * 2)


def test_slice_input_producer_and_batch_in_order():
    images = tf.constant([[1.0], [2.0], [3.0], [4.0]])
    labels = tf.constant([10, 20, 30, 40])
    image, label = tf.train.slice_input_producer([images, labels], num_epochs=1, shuffle=False)
    image_batch, label_batch = tf.train.batch([image, label], batch_size=2)
    assert image_batch.shape.as_list() == [2, 1] and label_batch.name == "batch:1"
    assert [qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)] == [
        "input_producer/input_producer", "batch/fifo_queue"]
    assert [s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)] == [
        "input_producer/input_producer/fraction_of_32_full", "batch/fraction_of_32_full"]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        batches = _run_to_end(sess, label_batch)
    assert [b.tolist() for b in batches] == [[10, 20], [30, 40]]


def test_training_steps_consume_batches_until_the_epochs_end():
    x = tf.train.limit_epochs(tf.constant([1.0, 2.0]), num_epochs=3)
    queue = tf.FIFOQueue(4, tf.float32, shapes=[[2]])
    tf.train.add_queue_runner(tf.train.QueueRunner(queue, [queue.enqueue(x)]))
    total = tf.Variable(0.0)
    step = tf.assign_add(total, tf.reduce_sum(queue.dequeue()))
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        _run_to_end(sess, step)
        assert sess.run(total) == 9.0


def test_coordinator_reraises_the_reported_error_from_join():
    coord = tf.train.Coordinator()

    def fail():
        with coord.stop_on_exception():
            raise ValueError("boom")

    thread = threading.Thread(target=fail)
    coord.register_thread(thread)
    thread.start()
    assert coord.wait_for_stop(10)
    with pytest.raises(ValueError, match="boom"):
        coord.join()
    coord.clear_stop()
    assert not coord.should_stop()
    coord.request_stop(tf.errors.OutOfRangeError(None, None, "end"))  # a clean stop: nothing to raise
    coord.join([])
    coord.raise_requested_exception()


def test_coordinator_names_threads_that_do_not_stop():
    coord = tf.train.Coordinator()
    event = threading.Event()
    thread = threading.Thread(target=event.wait, name="stuck")
    thread.start()
    coord.request_stop()
    with pytest.raises(RuntimeError, match="Coordinator stopped with threads still running: stuck"):
        coord.join([thread], stop_grace_period_secs=0.01)
    event.set()
    thread.join()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the thread re-raises, as in TF
def test_queue_runner_errors_without_a_coordinator_are_kept():
    queue = tf.FIFOQueue(2, tf.float32, shapes=[[]])
    x = tf.placeholder(tf.float32, [])
    runner = tf.train.QueueRunner(queue, [queue.enqueue(x)])
    with tf.Session() as sess:
        threads = runner.create_threads(sess, start=True)
        for t in threads:
            t.join(10)
        assert isinstance(runner.exceptions_raised[0], tf.errors.InvalidArgumentError)
    assert runner.queue_closed_exception_types == (tf.errors.OutOfRangeError,)
    assert (runner.close_op.name, runner.cancel_op.name) == ("fifo_queue_Close", "fifo_queue_Close_1")


def test_queue_runner_proto_round_trip():
    queue = tf.FIFOQueue(2, tf.float32, shapes=[[]])
    runner = tf.train.QueueRunner(queue, [queue.enqueue(1.0)])
    proto = runner.to_proto()
    assert proto.queue_name == "fifo_queue" and list(proto.enqueue_op_name) == ["fifo_queue_enqueue"]
    assert list(proto.queue_closed_exception_types) == [11]
    again = tf.train.QueueRunner.from_proto(proto)
    assert again.queue is queue.queue_ref.op and again.cancel_op.name == "fifo_queue_Close_1"


def test_a_saved_pipeline_runs_again_from_its_meta_graph(tmp_path):
    index = tf.train.range_input_producer(5, num_epochs=1, shuffle=False).dequeue()
    batch = tf.train.batch([index], batch_size=2, allow_smaller_final_batch=True)
    tf.Variable(0.0)
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        first = [b.tolist() for b in _run_to_end(sess, batch)]
        tf.train.Saver().save(sess, str(tmp_path / "model"))
    with tf.Graph().as_default():
        tf.train.import_meta_graph(str(tmp_path / "model.meta"))
        runners = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)
        assert [qr.name for qr in runners] == ["input_producer", "batch/fifo_queue"]
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            again = [b.tolist() for b in _run_to_end(sess, tf.get_default_graph().get_tensor_by_name("batch:0"))]
    assert first == again == [[0, 1], [2, 3], [4]]


def test_looper_thread_runs_its_target_until_the_coordinator_stops():
    coord = tf.train.Coordinator()
    calls = []

    def target(tag):
        calls.append(tag)
        if len(calls) == 3:
            coord.request_stop()

    looper = tf.train.LooperThread.loop(coord, None, target, args=("tick",))
    coord.join([looper], stop_grace_period_secs=10)
    assert calls == ["tick"] * 3 and looper.daemon and not looper.is_alive()
    with pytest.raises(ValueError, match="'coord' argument must be a Coordinator"):
        tf.train.LooperThread(None, 1)
