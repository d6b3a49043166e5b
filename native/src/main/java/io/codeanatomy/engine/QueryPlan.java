package io.codeanatomy.engine;

/** The plans of a query as indented text: as written, after optimisation, and as executed. */
public record QueryPlan(String logical, String optimizedLogical, String physical) {
  @Override
  public String toString() {
    return "logical plan:\n" + logical + "\noptimized logical plan:\n" + optimizedLogical
        + "\nphysical plan:\n" + physical;
  }
}
