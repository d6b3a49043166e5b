package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/** Tags attached to a pipeline node (reference: {@code hamilton_pipeline/tag_policy.py}); {@code layer} and {@code kind} are required. */
public record TagPolicy(String layer, String kind, String artifact, String semanticId, String entity, String grain,
    String version, String stability, String schemaRef, String materialization, String materializedName,
    List<String> entityKeys, List<String> joinKeys, Map<String, String> extraTags) implements FingerprintableConfig {
  public TagPolicy {
    PolicyChecks.required("TagPolicy.layer", layer);
    PolicyChecks.required("TagPolicy.kind", kind);
    entityKeys = PolicyChecks.listOf("TagPolicy.entityKeys", entityKeys);
    joinKeys = PolicyChecks.listOf("TagPolicy.joinKeys", joinKeys);
    extraTags = extraTags == null ? null : PolicyChecks.mapOf("TagPolicy.extraTags", extraTags);
  }

  public static Builder builder(String layer, String kind) {
    return new Builder(layer, kind);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("layer", layer, "kind", kind, "artifact", artifact, "semantic_id", semanticId,
        "entity", entity, "grain", grain, "version", version, "stability", stability, "schema_ref", schemaRef,
        "materialization", materialization, "materialized_name", materializedName, "entity_keys", entityKeys,
        "join_keys", joinKeys, "extra_tags", extraTags);
  }

  /** Builder; optional text fields default to null, key lists to empty, extra tags to null. */
  public static final class Builder {
    private final String layer;
    private final String kind;
    private String artifact;
    private String semanticId;
    private String entity;
    private String grain;
    private String version;
    private String stability;
    private String schemaRef;
    private String materialization;
    private String materializedName;
    private List<String> entityKeys = List.of();
    private List<String> joinKeys = List.of();
    private Map<String, String> extraTags;

    private Builder(String layer, String kind) {
      this.layer = layer;
      this.kind = kind;
    }

    public Builder artifact(String value) {
      this.artifact = value;
      return this;
    }

    public Builder semanticId(String value) {
      this.semanticId = value;
      return this;
    }

    public Builder entity(String value) {
      this.entity = value;
      return this;
    }

    public Builder grain(String value) {
      this.grain = value;
      return this;
    }

    public Builder version(String value) {
      this.version = value;
      return this;
    }

    public Builder stability(String value) {
      this.stability = value;
      return this;
    }

    public Builder schemaRef(String value) {
      this.schemaRef = value;
      return this;
    }

    public Builder materialization(String value) {
      this.materialization = value;
      return this;
    }

    public Builder materializedName(String value) {
      this.materializedName = value;
      return this;
    }

    public Builder entityKeys(List<String> value) {
      this.entityKeys = value;
      return this;
    }

    public Builder joinKeys(List<String> value) {
      this.joinKeys = value;
      return this;
    }

    public Builder extraTags(Map<String, String> value) {
      this.extraTags = value;
      return this;
    }

    public TagPolicy build() {
      return new TagPolicy(layer, kind, artifact, semanticId, entity, grain, version, stability, schemaRef,
          materialization, materializedName, entityKeys, joinKeys, extraTags);
    }
  }
}
