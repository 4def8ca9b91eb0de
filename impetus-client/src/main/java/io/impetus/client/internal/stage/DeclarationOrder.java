package io.impetus.client.internal.stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the order in which a class declares its methods from its class file, which keeps the
 * source order ({@code Class.getDeclaredMethods()} has no defined order).
 */
final class DeclarationOrder {

  private DeclarationOrder() {}

  /**
   * The names of the methods {@code type} declares, in class-file order.
   *
   * @throws IllegalStateException when the class file cannot be read
   */
  static List<String> methodNames(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader();
    try (InputStream in = loader == null
        ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find the class file of " + type.getName());
      }
      List<String> names = new ArrayList<>();
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor,
            String signature, String[] exceptions) {
          names.add(name);
          return null;
        }
      }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return names;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the class file of " + type.getName(), e);
    }
  }
}
