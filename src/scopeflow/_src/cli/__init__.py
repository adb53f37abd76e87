"""The ``scopeflow`` command: ``scopeflow ckpt ls|diff|rename|convert`` (see ``main.py``)."""
