package io.codeanatomy.validation;

/**
 * How a {@link SchemaContract} treats columns it does not declare (reference: {@code EvolutionPolicy}).
 * Only {@link #STRICT} reports them; {@link #ADDITIVE} and {@link #RELAXED} accept them.
 */
public enum EvolutionPolicy {
  STRICT,
  ADDITIVE,
  RELAXED
}
