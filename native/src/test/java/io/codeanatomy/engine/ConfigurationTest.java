package io.codeanatomy.engine;

import static io.codeanatomy.engine.EngineTestSupport.closeChecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.error.CodeAnatomyException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime profile reaches the engine, and SET/SHOW work through SQL and the API. */
class ConfigurationTest {
  @TempDir Path spill;

  @Test
  void profileValuesAreVisibleAsSettings() {
    RuntimeProfile profile = RuntimeProfile.builder()
        .targetPartitions(3)
        .batchSize(2048)
        .memoryLimitBytes(256L << 20)
        .spillDirectory(spill)
        .maxSpillBytes(1L << 30)
        .setting("datafusion.execution.parquet.pushdown_filters", "true")
        .setting("datafusion.runtime.metadata_cache_limit", "64M")
        .build();
    try (Session session = Session.open(profile)) {
      var settings = session.settings();
      assertEquals("3", settings.get("datafusion.execution.target_partitions"));
      assertEquals("2048", settings.get("datafusion.execution.batch_size"));
      assertEquals("true", settings.get("datafusion.execution.parquet.pushdown_filters"));
      assertEquals("true", settings.get("datafusion.catalog.information_schema"));
      assertEquals("64M", settings.get("datafusion.runtime.metadata_cache_limit"));
      // memory limit, spill directory and its cap reach the runtime environment
      assertEquals("256M", settings.get("datafusion.runtime.memory_limit"));
      assertEquals("1G", settings.get("datafusion.runtime.max_temp_directory_size"));
      String spillDirectories = settings.get("datafusion.runtime.temp_directory");
      assertTrue(spillDirectories != null && spillDirectories.startsWith(spill.toString()), spillDirectories);
    }
  }

  @Test
  void setAndShowThroughSqlAndApi() {
    BufferAllocator allocator = EngineTestSupport.newAllocator();
    try (Session session = Session.open()) {
      session.execute("SET datafusion.execution.batch_size = 123");
      assertEquals(List.of(List.of("datafusion.execution.batch_size", "123")),
          EngineTestSupport.rows(session, "SHOW datafusion.execution.batch_size", allocator));
      session.set("datafusion.execution.time_zone", "Europe/Paris");
      assertEquals("Europe/Paris", session.settings().get("datafusion.execution.time_zone"));
      assertThrows(CodeAnatomyException.class, () -> session.set("datafusion.execution.nope", "1"));
      assertThrows(CodeAnatomyException.class, () -> session.set("bad key; DROP TABLE x", "1"));
    }
    closeChecked(allocator);
  }

  @Test
  void informationSchemaCanBeTurnedOff() {
    try (Session session = Session.open(RuntimeProfile.builder().informationSchema(false).build())) {
      assertThrows(CodeAnatomyException.class, () -> session.sql("SHOW TABLES"));
    }
  }

  @Test
  void profileIsAValueWithAFingerprint() {
    RuntimeProfile a = RuntimeProfile.builder().targetPartitions(4).setting("x.y", "1").setting("a.b", "2").build();
    RuntimeProfile b = RuntimeProfile.builder().setting("a.b", "2").setting("x.y", "1").targetPartitions(4).build();
    assertEquals(a, b);
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals(64, a.fingerprint().length());
    assertNotEquals(a.fingerprint(), a.toBuilder().targetPartitions(5).build().fingerprint());
    assertEquals(a, a.toBuilder().build());
    assertTrue(RuntimeProfile.defaults().informationSchema());
  }

  @Test
  void profileTextHidesSecretSettingValues() {
    RuntimeProfile profile = RuntimeProfile.builder().targetPartitions(3)
        .setting("aws.secret_access_key", "s3cr3t-value").setting("azure.sas_token", "sv=tok")
        .setting("datafusion.execution.batch_size", "777").build();
    String text = profile.toString();
    assertFalse(text.contains("s3cr3t-value"), text);
    assertFalse(text.contains("sv=tok"), text);
    assertTrue(text.contains("aws.secret_access_key=***"), text);
    assertTrue(text.contains("datafusion.execution.batch_size=777"), text);
    assertTrue(text.contains("target_partitions=3"), text);
    // Only the text is redacted: the profile still carries and fingerprints the real value.
    assertEquals("s3cr3t-value", profile.settings().get("aws.secret_access_key"));
    assertNotEquals(profile.fingerprint(),
        profile.toBuilder().setting("aws.secret_access_key", "other").build().fingerprint());
  }
}
