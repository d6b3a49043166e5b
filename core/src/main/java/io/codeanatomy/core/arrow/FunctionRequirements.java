package io.codeanatomy.core.arrow;

import io.codeanatomy.core.internal.PythonNumbers;
import io.codeanatomy.core.text.PythonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The functions a schema's producer needs, read from its metadata lists ({@code required_functions},
 * {@code optional_functions}, {@code required_function_signatures},
 * {@code required_function_signature_types}).
 *
 * @param required function names that must exist
 * @param optional function names used when present
 * @param signatureCounts per function, the number of arguments a signature must accept: entries
 *     {@code name:count} or {@code name=count}; a bare name or a count that is not an integer counts 1;
 *     a name listed twice keeps the larger count
 * @param signatureTypes per function, one entry per argument from {@code name:arg1,arg2}: {@code null}
 *     for any type ({@code any}, {@code *} or empty), else the lower-case type names of {@code a|b}
 */
public record FunctionRequirements(List<String> required, List<String> optional, Map<String, Integer> signatureCounts,
    Map<String, List<Set<String>>> signatureTypes) {

  public static final FunctionRequirements NONE = new FunctionRequirements(List.of(), List.of(), Map.of(), Map.of());

  public FunctionRequirements {
    required = List.copyOf(required);
    optional = List.copyOf(optional);
    signatureCounts = Collections.unmodifiableMap(new LinkedHashMap<>(signatureCounts));
    Map<String, List<Set<String>>> types = new LinkedHashMap<>();
    signatureTypes.forEach((name, args) -> {
      List<Set<String>> copy = new ArrayList<>();
      args.forEach(arg -> copy.add(arg == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(arg))));
      types.put(name, Collections.unmodifiableList(copy));
    });
    signatureTypes = Collections.unmodifiableMap(types);
  }

  /** The requirements in {@code schema}'s metadata; {@link #NONE} when it has none. */
  public static FunctionRequirements fromSchema(Schema schema) {
    return fromMetadata(schema.getCustomMetadata());
  }

  /** The requirements in schema metadata whose list values are carried as {@link SchemaMetadata#bytesAsText}. */
  public static FunctionRequirements fromMetadata(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return NONE;
    }
    return new FunctionRequirements(list(metadata, SchemaMetadata.REQUIRED_FUNCTIONS),
        list(metadata, SchemaMetadata.OPTIONAL_FUNCTIONS),
        signatureCounts(list(metadata, SchemaMetadata.REQUIRED_FUNCTION_SIGNATURES)),
        signatureTypes(list(metadata, SchemaMetadata.REQUIRED_FUNCTION_SIGNATURE_TYPES)));
  }

  /** {@code name:count} / {@code name=count} entries; bad or missing counts are 1; duplicates keep the maximum. */
  public static Map<String, Integer> signatureCounts(List<String> entries) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String entry : entries) {
      int separator = separatorIndex(entry);
      String name = PythonText.strip(separator < 0 ? entry : entry.substring(0, separator));
      if (name.isEmpty()) {
        continue;
      }
      counts.merge(name, separator < 0 ? 1 : count(entry.substring(separator + 1)), Math::max);
    }
    return counts;
  }

  /** {@code name:arg1,arg2} entries; entries without {@code :} or without a name are skipped; a later entry wins. */
  public static Map<String, List<Set<String>>> signatureTypes(List<String> entries) {
    Map<String, List<Set<String>>> types = new LinkedHashMap<>();
    for (String entry : entries) {
      int separator = entry.indexOf(':');
      String name = separator < 0 ? "" : PythonText.strip(entry.substring(0, separator));
      if (name.isEmpty()) {
        continue;
      }
      List<Set<String>> args = new ArrayList<>();
      for (String arg : entry.substring(separator + 1).split(",", -1)) {
        args.add(argumentTypes(arg));
      }
      types.put(name, args);
    }
    return types;
  }

  private static Set<String> argumentTypes(String arg) {
    String normalized = PythonText.strip(arg).toLowerCase(Locale.ROOT);
    if (normalized.isEmpty() || normalized.equals("any") || normalized.equals("*")) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : normalized.split("\\|")) {
      String name = PythonText.strip(part);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static int count(String text) {
    OptionalLong parsed = PythonNumbers.parseInt(text);
    return parsed.isPresent() && parsed.getAsLong() == (int) parsed.getAsLong() ? (int) parsed.getAsLong() : 1;
  }

  private static int separatorIndex(String entry) {
    int colon = entry.indexOf(':');
    return colon >= 0 ? colon : entry.indexOf('=');
  }

  private static List<String> list(Map<String, String> metadata, String key) {
    String value = metadata.get(key);
    return value == null ? List.of() : SchemaMetadata.decodeMetadataList(SchemaMetadata.textAsBytes(value));
  }
}
