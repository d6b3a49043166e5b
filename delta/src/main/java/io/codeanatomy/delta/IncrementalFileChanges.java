package io.codeanatomy.delta;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.delta.internal.ChangeData;
import io.codeanatomy.engine.ArrowBatches;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The files an incremental run must reprocess or drop (§4.11): the distinct file ids of upserted
 * rows (insert, update postimage) and of deleted rows, each sorted; {@code fullRefresh} when
 * everything must be rebuilt.
 */
public record IncrementalFileChanges(List<String> changedFileIds, List<String> deletedFileIds, boolean fullRefresh) {
  public static final IncrementalFileChanges NONE = new IncrementalFileChanges(List.of(), List.of(), false);

  public IncrementalFileChanges {
    changedFileIds = List.copyOf(changedFileIds);
    deletedFileIds = List.copyOf(deletedFileIds);
  }

  /**
   * The file ids ({@code fileIdColumn}, non-null text) of the change rows, by change type; no rows
   * or no result at all: {@link #NONE}.
   */
  public static IncrementalFileChanges fromChanges(CdfReadResult result, String fileIdColumn) {
    if (result == null || result.changes() == null || result.changes().rowCount() == 0) {
      return NONE;
    }
    ArrowBatches rows = result.changes();
    TreeSet<String> changed = new TreeSet<>();
    TreeSet<String> deleted = new TreeSet<>();
    for (VectorSchemaRoot batch : rows.batches()) {
      FieldVector ids = batch.getVector(fileIdColumn);
      FieldVector types = batch.getVector(ChangeData.CHANGE_TYPE);
      if (ids == null || types == null) {
        throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "the change rows have no column '"
            + (ids == null ? fileIdColumn : ChangeData.CHANGE_TYPE) + "' (columns: " + rows.schema().getFields()
            + ")", null);
      }
      for (int row = 0; row < batch.getRowCount(); row++) {
        Object id = ids.getObject(row);
        Object type = types.getObject(row);
        if (id == null || type == null) {
          continue;
        }
        CdfChangeType.fromCdfColumn(type.toString())
            .ifPresent(change -> (change.isUpsert() ? changed : deleted).add(id.toString()));
      }
    }
    return new IncrementalFileChanges(List.copyOf(changed), List.copyOf(deleted), false);
  }
}
