// --dynamic-toolsets through the official TypeScript SDK client, over stdio or Streamable HTTP. Run by
// TypeScriptSdkIT against a server started with --sandbox --dynamic-toolsets:
//   node ts-dynamic.mjs stdio <command> [args...]
//   node ts-dynamic.mjs http <url>
// Prints one PASS/FAIL line per check, the size of tools/list before and after, and a summary;
// exits 1 when any check failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const [mode, ...rest] = process.argv.slice(2);
const results = [];
function check(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
const body = (result) => result.structuredContent ?? {};
const names = (tools) => tools.map((t) => t.name);
const bytes = (value) => Buffer.byteLength(JSON.stringify(value), 'utf8');

const transport = mode === 'stdio'
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: 'ignore' })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const client = new Client({ name: 'databricks-mcp-ts-dynamic', version: '1.0.0' });

// resolves on the next notifications/tools/list_changed
let listChanged = 0;
let onListChanged = () => {};
client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
  listChanged += 1;
  onListChanged();
});
const nextListChanged = (ms) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve(false), ms);
  onListChanged = () => { clearTimeout(timer); resolve(true); };
});

try {
  await client.connect(transport);
  check('initialize declares tools.listChanged', client.getServerCapabilities()?.tools?.listChanged === true,
    JSON.stringify(client.getServerCapabilities()?.tools));

  const start = (await client.listTools()).tools;
  console.log(`tools/list at start: ${start.length} tools, ${bytes(start)} bytes`);
  check('tools/list starts small', start.length <= 6
    && ['get_workspace_info', 'list_available_toolsets', 'get_toolset_tools', 'enable_toolset']
      .every((n) => names(start).includes(n))
    && !names(start).includes('list_catalogs'), names(start).join(', '));

  const available = body(await client.callTool({ name: 'list_available_toolsets', arguments: {} }));
  const catalog = available.data?.items?.find((t) => t.toolset === 'catalog');
  check('list_available_toolsets offers catalog, not enabled', catalog?.enabled === false && catalog.tool_count > 0
    && catalog.tools.includes('list_catalogs'), `${available.message}`);

  const described = body(await client.callTool({ name: 'get_toolset_tools', arguments: { toolset: 'catalog' } }));
  check('get_toolset_tools describes the catalog tools',
    described.data?.items?.some((t) => t.name === 'list_catalogs' && t.description.length > 0), described.message);

  const changed = nextListChanged(10_000);
  const enabled = await client.callTool({ name: 'enable_toolset', arguments: { toolset: 'catalog' } });
  check('enable_toolset catalog', enabled.isError !== true && body(enabled).data?.added_tools?.includes('list_catalogs'),
    body(enabled).message);
  check('tools/list_changed received', await changed, `${listChanged} notification(s)`);

  const after = (await client.listTools()).tools;
  console.log(`tools/list after enabling catalog: ${after.length} tools, ${bytes(after)} bytes`);
  check('tools/list shows the new tools', names(after).includes('list_catalogs') && after.length > start.length,
    `${after.length} tools`);

  const catalogs = await client.callTool({ name: 'list_catalogs', arguments: {} });
  check('list_catalogs (newly enabled) runs', catalogs.isError !== true && body(catalogs).success === true
    && body(catalogs).count >= 1, body(catalogs).message);

  const info = body(await client.callTool({ name: 'get_workspace_info', arguments: {} }));
  check('get_workspace_info reports dynamic mode', info.data?.dynamic_toolsets === true
    && info.data?.enabled_toolsets?.includes('catalog'), JSON.stringify(info.data?.enabled_toolsets));

  const unknown = await client.callTool({ name: 'enable_toolset', arguments: { toolset: 'no_such_toolset' } });
  check('unknown toolset refused', unknown.isError === true && body(unknown).error_code === 'VALIDATION_ERROR'
    && body(unknown).details?.field === 'toolset', body(unknown).error);
} catch (e) {
  check('session', false, e?.message ?? String(e));
} finally {
  await client.close().catch(() => {});
}
const failed = results.filter((ok) => !ok).length;
console.log(`ts-dynamic (${mode}): ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
