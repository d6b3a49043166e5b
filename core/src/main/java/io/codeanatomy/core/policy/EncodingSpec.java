package io.codeanatomy.core.policy;

import org.apache.arrow.vector.types.pojo.ArrowType;

/** Dictionary encoding of one column; a null index type or ordering defers to the policy's default. */
public record EncodingSpec(String column, ArrowType.Int indexType, Boolean ordered) {
  public EncodingSpec {
    PolicyChecks.required("EncodingSpec.column", column);
  }

  public EncodingSpec(String column) {
    this(column, null, null);
  }
}
