package io.codeanatomy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@link NativeLibraryTest}'s child JVM: prints the engine version and, where the
 * platform tells (Linux), the file the engine library was mapped from; on a load failure prints it
 * and exits 3.
 */
public final class LoaderProbe {
  static final String LOADED_FROM = "loaded from ";

  private LoaderProbe() {}

  public static void main(String[] args) throws IOException {
    try {
      System.out.println(Session.engineVersion());
    } catch (RuntimeException e) {
      System.out.println(e);
      System.exit(3);
    }
    Path maps = Path.of("/proc/self/maps");
    if (Files.isReadable(maps)) {
      Files.readAllLines(maps).stream()
          .filter(line -> line.endsWith(System.mapLibraryName("codeanatomy_engine")))
          .map(line -> line.substring(line.indexOf('/')))
          .distinct()
          .forEach(file -> System.out.println(LOADED_FROM + file));
    }
    System.exit(0);
  }
}
