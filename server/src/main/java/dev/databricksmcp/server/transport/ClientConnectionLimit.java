package dev.databricksmcp.server.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections per client address; one more is closed as soon as it opens.
 * The maps hold an address and a connection only while it is open, so they are bounded by the open
 * connections. Behind a proxy every client has the proxy's address: raise the limit (or turn it off
 * with 0) and let the proxy limit its clients.
 */
final class ClientConnectionLimit implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);

  private final int max;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
  // a closed socket no longer knows its peer: remember each connection's address while it is open
  private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

  ClientConnectionLimit(int max) {
    this.max = max;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress client = address(connection);
    if (client == null) {
      return;
    }
    clients.put(connection, client);
    int now = open.merge(client, 1, Integer::sum);
    if (now > max) {
      LOG.info("closed a connection from a client over its {} open connections", max);
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = clients.remove(connection);
    if (client != null) {
      open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** Connections open now from this address; for tests. */
  int openFrom(InetAddress client) {
    return open.getOrDefault(client, 0);
  }

  private static InetAddress address(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
