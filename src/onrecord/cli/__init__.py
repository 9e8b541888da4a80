"""The ``onrecord`` command line: verbs in :mod:`onrecord.cli.main`, the work behind them in ``run``."""
