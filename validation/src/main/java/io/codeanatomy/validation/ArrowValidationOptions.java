package io.codeanatomy.validation;

import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link SchemaValidator#validateTable} (reference: {@code ArrowValidationOptions}).
 *
 * @param strict what to do with extra columns and invalid rows; default {@link Strictness#FILTER}
 * @param coerce cast mismatched columns leniently (failed casts become null and are counted as
 *     type mismatches) instead of reporting every mismatched column and failing on uncastable values
 * @param maxErrors keep at most this many violations (null: all)
 * @param emitInvalidRows return the invalid rows (always done for {@link Strictness#FILTER})
 * @param emitErrorTable render the error table (otherwise it is empty)
 */
public record ArrowValidationOptions(Strictness strict, boolean coerce, Integer maxErrors, boolean emitInvalidRows,
    boolean emitErrorTable) {
  /** The reference defaults: {@code strict="filter"}, no coercion, no error limit, both tables emitted. */
  public static final ArrowValidationOptions DEFAULT = builder().build();

  public ArrowValidationOptions {
    Objects.requireNonNull(strict, "strict");
    PolicyChecks.nonNegativeOrNull("ArrowValidationOptions.maxErrors", maxErrors);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().strict(strict).coerce(coerce).maxErrors(maxErrors).emitInvalidRows(emitInvalidRows)
        .emitErrorTable(emitErrorTable);
  }

  /** {@code {"strict", "coerce", "max_errors", "emit_invalid_rows", "emit_error_table"}}, as embedded in {@link SchemaPolicy}'s payload. */
  public Map<String, Object> payload() {
    return PayloadMaps.of("strict", strict.payloadValue(), "coerce", coerce, "max_errors", maxErrors,
        "emit_invalid_rows", emitInvalidRows, "emit_error_table", emitErrorTable);
  }

  public static final class Builder {
    private Strictness strict = Strictness.FILTER;
    private boolean coerce;
    private Integer maxErrors;
    private boolean emitInvalidRows = true;
    private boolean emitErrorTable = true;

    private Builder() {}

    public Builder strict(Strictness value) {
      this.strict = value;
      return this;
    }

    public Builder coerce(boolean value) {
      this.coerce = value;
      return this;
    }

    public Builder maxErrors(Integer value) {
      this.maxErrors = value;
      return this;
    }

    public Builder emitInvalidRows(boolean value) {
      this.emitInvalidRows = value;
      return this;
    }

    public Builder emitErrorTable(boolean value) {
      this.emitErrorTable = value;
      return this;
    }

    public ArrowValidationOptions build() {
      return new ArrowValidationOptions(strict, coerce, maxErrors, emitInvalidRows, emitErrorTable);
    }
  }
}
