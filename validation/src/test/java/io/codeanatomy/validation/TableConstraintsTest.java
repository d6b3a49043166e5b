package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.ConfigurationException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The constraint helpers of §6.4: normalisation, merging, required columns, keys and definitions. */
class TableConstraintsTest {

  @Test
  void normalizeColumnNamesStripsAndDropsEmptiesAndRepeats() {
    assertEquals(List.of("a", "b", "c"),
        TableConstraints.normalizeColumnNames(Arrays.asList(" a", "b ", "", "   ", "a", null, "\tc\n", "b")));
    assertEquals(List.of(), TableConstraints.normalizeColumnNames(List.of()));
  }

  @Test
  void mergeConstraintExpressionsDropsRepeatsAcrossParts() {
    assertEquals(List.of("a > 0", "b IS NOT NULL", "c < 1"),
        TableConstraints.mergeConstraintExpressions(List.of(" a > 0 ", "b IS NOT NULL"), List.of("a > 0", " ", "c < 1")));
  }

  @Test
  void requiredNonNullIsNotNullThenPrimaryKey() {
    TableConstraints constraints = TableConstraints.builder().primaryKey("id", " b").notNull("b", "c ").build();
    assertEquals(List.of("b", "c", "id"), constraints.requiredNonNull());
  }

  @Test
  void keyFieldsPreferThePrimaryKeyThenTheFirstUniqueGroup() {
    assertEquals(List.of("id"), TableConstraints.builder().primaryKey(" id").unique("x").build().keyFields());
    assertEquals(List.of("x", "y"), TableConstraints.builder().unique("x", "y").unique("z").build().keyFields());
    assertEquals(List.of(), TableConstraints.NONE.keyFields());
  }

  @Test
  void checkExpressionsAreNormalised() {
    TableConstraints constraints = TableConstraints.builder().check(" a > 0 ").check("named", "a > 0")
        .check("b < 2").build();
    assertEquals(List.of("a > 0", "b < 2"), constraints.checkExpressions());
  }

  @Test
  void deltaCheckConstraintsAndDefinitions() {
    TableConstraints constraints = TableConstraints.builder().primaryKey("id").notNull("name").unique("a", "b")
        .unique(" ").check("amount > 0").check("name IS NOT NULL").build();
    assertEquals(List.of("name IS NOT NULL", "id IS NOT NULL", "amount > 0"), constraints.deltaCheckConstraints());
    assertEquals(List.of("PRIMARY KEY (id)", "UNIQUE (a, b)", "name IS NOT NULL", "id IS NOT NULL", "amount > 0"),
        constraints.tableConstraintDefinitions());
    assertEquals(List.of(), TableConstraints.NONE.tableConstraintDefinitions());
  }

  @Test
  void fromSpecsSortsSpecsByType() {
    TableConstraints constraints = TableConstraints.fromSpecs(List.of(ConstraintSpec.primaryKey("id"),
        ConstraintSpec.notNull("a", "b"), ConstraintSpec.unique("x"), ConstraintSpec.check("positive", "a > 0"),
        ConstraintSpec.notNull("c")));
    assertEquals(List.of("id"), constraints.primaryKey());
    assertEquals(List.of("a", "b", "c"), constraints.notNull());
    assertEquals(List.of(List.of("x")), constraints.unique());
    assertEquals("positive", constraints.checks().get(0).name());
    assertThrows(ConfigurationException.class, () -> TableConstraints.fromSpecs(
        List.of(ConstraintSpec.primaryKey("a"), ConstraintSpec.primaryKey("b"))));
  }

  @Test
  void constraintSpecsNormaliseAndRejectMismatchedParts() {
    ConstraintSpec spec = new ConstraintSpec(ConstraintType.UNIQUE, null, List.of(" a", "a", "b"), null);
    assertEquals(List.of("a", "b"), spec.normalizedColumns());
    assertEquals("x > 1", ConstraintSpec.check("  x > 1\n").normalizedExpression());
    assertNull(ConstraintSpec.check("   ").normalizedExpression());
    assertNull(ConstraintSpec.notNull("a").normalizedExpression());
    assertThrows(ConfigurationException.class, () -> new ConstraintSpec(ConstraintType.CHECK, "c", List.of(), null));
    assertThrows(ConfigurationException.class, () -> new ConstraintSpec(ConstraintType.NOT_NULL, null, List.of("a"), "a > 1"));
    assertThrows(ConfigurationException.class,
        () -> new TableConstraints(List.of(), List.of(), List.of(ConstraintSpec.notNull("a")), List.of()));
    assertEquals(List.of("pk", "not_null", "check", "unique"),
        Arrays.stream(ConstraintType.values()).map(ConstraintType::wireValue).toList());
  }
}
