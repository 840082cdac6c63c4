/**
 * How a tool waits for long-running work in Databricks: one {@link
 * dev.databricksmcp.server.core.wait.Waiter} for statements, warehouses and — as they come —
 * clusters, job runs, pipeline updates, serving endpoints, vector indexes and Genie messages.
 *
 * <p>A tool that starts such work:
 *
 * <ol>
 *   <li>makes the request that starts it, then at once records its handle with {@code ctx.track(new
 *       WorkHandle("cluster_id", id, "get_cluster"))}, so that even a failure or the invoker's
 *       TIMEOUT answer says how to follow it up;
 *   <li>waits with {@code Waiter.polling(status).until(isDone).describedAs(words).waitFor(ctx,
 *       maxWait).throwIfInterrupted()} — {@code maxWait} is the tool's own {@code wait_seconds};
 *       the waiter cuts it at a margin before the call's deadline, polls with {@link
 *       dev.databricksmcp.server.core.wait.Backoff#DEFAULT} (or a profile of its own) and sends
 *       progress from 0 s;
 *   <li>answers from the {@link dev.databricksmcp.server.core.wait.Waited}: {@code DONE} with the
 *       final state; {@code TIME_UP} with the state reached and how to resume (the read tool and
 *       the id, e.g. "call get_warehouse to check again"), as a normal answer, not an error; {@code
 *       POLL_FAILED} as "asked, but reading its state failed" with the last state known and the
 *       error, never as if nothing had happened.
 * </ol>
 *
 * <p>No tool sleeps or loops on its own. Tests drive the waiter with a fake {@link
 * dev.databricksmcp.server.core.wait.WaitClock} ({@code WaiterTest}) and never assert on real time.
 */
package dev.databricksmcp.server.core.wait;
