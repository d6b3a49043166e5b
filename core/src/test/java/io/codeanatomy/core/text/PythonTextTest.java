package io.codeanatomy.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are what CPython 3 prints for the equivalent Python values. */
class PythonTextTest {
  @Test
  void strOfScalarsFollowsPython() {
    assertEquals("None", PythonText.str(null));
    assertEquals("True", PythonText.str(true));
    assertEquals("False", PythonText.str(false));
    assertEquals("-7", PythonText.str(-7));
    assertEquals("1.0", PythonText.str(1.0));
    assertEquals("0.1", PythonText.str(0.1));
    assertEquals("1e+16", PythonText.str(1e16));
    assertEquals("1e-05", PythonText.str(0.00001));
    assertEquals("nan", PythonText.str(Double.NaN));
    assertEquals("text", PythonText.str("text"));
  }

  @Test
  void reprOfContainersFollowsPython() {
    assertEquals("[1, 'a', None, True]", PythonText.str(Arrays.asList(1, "a", null, true)));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", "it's");
    map.put("n", 2.5);
    assertEquals("{'k': \"it's\", 'n': 2.5}", PythonText.str(map));
    assertEquals("{1, 2}", PythonText.str(new LinkedHashSet<>(List.of(1, 2))));
    assertEquals("set()", PythonText.str(new LinkedHashSet<>()));
    assertEquals("'tab\\there\\n'", PythonText.repr("tab\there\n"));
    assertEquals("'\\x00\\x7f\u00e9'", PythonText.repr("\u0000\u007f\u00e9"));
    assertEquals("b\"ab\\x00'\"", PythonText.repr(new byte[] {'a', 'b', 0, '\''}));
    assertEquals("b'\\'\"'", PythonText.repr(new byte[] {'\'', '"'}));
  }

  @Test
  void jsonDumpsMatchesPythonsDefaultSeparatorsAndEscaping() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("zeta", List.of(1, 2.0, "x"));
    payload.put("alpha", Map.of("nested", true));
    payload.put("unicode", "caf\u00e9 \uD83D\uDE00 \"q\" \\ \n\t\u0001\u007f");
    payload.put("none", null);
    payload.put("nan", Double.NaN);
    payload.put("big", 1e16);
    assertEquals("{\"alpha\": {\"nested\": true}, \"big\": 1e+16, \"nan\": NaN, \"none\": null, "
            + "\"unicode\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\", "
            + "\"zeta\": [1, 2.0, \"x\"]}",
        PythonText.jsonDumps(payload));
  }

  @Test
  void jsonDumpsUsesStrForValuesJsonCannotHold() {
    Map<Object, Object> payload = new LinkedHashMap<>();
    payload.put("set", new LinkedHashSet<>(List.of("a")));
    payload.put("bytes", new byte[] {'h', 'i'});
    payload.put(2, "int key");
    payload.put(true, "bool key");
    assertEquals("{\"2\": \"int key\", \"bytes\": \"b'hi'\", \"set\": \"{'a'}\", \"true\": \"bool key\"}",
        PythonText.jsonDumps(payload));
    assertEquals("[]", PythonText.jsonDumps(List.of()));
    assertEquals("{}", PythonText.jsonDumps(Map.of()));
  }

  @Test
  void pathStrFollowsPurePosixPath() {
    // Expected values printed by CPython 3.13: str(PurePosixPath(text)).
    Map<String, String> cases = Map.of("cache/./disk//", "cache/disk", "a/../b", "a/../b", "./x", "x", ".", ".",
        "", ".", "/", "/", "a/./b/.", "a/b", "/tmp//x/", "/tmp/x");
    cases.forEach((text, expected) -> assertEquals(expected, PythonText.pathStr(java.nio.file.Path.of(text)), text));
  }
}
