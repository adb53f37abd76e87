"""``summary_writer``: 100,000 scalar summaries written with ``tf.summary.FileWriter``
(``add_summary`` of a ``Summary`` proto built for each step, then ``close``), and the event
file read back to check that every event is there."""

import os
import shutil
import tempfile
import time

NAME = "summary_writer"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"write_100k_s": "s", "us_per_summary": "us"}
TARGETS = {"write_100k_s": 1}


def measure(tf, impl, quick):
    count = 2_000 if quick else 100_000
    logdir = tempfile.mkdtemp(prefix="sf_bench_summary_")
    try:
        start = time.perf_counter()
        writer = tf.summary.FileWriter(logdir)
        for step in range(count):
            writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=step * 0.5)]), step)
        writer.close()
        elapsed = time.perf_counter() - start
        (name,) = os.listdir(logdir)
        events = sum(1 for _ in tf.train.summary_iterator(os.path.join(logdir, name)))
        if events != count + 1:
            raise AssertionError(f"{impl} wrote {events} events, not {count + 1}")
    finally:
        shutil.rmtree(logdir, ignore_errors=True)
    return {"write_100k_s": elapsed * 100_000 / count, "us_per_summary": elapsed / count * 1e6}
