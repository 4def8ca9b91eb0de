package io.impetus.client.internal.stage;

import java.lang.reflect.Method;

/**
 * A stage of a client class.
 *
 * @param name the method's name, which names the stage and its log files
 * @param kind what kind of stage
 * @param method the method, made accessible
 */
record StageMethod(String name, StageKind kind, Method method) {}
