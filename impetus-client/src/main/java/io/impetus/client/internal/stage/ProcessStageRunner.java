package io.impetus.client.internal.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Job;
import io.impetus.client.JobStatus;
import io.impetus.client.internal.job.ReceivedJob;
import io.impetus.client.internal.log.TaskLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The thread of one {@code @Process} stage: takes the jobs delivered to it in batches, writes
 * them to the stage's task log (unless an earlier run of the client already did), calls the stage
 * method, then hands the batch's ids to the acknowledger (which acknowledges them once the jobs
 * the stage forked are safe at the queue) and counts the batch done. An exception from the stage
 * method is reported and counted; the batch still counts as processed, so it can never hang the
 * run.
 *
 * <p>{@link #deliver} is thread-safe; everything else runs on the stage's thread.
 */
final class ProcessStageRunner {

  private final StageMethod stage;
  private final ClientRun run;
  private final TaskLog log;
  private final int maxBatch;
  private final Consumer<List<String>> ack;
  private final LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;

  ProcessStageRunner(StageMethod stage, ClientRun run, TaskLog log, int maxBatch,
      Consumer<List<String>> ack) {
    this.stage = stage;
    this.run = run;
    this.log = log;
    this.maxBatch = maxBatch;
    this.ack = ack;
    this.thread = new Thread(this::loop, "stage-" + stage.name());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Hands a finished job to the stage.
   *
   * @param log false when an earlier run already wrote the job into the task log
   */
  void deliver(ReceivedJob job, boolean log) {
    inbox.add(new Delivery(job, log));
  }

  /** Ends the thread; called only when no work is pending, so the stage is idle. */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  private void loop() {
    run.enterStage(stage.name());
    try {
      while (true) {
        List<Delivery> batch = new ArrayList<>();
        batch.add(inbox.take());
        inbox.drainTo(batch, maxBatch - 1);
        process(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(List<Delivery> batch) {
    List<Job> ready = new ArrayList<>();
    List<Job> errors = new ArrayList<>();
    List<JsonNode> readyRecords = new ArrayList<>();
    List<JsonNode> errorRecords = new ArrayList<>();
    List<String> ids = new ArrayList<>(batch.size());
    for (Delivery delivery : batch) {
      ReceivedJob job = delivery.job();
      ids.add(job.id());
      boolean succeeded = job.status() == JobStatus.READY;
      (succeeded ? ready : errors).add(job);
      if (delivery.log()) {
        (succeeded ? readyRecords : errorRecords).add(job.json());
      }
    }
    log.append(readyRecords, errorRecords);
    run.invokeStage(stage, List.copyOf(ready), List.copyOf(errors));
    ack.accept(ids);
    run.processed(stage.name(), batch.size());
  }

  /** A job handed to the stage, and whether it still has to be written into the task log. */
  private record Delivery(ReceivedJob job, boolean log) {}
}
