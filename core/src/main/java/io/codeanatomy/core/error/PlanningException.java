package io.codeanatomy.core.error;

/** The request could not be planned: a syntax error, an unknown table or column, a type error. */
public class PlanningException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public PlanningException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
