package io.codeanatomy.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named schema contracts (reference: {@code ContractRegistry}), kept in registration order; a
 * later registration under the same name replaces the earlier one. Thread-safe.
 */
public final class ContractRegistry implements Iterable<String> {
  private final Map<String, SchemaContract> contracts = new LinkedHashMap<>();

  /** {@code register(name, contract)}. */
  public synchronized void register(String name, SchemaContract contract) {
    contracts.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(contract, "contract"));
  }

  /** {@code register_contract(contract)}: registers under the contract's table name. */
  public void register(SchemaContract contract) {
    register(contract.tableName(), contract);
  }

  public synchronized Optional<SchemaContract> get(String name) {
    return Optional.ofNullable(contracts.get(name));
  }

  public synchronized boolean contains(String name) {
    return contracts.containsKey(name);
  }

  public synchronized int size() {
    return contracts.size();
  }

  /** The registered names, as of this call. */
  @Override
  public Iterator<String> iterator() {
    return snapshot().keySet().iterator();
  }

  /** An unmodifiable copy of the registry: name to contract, in registration order ({@code items()}/{@code snapshot()}). */
  public synchronized Map<String, SchemaContract> snapshot() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
  }

  /** {@code validate_all}: each contract's {@link SchemaContract#validateAgainstIntrospection} violations, by name. */
  public Map<String, List<ValidationViolation>> validateAll(IntrospectionSnapshot catalog) {
    Map<String, List<ValidationViolation>> results = new LinkedHashMap<>();
    snapshot().forEach((name, contract) -> results.put(name, contract.validateAgainstIntrospection(catalog)));
    return Collections.unmodifiableMap(results);
  }

  /** {@code get_violations}: every contract's violations in one list, in registration order. */
  public List<ValidationViolation> violations(IntrospectionSnapshot catalog) {
    List<ValidationViolation> all = new ArrayList<>();
    validateAll(catalog).values().forEach(all::addAll);
    return List.copyOf(all);
  }
}
