package io.codeanatomy.engine;

import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.ErrorCode;
import java.util.Locale;

/** File formats the engine reads as listing tables; the SQL name is DataFusion's {@code STORED AS}. */
public enum FileFormat {
  PARQUET("PARQUET", ".parquet"),
  CSV("CSV", ".csv"),
  JSON("JSON", ".json"),
  ARROW("ARROW", ".arrow"),
  AVRO("AVRO", ".avro");

  private final String sqlName;
  private final String extension;

  FileFormat(String sqlName, String extension) {
    this.sqlName = sqlName;
    this.extension = extension;
  }

  public String sqlName() {
    return sqlName;
  }

  public String extension() {
    return extension;
  }

  /** The format named case-insensitively ({@code parquet}, {@code csv}, {@code json}, {@code ndjson}, …). */
  public static FileFormat fromName(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT);
    if (normalized.equals("NDJSON") || normalized.equals("JSONL")) {
      return JSON;
    }
    if (normalized.equals("IPC") || normalized.equals("FEATHER")) {
      return ARROW;
    }
    for (FileFormat format : values()) {
      if (format.sqlName.equals(normalized)) {
        return format;
      }
    }
    throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
        "unknown file format '" + name + "' (parquet, csv, json, arrow, avro)", null);
  }

  /** The format implied by a file name's extension, e.g. {@code data/part-0.parquet}. */
  public static FileFormat fromPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
      return JSON;
    }
    if (lower.endsWith(".ipc") || lower.endsWith(".feather")) {
      return ARROW;
    }
    for (FileFormat format : values()) {
      if (lower.endsWith(format.extension)) {
        return format;
      }
    }
    throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
        "cannot tell the file format of '" + path + "' from its extension; name it explicitly", null);
  }
}
