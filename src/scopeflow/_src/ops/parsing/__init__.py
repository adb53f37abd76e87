"""The parsing ops: bytes and text into numbers (``DecodeRaw``, ``DecodeCSV``, ``StringToNumber``).

``numbers.py`` parses one field as TensorFlow's ``safe_strto*`` functions do; ``decode_raw.py``,
``decode_csv.py`` and ``string_to_number.py`` each declare their op, then its wrapper; none has a
gradient (``grads.py``).
"""
