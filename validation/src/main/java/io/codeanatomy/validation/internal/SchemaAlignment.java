package io.codeanatomy.validation.internal;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.ValidationException;
import io.codeanatomy.engine.ArrowBatches;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.internal.SqlText;
import io.codeanatomy.validation.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How an input schema maps onto a target (reference: {@code align_to_schema} and its
 * {@code AlignmentInfo}), planned from schemas alone. Each target column becomes the input column,
 * a cast of it ({@code arrow_cast}, or {@code arrow_try_cast} when failed casts are to become
 * null), or a typed NULL when missing; extra input columns follow when kept.
 */
final class SchemaAlignment {
  private final Map<String, Field> input = new LinkedHashMap<>();
  private final List<FieldSpec> targets;
  private final boolean keepExtra;
  private final boolean lenientCasts;
  private final List<String> missing = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();
  private final List<FieldSpec> casted = new ArrayList<>();

  SchemaAlignment(Schema inputSchema, List<FieldSpec> targets, boolean keepExtra, boolean lenientCasts) {
    inputSchema.getFields().forEach(field -> input.putIfAbsent(field.getName(), field));
    this.targets = List.copyOf(targets);
    this.keepExtra = keepExtra;
    this.lenientCasts = lenientCasts;
    Set<String> targetNames = targets.stream().map(FieldSpec::name).collect(Collectors.toSet());
    for (FieldSpec target : targets) {
      Field source = input.get(target.name());
      if (source == null) {
        missing.add(target.name());
      } else if (!sameType(source, target.toField())) {
        casted.add(target);
      }
    }
    input.keySet().stream().filter(name -> !targetNames.contains(name)).forEach(dropped::add);
  }

  /** Target columns absent from the input, in target order. */
  List<String> missing() {
    return missing;
  }

  /** Input columns the target does not name, in input order (kept or not). */
  List<String> dropped() {
    return dropped;
  }

  /** Target columns present with another type, in target order. */
  List<FieldSpec> casted() {
    return casted;
  }

  Field inputField(String name) {
    return input.get(name);
  }

  /** The aligned value of {@code target} as an expression over the input (no alias). */
  String value(FieldSpec target) {
    if (missing.contains(target.name())) {
      return "arrow_cast(NULL, " + typeLiteral(target) + ")";
    }
    if (casted.contains(target)) {
      return (lenientCasts ? "arrow_try_cast(" : "arrow_cast(") + Sql.column(target.name()) + ", " + typeLiteral(target) + ")";
    }
    return Sql.column(target.name());
  }

  /** The aligned table's projection: targets (with their metadata), then the kept extras. */
  String[] selectList() {
    List<String> select = new ArrayList<>();
    for (FieldSpec target : targets) {
      String value = value(target);
      if (!target.metadata().isEmpty()) {
        StringBuilder annotated = new StringBuilder("with_metadata(").append(value);
        target.metadata().forEach((key, item) -> annotated.append(", ").append(SqlText.literal(key)).append(", ")
            .append(SqlText.literal(item)));
        value = annotated.append(')').toString();
      }
      select.add(value + " AS " + Sql.column(target.name()));
    }
    if (keepExtra) {
      dropped.forEach(name -> select.add(Sql.column(name)));
    }
    return select.toArray(String[]::new);
  }

  /**
   * After the engine failed while aligning, finds the first cast that fails on its own and
   * describes it; null when no single cast fails (the failure had another cause).
   */
  ValidationException diagnoseCastFailure(DataFrame source, FrameScope scope, BufferAllocator allocator) {
    for (FieldSpec target : casted) {
      CodeAnatomyException failure = castFailure(target, source, scope, allocator);
      if (failure != null) {
        return new ValidationException(ErrorCode.VALIDATION, "column '" + target.name() + "' cannot be cast from "
            + ArrowTypeNames.of(input.get(target.name())) + " to " + target.typeName() + ": " + failure.getMessage(),
            failure);
      }
    }
    return null;
  }

  /** Evaluates the one cast over every row (a projection, which the engine cannot skip). */
  private CodeAnatomyException castFailure(FieldSpec target, DataFrame source, FrameScope scope,
      BufferAllocator allocator) {
    try {
      scope.track(source.select(value(target) + " AS probe")).collect(allocator).close();
      return null;
    } catch (CodeAnatomyException failure) {
      return failure;
    }
  }

  private static String typeLiteral(FieldSpec target) {
    return SqlText.literal(DataFusionTypes.castTarget(target.name(), target.toField()));
  }

  /** Arrow type equality including children (names, nullability) and dictionary encoding; metadata ignored. */
  static boolean sameType(Field left, Field right) {
    if (!left.getType().equals(right.getType()) || !sameDictionary(left.getDictionary(), right.getDictionary())
        || left.getChildren().size() != right.getChildren().size()) {
      return false;
    }
    for (int index = 0; index < left.getChildren().size(); index++) {
      Field leftChild = left.getChildren().get(index);
      Field rightChild = right.getChildren().get(index);
      if (!leftChild.getName().equals(rightChild.getName()) || leftChild.isNullable() != rightChild.isNullable()
          || !sameType(leftChild, rightChild)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameDictionary(DictionaryEncoding left, DictionaryEncoding right) {
    if (left == null || right == null) {
      return left == right;
    }
    return Objects.equals(left.getIndexType(), right.getIndexType()) && left.isOrdered() == right.isOrdered();
  }
}
