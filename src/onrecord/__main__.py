"""``python -m onrecord``: the same as the ``onrecord`` command."""

from onrecord.cli.main import app

app(prog_name="onrecord")
