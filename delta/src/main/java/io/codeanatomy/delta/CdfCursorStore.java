package io.codeanatomy.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CDF cursors on disk (§4.11): one pretty-printed JSON file per dataset, {@code
 * <directory>/<name, with / and \ as _>.cursor.json}, holding {@code dataset_name} and {@code
 * last_version}. A file that is missing or does not decode reads as no cursor.
 */
public final class CdfCursorStore {
  private static final String SUFFIX = ".cursor.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;

  public CdfCursorStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  public Path directory() {
    return directory;
  }

  /** Writes the cursor (creating the directory), replacing the dataset's previous one. */
  public void save(CdfCursor cursor) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("dataset_name", cursor.datasetName());
    content.put("last_version", cursor.lastVersion());
    Path file = file(cursor.datasetName());
    try {
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".cursor", ".tmp");
      Files.writeString(temporary, JSON.writeValueAsString(content), StandardCharsets.UTF_8);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "cannot save the CDF cursor of dataset '"
          + cursor.datasetName() + "' to " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<CdfCursor> load(String datasetName) {
    return read(file(datasetName));
  }

  public boolean has(String datasetName) {
    return Files.isRegularFile(file(datasetName));
  }

  /** Removes the dataset's cursor; whether there was one. */
  public boolean delete(String datasetName) {
    try {
      return Files.deleteIfExists(file(datasetName));
    } catch (IOException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "cannot delete the CDF cursor of dataset '" + datasetName
          + "': " + e.getMessage(), e);
    }
  }

  /** Every cursor that decodes, by file name. */
  public List<CdfCursor> list() {
    List<CdfCursor> cursors = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return cursors;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted()
          .forEach(file -> read(file).ifPresent(cursors::add));
    } catch (IOException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "cannot list the CDF cursors in " + directory + ": "
          + e.getMessage(), e);
    }
    return cursors;
  }

  private Path file(String datasetName) {
    Objects.requireNonNull(datasetName, "datasetName");
    return directory.resolve(datasetName.replace('/', '_').replace('\\', '_') + SUFFIX);
  }

  private static Optional<CdfCursor> read(Path file) {
    try {
      Map<?, ?> content = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
      if (content.get("dataset_name") instanceof String name && content.get("last_version") instanceof Number last
          && last.longValue() >= 0) {
        return Optional.of(new CdfCursor(name, last.longValue()));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // missing, unreadable or not JSON: no cursor
    }
  }
}
