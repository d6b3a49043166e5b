package io.codeanatomy.core.arrow;

import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The one place Arrow fields are built (reference: {@code arrow/schema.py} semantic factories and
 * {@code arrow/field_builders.py} primitive builders). No factory attaches metadata. Each semantic
 * factory has a no-argument form with the reference's default name and nullability.
 *
 * <p>The reference has two {@code timestamp_field}s with different defaults; they agree on type
 * ({@code timestamp[us]}, no zone) and nullability (true), so here they are one overload family.
 */
public final class ArrowFields {
  public static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  public static final ArrowType INT32 = new ArrowType.Int(32, true);
  public static final ArrowType INT64 = new ArrowType.Int(64, true);
  public static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  public static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  public static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
  public static final ArrowType TIMESTAMP_MICROS = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
  /** pyarrow's name for the element field of a list type. */
  public static final String LIST_ITEM_NAME = "item";

  private ArrowFields() {}

  /** A field without children or metadata. */
  public static Field field(String name, ArrowType type, boolean nullable) {
    return new Field(Objects.requireNonNull(name, "name"), new FieldType(nullable, type, null), null);
  }

  // Semantic factories (§3.1).

  public static Field idField() {
    return idField("id", false);
  }

  public static Field idField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field versionField() {
    return versionField("version", false);
  }

  public static Field versionField(String name, boolean nullable) {
    return field(name, INT32, nullable);
  }

  public static Field timestampField() {
    return timestampField("timestamp", true);
  }

  public static Field timestampField(String name, boolean nullable) {
    return field(name, TIMESTAMP_MICROS, nullable);
  }

  /** {@code field_builders.timestamp_field}: any unit, optional zone ({@code null} for none). */
  public static Field timestampField(String name, TimeUnit unit, String timezone, boolean nullable) {
    return field(name, new ArrowType.Timestamp(unit, timezone), nullable);
  }

  public static Field taskNameField() {
    return taskNameField("task_name", false);
  }

  public static Field taskNameField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field fingerprintField() {
    return fingerprintField("fingerprint", false);
  }

  public static Field fingerprintField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field planFingerprintField() {
    return planFingerprintField("plan_fingerprint", false);
  }

  public static Field planFingerprintField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field datasetNameField() {
    return datasetNameField("dataset_name", false);
  }

  public static Field datasetNameField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field pathField() {
    return pathField("path", false);
  }

  public static Field pathField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field lineField() {
    return lineField("line", false);
  }

  public static Field lineField(String name, boolean nullable) {
    return field(name, INT32, nullable);
  }

  public static Field columnField() {
    return columnField("column", true);
  }

  public static Field columnField(String name, boolean nullable) {
    return field(name, INT32, nullable);
  }

  /** The name is required; not nullable. */
  public static Field byteOffsetField(String name) {
    return byteOffsetField(name, false);
  }

  public static Field byteOffsetField(String name, boolean nullable) {
    return field(name, INT64, nullable);
  }

  // Primitive builders (§3.2); nullable unless stated.

  public static Field stringField(String name) {
    return field(name, UTF8, true);
  }

  public static Field stringField(String name, boolean nullable) {
    return field(name, UTF8, nullable);
  }

  public static Field int64Field(String name) {
    return field(name, INT64, true);
  }

  public static Field int64Field(String name, boolean nullable) {
    return field(name, INT64, nullable);
  }

  public static Field int32Field(String name) {
    return field(name, INT32, true);
  }

  public static Field int32Field(String name, boolean nullable) {
    return field(name, INT32, nullable);
  }

  public static Field float64Field(String name) {
    return field(name, FLOAT64, true);
  }

  public static Field float64Field(String name, boolean nullable) {
    return field(name, FLOAT64, nullable);
  }

  public static Field boolField(String name) {
    return field(name, BOOL, true);
  }

  public static Field boolField(String name, boolean nullable) {
    return field(name, BOOL, nullable);
  }

  public static Field binaryField(String name) {
    return field(name, BINARY, true);
  }

  public static Field binaryField(String name, boolean nullable) {
    return field(name, BINARY, nullable);
  }

  /**
   * {@code list_field(name, value_type)}: a {@code list<item: ...>} field. The element is given as a
   * field because Arrow Java keeps nested types' children on fields; it is renamed {@code item}.
   */
  public static Field listField(String name, Field element, boolean nullable) {
    Field item = new Field(LIST_ITEM_NAME, element.getFieldType(), element.getChildren());
    return new Field(name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(item));
  }

  /** {@code list_field} with a primitive element type (a nullable {@code item}). */
  public static Field listField(String name, ArrowType elementType, boolean nullable) {
    return listField(name, field(LIST_ITEM_NAME, elementType, true), nullable);
  }

  /** {@code struct_field(name, fields)}. */
  public static Field structField(String name, List<Field> children, boolean nullable) {
    return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), List.copyOf(children));
  }
}
