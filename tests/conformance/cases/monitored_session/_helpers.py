"""Helpers of the ``monitored_session`` cases (no cases here): a hook that records its calls,
captured ``tf.logging`` lines, and a checkpoint directory's files and events as plain data."""

import logging
import os
import re
import shutil
import tempfile

from tests.conformance.cases.summary._helpers import LogDir


class Logs:
    """The ``tf.logging`` lines written inside the block (TF's logger is ``tensorflow``,
    scopeflow's ``scopeflow``), at INFO and above; durations and rates masked."""

    def __init__(self, tf, replace=()):
        self._tf = tf
        self._name = "tensorflow" if tf.__name__.startswith("tensorflow") else "scopeflow"
        self._replace = replace
        self.lines = []

    def __enter__(self):
        self._logger = logging.getLogger(self._name)
        self._level = self._logger.level
        self._propagate = self._logger.propagate
        self._handler = _Collect(self.lines)
        self._saved_handlers = list(self._logger.handlers)
        for h in self._saved_handlers:
            self._logger.removeHandler(h)
        self._logger.addHandler(self._handler)
        self._logger.propagate = False
        self._logger.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc):
        self._logger.removeHandler(self._handler)
        for h in self._saved_handlers:
            self._logger.addHandler(h)
        self._logger.setLevel(self._level)
        self._logger.propagate = self._propagate

    def clean(self, keep=None):
        out = []
        for line in self.lines:
            for old, new in self._replace:
                line = line.replace(old, new)
            line = re.sub(r"\(\d+\.\d+ sec\)", "(<secs> sec)", line)
            line = re.sub(r"/sec: [0-9.e+-]+", "/sec: <rate>", line)
            if keep is None or any(k in line for k in keep):
                out.append(line)
        return out


class _Collect(logging.Handler):
    def __init__(self, lines):
        super().__init__(logging.INFO)
        self._lines = lines

    def emit(self, record):
        self._lines.append(record.getMessage())


def recording_hook(tf, log, name="hook", fetch=None, feed=None, stop_at=None):
    """A ``SessionRunHook`` that appends ``(name, call, detail)`` to ``log``."""

    class Recorder(tf.train.SessionRunHook):
        def begin(self):
            log.append([name, "begin"])

        def after_create_session(self, session, coord):
            log.append([name, "after_create_session", type(coord).__name__])

        def before_run(self, run_context):
            log.append([name, "before_run", names(run_context.original_args.fetches),
                        sorted(names(k) for k in (run_context.original_args.feed_dict or {}))])
            if fetch is None and feed is None:
                return None
            return tf.train.SessionRunArgs(fetch, feed_dict=feed)

        def after_run(self, run_context, run_values):
            results = run_values.results
            log.append([name, "after_run", None if results is None else plain(results),
                        type(run_values.options).__name__, type(run_values.run_metadata).__name__])
            self.count = getattr(self, "count", 0) + 1
            if stop_at is not None and self.count >= stop_at:
                run_context.request_stop()

        def end(self, session):
            log.append([name, "end"])

    return Recorder()


def names(value):
    """Tensors and ops by name, in the structure given."""
    if isinstance(value, dict):
        return {str(k): names(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [names(v) for v in value]
    return getattr(value, "name", value)


def plain(value):
    """numpy values as lists and numbers, dicts by sorted key."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


class CkptDir(LogDir):
    """A fresh checkpoint directory: its files (event files' times and hosts masked), events."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="sf_monitored_")

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def names(self):
        return [re.sub(r"tfevents\.\d+\..*$", "tfevents.<time>.<host>", f) for f in self.files()]

    def event_file(self):
        return [f for f in self.files() if f.startswith("events.out.tfevents")][0]

    def plain_events(self, tf):
        """The events, rates (``*/sec``) masked, graphs and meta graphs as ``<bytes>``."""
        events = self.events(tf, self.event_file())
        for event in events:
            for value in event.get("summary", {}).get("value", []):
                if value["tag"].endswith("/sec"):
                    value["simple_value"] = "<rate>"
            log = event.get("session_log")
            if log and "checkpoint_path" in log:
                log["checkpoint_path"] = self.clean(log["checkpoint_path"])
        return events

    def checkpoint_state(self, tf):
        state = tf.train.get_checkpoint_state(self.path)
        return {"model": self.clean(state.model_checkpoint_path),
                "all": [self.clean(p) for p in state.all_model_checkpoint_paths]}

    def subdir(self, name):
        path = os.path.join(self.path, name)
        os.makedirs(path, exist_ok=True)
        return path
