package io.codeanatomy.delta;

/** Schema evolution on write (§4.7): {@code merge} adds new columns, {@code overwrite} replaces the schema. */
public enum DeltaSchemaMode {
  MERGE,
  OVERWRITE
}
