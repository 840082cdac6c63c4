// The official TypeScript SDK client's OAuth support against databricks-mcp with
// --auth databricks-oauth on the sandbox, headless: the "browser" follows each redirect by hand
// and posts the sandbox's consent form as the chosen user. Run by TypeScriptOAuthIT:
//   node ts-oauth.mjs <mcp-url> <user> <access-token-lifetime-ms>
// Prints one PASS/FAIL line per check and a summary; exits 1 when any check failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [url, user, lifetimeMs] = process.argv.slice(2);
const REDIRECT = 'http://127.0.0.1:47999/callback';
const results = [];
function check(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** An in-memory OAuthClientProvider, as a desktop client keeps one per server. */
class Provider {
  constructor() { this.authorizations = 0; }
  get redirectUrl() { return REDIRECT; }
  get clientMetadata() {
    return { client_name: 'ts-oauth', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.saved; }
  saveTokens(tokens) { this.saved = tokens; }
  redirectToAuthorization(authorizationUrl) { this.pending = authorizationUrl; this.authorizations++; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  invalidateCredentials(scope) {
    if (scope === 'all' || scope === 'tokens') this.saved = undefined;
    if (scope === 'all' || scope === 'client') this.client = undefined;
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
  }
}

/** The user's browser: this server's authorize endpoint, Databricks' consent page, the callback. */
async function browser(authorizationUrl) {
  let r = await fetch(authorizationUrl, { redirect: 'manual' });
  const toDatabricks = r.headers.get('location');
  r = await fetch(toDatabricks, { redirect: 'manual' });
  const page = await r.text();
  const form = new URLSearchParams({ user });
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(unescape(m[1]), unescape(m[2]));
  r = await fetch(new URL('/oidc/v1/authorize', toDatabricks), { method: 'POST', body: form, redirect: 'manual' });
  r = await fetch(r.headers.get('location'), { redirect: 'manual' });
  const back = new URL(r.headers.get('location'));
  return back.searchParams.get('code');
}

const provider = new Provider();
async function signInAndConnect(transport) {
  const code = await browser(provider.pending);
  await transport.finishAuth(code);
  const client = new Client({ name: 'ts-oauth', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
  return client;
}
const whoAmI = async (client) =>
  (await client.callTool({ name: 'get_workspace_info', arguments: {} })).structuredContent?.data?.current_user;

try {
  // 1. no token: 401 → discovery (RFC 9728, RFC 8414) → registration (RFC 7591) → authorize
  const first = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  let refused;
  try {
    await new Client({ name: 'ts-oauth', version: '1.0.0' }).connect(first);
  } catch (e) {
    refused = e;
  }
  check('discovery and registration', refused instanceof UnauthorizedError && typeof provider.client?.client_id === 'string'
    && provider.pending?.searchParams.get('code_challenge_method') === 'S256'
    && provider.pending?.searchParams.get('resource') === url, `${provider.pending?.origin}${provider.pending?.pathname}`);

  // 2. the user signs in with Databricks; the code is exchanged for this server's tokens
  let client = await signInAndConnect(first);
  const signedIn = provider.saved;
  check('authorize and token', typeof signedIn?.access_token === 'string' && typeof signedIn?.refresh_token === 'string',
    `expires_in ${signedIn?.expires_in}`);
  const me = await whoAmI(client);
  check('calls run as the signed-in user', me === user, me);

  // 3. the access token expires: refused on its own, then the SDK refreshes and retries
  await sleep(Number(lifetimeMs) + 500);
  const stale = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${signedIn.access_token}`,
    'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
  check('expired access token refused', stale.status === 401
    && /invalid_token/.test(stale.headers.get('www-authenticate') ?? ''), stale.headers.get('www-authenticate'));
  const afterRefresh = await whoAmI(client);
  check('refresh', afterRefresh === user && provider.saved?.refresh_token !== signedIn.refresh_token
    && provider.authorizations === 1, `still ${afterRefresh}`);

  // 4. the user signs out (RFC 7009); once the access token expires the client must sign in again
  const metadata = await (await fetch(new URL('/.well-known/oauth-authorization-server', url))).json();
  const revoked = await fetch(metadata.revocation_endpoint, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: provider.saved.refresh_token, client_id: provider.client.client_id }) });
  await sleep(Number(lifetimeMs) + 500);
  let mustSignIn;
  try {
    await whoAmI(client);
  } catch (e) {
    mustSignIn = e;
  }
  check('signed out: sign in again', revoked.status === 200 && mustSignIn instanceof UnauthorizedError
    && provider.authorizations === 2, String(mustSignIn));
  await client.close();
  client = await signInAndConnect(first);
  const again = await whoAmI(client);
  check('signed in again', again === user, again);
  await client.close();
} catch (e) {
  check('no unexpected error', false, e?.stack ?? String(e));
}
const passed = results.filter(Boolean).length;
console.log(`${passed}/${results.length} checks passed`);
process.exit(passed === results.length ? 0 : 1);
