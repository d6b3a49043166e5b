package io.codeanatomy.core.policy;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.text.Utf8Order;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Dictionary encoding of table columns (reference: {@code arrow/encoding.py}). When specs are given
 * they back-fill whichever of {@code dictionaryCols}, {@code dictionaryIndexTypes} and
 * {@code dictionaryOrderedFlags} is empty. Index types appear in the payload in pyarrow's spelling.
 */
public record EncodingPolicy(Set<String> dictionaryCols, List<EncodingSpec> specs, ArrowType.Int dictionaryIndexType,
    boolean dictionaryOrdered, Map<String, ArrowType.Int> dictionaryIndexTypes, Map<String, Boolean> dictionaryOrderedFlags)
    implements FingerprintableConfig {
  public static final EncodingPolicy DEFAULT = builder().build();

  public EncodingPolicy {
    dictionaryCols = Set.copyOf(PolicyChecks.listOf("EncodingPolicy.dictionaryCols", dictionaryCols));
    specs = PolicyChecks.listOf("EncodingPolicy.specs", specs);
    dictionaryIndexTypes = PolicyChecks.mapOf("EncodingPolicy.dictionaryIndexTypes", dictionaryIndexTypes);
    dictionaryOrderedFlags = PolicyChecks.mapOf("EncodingPolicy.dictionaryOrderedFlags", dictionaryOrderedFlags);
    if (!specs.isEmpty()) {
      if (dictionaryCols.isEmpty()) {
        Set<String> columns = new LinkedHashSet<>();
        specs.forEach(spec -> columns.add(spec.column()));
        dictionaryCols = Set.copyOf(columns);
      }
      if (dictionaryIndexTypes.isEmpty()) {
        Map<String, ArrowType.Int> types = new LinkedHashMap<>();
        specs.stream().filter(spec -> spec.indexType() != null).forEach(spec -> types.put(spec.column(), spec.indexType()));
        dictionaryIndexTypes = java.util.Collections.unmodifiableMap(types);
      }
      if (dictionaryOrderedFlags.isEmpty()) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        specs.stream().filter(spec -> spec.ordered() != null).forEach(spec -> flags.put(spec.column(), spec.ordered()));
        dictionaryOrderedFlags = java.util.Collections.unmodifiableMap(flags);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    List<String> columns = new ArrayList<>(dictionaryCols);
    columns.sort(Utf8Order.INSTANCE);
    List<Map<String, Object>> specPayloads = specs.stream()
        .sorted(Comparator.comparing(EncodingSpec::column, Utf8Order.INSTANCE))
        .map(spec -> PayloadMaps.of("column", spec.column(), "index_type", typeName(spec.indexType()),
            "ordered", spec.ordered()))
        .toList();
    Map<String, String> indexTypes = new LinkedHashMap<>();
    dictionaryIndexTypes.forEach((column, type) -> indexTypes.put(column, typeName(type)));
    return PayloadMaps.of("dictionary_cols", columns, "specs", specPayloads,
        "dictionary_index_type", typeName(dictionaryIndexType), "dictionary_ordered", dictionaryOrdered,
        "dictionary_index_types", indexTypes, "dictionary_ordered_flags", dictionaryOrderedFlags);
  }

  private static String typeName(ArrowType type) {
    return type == null ? null : ArrowTypeNames.of(type);
  }

  /** Builder; every field defaults to empty / null / false. */
  public static final class Builder {
    private Set<String> dictionaryCols = Set.of();
    private List<EncodingSpec> specs = List.of();
    private ArrowType.Int dictionaryIndexType;
    private boolean dictionaryOrdered;
    private Map<String, ArrowType.Int> dictionaryIndexTypes = Map.of();
    private Map<String, Boolean> dictionaryOrderedFlags = Map.of();

    private Builder() {}

    public Builder dictionaryCols(Collection<String> columns) {
      this.dictionaryCols = new LinkedHashSet<>(columns);
      return this;
    }

    public Builder specs(List<EncodingSpec> specs) {
      this.specs = specs;
      return this;
    }

    public Builder dictionaryIndexType(ArrowType.Int indexType) {
      this.dictionaryIndexType = indexType;
      return this;
    }

    public Builder dictionaryOrdered(boolean ordered) {
      this.dictionaryOrdered = ordered;
      return this;
    }

    public Builder dictionaryIndexTypes(Map<String, ArrowType.Int> indexTypes) {
      this.dictionaryIndexTypes = indexTypes;
      return this;
    }

    public Builder dictionaryOrderedFlags(Map<String, Boolean> orderedFlags) {
      this.dictionaryOrderedFlags = orderedFlags;
      return this;
    }

    public EncodingPolicy build() {
      return new EncodingPolicy(dictionaryCols, specs, dictionaryIndexType, dictionaryOrdered, dictionaryIndexTypes,
          dictionaryOrderedFlags);
    }
  }
}
