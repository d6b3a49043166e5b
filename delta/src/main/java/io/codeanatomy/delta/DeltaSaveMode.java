package io.codeanatomy.delta;

/** How a write treats existing rows: {@code append} keeps them, {@code overwrite} replaces them. */
public enum DeltaSaveMode {
  APPEND("Append"),
  OVERWRITE("Overwrite");

  private final String logName;

  DeltaSaveMode(String logName) {
    this.logName = logName;
  }

  /** The spelling Delta writers use in commitInfo's {@code operationParameters.mode}. */
  public String logName() {
    return logName;
  }
}
