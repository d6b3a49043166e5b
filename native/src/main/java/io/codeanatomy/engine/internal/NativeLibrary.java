package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InternalEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads the native engine once per class loader. Order: the system property {@value #LIBRARY_PROPERTY}
 * (a file path), then {@code java.library.path}, then the copy packaged in this jar under
 * {@code native/<os>/<arch>/}, extracted into a private temporary directory.
 */
public final class NativeLibrary {
  public static final String LIBRARY_PROPERTY = "codeanatomy.native.library";
  /** Worker threads of the native runtime; default one per core. */
  public static final String RUNTIME_THREADS_PROPERTY = "codeanatomy.runtime.threads";
  static final String LIBRARY_NAME = "codeanatomy_engine";

  private static volatile boolean loaded;

  private NativeLibrary() {}

  /** Loads the library and starts the shared native runtime; cheap after the first call. */
  public static void ensureLoaded() {
    if (!loaded) {
      loadOnce();
    }
  }

  private static synchronized void loadOnce() {
    if (loaded) {
      return;
    }
    load();
    NativeBridge.runtimeInit(runtimeThreads());
    loaded = true;
  }

  private static void load() {
    String explicit = System.getProperty(LIBRARY_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      loadFile(Path.of(explicit), "the file named by -D" + LIBRARY_PROPERTY);
      return;
    }
    try {
      System.loadLibrary(LIBRARY_NAME);
      return;
    } catch (UnsatisfiedLinkError notOnLibraryPath) {
      // Not installed system-wide: fall back to the copy packaged in the jar.
    }
    loadFile(extractPackagedLibrary(), "the library packaged for " + platform());
  }

  private static void loadFile(Path file, String origin) {
    if (!Files.isRegularFile(file)) {
      throw new InternalEngineException(ErrorCode.NATIVE_LIBRARY,
          "native engine library not found: " + file + " (" + origin + ")", null);
    }
    try {
      System.load(file.toAbsolutePath().toString());
    } catch (UnsatisfiedLinkError e) {
      throw new InternalEngineException(ErrorCode.NATIVE_LIBRARY,
          "cannot load the native engine library " + file + " (" + origin + ") on " + platform()
              + ": " + e.getMessage() + ". It may have been built for another OS or architecture; rebuild"
              + " it on this machine with `mvn install`, or point -D" + LIBRARY_PROPERTY
              + " at a library built for " + platform() + ".", e);
    }
  }

  private static Path extractPackagedLibrary() {
    String resource = "/native/" + platform() + "/" + System.mapLibraryName(LIBRARY_NAME);
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InternalEngineException(ErrorCode.NATIVE_LIBRARY,
            "this build of codeanatomy-native has no native engine for " + platform() + " (no resource "
                + resource + "). Build it on this machine with `mvn install` (needs a Rust toolchain),"
                + " or set -D" + LIBRARY_PROPERTY + "=/path/to/" + System.mapLibraryName(LIBRARY_NAME) + ".",
            null);
      }
      Path directory = createPrivateDirectory();
      Path file = directory.resolve(System.mapLibraryName(LIBRARY_NAME));
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      directory.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new InternalEngineException(ErrorCode.NATIVE_LIBRARY,
          "cannot extract the native engine library: " + e.getMessage(), e);
    }
  }

  private static Path createPrivateDirectory() throws IOException {
    try {
      return Files.createTempDirectory("codeanatomy-native-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempDirectory("codeanatomy-native-");
    }
  }

  /** {@code <os>/<arch>} as used for packaged resources, e.g. {@code linux/x86_64}. */
  public static String platform() {
    return os() + "/" + arch();
  }

  private static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "linux";
    }
    if (name.contains("mac") || name.contains("darwin")) {
      return "macos";
    }
    if (name.contains("windows")) {
      return "windows";
    }
    return name.replace(' ', '_');
  }

  private static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
  }

  private static int runtimeThreads() {
    String configured = System.getProperty(RUNTIME_THREADS_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return 0;
    }
    try {
      int threads = Integer.parseInt(configured.trim());
      if (threads >= 0) {
        return threads;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new io.codeanatomy.core.error.ConfigurationException(
        RUNTIME_THREADS_PROPERTY + " must be a non-negative integer, got '" + configured + "'");
  }
}
