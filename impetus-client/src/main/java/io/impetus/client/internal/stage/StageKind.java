package io.impetus.client.internal.stage;

/** The three kinds of stage method. */
enum StageKind {
  /** {@code @Startup}: runs once when run() begins. */
  STARTUP,
  /** {@code @Process}: receives batches of finished jobs. */
  PROCESS,
  /** {@code @Shutdown}: runs once at the end. */
  SHUTDOWN
}
