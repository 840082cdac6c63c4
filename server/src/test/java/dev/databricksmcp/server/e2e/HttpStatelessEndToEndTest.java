package dev.databricksmcp.server.e2e;

/**
 * The suite over Streamable HTTP without sessions (--stateless): no progress stream, same
 * envelopes.
 */
class HttpStatelessEndToEndTest extends HttpEndToEndTest {
  @Override
  protected boolean stateless() {
    return true;
  }

  @Override
  protected boolean sessions() {
    return false;
  }
}
