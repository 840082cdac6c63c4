// A realistic session with databricks-mcp through the official TypeScript SDK client, over stdio or
// Streamable HTTP. Run by TypeScriptSdkIT:
//   node ts-session.mjs stdio <command> [args...]
//   node ts-session.mjs http <url>
// Prints one PASS/FAIL line per check and a summary; exits 1 when any check failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [mode, ...rest] = process.argv.slice(2);
const results = [];
function check(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
const body = (result) => result.structuredContent ?? {};

const transport = mode === 'stdio'
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: 'ignore' })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const client = new Client({ name: 'databricks-mcp-ts-session', version: '1.0.0' });

try {
  await client.connect(transport);
  const server = client.getServerVersion();
  check('initialize', server?.name === 'databricks-mcp' && client.getServerCapabilities()?.tools !== undefined,
    `${server?.name} ${server?.version}`);

  const { tools } = await client.listTools();
  const executeSql = tools.find((t) => t.name === 'execute_sql');
  check('tools/list', tools.length >= 40 && executeSql?.inputSchema?.required?.includes('statement')
    && tools.every((t) => typeof t.annotations?.readOnlyHint === 'boolean'), `${tools.length} tools`);

  // a slow query: the call returns at its deadline with a handle, sending progress meanwhile
  const progress = [];
  const first = await client.callTool(
    { name: 'execute_sql', arguments: { statement: 'SELECT sandbox_sleep(4) AS slept, 42 AS answer', timeout_seconds: 2 } },
    undefined,
    { onprogress: (p) => progress.push(p), timeout: 60_000 });
  const handle = body(first).data ?? {};
  check('execute_sql returns a handle at its deadline', first.isError !== true && ['PENDING', 'RUNNING'].includes(handle.state)
    && typeof handle.statement_id === 'string', `state ${handle.state}, id ${handle.statement_id}`);
  check('progress notifications during execute_sql', progress.length >= 1 && progress.every((p) => typeof p.progress === 'number'),
    `${progress.length} notification(s): ${progress.map((p) => p.message).join(' | ')}`);

  // resume with get_statement until it finishes
  let done;
  for (let i = 0; i < 10; i++) {
    done = body(await client.callTool({ name: 'get_statement', arguments: { statement_id: handle.statement_id, wait_seconds: 10 } }));
    if (done.data?.state !== 'PENDING' && done.data?.state !== 'RUNNING') break;
  }
  check('get_statement resumes to the result', done?.data?.state === 'SUCCEEDED' && done.data.rows?.[0]?.[1] === 42,
    `state ${done?.data?.state}, rows ${JSON.stringify(done?.data?.rows)}`);

  // an error comes back as an isError result carrying the envelope, not as a protocol error
  const missing = await client.callTool({ name: 'get_table', arguments: { full_name: 'samples.nyctaxi.no_such_table' } });
  check('error envelope', missing.isError === true && body(missing).success === false && body(missing).error_code === 'NOT_FOUND'
    && /no_such_table/.test(body(missing).error), `${body(missing).error_code}: ${body(missing).error}`);

  const invalid = await client.callTool({ name: 'execute_sql', arguments: { statement: 'SELECT 1', max_rows: 0 } });
  check('validation error names the field', invalid.isError === true && body(invalid).error_code === 'VALIDATION_ERROR'
    && body(invalid).details?.field === 'max_rows', body(invalid).error);
} catch (e) {
  check('session', false, e?.message ?? String(e));
} finally {
  await client.close().catch(() => {});
}
const failed = results.filter((ok) => !ok).length;
console.log(`ts-session (${mode}): ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
