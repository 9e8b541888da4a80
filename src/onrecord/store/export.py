"""Write query records as a table, JSON lines, CSV or Parquet, streaming.

Records are the dicts :mod:`~onrecord.store.queries` yields. Dates become ISO strings in text
formats; Parquet keeps real types, from a schema derived from the query's columns (so a first chunk
full of nulls cannot decide a column's type), written in row groups of :data:`PARQUET_CHUNK`.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Iterable, Sequence, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer

PARQUET_CHUNK = 10_000
TABLE_CELL_WIDTH = 70


class ExportFormat(str, Enum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


def plain(value):
    """A JSON/CSV-ready value: ISO dates, lists and dicts as they are."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in an exported record")


def write_jsonl(records: Iterable[dict], stream: TextIO) -> int:
    count = 0
    for count, record in enumerate(records, 1):
        # default=plain also reaches nested records (a shift's before / after positions)
        stream.write(json.dumps(record, default=_json_value, ensure_ascii=False) + "\n")
    return count


def write_csv(records: Iterable[dict], stream: TextIO) -> int:
    """CSV with the first record's keys as header (nothing at all for no records); lists as JSON."""
    writer = None
    count = 0
    for count, record in enumerate(records, 1):
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(record))
            writer.writeheader()
        writer.writerow(
            {key: json.dumps(value) if isinstance(value, (list, dict)) else plain(value) for key, value in record.items()}
        )
    return count


def write_table(records: Iterable[dict], stream: TextIO, columns: Sequence[str], title: str) -> int:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    count = 0
    for count, record in enumerate(records, 1):
        table.add_row(*(Text(_cell(record.get(column))) for column in columns))
    is_terminal = getattr(stream, "isatty", lambda: False)()
    Console(file=stream, width=None if is_terminal else 200).print(table)
    return count


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    text = " ".join(str(plain(value)).split())
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


def arrow_schema(columns, extra: dict):
    """A pyarrow schema from SQLAlchemy columns (JSON columns are stored as JSON text), plus computed
    columns of ``extra`` (a sample record) typed by their value."""
    import pyarrow as pa

    def arrow_type(sql_type):
        if isinstance(sql_type, Boolean):
            return pa.bool_()
        if isinstance(sql_type, Integer):
            return pa.int64()
        if isinstance(sql_type, Float):
            return pa.float64()
        if isinstance(sql_type, DateTime):
            return pa.timestamp("us", tz="UTC")
        if isinstance(sql_type, Date):
            return pa.date32()
        return pa.string()

    fields = [(column.name, arrow_type(column.type)) for column in columns]
    named = {name for name, _ in fields}
    fields += [(key, pa.int64() if isinstance(value, int) else pa.string()) for key, value in extra.items() if key not in named]
    return pa.schema(fields)


def write_parquet(records: Iterable[dict], path: Path, columns) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    json_columns = [column.name for column in columns if isinstance(column.type, JSON)]
    count = 0
    records = iter(records)
    chunk = list(islice(records, PARQUET_CHUNK))
    schema = arrow_schema(columns, chunk[0] if chunk else {})
    with pq.ParquetWriter(path, schema) as writer:
        while chunk:
            for record in chunk:
                for name in json_columns:
                    record[name] = json.dumps(record[name])
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
            chunk = list(islice(records, PARQUET_CHUNK))
    return count
