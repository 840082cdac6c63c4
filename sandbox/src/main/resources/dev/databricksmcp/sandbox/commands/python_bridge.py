"""Runs one Python script for the sandbox: a Command Execution API command, or a job's Python task.

The script gets `spark.sql(...)`, which runs SQL in the sandbox as the caller, with a token that
lives as long as the script (on loopback, through the sandbox's own Command Execution API on the
command's cluster, or its Statement Execution API on a job task's warehouse); `display(df)`, which
makes a command's result a table; and `dbutils`: `dbutils.notebook.exit(value)` (a notebook task's
result), `dbutils.widgets.get(name)` (a task's parameters). As in a notebook cell, the value of a
last bare expression is printed. Only the standard library is used.
"""
import ast
import atexit
import decimal
import json
import os
import sys
import time
import traceback
import urllib.request

_HOST = os.environ.pop("SANDBOX_HOST")
_TOKEN = os.environ.pop("SANDBOX_COMMAND_TOKEN")
_CLUSTER = os.environ.pop("SANDBOX_CLUSTER_ID", None)
_WAREHOUSE = os.environ.pop("SANDBOX_WAREHOUSE_ID", None)
_OUTPUT = os.environ.pop("SANDBOX_OUTPUT_DIR")
_WIDGETS = json.loads(os.environ.pop("SANDBOX_WIDGETS", "{}"))
_ARGV = json.loads(os.environ.pop("SANDBOX_ARGV", "[]"))
# loopback only: no proxy from the environment
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(_HOST + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + _TOKEN)
    request.add_header("Content-Type", "application/json")
    with _HTTP.open(request) as reply:
        return json.loads(reply.read() or b"{}")


class AnalysisException(Exception):
    """A SQL statement the sandbox failed, with Databricks' message."""


class Row(tuple):
    """One row: by position, or by column name as an attribute or a key."""

    def __new__(cls, names, values):
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getattr__(self, name):
        try:
            return self[self._names.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def asDict(self):
        return dict(zip(self._names, self))

    def __repr__(self):
        return "Row(" + ", ".join(f"{n}={v!r}" for n, v in zip(self._names, self)) + ")"


class DataFrame:
    """A finished query's rows: collect(), show(), count(), columns."""

    def __init__(self, schema, data, truncated):
        self._schema = schema
        self._data = data
        self._truncated = truncated
        self.columns = [c["name"] for c in schema]

    def collect(self):
        return [Row(self.columns, r) for r in self._data]

    def count(self):
        return len(self._data)

    def show(self, n=20):
        rows = [["null" if v is None else str(v) for v in r] for r in self._data[:n]]
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(self.columns)]
        line = "+" + "+".join("-" * w for w in widths) + "+"
        print(line)
        print("|" + "|".join(c.rjust(w) for c, w in zip(self.columns, widths)) + "|")
        print(line)
        for r in rows:
            print("|" + "|".join(v.rjust(w) for v, w in zip(r, widths)) + "|")
        print(line)
        if len(self._data) > n:
            print(f"only showing top {n} rows")


class _Spark:
    """`spark.sql(...)`, run by the sandbox as the caller."""

    _context = None

    def sql(self, query):
        return _command(query) if _CLUSTER else _statement(query)


def _command(query):
    """Runs on the command's cluster, through the Command Execution API."""
    if _Spark._context is None:
        _Spark._context = _call(
            "POST", "/api/1.2/contexts/create", {"clusterId": _CLUSTER, "language": "sql"}
        )["id"]
        atexit.register(_destroy_context)
    command = _call(
        "POST",
        "/api/1.2/commands/execute",
        {"clusterId": _CLUSTER, "contextId": _Spark._context, "language": "sql", "command": query},
    )["id"]
    path = (
        f"/api/1.2/commands/status?clusterId={_CLUSTER}"
        f"&contextId={_Spark._context}&commandId={command}"
    )
    while True:
        status = _call("GET", path)
        if status["status"] in ("Finished", "Error", "Cancelled"):
            break
        time.sleep(0.05)
    results = status.get("results") or {}
    if status["status"] != "Finished":
        raise AnalysisException(results.get("summary") or status["status"])
    return DataFrame(results.get("schema", []), results.get("data", []), results.get("truncated", False))


_TYPES = {
    "BYTE": int,
    "SHORT": int,
    "INT": int,
    "LONG": int,
    "FLOAT": float,
    "DOUBLE": float,
    "DECIMAL": decimal.Decimal,
    "BOOLEAN": lambda v: v == "true",
}


def _statement(query):
    """Runs on the task's warehouse, through the Statement Execution API (values come as text)."""
    reply = _call(
        "POST",
        "/api/2.0/sql/statements",
        {"warehouse_id": _WAREHOUSE, "statement": query, "wait_timeout": "50s"},
    )
    statement = "/api/2.0/sql/statements/" + reply["statement_id"]
    while reply["status"]["state"] in ("PENDING", "RUNNING"):
        time.sleep(0.05)
        reply = _call("GET", statement)
    status = reply["status"]
    if status["state"] != "SUCCEEDED":
        raise AnalysisException((status.get("error") or {}).get("message") or status["state"])
    manifest = reply.get("manifest") or {}
    columns = (manifest.get("schema") or {}).get("columns") or []
    result = reply.get("result") or {}
    rows = list(result.get("data_array") or [])
    while result.get("next_chunk_index") is not None:
        result = _call("GET", f"{statement}/result/chunks/{result['next_chunk_index']}")
        rows.extend(result.get("data_array") or [])
    casts = [_TYPES.get(c.get("type_name"), str) for c in columns]
    data = [[None if v is None else cast(v) for v, cast in zip(r, casts)] for r in rows]
    schema = [{"name": c["name"], "type": c.get("type_text", "").lower()} for c in columns]
    return DataFrame(schema, data, manifest.get("truncated", False))


class _NotebookExit(BaseException):
    """dbutils.notebook.exit(): the notebook ends here, successfully."""


class _Notebook:
    def exit(self, value):
        with open(os.path.join(_OUTPUT, "exit.json"), "w", encoding="utf-8") as out:
            json.dump({"value": str(value)}, out)
        raise _NotebookExit()


class _Widgets:
    """A task's parameters, as a notebook reads its widgets."""

    def get(self, name):
        if name not in _WIDGETS:
            raise ValueError(f"InputWidgetNotDefined: No input widget named {name} is defined")
        return _WIDGETS[name]

    def getArgument(self, name, default=None):
        return _WIDGETS.get(name, default)

    def text(self, name, defaultValue, label=None):
        _WIDGETS.setdefault(name, defaultValue)


class _DBUtils:
    notebook = _Notebook()
    widgets = _Widgets()


def _destroy_context():
    try:
        _call("POST", "/api/1.2/contexts/destroy", {"clusterId": _CLUSTER, "contextId": _Spark._context})
    except Exception:
        pass


def display(df):
    """Makes this command's result the table of `df` (the last display() wins)."""
    if not isinstance(df, DataFrame):
        raise TypeError("display() takes a DataFrame from spark.sql(...)")
    with open(os.path.join(_OUTPUT, "display.json"), "w", encoding="utf-8") as out:
        json.dump({"schema": df._schema, "data": df._data, "truncated": df._truncated}, out)


def _run(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, "<command>")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    scope = {"__name__": "__main__", "spark": _Spark(), "display": display, "dbutils": _DBUtils()}
    sys.argv = [path] + _ARGV
    try:
        exec(compile(tree, "<command>", "exec"), scope)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<command>", "eval"), scope)
            if value is not None:
                print(repr(value))
    except _NotebookExit:
        pass


if __name__ == "__main__":
    try:
        _run(sys.argv[1])
    except BaseException as e:  # the command's own error, its traceback without this file's frames
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb)
        sys.exit(1)
