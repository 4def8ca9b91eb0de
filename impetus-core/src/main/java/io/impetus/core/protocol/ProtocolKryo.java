package io.impetus.core.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Builds the Kryo instance that serializes protocol messages. Registration is required, so a
 * peer can neither send nor make the other side instantiate any class outside this list. Class
 * ids follow the order of registration, which is part of the protocol: changing it means raising
 * {@link #VERSION}. The handshake messages come first so that a version mismatch is still
 * readable.
 *
 * <p>Messages come from untrusted peers, so reading is bounded: read each message through {@link
 * #reader}, which refuses byte arrays, strings and lists that claim more than the message holds,
 * and objects may nest at most {@value #MAX_DEPTH} deep. A hostile message thus fails with a
 * {@link com.esotericsoftware.kryo.KryoException} instead of exhausting the heap or the stack.
 *
 * <p>Kryo instances are not thread-safe: each connection's codec creates its own.
 */
public final class ProtocolKryo {

  /** The protocol version, exchanged in the handshake. */
  public static final int VERSION = 9;

  /** How deeply objects may nest in a message; the protocol's own messages pass with 6. */
  public static final int MAX_DEPTH = 16;

  /** First class id we assign; lower ids are Kryo's own primitives and strings. */
  private static final int FIRST_ID = 100;

  private static final List<Class<?>> HANDSHAKE =
      List.of(Hello.class, AuthRequest.class, AuthResult.class, PeerRole.class);

  private static final List<Class<?>> VALUES =
      List.of(
          byte[].class,
          ArrayList.class,
          HashMap.class,
          JobSpec.class,
          LeasedJob.class,
          JobOutcome.class,
          ErrorInfo.class,
          JobResult.class,
          StreamBacklog.class,
          NodeLoad.class,
          NodeStatus.class,
          StreamStats.class,
          JobLimits.class);

  private static final List<Class<?>> MESSAGES =
      List.of(
          Ack.class,
          Failure.class,
          OpenStream.class,
          StreamOpened.class,
          CloseStream.class,
          HasBundle.class,
          BundlePresence.class,
          PutBundle.class,
          GetBundle.class,
          BundleBytes.class,
          SubmitJobs.class,
          LeaseJobs.class,
          LeasedJobs.class,
          CompleteJobs.class,
          JobResults.class,
          AckResults.class,
          RegisterNode.class,
          BacklogNotice.class,
          PutData.class,
          GetData.class,
          DeleteData.class,
          DataValue.class,
          NodeRegistered.class,
          Heartbeat.class,
          WorkerExited.class,
          ListNodes.class,
          NodeList.class,
          DrainNode.class,
          Drain.class,
          ListStreams.class,
          StreamList.class,
          QueryBacklogs.class,
          Backlogs.class,
          QueryStream.class,
          StreamStatus.class);

  private ProtocolKryo() {}

  /** A new Kryo configured for the protocol. */
  public static Kryo create() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setMaxDepth(MAX_DEPTH);
    int id = FIRST_ID;
    for (Class<?> type : HANDSHAKE) {
      kryo.register(type, id++);
    }
    for (Class<?> type : VALUES) {
      kryo.register(type, id++);
    }
    for (Class<?> type : MESSAGES) {
      kryo.register(type, id++);
    }
    ImmutableCollectionsSerializers.registerSerializers(kryo);
    JobSerializers.install(kryo);
    kryo.getRegistration(ArrayList.class).setSerializer(new BoundedListSerializer(false));
    for (Class<?> immutable : List.of(List.of().getClass(), List.of(1).getClass(),
        List.of(1, 2, 3).subList(0, 2).getClass())) {
      kryo.getRegistration(immutable).setSerializer(new BoundedListSerializer(true));
    }
    return kryo;
  }

  /**
   * An input for reading one whole message with a Kryo from {@link #create}: it checks every
   * length the message claims against the bytes that remain.
   *
   * @param message exactly the bytes of one message (a frame's body)
   */
  public static Input reader(byte[] message) {
    return new BoundedInput(message);
  }

  /**
   * An input like {@link #reader(byte[])} over the bytes between {@code message}'s position and
   * its limit, read where they are: only the arrays and strings of the message are copied out.
   *
   * @param message exactly the bytes of one message (a frame's body), in any kind of buffer
   */
  public static Input reader(ByteBuffer message) {
    return new BoundedInput.OverBuffer(message);
  }

  /** Every message type the protocol knows, for tests that must cover each one. */
  public static List<Class<?>> messageTypes() {
    List<Class<?>> all = new ArrayList<>(HANDSHAKE.subList(0, 3));
    all.addAll(MESSAGES);
    return all;
  }
}
