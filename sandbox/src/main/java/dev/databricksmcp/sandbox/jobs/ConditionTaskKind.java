package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.ConditionTask;
import com.databricks.sdk.service.jobs.ConditionTaskOp;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import java.math.BigDecimal;

/**
 * {@code condition_task}: {@code left op right} after dynamic values are resolved; EQUAL_TO and
 * NOT_EQUAL compare text, the ordering operators compare numbers and fail the task on text that is
 * not one. The outcome ("true" or "false") is the task run's {@code condition_task.outcome}; tasks
 * depending on it with another {@code outcome} are excluded.
 */
final class ConditionTaskKind implements TaskKind {
  @Override
  public String type() {
    return "condition_task";
  }

  @Override
  public Outcome run(Context c) {
    ConditionTask ct = c.task().getConditionTask();
    String left = c.resolve(ct.getLeft() == null ? "" : ct.getLeft());
    String right = c.resolve(ct.getRight() == null ? "" : ct.getRight());
    ConditionTaskOp op = ct.getOp();
    if (op == null) {
      return Outcome.failed(
          TerminationCodeCode.INVALID_RUN_CONFIGURATION, "condition_task.op is required.");
    }
    boolean result;
    if (op == ConditionTaskOp.EQUAL_TO || op == ConditionTaskOp.NOT_EQUAL) {
      result = left.equals(right) == (op == ConditionTaskOp.EQUAL_TO);
    } else {
      BigDecimal l;
      BigDecimal r;
      try {
        l = new BigDecimal(left.trim());
        r = new BigDecimal(right.trim());
      } catch (NumberFormatException e) {
        return Outcome.failed(
            TerminationCodeCode.RUN_EXECUTION_ERROR,
            op + " compares numbers: '" + left + "' and '" + right + "' are not both numbers.");
      }
      int cmp = l.compareTo(r);
      result =
          switch (op) {
            case GREATER_THAN -> cmp > 0;
            case GREATER_THAN_OR_EQUAL -> cmp >= 0;
            case LESS_THAN -> cmp < 0;
            default -> cmp <= 0;
          };
    }
    return new Outcome(
        RunResultState.SUCCESS,
        "",
        TerminationCodeCode.SUCCESS,
        new RunOutput(),
        String.valueOf(result));
  }
}
