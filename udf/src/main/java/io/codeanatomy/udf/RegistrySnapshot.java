package io.codeanatomy.udf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The function catalog of a session at one moment (the reference's registry snapshot, a superset
 * of it): names per kind, aliases, parameter names, volatility, rewrite tags, planner flags,
 * signatures, return types, {@code codeanatomy_udf} defaults, the catalog's own function names and
 * the functions defined by {@code CREATE FUNCTION}. {@link #json()} has all of it, documentation
 * included, as the engine reported it.
 */
public record RegistrySnapshot(
    List<String> scalar,
    List<String> aggregate,
    List<String> window,
    List<String> table,
    Map<String, List<String>> aliases,
    Map<String, List<String>> parameterNames,
    Map<String, String> volatility,
    Map<String, List<String>> rewriteTags,
    Map<String, Boolean> simplify,
    Map<String, Boolean> coerceTypes,
    Map<String, Boolean> shortCircuits,
    Map<String, List<List<String>>> signatureInputs,
    Map<String, List<String>> returnTypes,
    Map<String, Map<String, Object>> configDefaults,
    List<String> customUdfs,
    Map<String, String> ddlFunctions,
    JsonNode json) {

  /** Reads the engine's snapshot JSON (see the native catalog's {@code RegistrySnapshot::to_json}). */
  static RegistrySnapshot fromJson(JsonNode json) {
    return new RegistrySnapshot(
        strings(json.path("scalar")),
        strings(json.path("aggregate")),
        strings(json.path("window")),
        strings(json.path("table")),
        map(json.path("aliases"), RegistrySnapshot::strings),
        map(json.path("parameter_names"), RegistrySnapshot::strings),
        map(json.path("volatility"), JsonNode::asText),
        map(json.path("rewrite_tags"), RegistrySnapshot::strings),
        map(json.path("simplify"), JsonNode::asBoolean),
        map(json.path("coerce_types"), JsonNode::asBoolean),
        map(json.path("short_circuits"), JsonNode::asBoolean),
        map(json.path("signature_inputs"), node -> list(node, RegistrySnapshot::strings)),
        map(json.path("return_types"), RegistrySnapshot::strings),
        map(json.path("config_defaults"), node -> map(node, RegistrySnapshot::scalarValue)),
        strings(json.path("custom_udfs")),
        map(json.path("ddl_functions"), JsonNode::asText),
        json);
  }

  /** Every function name of every kind, sorted. */
  public List<String> allNames() {
    List<String> names = new ArrayList<>();
    names.addAll(scalar);
    names.addAll(aggregate);
    names.addAll(window);
    names.addAll(table);
    return names.stream().distinct().sorted().toList();
  }

  private static Object scalarValue(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    return node.isNull() ? null : node.asText();
  }

  private static List<String> strings(JsonNode node) {
    return list(node, JsonNode::asText);
  }

  private static <T> List<T> list(JsonNode node, Function<JsonNode, T> element) {
    List<T> values = new ArrayList<>();
    node.forEach(child -> values.add(element.apply(child)));
    return List.copyOf(values);
  }

  private static <T> Map<String, T> map(JsonNode node, Function<JsonNode, T> value) {
    Map<String, T> values = new TreeMap<>();
    node.fields().forEachRemaining(entry -> values.put(entry.getKey(), value.apply(entry.getValue())));
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
