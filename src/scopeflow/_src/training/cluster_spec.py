"""``tf.train.ClusterSpec``: the jobs of a distributed program and their tasks' addresses.

scopeflow runs in one process, so a cluster is only a description: what
``tf.train.replica_device_setter(cluster=...)`` reads to count the ``ps`` tasks, and what a
program prints or checks. A job's tasks are a list (indices 0, 1, ...) or a dict from task
index to address (a sparse job), as in TensorFlow.
"""

from __future__ import annotations

_CLUSTER_TYPE = ("`cluster` must be a dictionary mapping one or more job names to lists of network addresses, "
                 "or a `ClusterDef` protocol buffer")


def _tasks_of(job, tasks) -> dict:
    if isinstance(tasks, (list, tuple)):
        return dict(enumerate(tasks))
    if isinstance(tasks, dict):
        return {int(index): address for index, address in tasks.items()}
    raise TypeError(f"The tasks for job '{job}' must be a list or a dictionary from integers to strings.")


class ClusterSpec:
    """A cluster: job names mapped to their tasks' network addresses.

    >>> import scopeflow as tf
    >>> cluster = tf.train.ClusterSpec({"ps": ["ps0:2222", "ps1:2222"], "worker": {1: "w1:2222"}})
    >>> cluster.jobs, cluster.num_tasks("ps"), cluster.job_tasks("worker")
    (['ps', 'worker'], 2, [None, 'w1:2222'])
    """

    def __init__(self, cluster):
        if isinstance(cluster, ClusterSpec):
            self._jobs = {job: dict(tasks) for job, tasks in cluster._jobs.items()}
            self._sparse = set(cluster._sparse)
        elif isinstance(cluster, dict):
            self._jobs = {job: _tasks_of(job, tasks) for job, tasks in cluster.items()}
            self._sparse = {job for job, tasks in cluster.items() if isinstance(tasks, dict)}
        else:
            raise TypeError(_CLUSTER_TYPE)

    def __bool__(self):
        return bool(self._jobs)

    def __eq__(self, other):
        return isinstance(other, ClusterSpec) and self._jobs == other._jobs

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __repr__(self):
        return f"ClusterSpec({self.as_dict()!r})"

    def as_dict(self) -> dict:
        """Each job's tasks: a list when they are numbered 0, 1, ... in full, else a dict."""
        result = {}
        for job in self.jobs:
            tasks = self._jobs[job]
            dense = job not in self._sparse and sorted(tasks) == list(range(len(tasks)))
            result[job] = [tasks[i] for i in range(len(tasks))] if dense else dict(sorted(tasks.items()))
        return result

    @property
    def jobs(self) -> list:
        """The job names, sorted."""
        return sorted(self._jobs)

    def _job(self, job_name) -> dict:
        try:
            return self._jobs[job_name]
        except KeyError:
            raise ValueError(f"No such job in cluster: {job_name!r}") from None

    def num_tasks(self, job_name) -> int:
        """How many tasks ``job_name`` has."""
        return len(self._job(job_name))

    def task_indices(self, job_name) -> list:
        """The task indices of ``job_name``, sorted."""
        return sorted(self._job(job_name))

    def task_address(self, job_name, task_index) -> str:
        """The address of one task."""
        tasks = self._job(job_name)
        if task_index not in tasks:
            raise ValueError(f"No task with index {task_index!r} in job {job_name!r}")
        return tasks[task_index]

    def job_tasks(self, job_name) -> list:
        """The addresses of ``job_name``'s tasks by index, ``None`` where a task is missing."""
        tasks = self._job(job_name)
        return [tasks.get(i) for i in range(max(tasks) + 1)] if tasks else []
