package io.codeanatomy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codeanatomy.engine.internal.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged library loads, matches the pinned DataFusion version, and load failures explain themselves. */
class NativeLibraryTest {
  @TempDir Path dir;

  @Test
  void engineVersionMatchesTheMavenAndCargoPins() throws IOException {
    String version = Session.engineVersion();
    assertEquals(System.getProperty("datafusion.version"), version);
    String manifest = Files.readString(Path.of(System.getProperty("native.cargo.manifest")));
    Matcher pin = Pattern.compile("datafusion = \\{ version = \"=([^\"]+)\"").matcher(manifest);
    assertTrue(pin.find(), "Cargo.toml pins datafusion exactly");
    assertEquals(version, pin.group(1));
  }

  @Test
  void missingLibraryNamesTheFixInItsMessage() throws Exception {
    String output = probe(dir.resolve("absent.so").toString());
    assertTrue(output.contains("NATIVE_LIBRARY"), output);
    assertTrue(output.contains("native engine library not found"), output);
  }

  @Test
  void wrongKindOfLibraryIsExplained() throws Exception {
    Path notALibrary = dir.resolve("libcodeanatomy_engine.so");
    Files.writeString(notALibrary, "this is not an ELF file");
    String output = probe(notALibrary.toString());
    assertTrue(output.contains("NATIVE_LIBRARY"), output);
    assertTrue(output.contains("another OS or architecture"), output);
  }

  @Test
  void propertyBeatsLibraryPathWhichBeatsThePackagedCopy() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "the probe needs /proc to see which file was loaded");
    String libraryName = System.mapLibraryName("codeanatomy_engine");
    Path onLibraryPath = Files.createDirectories(dir.resolve("library-path")).resolve(libraryName);
    Path named = Files.createDirectories(dir.resolve("named")).resolve(libraryName);
    try (InputStream packaged = NativeLibrary.class.getResourceAsStream(
        "/native/" + NativeLibrary.platform() + "/" + libraryName)) {
      assertTrue(packaged != null, "the native jar packages the library for " + NativeLibrary.platform());
      Files.copy(packaged, onLibraryPath);
    }
    Files.copy(onLibraryPath, named);
    String libraryPath = "-Djava.library.path=" + onLibraryPath.getParent();
    String property = "-D" + NativeLibrary.LIBRARY_PROPERTY + "=" + named;

    assertLoadedFrom(named.toString(), run(0, property, libraryPath));
    assertLoadedFrom(onLibraryPath.toString(), run(0, libraryPath));
    String extracted = loadedFrom(run(0, "-Djava.library.path=" + dir.resolve("empty")));
    assertTrue(Path.of(extracted).getParent().getFileName().toString().startsWith("codeanatomy-native-"), extracted);
  }

  private static void assertLoadedFrom(String expected, String output) {
    assertEquals(expected, loadedFrom(output), output);
  }

  private static String loadedFrom(String output) {
    List<String> files = output.lines().filter(line -> line.startsWith(LoaderProbe.LOADED_FROM))
        .map(line -> line.substring(LoaderProbe.LOADED_FROM.length())).toList();
    assertEquals(1, files.size(), output);
    return files.get(0);
  }

  /** Runs {@link LoaderProbe} in a fresh JVM with the library property set; expects load failure. */
  private static String probe(String libraryPath) throws Exception {
    return run(3, "-D" + NativeLibrary.LIBRARY_PROPERTY + "=" + libraryPath);
  }

  /** Runs {@link LoaderProbe} in a fresh JVM with {@code options}; returns its output. */
  private static String run(int expectedStatus, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options));
    command.addAll(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        LoaderProbe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedStatus, process.exitValue(), output);
    return output;
  }
}
