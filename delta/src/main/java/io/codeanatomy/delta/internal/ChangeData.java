package io.codeanatomy.delta.internal;

import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The change data feed's names and file layout (§2.5): change rows are the table's columns plus
 * {@value #CHANGE_TYPE}; a commit's cdc files live under {@value #DIRECTORY}; readers add {@value
 * #COMMIT_VERSION} and {@value #COMMIT_TIMESTAMP}.
 */
public final class ChangeData {
  public static final String DIRECTORY = "_change_data";
  public static final String ENABLE_PROPERTY = "delta.enableChangeDataFeed";
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_VERSION = "_commit_version";
  public static final String COMMIT_TIMESTAMP = "_commit_timestamp";
  public static final String INSERT = "insert";
  public static final String DELETE = "delete";
  public static final String UPDATE_PREIMAGE = "update_preimage";
  public static final String UPDATE_POSTIMAGE = "update_postimage";

  private ChangeData() {}

  /** Whether table properties turn the feed on ({@value #ENABLE_PROPERTY} = true). */
  public static boolean enabled(Map<String, String> properties) {
    return "true".equalsIgnoreCase(properties.getOrDefault(ENABLE_PROPERTY, "false").trim());
  }

  /** The Arrow schema of a cdc file: the table's columns and {@value #CHANGE_TYPE}. */
  public static Schema fileSchema(StructType tableSchema) {
    List<Field> fields = new ArrayList<>(SchemaConversion.toArrow(tableSchema, false).getFields());
    fields.add(Field.nullable(CHANGE_TYPE, ArrowType.Utf8.INSTANCE));
    return new Schema(fields);
  }

  /** The cdc action for a file the native writer wrote ({@code encodedPath}: table-relative, encoded). */
  public static Map<String, Object> cdcAction(String encodedPath, Map<String, Object> written) {
    Map<String, Object> cdc = new LinkedHashMap<>();
    cdc.put("path", encodedPath);
    cdc.put("partitionValues", written.get("partition_values"));
    cdc.put("size", written.get("size"));
    cdc.put("dataChange", false);
    return cdc;
  }
}
