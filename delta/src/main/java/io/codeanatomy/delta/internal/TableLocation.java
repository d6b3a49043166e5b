package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.NotImplementedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where a table lives: the caller's text (echoed in payloads and messages) and the local directory
 * it names. Local paths and {@code file://} URIs are accepted; other schemes are refused until an
 * object store is wired in.
 */
public record TableLocation(String uri, Path directory) {

  public static TableLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table path must not be blank", null);
    }
    Path directory;
    int scheme = text.indexOf("://");
    if (scheme > 0 || text.startsWith("file:")) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new DeltaException(ErrorCode.DELTA_TABLE, "Delta table URI '" + text + "' is not valid: "
            + e.getMessage(), e);
      }
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        throw new NotImplementedException("Delta table '" + text + "': only local paths and file:// URIs are "
            + "supported so far, not " + uri.getScheme() + "://", null);
      }
      directory = Paths.get(uri);
    } else {
      directory = Path.of(text);
    }
    return new TableLocation(text, directory.toAbsolutePath().normalize());
  }

  public Path logDirectory() {
    return directory.resolve("_delta_log");
  }

  /** The form Kernel takes: a {@code file:} URI of the directory. */
  public String kernelPath() {
    return directory.toUri().toString();
  }

  public boolean hasLog() {
    return Files.isDirectory(logDirectory());
  }
}
