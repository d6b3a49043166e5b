package io.codeanatomy.delta.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InternalEngineException;
import java.util.Map;

/** The one JSON mapper of the module (Delta log actions and native specs). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InternalEngineException(ErrorCode.INTERNAL, "cannot encode JSON: " + e.getMessage(), e);
    }
  }

  /** Parses a JSON object; malformed text throws {@link JsonProcessingException} for the caller to type. */
  public static Map<String, Object> readObject(String text) throws JsonProcessingException {
    return MAPPER.readValue(text, OBJECT);
  }
}
