package io.impetus.client.internal.stage;

import java.lang.reflect.Method;

/**
 * A {@code @Node} method of a client class.
 *
 * @param name the method's name
 * @param method the method
 */
public record NodeMethodRef(String name, Method method) {

  /** The binary name of the declaring class, which the worker loads. */
  public String className() {
    return method.getDeclaringClass().getName();
  }

  /** The parameter type, boxed. */
  public Class<?> parameterType() {
    return box(method.getParameterTypes()[0]);
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }
}
