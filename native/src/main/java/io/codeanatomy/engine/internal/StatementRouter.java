package io.codeanatomy.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.core.error.CodeAnatomyException;
import io.codeanatomy.engine.DataFrame;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.spi.SqlStatement;
import io.codeanatomy.engine.spi.StatementHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Offers statements to the {@link StatementHandler}s on the class path. */
public final class StatementRouter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<StatementHandler> HANDLERS = ServiceLoader.load(StatementHandler.class,
          StatementRouter.class.getClassLoader()).stream()
      .map(ServiceLoader.Provider::get)
      .sorted(Comparator.comparing(handler -> handler.getClass().getName()))
      .toList();

  private StatementRouter() {}

  /** The first handler's result for {@code sql}, or empty: no handler, or none wanted it. */
  public static Optional<DataFrame> route(Session session, String sql) {
    if (HANDLERS.isEmpty()) {
      return Optional.empty();
    }
    SqlStatement statement;
    try {
      statement = parse(sql);
    } catch (CodeAnatomyException unparsable) {
      return Optional.empty(); // the engine's own planning reports the error
    }
    if (statement.kind() == SqlStatement.Kind.OTHER) {
      return Optional.empty();
    }
    for (StatementHandler handler : HANDLERS) {
      Optional<DataFrame> result = handler.handle(session, statement);
      if (result.isPresent()) {
        return result;
      }
    }
    return Optional.empty();
  }

  static SqlStatement parse(String sql) {
    NativeLibrary.ensureLoaded();
    JsonNode json;
    try {
      json = JSON.readTree(NativeBridge.describeStatement(sql));
    } catch (IOException e) {
      throw new IllegalStateException("the engine describes statements as valid JSON", e);
    }
    return new SqlStatement(
        SqlStatement.Kind.valueOf(json.path("kind").asText("other").toUpperCase(java.util.Locale.ROOT)),
        sql,
        text(json, "table"),
        text(json, "file_type").map(type -> type.toUpperCase(java.util.Locale.ROOT)),
        text(json, "location"),
        strings(json.path("options")),
        list(json.path("partition_columns")),
        json.path("if_not_exists").asBoolean(false),
        json.path("or_replace").asBoolean(false),
        json.path("overwrite").asBoolean(false),
        list(json.path("columns")),
        text(json, "source"),
        text(json, "predicate"),
        strings(json.path("assignments")),
        constraint(json.path("constraint")),
        text(json, "target_alias"),
        text(json, "source_alias"),
        mergeClauses(json.path("clauses")));
  }

  private static List<SqlStatement.MergeClause> mergeClauses(JsonNode node) {
    List<SqlStatement.MergeClause> clauses = new ArrayList<>();
    node.forEach(clause -> clauses.add(new SqlStatement.MergeClause(clause.path("when").asText(),
        text(clause, "predicate"), clause.path("action").asText(), strings(clause.path("assignments")),
        list(clause.path("columns")), list(clause.path("values")))));
    return clauses;
  }

  private static Optional<SqlStatement.ConstraintChange> constraint(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new SqlStatement.ConstraintChange("add".equals(node.path("action").asText()),
        text(node, "name"), text(node, "expression"), node.path("if_exists").asBoolean(false)));
  }

  private static Optional<String> text(JsonNode json, String field) {
    JsonNode node = json.path(field);
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static List<String> list(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(element -> values.add(element.asText()));
    return values;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return values;
  }
}
