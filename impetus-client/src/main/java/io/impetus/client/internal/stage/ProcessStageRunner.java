package io.impetus.client.internal.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.Job;
import io.impetus.client.JobStatus;
import io.impetus.client.internal.job.ReceivedJob;
import io.impetus.client.internal.log.TaskLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The threads of one {@code @Process} stage: the stage's own takes the jobs delivered to it in
 * batches and calls the stage method, while its log writer encodes the batch and writes it to the
 * stage's task log (unless an earlier run of the client already did), so that the stage is not
 * held up by the log's compression and encoding. Once a batch is both in the log and processed,
 * the writer hands its ids to the acknowledger (which acknowledges them once the jobs the stage
 * forked are safe at the queue) and counts the batch done: no job is acknowledged before it is in
 * the log. An exception from the stage method is reported and counted; the batch still counts as
 * processed, so it can never hang the run. A log that cannot be written fails the run; the batch
 * is not acknowledged, so the queue keeps it for the next run.
 *
 * <p>{@link #deliver} is thread-safe; everything else runs on the stage's threads.
 */
final class ProcessStageRunner {

  private final StageMethod stage;
  private final ClientRun run;
  private final TaskLog log;
  private final int maxBatch;
  private final Consumer<List<String>> ack;
  private final Consumer<RuntimeException> onLogFailure;
  private final LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final ExecutorService logWriter;

  ProcessStageRunner(StageMethod stage, ClientRun run, TaskLog log, int maxBatch,
      Consumer<List<String>> ack, Consumer<RuntimeException> onLogFailure) {
    this.stage = stage;
    this.run = run;
    this.log = log;
    this.maxBatch = maxBatch;
    this.ack = ack;
    this.onLogFailure = onLogFailure;
    this.thread = new Thread(this::loop, "stage-" + stage.name());
    this.thread.setDaemon(true);
    this.logWriter = Executors.newSingleThreadExecutor(runnable -> {
      Thread writer = new Thread(runnable, "tasklog-" + stage.name());
      writer.setDaemon(true);
      return writer;
    });
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

  /**
   * Ends the threads, once the log writer has written what it was given; called only when no
   * work is pending, so the stage is idle.
   */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
    logWriter.shutdown();
    logWriter.awaitTermination(1, TimeUnit.MINUTES);
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
    List<ReceivedJob> toLog = new ArrayList<>();
    List<String> ids = new ArrayList<>(batch.size());
    for (Delivery delivery : batch) {
      ReceivedJob job = delivery.job();
      ids.add(job.id());
      (job.status() == JobStatus.READY ? ready : errors).add(job);
      if (delivery.log()) {
        toLog.add(job);
      }
    }
    CompletableFuture<Void> logged = CompletableFuture.runAsync(() -> write(toLog), logWriter);
    run.invokeStage(stage, List.copyOf(ready), List.copyOf(errors));
    logged.whenComplete((written, failure) -> {
      if (failure != null) {
        onLogFailure.accept(failure.getCause() instanceof RuntimeException cause
            ? cause : new IllegalStateException(failure));
        return;
      }
      ack.accept(ids);
      run.processed(stage.name(), batch.size());
    });
  }

  /** Writes the records of jobs into the task log, on the log writer's thread. */
  private void write(List<ReceivedJob> jobs) {
    List<JsonNode> ready = new ArrayList<>();
    List<JsonNode> errors = new ArrayList<>();
    for (ReceivedJob job : jobs) {
      (job.status() == JobStatus.READY ? ready : errors).add(job.json());
    }
    log.append(ready, errors);
  }

  /** A job handed to the stage, and whether it still has to be written into the task log. */
  private record Delivery(ReceivedJob job, boolean log) {}
}
