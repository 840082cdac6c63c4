package dev.databricksmcp.sandbox.genie;

import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.MessageStatus;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import java.util.EnumSet;
import java.util.Set;

/**
 * One message of a conversation: the API's view of it ({@link #message}, updated as it advances)
 * and what the sandbox decided when it was asked.
 */
final class StoredMessage {
  static final Set<MessageStatus> TERMINAL =
      EnumSet.of(
          MessageStatus.COMPLETED,
          MessageStatus.FAILED,
          MessageStatus.CANCELLED,
          MessageStatus.QUERY_RESULT_EXPIRED);

  /** Who asked: the SCIM id of the principal whose grants its SQL runs with. */
  final String ownerId;

  /** The example question it matched (its index in the space), or -1: none. */
  final int example;

  final GenieMessage message;

  /** The statement running its SQL while the sandbox runs; null once ended or after a restart. */
  TaskStatements.Handle statement;

  StoredMessage(String ownerId, int example, GenieMessage message) {
    this.ownerId = ownerId;
    this.example = example;
    this.message = message;
  }

  boolean terminal() {
    return TERMINAL.contains(message.getStatus());
  }
}
