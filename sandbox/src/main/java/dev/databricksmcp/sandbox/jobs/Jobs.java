package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The jobs of the workspace, as {@code jobs/get} shows them: id, creator, creation time and
 * settings. Kept across a restart with {@code --sandbox-dir}.
 */
public final class Jobs implements PersistentState {
  private final Map<Long, Job> jobs = new LinkedHashMap<>();

  /** A new job id: a large number, as Databricks' are, never one already used. */
  static long newId(java.util.function.LongPredicate used) {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 1_000_000_000_000_000L);
    } while (used.test(id));
    return id;
  }

  synchronized long create(JobSettings settings, String creator, long now) {
    long id = newId(jobs::containsKey);
    jobs.put(
        id,
        new Job()
            .setJobId(id)
            .setCreatorUserName(creator)
            .setRunAsUserName(creator)
            .setCreatedTime(now)
            .setSettings(settings));
    return id;
  }

  /** A copy of the job; an unknown id is refused as Databricks refuses it. */
  synchronized Job get(Long id) {
    Job job = id == null ? null : jobs.get(id);
    if (job == null) {
      throw ApiException.invalid("Job " + id + " does not exist.");
    }
    return Json.MAPPER.convertValue(job, Job.class);
  }

  synchronized boolean exists(long id) {
    return jobs.containsKey(id);
  }

  synchronized void replaceSettings(long id, JobSettings settings) {
    get(id);
    jobs.get(id).setSettings(settings);
  }

  synchronized void delete(Long id) {
    get(id);
    jobs.remove(id);
  }

  /** Every job, oldest first, as copies. */
  synchronized List<Job> list() {
    List<Job> out = new ArrayList<>();
    jobs.values().forEach(j -> out.add(Json.MAPPER.convertValue(j, Job.class)));
    return out;
  }

  @Override
  public String persistenceName() {
    return "jobs";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    jobs.values().forEach(j -> out.add(Json.MAPPER.valueToTree(j)));
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    jobs.clear();
    for (JsonNode j : saved) {
      Job job = Json.MAPPER.convertValue(j, Job.class);
      jobs.put(job.getJobId(), job);
    }
  }
}
