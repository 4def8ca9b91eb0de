package io.impetus.client.internal.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.impetus.client.DataStore;
import io.impetus.client.Fork;
import io.impetus.client.ImpetusException;
import io.impetus.client.Job;
import io.impetus.client.JobStatus;
import io.impetus.client.internal.code.CodeSources;
import io.impetus.client.internal.job.ReceivedJob;
import io.impetus.client.internal.log.LoggedJobs;
import io.impetus.client.internal.log.TaskLog;
import io.impetus.client.internal.session.QueueSession;
import io.impetus.client.internal.session.QueueWaits;
import io.impetus.client.internal.session.SessionConfig;
import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.StreamProperties;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.payload.PayloadException;
import io.impetus.core.protocol.Batches;
import io.impetus.core.protocol.JobResults;
import io.impetus.core.protocol.StreamOpened;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of {@link Client#run()}: opens the task logs, ships the code, opens (or
 * re-attaches to) the stream, runs every stage in its own thread, routes delivered results to
 * their stages, and returns when the startup stages have returned and every job has been
 * processed by its stage (those forked now, and on re-attach those the stream still held); then
 * runs the {@code @Shutdown} methods and deletes the stream. Results pushed while the stream is
 * being opened wait until the stages are ready and counted. The session survives the loss of the
 * queue for the reconnect window; results pushed again after a reconnection are recognized by job
 * id, acknowledged again and never recorded twice. With {@code mss} set, {@link #fork} waits while
 * that many jobs are out without a result.
 *
 * <p>{@link #fork} is thread-safe; {@link #execute} is called once.
 */
public final class ClientRun {

  private static final Logger LOG = LoggerFactory.getLogger(ClientRun.class);
  private static final ThreadLocal<ClientRun> RUN = new ThreadLocal<>();
  private static final ThreadLocal<String> STAGE = new ThreadLocal<>();

  private final Object client;
  private final Class<?> base;
  private final ClientModel model;
  private final HostAndPort address;
  private final Authkey authkey;
  private final Path taskDirectory;
  private final String id;
  private final Map<String, String> properties;
  private final QueueWaits waits;
  private final OptionalInt mss;
  private final BackPressure backPressure;
  private final Clock clock;
  private final PayloadCodec codec;
  private final WorkTracker tracker = new WorkTracker();
  private final ProgressBoard progress;
  private final ProgressView view;
  private final Map<String, ProcessStageRunner> runners = new ConcurrentHashMap<>();
  private final Map<String, List<Job>> shutdownJobs = new ConcurrentHashMap<>();
  private final Map<String, TaskLog> logs = new LinkedHashMap<>();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private final JobIds jobIds;
  private Set<String> logged = Set.of();
  private Set<String> heldByQueue = Set.of();
  private final List<JobResults> early = new ArrayList<>();
  private boolean streamOpen;
  private volatile boolean running;
  private volatile boolean finished;
  private @Nullable CodeBundle bundle;
  private @Nullable QueueSession session;
  private @Nullable DataStore store;

  /**
   * A run of {@code client}, not started.
   *
   * @param client the user's client object, whose stage methods the run calls
   * @param base the client library's base class: the user's stages and code are the classes
   *     below it
   * @param waits how long the run waits for the queue and its workers
   * @param clock the time of forks (their {@code created})
   * @param out standard output, where the progress goes (see {@link ProgressMode})
   * @throws IllegalArgumentException when the system property {@value ProgressMode#PROPERTY} is
   *     set to something other than {@code bar}, {@code lines} or {@code off}
   */
  public ClientRun(Object client, Class<?> base, HostAndPort address, Authkey authkey,
      Path taskDirectory, String id, Map<String, String> properties, QueueWaits waits,
      Clock clock, PrintStream out) {
    this.client = client;
    this.clock = clock;
    this.base = base;
    this.model = ClientModel.of(client.getClass(), base);
    this.address = address;
    this.authkey = authkey;
    this.taskDirectory = taskDirectory;
    this.id = id;
    this.properties = Map.copyOf(properties);
    this.waits = waits;
    this.mss = StreamProperties.parse(properties).mss();
    this.backPressure = new BackPressure(mss);
    this.codec = new PayloadCodec(client.getClass().getClassLoader());
    this.progress = new ProgressBoard(model.pipelineStageNames());
    this.view = ProgressMode.forStandardOutput(out);
    this.jobIds = new JobIds(id);
  }

  /**
   * Runs the client to completion.
   *
   * @throws ImpetusException when the queue cannot be reached, refuses the key, or is lost for
   *     longer than the reconnect window
   */
  public void execute() {
    Path directory = taskDirectory.resolve(id);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ImpetusException("cannot create the task directory " + directory + ": " + e, e);
    }
    try {
      logged = LoggedJobs.read(directory);
      if (!logged.isEmpty()) {
        LOG.info("client {} resumes: {} jobs are already in its task logs", id, logged.size());
      }
      for (StageMethod stage : model.stages()) {
        logs.put(stage.name(), TaskLog.open(directory, stage.name()));
      }
      bundle = CodeSources.bundle(model.type(), base, model.nodeClasses());
      session = QueueSession.connect(
          new SessionConfig(address, authkey, id, properties, waits, mss), bundle,
          this::onResults, this::fail);
      StreamOpened opened = session.opened();
      store = session.store(codec);
      startStageRunners();
      if (opened.existed()) {
        LOG.info("re-attached to stream {}: {} jobs not yet acknowledged", id,
            opened.unfinished().size());
      }
      heldByQueue = Set.copyOf(opened.unfinished());
      tracker.add(heldByQueue.size());
      backPressure.alreadyOut(heldByQueue.size());
      releaseEarlyResults();
      runStages();
      runShutdown();
      session.closeStream();
    } catch (UncheckedIOException e) {
      throw new ImpetusException(e.getMessage(), e);
    } finally {
      running = false;
      backPressure.stop(new IllegalStateException("run() has ended: no more jobs can be forked"));
      stopStageRunners();
      if (session != null) {
        session.close();
      }
      closeLogs();
    }
  }

  /**
   * Closes the task logs. Every batch was flushed before its jobs were acknowledged, so a log
   * that fails to close loses nothing the queue does not still hold: it is reported, and does not
   * hide why the run ended.
   */
  private void closeLogs() {
    for (TaskLog log : logs.values()) {
      try {
        log.close();
      } catch (UncheckedIOException e) {
        LOG.error("{}", e.getMessage());
      }
    }
  }

  /** The run cannot complete: wakes its waits with the reason. */
  private void fail(RuntimeException cause) {
    tracker.fail(cause);
    backPressure.stop(cause);
  }

  /** Ends the stage threads (idempotent): they are idle, no work is pending or the run failed. */
  private void stopStageRunners() {
    for (ProcessStageRunner runner : runners.values()) {
      try {
        runner.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void startStageRunners() {
    for (StageMethod stage : model.stages()) {
      if (stage.kind() == StageKind.PROCESS) {
        ProcessStageRunner runner = new ProcessStageRunner(stage, this, logs.get(stage.name()),
            stage.batch(), ids -> session.ackAfterForks(ids), this::fail);
        runners.put(stage.name(), runner);
        runner.start();
      } else if (stage.kind() == StageKind.SHUTDOWN) {
        shutdownJobs.put(stage.name(), Collections.synchronizedList(new ArrayList<>()));
      }
    }
    running = true;
  }

  /** Routes the results that arrived while the stream was being opened. */
  private void releaseEarlyResults() {
    List<JobResults> early;
    synchronized (this.early) {
      early = List.copyOf(this.early);
      this.early.clear();
      streamOpen = true;
    }
    early.forEach(this::route);
  }

  private void runStages() {
    List<Thread> startups = new ArrayList<>();
    for (StageMethod stage : model.stages()) {
      if (stage.kind() == StageKind.STARTUP) {
        tracker.add(1);
        Thread thread = new Thread(() -> runStartup(stage), "stage-" + stage.name());
        thread.setDaemon(true);
        startups.add(thread);
      }
    }
    startups.forEach(Thread::start);
    try {
      tracker.awaitIdle();
    } finally {
      running = false;
      finished = true;
      stopStageRunners();
    }
    List<String> pipeline = model.pipelineStageNames();
    view.finish(progress.snapshot(), pipeline.get(pipeline.size() - 1));
  }

  private void runStartup(StageMethod stage) {
    enterStage(stage.name());
    try {
      invoke(stage, new Object[0]);
    } finally {
      view.update(progress.snapshot(), stage.name());
      tracker.done(1);
    }
  }

  private void runShutdown() {
    for (StageMethod stage : model.stages()) {
      if (stage.kind() == StageKind.SHUTDOWN) {
        List<Job> delivered = List.copyOf(shutdownJobs.get(stage.name()));
        List<Job> ready = delivered.stream().filter(j -> j.status() == JobStatus.READY).toList();
        List<Job> errors = delivered.stream().filter(j -> j.status() != JobStatus.READY).toList();
        enterStage(stage.name());
        try {
          invoke(stage, new Object[] {ready, errors, progress.snapshot()});
        } finally {
          RUN.remove();
          STAGE.remove();
        }
      }
    }
  }

  void enterStage(String stage) {
    RUN.set(this);
    STAGE.set(stage);
  }

  void invokeStage(StageMethod stage, List<Job> ready, List<Job> errors) {
    invoke(stage, new Object[] {ready, errors});
  }

  private void invoke(StageMethod stage, Object[] arguments) {
    try {
      stage.method().invoke(client, arguments);
    } catch (InvocationTargetException e) {
      progress.stageError(stage.name());
      LOG.error("stage {} of client {} threw", stage.name(), id, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call stage " + stage.name(), e);
    }
  }

  void processed(String stage, int jobs) {
    progress.processed(stage, jobs);
    view.update(progress.snapshot(), stage);
    tracker.done(jobs);
  }

  /**
   * Forks a job: checks it, queues it for submission and returns its id at once, or once the
   * stream is below its {@code mss}.
   *
   * @throws IllegalStateException when called while the client is not running (a {@code
   *     @Shutdown} method's fork says so), from a thread that is not a stage's without an
   *     explicit callback, or from the last stage without one
   * @throws IllegalArgumentException when the argument does not fit the method or cannot be
   *     serialized, or the callback names no stage
   */
  public String fork(NodeMethodRef method, @Nullable Object argument, Fork options) {
    String stage = RUN.get() == this ? STAGE.get() : null;
    if (!running) {
      throw notRunning(method, stage);
    }
    String callback;
    if (options.callback() != null) {
      callback = model.checkCallback(options.callback());
    } else if (stage == null) {
      throw new IllegalStateException("fork(\"" + method.name() + "\") outside a stage's thread"
          + " needs an explicit callback: Fork.callback(\"stage\")");
    } else {
      callback = model.defaultCallback(stage);
    }
    Class<?> expected = method.parameterType();
    if (argument == null ? method.method().getParameterTypes()[0].isPrimitive()
        : !expected.isInstance(argument)) {
      throw new IllegalArgumentException(method.name() + " takes a "
          + method.method().getParameterTypes()[0].getName() + ", not "
          + (argument == null ? "null" : "a " + argument.getClass().getName()));
    }
    byte[] bytes;
    try {
      bytes = codec.encode(argument);
    } catch (PayloadException e) {
      throw new IllegalArgumentException(
          "the argument of fork(\"" + method.name() + "\") " + e.getMessage(), e);
    }
    if (bytes.length > Batches.MAX_PAYLOAD) {
      throw new IllegalArgumentException("the argument of fork(\"" + method.name() + "\") takes "
          + bytes.length + " bytes serialized; a job's argument may take at most "
          + Batches.MAX_PAYLOAD + ": pass a reference to the data (a file, a URL) instead");
    }
    String startup = stage != null && model.isStartup(stage) ? stage : null;
    String jobId = jobIds.next(startup, method.name(), callback, bytes);
    if (startup != null && (logged.contains(jobId) || heldByQueue.contains(jobId))) {
      progress.forked(stage, 1);
      if (!heldByQueue.contains(jobId)) {
        progress.processed(callback, 1);
      }
      return jobId;
    }
    JobSpec spec = new JobSpec(jobId, method.name(), method.className(), bundle.hash(), bytes,
        options.priority(), options.delay().toMillis(), callback, clock.millis(),
        limits(options), options.properties());
    backPressure.enter();
    try {
      tracker.add(1);
    } catch (IllegalStateException e) {
      backPressure.cancel();
      throw e;
    }
    progress.forked(stage == null ? callback : stage, 1);
    session.submit(spec);
    return jobId;
  }

  private IllegalStateException notRunning(NodeMethodRef method, @Nullable String stage) {
    String fork = "fork(\"" + method.name() + "\")";
    if (stage != null && model.isShutdown(stage)) {
      return new IllegalStateException(fork + " from @Shutdown " + stage + ": the run has"
          + " finished processing; fork from a @Startup or @Process stage");
    }
    String when = finished ? " after run() has finished processing" : "";
    return new IllegalStateException(fork + when
        + " is only possible while run() is running, from a @Startup or @Process stage");
  }

  /** The job's own limits, from its fork's options; 0 where the stream's apply. */
  private static JobLimits limits(Fork options) {
    Duration timeout = options.timeout();
    return new JobLimits(timeout == null ? 0 : timeout.toMillis(),
        options.maxAttempts().orElse(0));
  }

  /**
   * The stream's data store.
   *
   * @throws IllegalStateException when the run has not started or has ended
   */
  public DataStore store() {
    DataStore current = store;
    if (current == null || !running) {
      throw new IllegalStateException("store() is only available while run() is running");
    }
    return current;
  }

  /** The client's model, for resolving method references. */
  public ClientModel model() {
    return model;
  }

  private void onResults(JobResults results) {
    synchronized (early) {
      if (!streamOpen) {
        early.add(results);
        return;
      }
    }
    route(results);
  }

  private void route(JobResults results) {
    List<String> stray = new ArrayList<>();
    for (JobResult result : results.results()) {
      ReceivedJob job = new ReceivedJob(result, id, codec);
      if (!delivered.add(job.id())) {
        stray.add(job.id());
        continue;
      }
      boolean log = !logged.contains(job.id());
      backPressure.left(1);
      String callback = result.spec().callback();
      ProcessStageRunner runner = runners.get(callback);
      List<Job> shutdown = shutdownJobs.get(callback);
      if (runner != null) {
        runner.deliver(job, log);
      } else if (shutdown != null) {
        if (log) {
          appendToLog(callback, job);
        }
        shutdown.add(job);
        session.ack(List.of(job.id()));
        processed(callback, 1);
      } else {
        LOG.warn("job {} of an earlier run names callback {}, which {} does not have; dropped",
            job.id(), callback, model.type().getSimpleName());
        stray.add(job.id());
        tracker.done(1);
      }
    }
    if (!stray.isEmpty()) {
      session.ack(stray);
    }
  }

  private void appendToLog(String stage, ReceivedJob job) {
    List<JsonNode> record = List.of(job.json());
    boolean ok = job.status() == JobStatus.READY;
    logs.get(stage).append(ok ? record : List.of(), ok ? List.of() : record);
  }
}
