package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which change rows incremental processing reads (§4.11). All three included: no filter at all
 * (update preimages pass too); otherwise only the included types, so preimages are always left out;
 * none included: nothing.
 */
public record CdfFilterPolicy(boolean includeInsert, boolean includeUpdatePostimage, boolean includeDelete)
    implements FingerprintableConfig {

  public static CdfFilterPolicy includeAll() {
    return new CdfFilterPolicy(true, true, true);
  }

  public static CdfFilterPolicy insertsAndUpdatesOnly() {
    return new CdfFilterPolicy(true, true, false);
  }

  public static CdfFilterPolicy insertsOnly() {
    return new CdfFilterPolicy(true, false, false);
  }

  /** The included change types, in the order insert, update_postimage, delete. */
  public List<CdfChangeType> included() {
    List<CdfChangeType> types = new ArrayList<>();
    if (includeInsert) {
      types.add(CdfChangeType.INSERT);
    }
    if (includeUpdatePostimage) {
      types.add(CdfChangeType.UPDATE_POSTIMAGE);
    }
    if (includeDelete) {
      types.add(CdfChangeType.DELETE);
    }
    return types;
  }

  /**
   * The filter as SQL over {@code _change_type}: empty when everything passes, {@code FALSE} when
   * nothing does, {@code _change_type = 'v'} for one type, {@code _change_type IN (…)} for two.
   */
  public Optional<String> toSqlPredicate() {
    List<CdfChangeType> types = included();
    if (types.size() == CdfChangeType.values().length) {
      return Optional.empty();
    }
    if (types.isEmpty()) {
      return Optional.of("FALSE");
    }
    List<String> literals = types.stream().map(type -> "'" + type.value() + "'").toList();
    return Optional.of(types.size() == 1 ? "_change_type = " + literals.get(0)
        : "_change_type IN (" + String.join(", ", literals) + ")");
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("include_insert", includeInsert, "include_update_postimage", includeUpdatePostimage,
        "include_delete", includeDelete);
  }
}
