"""The sharing audit: ``sharing_report`` (each variable and the scopes that read it).

``expect_shared``/``expect_new`` live with the variable store (``variables/expectations.py``)
and the lints with the session that raises them (``client/lints.py``).
"""
