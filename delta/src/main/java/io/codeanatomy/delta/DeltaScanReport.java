package io.codeanatomy.delta;

/**
 * The latest Kernel scan planning for a registered Delta table: the Kernel predicate the query's
 * filters became, and how many of the registered data files Kernel planned for it (the others are
 * not read).
 */
public record DeltaScanReport(String predicate, int plannedFiles, int registeredFiles) {}
