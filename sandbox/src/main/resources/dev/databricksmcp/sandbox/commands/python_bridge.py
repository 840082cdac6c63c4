"""Runs one Python command for the sandbox's Command Execution API.

The command gets `spark.sql(...)`, which runs SQL in the sandbox as the caller (through the
sandbox's own Command Execution API on loopback, with a token that lives as long as the command),
and `display(df)`, which makes the command's result a table. As in a notebook cell, the value of a
last bare expression is printed. Only the standard library is used.
"""
import ast
import atexit
import json
import os
import sys
import time
import traceback
import urllib.request

_HOST = os.environ.pop("SANDBOX_HOST")
_TOKEN = os.environ.pop("SANDBOX_COMMAND_TOKEN")
_CLUSTER = os.environ.pop("SANDBOX_CLUSTER_ID")
_DISPLAY = os.environ.pop("SANDBOX_DISPLAY_FILE")
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


def _destroy_context():
    try:
        _call("POST", "/api/1.2/contexts/destroy", {"clusterId": _CLUSTER, "contextId": _Spark._context})
    except Exception:
        pass


def display(df):
    """Makes this command's result the table of `df` (the last display() wins)."""
    if not isinstance(df, DataFrame):
        raise TypeError("display() takes a DataFrame from spark.sql(...)")
    with open(_DISPLAY, "w", encoding="utf-8") as out:
        json.dump({"schema": df._schema, "data": df._data, "truncated": df._truncated}, out)


def _run(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, "<command>")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    scope = {"__name__": "__main__", "spark": _Spark(), "display": display}
    exec(compile(tree, "<command>", "exec"), scope)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), "<command>", "eval"), scope)
        if value is not None:
            print(repr(value))


if __name__ == "__main__":
    try:
        _run(sys.argv[1])
    except BaseException as e:  # the command's own error, its traceback without this file's frames
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next
        traceback.print_exception(type(e), e, tb)
        sys.exit(1)
