package io.impetus.client.internal.code;

import io.impetus.client.Client;
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
   * Packs the code sources of the client class, its superclasses below {@link Client}, and the
   * classes declaring its {@code @Node} methods.
   *
   * @throws IllegalArgumentException when a class has no code source that can be shipped
   * @throws UncheckedIOException when a code source cannot be read
   */
  public static CodeBundle bundle(Class<? extends Client> clientType, List<Class<?>> nodeClasses) {
    Set<Path> sources = new LinkedHashSet<>();
    for (Class<?> c = clientType; c != null && c != Client.class; c = c.getSuperclass()) {
      sources.add(codeSource(c));
    }
    for (Class<?> c : nodeClasses) {
      sources.add(codeSource(c));
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
   * @throws IllegalArgumentException when it has none, or is part of Impetus itself
   */
  public static Path codeSource(Class<?> type) {
    Path path = location(type);
    if (path.equals(location(Client.class))) {
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
