package io.codeanatomy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.engine.internal.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Runs {@link LoaderProbe} in a fresh JVM with the library property set. */
  private static String probe(String libraryPath) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-D" + NativeLibrary.LIBRARY_PROPERTY + "=" + libraryPath,
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        LoaderProbe.class.getName()))
        .redirectErrorStream(true)
        .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, process.exitValue(), output);
    return output;
  }
}
