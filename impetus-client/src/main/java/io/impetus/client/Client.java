package io.impetus.client;

import io.impetus.client.internal.session.QueueWaits;
import io.impetus.client.internal.stage.ClientRun;
import io.impetus.client.internal.stage.NodeMethodRef;
import io.impetus.core.job.StreamProperties;
import io.impetus.core.net.Authkey;
import io.impetus.core.net.HostAndPort;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The base class of an Impetus program. A subclass declares {@link Node @Node} methods (run on
 * workers), a {@link Startup @Startup} stage that forks jobs, {@link Process @Process} stages that
 * receive finished jobs, and {@link Shutdown @Shutdown} methods; {@link #run()} executes it all
 * against the queue. Finished jobs are written to {@code <taskdir>/<id>/<stage>.ok} and
 * {@code .err}.
 *
 * <p>A run may start before its queue: when the queue refuses or drops the first connection, the
 * client says so once and tries again for the {@linkplain #connectWindow(Duration) connect
 * window} (default 30 s, or {@code -Dimpetus.connect=SECONDS}). A run survives a restart of the
 * queue: when the connection drops, the client reconnects with back-off, re-opens its stream and
 * resends what the queue had not acknowledged, while stages that call the queue wait. It gives
 * up, and {@link #run()} fails, when the queue stays away for longer than the {@linkplain
 * #reconnectWindow(Duration) reconnect window} (default 5 minutes, or {@code
 * -Dimpetus.reconnect=SECONDS}). A wrong key fails the run at once. When the stream's jobs wait
 * and no worker has taken one for the {@linkplain #idleWarning(Duration) idle warning} (default
 * 30 s, or {@code -Dimpetus.idlewarning=SECONDS}, 0 for never), the client warns once, with how
 * many nodes the queue knows, and says so again when workers take its jobs.
 *
 * <p>{@link #fork} may be called from any stage's thread while {@link #run()} runs; an instance is
 * run once.
 */
public abstract class Client {

  /**
   * The system property that sets the default reconnect window, in seconds: how long the queue
   * may be gone before {@link #run()} gives up on it.
   */
  public static final String RECONNECT_PROPERTY = "impetus.reconnect";

  /** The reconnect window when neither the property nor {@link #reconnectWindow} sets one. */
  public static final Duration DEFAULT_RECONNECT_WINDOW = Duration.ofMinutes(5);

  /**
   * The system property that sets the default connect window, in seconds: how long the first
   * connection may keep failing before {@link #run()} gives up on the queue.
   */
  public static final String CONNECT_PROPERTY = "impetus.connect";

  /** The connect window when neither the property nor {@link #connectWindow} sets one. */
  public static final Duration DEFAULT_CONNECT_WINDOW = Duration.ofSeconds(30);

  /**
   * The system property that sets the default idle warning, in seconds (0: never): how long the
   * stream's jobs may wait with no worker taking one before the client warns.
   */
  public static final String IDLE_WARNING_PROPERTY = "impetus.idlewarning";

  /** The idle warning when neither the property nor {@link #idleWarning} sets one. */
  public static final Duration DEFAULT_IDLE_WARNING = Duration.ofSeconds(30);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final HostAndPort address;
  private final Authkey authkey;
  private final Path taskdir;
  private final String id;
  private final Map<String, String> properties;
  private volatile Duration reconnectWindow;
  private volatile Duration connectWindow;
  private volatile Duration idleWarning;
  private volatile @Nullable ClientRun run;

  /**
   * A client of the queue at {@code address}.
   *
   * @param address the queue, {@code host:port}
   * @param authkey the queue's key, or null for {@code $IMPETUS_AUTHKEY} or the default
   * @param taskdir an existing directory under which the task logs go
   * @param id the client's id, or null for a new one; reusing an id re-attaches to its stream
   * @throws IllegalArgumentException when the address or id is malformed
   * @throws ImpetusException when the task directory does not exist
   */
  protected Client(String address, @Nullable String authkey, Path taskdir, @Nullable String id) {
    this(address, authkey, taskdir, id, Map.of());
  }

  /**
   * A client of the queue at {@code address} whose stream has these {@code options}, typed.
   *
   * @throws IllegalArgumentException when the address, id or the {@value #RECONNECT_PROPERTY}
   *     system property is malformed
   * @throws ImpetusException when the task directory does not exist
   */
  protected Client(String address, @Nullable String authkey, Path taskdir, @Nullable String id,
      StreamOptions options) {
    this(address, authkey, taskdir, id, options.asMap());
  }

  /**
   * A client of the queue at {@code address} whose stream has these properties ({@code mpps},
   * {@code timeout}, {@code maxattempts}, {@code mss} and any of the user's own). With {@code
   * mss}, {@code fork} waits while that many jobs are out without a result.
   *
   * @throws IllegalArgumentException when the address, id, a property or the {@value
   *     #RECONNECT_PROPERTY} system property is malformed
   * @throws ImpetusException when the task directory does not exist
   */
  protected Client(String address, @Nullable String authkey, Path taskdir, @Nullable String id,
      Map<String, String> properties) {
    this.address = HostAndPort.parse(address);
    this.authkey = Authkey.resolve(authkey, null, System.getenv(Authkey.ENVIRONMENT_VARIABLE));
    if (!Files.isDirectory(taskdir)) {
      throw new ImpetusException("task directory " + taskdir.toAbsolutePath()
          + " does not exist (create it, or pass another with -t)");
    }
    this.taskdir = taskdir;
    this.id = id == null ? UUID.randomUUID().toString() : id;
    if (!ID.matcher(this.id).matches()) {
      throw new IllegalArgumentException("client id '" + this.id + "' must be 1-128 letters,"
          + " digits, '.', '_' or '-', starting with a letter or digit");
    }
    this.properties = StreamProperties.parse(properties).values();
    this.reconnectWindow = secondsProperty(RECONNECT_PROPERTY, DEFAULT_RECONNECT_WINDOW, false);
    this.connectWindow = secondsProperty(CONNECT_PROPERTY, DEFAULT_CONNECT_WINDOW, false);
    this.idleWarning = secondsProperty(IDLE_WARNING_PROPERTY, DEFAULT_IDLE_WARNING, true);
  }

  /**
   * The duration that system property {@code name} gives in seconds, else {@code fallback}.
   *
   * @throws IllegalArgumentException when the property is not a positive number (or zero, when
   *     {@code zeroAllowed})
   */
  private static Duration secondsProperty(String name, Duration fallback, boolean zeroAllowed) {
    String seconds = System.getProperty(name);
    if (seconds == null) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(seconds.strip());
      if ((parsed > 0 || zeroAllowed && parsed == 0) && parsed < Long.MAX_VALUE / 1000.0) {
        return Duration.ofMillis(Math.round(parsed * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("system property " + name + " must be a "
        + (zeroAllowed ? "non-negative" : "positive") + " number of seconds, not '" + seconds
        + "'");
  }

  /**
   * Sets how long the queue may be gone before {@link #run()} gives up on it: while it is away
   * the client keeps reconnecting, and stages that call the queue wait. Call it before {@link
   * #run()}.
   *
   * @throws IllegalArgumentException when {@code window} is not positive
   */
  public final void reconnectWindow(Duration window) {
    this.reconnectWindow = positive("reconnect window", window);
  }

  /** How long the queue may be gone before {@link #run()} gives up on it. */
  public final Duration reconnectWindow() {
    return reconnectWindow;
  }

  /**
   * Sets how long the first connection may keep failing (a queue not started yet, or one that
   * drops the handshake) before {@link #run()} gives up on the queue. Call it before {@link
   * #run()}.
   *
   * @throws IllegalArgumentException when {@code window} is not positive
   */
  public final void connectWindow(Duration window) {
    this.connectWindow = positive("connect window", window);
  }

  private static Duration positive(String what, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the " + what + " must be positive, not " + value);
    }
    return value;
  }

  /** How long the first connection may keep failing before {@link #run()} gives up. */
  public final Duration connectWindow() {
    return connectWindow;
  }

  /**
   * Sets how long the stream's jobs may wait with no worker taking one before the client warns
   * (once, until workers take them again); zero for never. Call it before {@link #run()}.
   *
   * @throws IllegalArgumentException when {@code patience} is negative
   */
  public final void idleWarning(Duration patience) {
    if (patience.isNegative()) {
      throw new IllegalArgumentException("the idle warning must not be negative, not "
          + patience);
    }
    this.idleWarning = patience;
  }

  /** How long the stream's jobs may wait with no worker taking one before the client warns. */
  public final Duration idleWarning() {
    return idleWarning;
  }

  /** The client's id, which names its stream and its task-log directory. */
  public final String id() {
    return id;
  }

  /** The queue's address. */
  public final String address() {
    return address.toString();
  }

  /**
   * Forks the {@code @Node} method named {@code method} on {@code argument}; the result goes to
   * the next {@code @Process} stage after the forking one.
   *
   * @return the job's id, at once; with the stream property {@code mss}, once fewer than {@code
   *     mss} jobs are out without a result
   * @throws IllegalArgumentException when there is no such method, or the argument does not fit
   *     it or cannot be serialized (Kryo cannot write it, or it holds a lambda)
   * @throws IllegalStateException when called outside {@link #run()} or from a {@code @Shutdown}
   *     method: the run has finished processing by then
   */
  public final String fork(String method, @Nullable Object argument) {
    return fork(method, argument, Fork.defaults());
  }

  /**
   * Forks with options: callback stage, priority, delay, attempt limit, timeout and properties
   * recorded in the job. See {@link #fork(String, Object)} and {@link Fork}.
   */
  public final String fork(String method, @Nullable Object argument, Fork options) {
    ClientRun current = running("fork(\"" + method + "\")");
    return current.fork(current.model().nodeMethod(method), argument, options);
  }

  /** Forks a {@code @Node} method given as a method reference: {@code fork(Hello::pow, 3)}. */
  public final <A, R> String fork(NodeMethod<A, R> method, A argument) {
    return fork(method, argument, Fork.defaults());
  }

  /** Forks a method reference with options. See {@link #fork(NodeMethod, Object)}. */
  public final <A, R> String fork(NodeMethod<A, R> method, A argument, Fork options) {
    ClientRun current = running("fork");
    NodeMethodRef ref = resolve(current, method);
    return current.fork(ref, argument, options);
  }

  /**
   * The stream's data store, shared with the jobs: put large inputs here and fork their keys.
   *
   * @throws IllegalStateException when called outside {@link #run()}
   */
  protected final DataStore store() {
    return running("store()").store();
  }

  private ClientRun running(String what) {
    ClientRun current = run;
    if (current == null) {
      throw new IllegalStateException(
          what + " is only possible while run() is running, from a @Startup or @Process stage");
    }
    return current;
  }

  private static NodeMethodRef resolve(ClientRun current, NodeMethod<?, ?> method) {
    SerializedLambda lambda;
    try {
      Method writeReplace = method.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      lambda = (SerializedLambda) writeReplace.invoke(method);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "fork takes a method reference to a @Node method, such as Helloworld::pow", e);
    }
    NodeMethodRef ref = current.model().nodeMethod(lambda.getImplMethodName());
    String implClass = lambda.getImplClass().replace('/', '.');
    if (!ref.className().equals(implClass)) {
      throw new IllegalArgumentException("fork takes a method reference to a @Node method, such"
          + " as Helloworld::pow, not " + implClass + "::" + lambda.getImplMethodName());
    }
    return ref;
  }

  /**
   * Runs the client: ships its code, runs the startup stages, delivers every finished job to its
   * stage, and returns when all forked work has been processed, after the {@code @Shutdown}
   * methods have run. An exception thrown by a stage is logged and counted, never fatal.
   *
   * @throws ImpetusException when the queue is unreachable, refuses the key, or is lost for
   *     longer than the reconnect window
   * @throws IllegalStateException when the client has already been run
   * @throws IllegalArgumentException when the class's stage or node methods are malformed
   */
  public final void run() {
    ClientRun current;
    synchronized (this) {
      if (run != null) {
        throw new IllegalStateException("client " + id + " has already been run");
      }
      current = new ClientRun(this, Client.class, address, authkey, taskdir, id, properties,
          new QueueWaits(connectWindow, reconnectWindow, idleWarning), Clock.systemUTC(),
          System.out);
      run = current;
    }
    current.execute();
  }
}
