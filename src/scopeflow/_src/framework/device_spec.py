"""``tf.DeviceSpec``: a device string as an object (TF1's mutable ``DeviceSpec``).

A spec has five optional parts: ``job``, ``replica``, ``task``, ``device_type`` and
``device_index``. ``to_string`` writes them as TensorFlow does (``/job:ps/task:0/device:CPU:0``);
``merge_from`` overwrites the parts another spec sets. The parsing and printing rules are
those of ``framework/devices.py``, which the device blocks of a graph use as well.
"""

from __future__ import annotations

from scopeflow._src.framework import devices

_PARTS = ("job", "replica", "task", "device_type", "device_index")


def _int_or_none(value):
    return None if value is None else int(value)


class DeviceSpec:
    """A (partial) device: ``/job:<job>/replica:<n>/task:<n>/device:<type>:<index>``.

    >>> import scopeflow as tf
    >>> spec = tf.DeviceSpec(job="ps", device_type="gpu", device_index=1)
    >>> spec.to_string(), spec.device_type
    ('/job:ps/device:GPU:1', 'GPU')
    >>> spec.merge_from(tf.DeviceSpec.from_string("/task:2/cpu:0")); spec.to_string()
    '/job:ps/task:2/device:CPU:0'
    """

    __slots__ = ("_job", "_replica", "_task", "_device_type", "_device_index")

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job = job
        self.replica = replica
        self.task = task
        self.device_type = device_type
        self.device_index = device_index

    # -- the parts (TF1's spec may be changed in place) ------------------------------------
    @property
    def job(self):
        return self._job

    @job.setter
    def job(self, job):
        self._job = None if job is None else str(job)

    @property
    def replica(self):
        return self._replica

    @replica.setter
    def replica(self, replica):
        self._replica = _int_or_none(replica)

    @property
    def task(self):
        return self._task

    @task.setter
    def task(self, task):
        self._task = _int_or_none(task)

    @property
    def device_type(self):
        return self._device_type

    @device_type.setter
    def device_type(self, device_type):
        self._device_type = None if device_type is None else devices.device_type_name(device_type)

    @property
    def device_index(self):
        return self._device_index

    @device_index.setter
    def device_index(self, device_index):
        self._device_index = _int_or_none(device_index)

    # -- strings ----------------------------------------------------------------------------
    @classmethod
    def from_string(cls, spec: str) -> "DeviceSpec":
        """The spec of a device string (TF's ``ValueError`` for a part it does not know)."""
        return cls(**devices.parse(spec))

    def parse_from_string(self, spec: str) -> "DeviceSpec":
        """Set every part from ``spec`` (parts it leaves out become ``None``); returns self."""
        parts = devices.parse(spec)
        for key in _PARTS:
            setattr(self, key, parts.get(key))
        return self

    def to_string(self) -> str:
        """The device string: ``/job:ps/replica:0/task:1/device:GPU:0``, unset parts left out."""
        return devices.to_string(self._parts())

    def _parts(self) -> dict:
        return {key: value for key in _PARTS if (value := getattr(self, key)) is not None}

    # -- combining --------------------------------------------------------------------------
    def merge_from(self, dev: "DeviceSpec") -> None:
        """Overwrite the parts that ``dev`` sets."""
        for key, value in dev._parts().items():
            setattr(self, key, value)

    def make_merged_spec(self, dev: "DeviceSpec") -> "DeviceSpec":
        """A new spec: this one with the parts ``dev`` sets overwritten."""
        merged = DeviceSpec(**self._parts())
        merged.merge_from(dev)
        return merged

    def replace(self, **kwargs) -> "DeviceSpec":
        """A new spec with the parts given as keyword arguments replaced."""
        parts = {key: getattr(self, key) for key in _PARTS}
        parts.update(kwargs)
        return DeviceSpec(**parts)

    def __eq__(self, other):
        return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())

    def __repr__(self):
        inside = ", ".join(f"{key}={getattr(self, key)}" for key in _PARTS)
        return f"<DeviceSpec({inside})>"
