package io.codeanatomy.validation.internal;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.validation.ArrowValidationOptions;
import io.codeanatomy.validation.FieldSpec;
import io.codeanatomy.validation.SchemaValidationReport;
import io.codeanatomy.validation.SchemaValidator;
import io.codeanatomy.validation.Strictness;
import io.codeanatomy.validation.TableSchemaSpec;
import io.codeanatomy.validation.ValidationViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The reference's {@code validate_table} (§6.2) over a data frame: the schema comparison is done
 * on schemas, every data-dependent count in the engine — one pass of conditional aggregates for
 * row counts, cast failures and nulls, one grouped pass for duplicate keys — and the outputs are
 * the engine's aligned (and, for {@link Strictness#FILTER}, filtered) results.
 */
public final class TableValidation {
  private final DataFrame source;
  private final TableSchemaSpec spec;
  private final ArrowValidationOptions options;
  private final BufferAllocator allocator;
  private final SchemaAlignment alignment;
  /** Spec fields that must not hold nulls and exist in the input. */
  private final List<FieldSpec> required = new ArrayList<>();

  private TableValidation(DataFrame source, TableSchemaSpec spec, ArrowValidationOptions options,
      BufferAllocator allocator) {
    this.source = source;
    this.spec = spec;
    this.options = options;
    this.allocator = allocator;
    this.alignment = new SchemaAlignment(source.schema(), spec.fields(), options.strict() == Strictness.LENIENT,
        options.coerce());
    Set<String> requiredNames = Set.copyOf(SchemaValidator.requiredFieldNames(spec));
    spec.fields().stream()
        .filter(field -> requiredNames.contains(field.name()) && !alignment.missing().contains(field.name()))
        .forEach(required::add);
  }

  public static SchemaValidationReport run(DataFrame source, TableSchemaSpec spec, ArrowValidationOptions options,
      BufferAllocator allocator) {
    TableValidation validation = new TableValidation(source, spec, options, allocator);
    try (FrameScope scope = new FrameScope()) {
      try {
        return validation.validate(scope);
      } catch (ValidationException | InvalidInputException e) {
        throw e;
      } catch (CodeAnatomyException e) {
        ValidationException castFailure = validation.alignment.diagnoseCastFailure(source, scope, allocator);
        if (castFailure == null) {
          throw e;
        }
        castFailure.addSuppressed(e);
        throw castFailure;
      }
    }
  }

  private SchemaValidationReport validate(FrameScope scope) {
    List<FieldSpec> coerceChecked = options.coerce() ? alignment.casted() : List.of();
    long[] counts = scope.aggregateRow(source, countExpressions(coerceChecked), allocator);
    long rowCount = counts[0];
    List<ValidationViolation> violations = new ArrayList<>();
    for (String name : alignment.missing()) {
      violations.add(ValidationViolation.missingColumn(null, name, typeName(name)).withCount(rowCount));
    }
    if (options.strict() == Strictness.STRICT) {
      for (String name : alignment.dropped()) {
        violations.add(ValidationViolation.extraColumn(null, name, ArrowTypeNames.of(alignment.inputField(name)))
            .withCount(rowCount));
      }
    }
    int next = 1;
    for (FieldSpec field : alignment.casted()) {
      ValidationViolation mismatch = ValidationViolation.typeMismatch(null, field.name(), field.typeName(),
          ArrowTypeNames.of(alignment.inputField(field.name())));
      if (!options.coerce()) {
        violations.add(mismatch.withCount(rowCount));
      } else {
        long failedCasts = counts[next++];
        if (failedCasts > 0) {
          violations.add(mismatch.withCount(failedCasts));
        }
      }
    }
    for (FieldSpec field : required) {
      long nulls = counts[next++];
      if (nulls > 0) {
        violations.add(ValidationViolation.nullViolation(field.name(), nulls));
      }
    }
    long invalidRows = required.isEmpty() ? 0 : counts[next];
    DataFrame aligned = scope.track(source.select(alignment.selectList()));
    violations.addAll(keyViolations(scope, aligned, rowCount));
    List<ValidationViolation> reported = options.maxErrors() == null || violations.size() <= options.maxErrors()
        ? violations : violations.subList(0, options.maxErrors());
    return outputs(scope, aligned, reported, invalidRows);
  }

  /**
   * {@code count(*)}, then cast failures of the coerced columns, nulls per required column (after
   * alignment) and rows with any such null: one pass over the input.
   */
  private List<String> countExpressions(List<FieldSpec> coerceChecked) {
    List<String> expressions = new ArrayList<>();
    expressions.add("count(*)");
    for (FieldSpec field : coerceChecked) {
      expressions.add("count(*) FILTER (WHERE " + Sql.column(field.name()) + " IS NOT NULL AND "
          + alignment.value(field) + " IS NULL)");
    }
    for (FieldSpec field : required) {
      expressions.add("count(*) - count(" + alignment.value(field) + ")");
    }
    if (!required.isEmpty()) {
      expressions.add("count(*) FILTER (WHERE " + Sql.anyOf(required.stream()
          .map(field -> alignment.value(field) + " IS NULL").toList()) + ")");
    }
    return expressions;
  }

  /**
   * Missing key columns or duplicate keys, for the key the session's information_schema declares
   * for {@code spec.name()} or else the spec's own. A declared key column the spec lacks is
   * missing too: alignment drops it, so it cannot be grouped by.
   */
  private List<ValidationViolation> keyViolations(FrameScope scope, DataFrame aligned, long rowCount) {
    List<String> declared = DeclaredKey.of(source.session(), spec.name(), scope, allocator);
    List<String> keys = declared.isEmpty() ? SchemaValidator.keyFields(spec) : declared;
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> absent = new ArrayList<>(alignment.missing());
    Set<String> alignedColumns = aligned.schema().getFields().stream().map(Field::getName).collect(Collectors.toSet());
    keys.stream().filter(key -> !alignedColumns.contains(key)).forEach(absent::add);
    List<String> missingKeys = SchemaValidator.missingKeyFields(keys, absent);
    if (!missingKeys.isEmpty()) {
      return missingKeys.stream().map(key -> ValidationViolation.missingKeyField(key, rowCount)).toList();
    }
    long duplicateRows = DuplicateKeys.repeatedRows(scope, aligned, keys, allocator);
    return duplicateRows > 0 ? List.of(ValidationViolation.duplicateKeys(keys, duplicateRows)) : List.of();
  }

  /**
   * The validated data and the invalid rows. With no invalid rows nothing is filtered: the aligned
   * data is the validated data and the invalid rows are its empty prefix.
   */
  private SchemaValidationReport outputs(FrameScope scope, DataFrame aligned, List<ValidationViolation> violations,
      long invalidRows) {
    boolean filter = options.strict() == Strictness.FILTER;
    boolean emitInvalid = !required.isEmpty() && (options.emitInvalidRows() || filter);
    String invalid = Sql.anyNull(required.stream().map(FieldSpec::name).toList());
    ArrowBatches validated = null;
    ArrowBatches invalidData = null;
    try {
      validated = (filter && invalidRows > 0 ? scope.track(aligned.filter("NOT (" + invalid + ")")) : aligned)
          .collect(allocator);
      if (emitInvalid) {
        invalidData = scope.track(aligned.filter(invalidRows > 0 ? invalid : "FALSE")).collect(allocator);
      }
      return new SchemaValidationReport(spec.name(), validated, invalidData, violations, invalidRows,
          options.emitErrorTable());
    } catch (RuntimeException e) {
      closeQuietly(validated, e);
      closeQuietly(invalidData, e);
      throw e;
    }
  }

  private String typeName(String column) {
    return spec.fields().stream().filter(field -> field.name().equals(column)).findFirst().orElseThrow().typeName();
  }

  private static void closeQuietly(ArrowBatches batches, RuntimeException primary) {
    if (batches == null) {
      return;
    }
    try {
      batches.close();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }
}
