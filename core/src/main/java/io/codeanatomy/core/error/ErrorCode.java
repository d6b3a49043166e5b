package io.codeanatomy.core.error;

import java.util.HashMap;
import java.util.Map;

/**
 * Stable, numbered error codes. Numbers never change meaning once released; the native engine
 * reports errors by number, so this enum is the single table both sides share.
 */
public enum ErrorCode {
  SQL_SYNTAX(1001, ErrorCategory.PLANNING),
  PLAN(1002, ErrorCategory.PLANNING),
  SCHEMA(1003, ErrorCategory.PLANNING),
  EXECUTION(2001, ErrorCategory.EXECUTION),
  ARROW(2002, ErrorCategory.EXECUTION),
  USER_FUNCTION(2003, ErrorCategory.EXECUTION),
  RESOURCES_EXHAUSTED(3001, ErrorCategory.RESOURCES_EXHAUSTED),
  IO(4001, ErrorCategory.IO),
  OBJECT_STORE(4002, ErrorCategory.IO),
  NOT_IMPLEMENTED(5001, ErrorCategory.NOT_IMPLEMENTED),
  CONFIGURATION(6001, ErrorCategory.CONFIGURATION),
  INVALID_ARROW_DATA(7001, ErrorCategory.INVALID_INPUT),
  COERCION(7002, ErrorCategory.INVALID_INPUT),
  INVALID_ARGUMENT(7003, ErrorCategory.INVALID_INPUT),
  VALIDATION(7501, ErrorCategory.VALIDATION),
  CONSTRAINT_VIOLATION(7502, ErrorCategory.VALIDATION),
  DELTA_TABLE(8001, ErrorCategory.DELTA),
  DELTA_COMMIT_CONFLICT(8002, ErrorCategory.DELTA),
  DELTA_UNSUPPORTED_FEATURE(8003, ErrorCategory.DELTA),
  DELTA_VERSION_NOT_FOUND(8004, ErrorCategory.DELTA),
  DELTA_CORRUPT_LOG(8005, ErrorCategory.DELTA),
  /** Kernel's scan planning for a query over a registered Delta table failed. */
  DELTA_SCAN_PLANNING(8006, ErrorCategory.DELTA),
  /** A CHECK constraint cannot be added, dropped or evaluated as asked (bad name, expression or conflict). */
  DELTA_CONSTRAINT(8010, ErrorCategory.DELTA),
  /** A maintenance request the table cannot take (restore target, feature name, empty property set). */
  DELTA_MAINTENANCE(8020, ErrorCategory.DELTA),
  /** A vacuum retention below the table's minimum while retention enforcement is on. */
  DELTA_VACUUM_RETENTION(8021, ErrorCategory.DELTA),
  /** A change data feed read over versions that do not record change data (§2.5). */
  DELTA_CDF_NOT_ENABLED(8030, ErrorCategory.DELTA),
  RESOURCE_CLOSED(9001, ErrorCategory.STATE),
  QUERY_CANCELLED(9002, ErrorCategory.STATE),
  NATIVE_PANIC(9501, ErrorCategory.INTERNAL),
  NATIVE_LIBRARY(9502, ErrorCategory.INTERNAL),
  INTERNAL(9503, ErrorCategory.INTERNAL);

  private static final Map<Integer, ErrorCode> BY_NUMBER = new HashMap<>();

  static {
    for (ErrorCode code : values()) {
      if (BY_NUMBER.put(code.number, code) != null) {
        throw new ExceptionInInitializerError("duplicate error number " + code.number);
      }
    }
  }

  private final int number;
  private final ErrorCategory category;

  ErrorCode(int number, ErrorCategory category) {
    this.number = number;
    this.category = category;
  }

  public int number() {
    return number;
  }

  public ErrorCategory category() {
    return category;
  }

  /** The code with this number; unknown numbers (a newer native library) map to {@link #INTERNAL}. */
  public static ErrorCode fromNumber(int number) {
    return BY_NUMBER.getOrDefault(number, INTERNAL);
  }

  /** {@code CA-<number>}, the form used in messages and logs. */
  public String label() {
    return "CA-" + number;
  }
}
