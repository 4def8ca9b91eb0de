package io.impetus.client.internal.code;

import io.impetus.core.bundle.CodeBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the code sources (class directories or jars) of a client's own classes and packs them
 * into a {@link CodeBundle}. The JDK and Impetus's own jars are never packed: workers have them.
 */
public final class CodeSources {

  private CodeSources() {}

  /**
   * Packs the code sources of the client class, its superclasses below {@code library} (the
   * client library's base class), and the classes declaring its {@code @Node} methods.
   *
   * @throws IllegalArgumentException when a class has no code source that can be shipped
   * @throws UncheckedIOException when a code source cannot be read
   */
  public static CodeBundle bundle(Class<?> clientType, Class<?> library,
      List<Class<?>> nodeClasses) {
    Set<Path> sources = new LinkedHashSet<>();
    for (Class<?> c = clientType; c != null && c != library; c = c.getSuperclass()) {
      sources.add(codeSource(c, library));
    }
    for (Class<?> c : nodeClasses) {
      sources.add(codeSource(c, library));
    }
    try {
      return CodeBundle.pack(new ArrayList<>(sources));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack the code of " + clientType.getName(), e);
    }
  }

  /**
   * The directory or jar a class was loaded from.
   *
   * @throws IllegalArgumentException when it has none, or is part of the client library, the
   *     code source of {@code library}
   */
  static Path codeSource(Class<?> type, Class<?> library) {
    Path path = location(type);
    if (path.equals(location(library))) {
      throw new IllegalArgumentException(type.getName()
          + " is packaged with the Impetus client library; a client's code must be its own");
    }
    return path;
  }

  private static Path location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalArgumentException(
          "cannot ship " + type.getName() + ": it was not loaded from a directory or jar");
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot ship " + type.getName() + " from " + source.getLocation(), e);
    }
  }
}
