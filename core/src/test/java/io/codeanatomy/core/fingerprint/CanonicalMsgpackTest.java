package io.codeanatomy.core.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected bytes are assembled by hand from the MessagePack specification. */
class CanonicalMsgpackTest {
  private static final HexFormat HEX = HexFormat.of();

  enum Color implements WireValue {
    LIGHT_BLUE;

    @Override
    public String wireValue() {
      return "light_blue";
    }
  }

  enum Plain { A }

  private static byte[] hex(String text) {
    return HEX.parseHex(text.replace(" ", ""));
  }

  @Test
  void mapKeysAreSortedByUtf8Bytes() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("b", 1);
    payload.put("\uffff", 2);
    payload.put("\ud83d\ude00", 3);
    payload.put("a", 4);
    // 84 = map(4); a1 61 = "a"; a1 62 = "b"; a3 ef bf bf = U+FFFF; a4 f0 9f 98 80 = U+1F600.
    assertArrayEquals(hex("84 a161 04 a162 01 a3efbfbf 02 a4f09f9880 03"), CanonicalMsgpack.encode(payload));
  }

  @Test
  void scalarsUseSmallestForms() {
    assertArrayEquals(hex("c0"), CanonicalMsgpack.encode(null));
    assertArrayEquals(hex("c3"), CanonicalMsgpack.encode(true));
    assertArrayEquals(hex("7f"), CanonicalMsgpack.encode(127));
    assertArrayEquals(hex("cc80"), CanonicalMsgpack.encode(128L));
    assertArrayEquals(hex("e0"), CanonicalMsgpack.encode(-32));
    assertArrayEquals(hex("d0df"), CanonicalMsgpack.encode(-33));
    assertArrayEquals(hex("cfffffffffffffffff"), CanonicalMsgpack.encode(new BigInteger("18446744073709551615")));
    assertArrayEquals(hex("cb3ff8000000000000"), CanonicalMsgpack.encode(1.5f));
    assertArrayEquals(hex("c40201ff"), CanonicalMsgpack.encode(new byte[] {1, (byte) 0xff}));
    assertArrayEquals(hex("d920" + "61".repeat(32)), CanonicalMsgpack.encode("a".repeat(32)));
  }

  @Test
  void builtinsModeWritesBytesAsBase64AndStringifiesNumberKeys() {
    Map<Object, Object> payload = new LinkedHashMap<>();
    payload.put(2.5, new byte[] {0, 1});
    payload.put(10, Color.LIGHT_BLUE);
    // 82; a2 "10" -> aa "light_blue"; a3 "2.5" -> a4 "AAE=".
    assertArrayEquals(hex("82 a23130 aa6c696768745f626c7565 a3322e35 a44141453d"), CanonicalMsgpack.encodeBuiltins(payload));
  }

  @Test
  void setsAreSortedAndListsAndArraysKeepOrder() {
    Set<Object> set = new LinkedHashSet<>(List.of("b", "a"));
    assertArrayEquals(hex("92 a161 a162"), CanonicalMsgpack.encode(set));
    assertArrayEquals(hex("92 a162 a161"), CanonicalMsgpack.encodeInsertionOrder(set));
    assertArrayEquals(hex("93 03 01 02"), CanonicalMsgpack.encode(new int[] {3, 1, 2}));
    assertArrayEquals(hex("92 c3 02"), CanonicalMsgpack.encode(new LinkedHashSet<>(List.of(2, true))));
  }

  @Test
  void pathsAndConfigsAreText() {
    FingerprintableConfig nested = () -> Map.of("a", 1);
    String fingerprint = nested.fingerprint();
    byte[] encoded = CanonicalMsgpack.encode(List.of(Path.of("/tmp/x"), nested));
    assertEquals("92a62f746d702f78d940" + HEX.formatHex(fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        HEX.formatHex(encoded));
  }

  @Test
  void insertionOrderModeAcceptsAnyKeyButNoPath() {
    Map<Object, Object> payload = new LinkedHashMap<>();
    payload.put(2, "x");
    payload.put("a", 1);
    assertArrayEquals(hex("82 02 a178 a161 01"), CanonicalMsgpack.encodeInsertionOrder(payload));
    assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encodeInsertionOrder(Path.of("x")));
  }

  @Test
  void unsupportedValuesAndKeysAreRejectedWithTypedErrors() {
    InvalidInputException value = assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encode(new Object()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, value.errorCode());
    assertTrue(value.getMessage().contains("java.lang.Object"));
    assertTrue(assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encode(Plain.A))
        .getMessage().contains("Plain"));
    assertTrue(assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encode(Map.of(1, "x")))
        .getMessage().startsWith("Only dicts with str keys are supported"));
    assertTrue(assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encodeBuiltins(Map.of(true, "x")))
        .getMessage().startsWith("Only dicts with str-like or number-like keys are supported"));
    assertTrue(assertThrows(InvalidInputException.class,
        () -> CanonicalMsgpack.encode(new LinkedHashSet<>(List.of("a", 1)))).getMessage().contains("'<' not supported"));
    assertTrue(assertThrows(InvalidInputException.class, () -> CanonicalMsgpack.encode(BigInteger.TWO.pow(64)))
        .getMessage().startsWith("can't serialize ints"));
  }

  @Test
  void laterKeyWinsWhenKeysNormaliseToTheSameText() {
    Map<Object, Object> payload = new LinkedHashMap<>();
    payload.put(1, "int");
    payload.put("1", "text");
    assertArrayEquals(CanonicalMsgpack.encodeBuiltins(Map.of("1", "text")), CanonicalMsgpack.encodeBuiltins(payload));
  }
}
