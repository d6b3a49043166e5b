package io.codeanatomy.telemetry;

/**
 * Limits applied while normalising attributes. A null limit means "no limit"; a limit of zero or
 * less drops everything (every attribute for the count, every character for the length).
 *
 * @param countLimit at most this many attributes, the first ones in key order
 * @param valueLengthLimit string values (and string list items) cut to this many characters
 */
public record AttributeLimits(Integer countLimit, Integer valueLengthLimit) {
  /** No limits. */
  public static final AttributeLimits NONE = new AttributeLimits(null, null);

  /** These limits with each unset one taken from {@code fallback}. */
  public AttributeLimits orElse(AttributeLimits fallback) {
    return new AttributeLimits(
        countLimit != null ? countLimit : fallback.countLimit,
        valueLengthLimit != null ? valueLengthLimit : fallback.valueLengthLimit);
  }
}
