package io.codeanatomy.core.coercion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Java-specific paths; the reference's decision order is covered by the vectors in ReferenceVectorsTest. */
class ValueCoercionTest {
  @Test
  void coercionErrorIsAnInvalidInputExceptionWithCoercionCode() {
    CoercionError error = assertThrows(CoercionError.class, () -> ValueCoercion.raiseForInt("abc", "port"));
    assertInstanceOf(InvalidInputException.class, error);
    assertEquals(ErrorCode.COERCION, error.errorCode());
    assertEquals("Cannot coerce str to int: port", error.getMessage());
    assertEquals("abc", error.value());
    assertEquals("int", error.targetType());
    assertEquals("Cannot coerce NoneType to float", new CoercionError(null, "float").getMessage());
  }

  @Test
  void strictVariantsWithoutContextUseTheBareMessage() {
    assertEquals("Cannot coerce str to int", assertThrows(CoercionError.class, () -> ValueCoercion.raiseForInt("x")).getMessage());
    assertEquals("Cannot coerce str to float",
        assertThrows(CoercionError.class, () -> ValueCoercion.raiseForFloat("x")).getMessage());
    assertEquals("Cannot coerce float to bool",
        assertThrows(CoercionError.class, () -> ValueCoercion.raiseForBool(1.0)).getMessage());
    assertEquals("Cannot coerce NoneType to str: value is None",
        assertThrows(CoercionError.class, () -> ValueCoercion.raiseForStr(null)).getMessage());
    assertEquals(12L, ValueCoercion.raiseForInt(" 12 "));
    assertEquals(1.5, ValueCoercion.raiseForFloat("1.5"));
    assertEquals(false, ValueCoercion.raiseForBool(0));
    assertEquals("True", ValueCoercion.raiseForStr(true));
  }

  @Test
  void nonFiniteAndOutOfRangeNumbersCoerceToEmptyInt() {
    assertEquals(OptionalLong.empty(), ValueCoercion.coerceInt(Double.NaN));
    assertEquals(OptionalLong.empty(), ValueCoercion.coerceInt(Double.POSITIVE_INFINITY));
    assertEquals(OptionalLong.empty(), ValueCoercion.coerceInt(1e19));
    assertEquals(OptionalLong.empty(), ValueCoercion.coerceInt("99999999999999999999"));
    assertEquals(OptionalLong.empty(), ValueCoercion.coerceInt(BigInteger.TWO.pow(70)));
    assertEquals(OptionalLong.of(Long.MAX_VALUE), ValueCoercion.coerceInt("9223372036854775807"));
    assertEquals(OptionalLong.of(Long.MIN_VALUE), ValueCoercion.coerceInt("-9223372036854775808"));
    assertEquals(OptionalLong.of(-9_000_000_000_000_000_000L), ValueCoercion.coerceInt(-9e18));
    assertEquals(CoercionError.class, assertThrows(CoercionError.class, () -> ValueCoercion.raiseForInt(Double.NaN)).getClass());
  }

  @Test
  void javaIntegerTypesAreInts() {
    assertEquals(OptionalLong.of(5), ValueCoercion.coerceInt((short) 5));
    assertEquals(OptionalLong.of(5), ValueCoercion.coerceInt((byte) 5));
    assertEquals(OptionalLong.of(5), ValueCoercion.coerceInt(BigInteger.valueOf(5)));
    assertEquals(OptionalLong.of(2), ValueCoercion.coerceInt(2.9f));
    assertEquals(Optional.of(true), ValueCoercion.coerceBool(BigInteger.TEN));
    assertEquals(Optional.of(false), ValueCoercion.coerceBool(0L));
    assertEquals(OptionalDouble.of(5.0), ValueCoercion.coerceFloat(5L));
    assertEquals(OptionalDouble.empty(), ValueCoercion.coerceFloat(BigInteger.TEN.pow(400)));
    assertEquals(OptionalDouble.empty(), ValueCoercion.coerceFloat(new Object()));
  }

  @Test
  void pythonWhitespaceIsStripped() {
    assertEquals(OptionalLong.of(7), ValueCoercion.coerceInt("\u00a07\u2003\n"));
    assertEquals(Optional.of(true), ValueCoercion.coerceBool("\tyes\u0085"));
    assertEquals(List.of(), ValueCoercion.coerceStrList("\u202f"));
  }

  @Test
  void arraysAreSequencesButBytesAreNot() {
    assertEquals(List.of("1", "2"), ValueCoercion.coerceStrList(new int[] {1, 2}));
    assertEquals(List.of("a"), ValueCoercion.coerceStrList(new String[] {"a", " "}));
    assertEquals(List.of(), ValueCoercion.coerceStrList(new byte[] {1}));
    assertEquals(List.of(), ValueCoercion.coerceStrList(Set.of("a")));
    assertEquals(Optional.empty(), ValueCoercion.coerceMappingList(new byte[] {1}));
    assertEquals(Optional.of(List.of(Map.of("k", 1))),
        ValueCoercion.coerceMappingList(new Object[] {Map.of("k", 1), "x"}));
    assertEquals(Optional.empty(), ValueCoercion.coerceMappingList(Set.of(Map.of())));
  }

  @Test
  void mappingListCopiesEntriesAndStringifiesKeys() {
    Map<Object, Object> source = new java.util.HashMap<>(Map.of(1, "one"));
    List<Map<String, Object>> result = ValueCoercion.coerceMappingList(List.of(source)).orElseThrow();
    assertEquals(Map.of("1", "one"), result.get(0));
    source.put(2, "two");
    assertEquals(1, result.get(0).size(), "the result is a copy");
  }

  @Test
  void strListIsMutableAndTupleIsNot() {
    List<String> list = ValueCoercion.coerceStrList("a");
    list.add("b");
    assertEquals(List.of("a", "b"), list);
    List<String> tuple = ValueCoercion.coerceStrTuple(new ArrayList<>(List.of("a")));
    assertThrows(UnsupportedOperationException.class, () -> tuple.add("b"));
  }

  @Test
  void boolResultsAreSharedInstances() {
    assertSame(ValueCoercion.coerceBool("on"), ValueCoercion.coerceBool(true));
    assertTrue(ValueCoercion.coerceBool(new Object()).isEmpty());
  }
}
