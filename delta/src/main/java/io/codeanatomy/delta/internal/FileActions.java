package io.codeanatomy.delta.internal;

import io.codeanatomy.core.error.DeltaException;
import io.codeanatomy.core.error.ErrorCode;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log actions a commit is made of, each a one-key map ready for {@link PendingCommit}: add
 * actions for files the native writer wrote or a snapshot held, remove actions for a snapshot's
 * files, and app-transaction actions. {@code dataChange} is false for commits that rearrange data
 * without changing it (optimize), so readers of the change feed and conflict checks skip them.
 */
public final class FileActions {
  private FileActions() {}

  /** An add action for a file the native writer returned ({@code path}, {@code size}, …). */
  public static Map<String, Object> add(Map<String, Object> written, long now, boolean dataChange) {
    Map<String, Object> add = new LinkedHashMap<>();
    add.put("path", encodePath((String) written.get("path")));
    add.put("partitionValues", written.get("partition_values"));
    add.put("size", written.get("size"));
    add.put("modificationTime", now);
    add.put("dataChange", dataChange);
    add.put("stats", written.get("stats"));
    return Map.of("add", add);
  }

  /** An add action bringing back a file (and its deletion vector) a snapshot held. */
  public static Map<String, Object> add(ScanFile file, long now, boolean dataChange) {
    Map<String, Object> add = new LinkedHashMap<>();
    add.put("path", file.encodedPath());
    add.put("partitionValues", file.partitionValues());
    add.put("size", file.size());
    add.put("modificationTime", now);
    add.put("dataChange", dataChange);
    if (file.stats() != null) {
      add.put("stats", file.stats());
    }
    if (file.deletionVector() != null) {
      add.put("deletionVector", descriptor(file.deletionVector()));
    }
    return Map.of("add", add);
  }

  public static Map<String, Object> remove(ScanFile file, long now, boolean dataChange) {
    Map<String, Object> remove = new LinkedHashMap<>();
    remove.put("path", file.encodedPath());
    remove.put("deletionTimestamp", now);
    remove.put("dataChange", dataChange);
    remove.put("extendedFileMetadata", true);
    remove.put("partitionValues", file.partitionValues());
    remove.put("size", file.size());
    if (file.deletionVector() != null) {
      remove.put("deletionVector", descriptor(file.deletionVector()));
    }
    return Map.of("remove", remove);
  }

  public static Map<String, Object> txn(String appId, long version, long lastUpdated) {
    Map<String, Object> txn = new LinkedHashMap<>();
    txn.put("appId", appId);
    txn.put("version", version);
    txn.put("lastUpdated", lastUpdated);
    return Map.of("txn", txn);
  }

  private static Map<String, Object> descriptor(DeletionVectorDescriptor dv) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("storageType", dv.getStorageType());
    descriptor.put("pathOrInlineDv", dv.getPathOrInlineDv());
    dv.getOffset().ifPresent(offset -> descriptor.put("offset", offset));
    descriptor.put("sizeInBytes", dv.getSizeInBytes());
    descriptor.put("cardinality", dv.getCardinality());
    return descriptor;
  }

  /** Add-action paths are relative URIs: each segment percent-encoded as a URI path. */
  public static String encodePath(String relative) {
    try {
      return new URI(null, null, relative, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new DeltaException(ErrorCode.DELTA_TABLE, "data file path '" + relative + "' cannot be encoded", e);
    }
  }
}
