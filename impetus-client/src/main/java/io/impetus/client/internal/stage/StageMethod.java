package io.impetus.client.internal.stage;

import io.impetus.client.Process;
import java.lang.reflect.Method;

/**
 * A stage of a client class.
 *
 * @param name the method's name, which names the stage and its log files
 * @param kind what kind of stage
 * @param method the method, made accessible
 */
record StageMethod(String name, StageKind kind, Method method) {

  /** The most jobs one call of a {@code @Process} stage receives; 1 for the other kinds. */
  int batch() {
    Process process = method.getAnnotation(Process.class);
    return kind == StageKind.PROCESS && process != null ? process.batch() : 1;
  }
}
