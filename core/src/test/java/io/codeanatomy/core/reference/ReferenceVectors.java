package io.codeanatomy.core.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Loads {@code reference/core_vectors.json} (derived by {@code derive_vectors.py}) and turns its
 * tagged JSON values into the Java values the API takes: integers as Long/BigInteger, fractions as
 * Double, {@code {"$bytes"}} as byte[], {@code {"$float"}} as non-finite doubles, {@code {"$set"}} as sets.
 */
public final class ReferenceVectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode ROOT = load();

  private ReferenceVectors() {}

  public static List<JsonNode> cases(String kind) {
    return StreamSupport.stream(ROOT.get("cases").spliterator(), false)
        .filter(node -> node.get("kind").asText().equals(kind))
        .toList();
  }

  public static List<JsonNode> allCases() {
    return StreamSupport.stream(ROOT.get("cases").spliterator(), false).toList();
  }

  public static String derivation() {
    return ROOT.get("derivation").asText();
  }

  public static Object decode(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(decode(item)));
      return items;
    }
    if (node.has("$bytes")) {
      return Base64.getDecoder().decode(node.get("$bytes").asText());
    }
    if (node.has("$float")) {
      return switch (node.get("$float").asText()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        default -> Double.NEGATIVE_INFINITY;
      };
    }
    if (node.has("$set")) {
      Set<Object> items = new LinkedHashSet<>();
      node.get("$set").forEach(item -> items.add(decode(item)));
      return items;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      map.put(field.getKey(), decode(field.getValue()));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> decodeMap(JsonNode node) {
    return (Map<String, Object>) decode(node);
  }

  private static JsonNode load() {
    try (InputStream input = ReferenceVectors.class.getResourceAsStream("/reference/core_vectors.json")) {
      return MAPPER.readTree(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
