package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.WireValue;

/** The kinds of disk cache a {@link DiskCacheProfile} configures (reference: {@code DiskCacheKind}). */
public enum DiskCacheKind implements WireValue {
  PLAN("plan"),
  EXTRACT("extract"),
  SCHEMA("schema"),
  REPO_SCAN("repo_scan"),
  RUNTIME("runtime"),
  QUEUE("queue"),
  INDEX("index"),
  COORDINATION("coordination");

  private final String wireValue;

  DiskCacheKind(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
