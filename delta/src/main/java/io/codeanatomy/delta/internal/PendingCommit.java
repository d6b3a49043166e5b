package io.codeanatomy.delta.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The actions of one transaction, ready to be written at whatever version the commit lands on.
 *
 * @param commitInfo the commitInfo action's fields (timestamp is set at encoding)
 * @param actions protocol, metaData, txn, remove and add actions, each a one-key map
 * @param appId the app transaction id, or null
 * @param readsTable whether the transaction read the table (overwrite) rather than blindly appending
 * @param readPaths encoded paths of the files the transaction read
 * @param removedPaths encoded paths of the files it removes
 */
public record PendingCommit(
    Map<String, Object> commitInfo,
    List<Map<String, Object>> actions,
    String appId,
    boolean readsTable,
    Set<String> readPaths,
    Set<String> removedPaths) {

  /** Whether the transaction replaces the table's metadata. */
  boolean changesMetadata() {
    return actions.stream().anyMatch(action -> action.containsKey("metaData"));
  }

  /** Newline-delimited JSON, commitInfo first. */
  String encode(long version) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("timestamp", System.currentTimeMillis());
    info.putAll(commitInfo);
    info.values().removeIf(java.util.Objects::isNull);
    List<Map<String, Object>> all = new ArrayList<>();
    all.add(Map.of("commitInfo", info));
    all.addAll(actions);
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> action : all) {
      text.append(Json.write(action)).append('\n');
    }
    return text.toString();
  }
}
