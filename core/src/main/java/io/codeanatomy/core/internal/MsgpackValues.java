package io.codeanatomy.core.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/** Decodes MessagePack into plain Java values: null, Boolean, Long/BigInteger, Double, String, byte[], List, Map. */
public final class MsgpackValues {
  private MsgpackValues() {}

  public static Object decode(byte[] bytes, String label) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      return toJava(unpacker.unpackValue());
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, label + " payload is not valid MessagePack: "
          + e.getMessage(), e);
    }
  }

  private static Object toJava(Value value) {
    return switch (value.getValueType()) {
      case NIL -> null;
      case BOOLEAN -> value.asBooleanValue().getBoolean();
      case INTEGER -> value.asIntegerValue().isInLongRange()
          ? (Object) value.asIntegerValue().toLong() : value.asIntegerValue().toBigInteger();
      case FLOAT -> value.asFloatValue().toDouble();
      case STRING -> value.asStringValue().asString();
      case BINARY -> value.asBinaryValue().asByteArray();
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        value.asArrayValue().forEach(item -> items.add(toJava(item)));
        yield items;
      }
      case MAP -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        value.asMapValue().map().forEach((key, item) -> map.put(toJava(key), toJava(item)));
        yield map;
      }
      case EXTENSION -> value.asExtensionValue().getData();
    };
  }
}
