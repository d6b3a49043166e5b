package io.codeanatomy.delta;

import java.util.Locale;
import java.util.Optional;

/**
 * The change types incremental processing acts on (§4.11): inserts and update postimages are
 * upserts, deletes are deletes; update preimages are not acted on.
 */
public enum CdfChangeType {
  INSERT("insert"),
  UPDATE_POSTIMAGE("update_postimage"),
  DELETE("delete");

  private final String value;

  CdfChangeType(String value) {
    this.value = value;
  }

  /** The {@code _change_type} value. */
  public String value() {
    return value;
  }

  public boolean isUpsert() {
    return this != DELETE;
  }

  /**
   * A {@code _change_type} value, case- and whitespace-insensitively: {@code insert}, {@code
   * update_postimage} (or {@code update_post}), {@code delete}; empty for anything else.
   */
  public static Optional<CdfChangeType> fromCdfColumn(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "insert" -> Optional.of(INSERT);
      case "update_postimage", "update_post" -> Optional.of(UPDATE_POSTIMAGE);
      case "delete" -> Optional.of(DELETE);
      default -> Optional.empty();
    };
  }
}
