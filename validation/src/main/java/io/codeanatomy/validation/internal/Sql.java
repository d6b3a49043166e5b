package io.codeanatomy.validation.internal;

import io.codeanatomy.engine.internal.SqlText;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** SQL text the validators generate; every name goes through {@link SqlText#identifier}. */
final class Sql {
  private Sql() {}

  static String column(String name) {
    return SqlText.identifier(name);
  }

  static String qualified(String qualifier, String name) {
    return SqlText.identifier(qualifier) + "." + SqlText.identifier(name);
  }

  static List<String> columns(Collection<String> names) {
    return names.stream().map(Sql::column).toList();
  }

  /** {@code (a) OR (b) ...}; {@code FALSE} for none. */
  static String anyOf(Collection<String> predicates) {
    return predicates.isEmpty() ? "FALSE" : predicates.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" OR "));
  }

  /** {@code "a" IS NULL OR "b" IS NULL ...}. */
  static String anyNull(Collection<String> names) {
    return joinEach(names, name -> column(name) + " IS NULL", " OR ");
  }

  /** {@code "a" IS NOT NULL AND "b" IS NOT NULL ...}. */
  static String noneNull(Collection<String> names) {
    return joinEach(names, name -> column(name) + " IS NOT NULL", " AND ");
  }

  /** {@code "l"."a" = "r"."a" AND ...}: equality of the same columns on two aliased sides. */
  static String sameKeys(String left, String right, Collection<String> names) {
    return joinEach(names, name -> qualified(left, name) + " = " + qualified(right, name), " AND ");
  }

  private static String joinEach(Collection<String> names, Function<String, String> term, String separator) {
    return names.stream().map(term).collect(Collectors.joining(separator));
  }

  /** {@code base}, or {@code base_2}, {@code base_3}... : the first name not in {@code taken}. */
  static String freshName(String base, Collection<String> taken) {
    String name = base;
    for (int suffix = 2; taken.contains(name); suffix++) {
      name = base + "_" + suffix;
    }
    return name;
  }
}
