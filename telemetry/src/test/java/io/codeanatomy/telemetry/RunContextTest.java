package io.codeanatomy.telemetry;

import static io.codeanatomy.telemetry.TestTelemetry.pointAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.runtime.RuntimeExecutor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunContextTest {
  private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey(AttributeName.RUN_ID);

  private TestTelemetry test;

  @BeforeEach
  void start() {
    test = TestTelemetry.start();
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void scopesNestAndRestoreThePreviousRunId() {
    assertEquals(Optional.empty(), RunContext.current());
    try (Scope outer = RunContext.open("outer")) {
      assertEquals(Optional.of("outer"), RunContext.current());
      try (Scope inner = RunContext.open("inner")) {
        assertEquals(Optional.of("inner"), RunContext.current());
      }
      assertEquals(Optional.of("outer"), RunContext.current());
    }
    assertEquals(Optional.empty(), RunContext.current());
  }

  @Test
  void blankRunIdsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RunContext.open(" "));
    assertThrows(NullPointerException.class, () -> RunContext.open(null));
  }

  @Test
  void sharedExecutorTasksInheritTheRunIdForMetricsSpansAndLogs() throws Exception {
    Telemetry telemetry = test.telemetry;
    String submitter = Thread.currentThread().getName();
    String worker;
    try (Scope run = RunContext.open("run-async")) {
      worker = RuntimeExecutor.shared().supply(() -> {
        telemetry.recordStageDuration("extract", 0.1, "ok", null);
        try (TelemetrySpan span = telemetry.startStageSpan("extract.files", "extract", ScopeName.EXTRACT, null)) {
          telemetry.emitDiagnosticsEvent("diagnostics.async", Map.of("artifact", "files"), Level.INFO, null);
        }
        return Thread.currentThread().getName();
      }).get(10, TimeUnit.SECONDS);
    }
    assertNotEquals(submitter, worker, "the task ran on an executor thread");
    assertEquals(List.of(Map.of("stage", "extract", "status", "ok", "codeanatomy.run_id", "run-async")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
    assertEquals("run-async", TestTelemetry.attribute(test.span("extract.files"), RUN_ID));
    LogRecordData log = test.exporters.logs().getFinishedLogRecordItems().get(0);
    assertEquals("run-async", log.getAttributes().get(RUN_ID));
  }

  @Test
  void tasksSubmittedOutsideARunCarryNoRunId() throws Exception {
    Telemetry telemetry = test.telemetry;
    try (Scope run = RunContext.open("finished-run")) {
      // opened and closed before submitting
    }
    RuntimeExecutor.shared().run(() -> telemetry.recordStageDuration("extract", 0.1, "ok", null)).get(10, TimeUnit.SECONDS);
    assertEquals(List.of(Map.of("stage", "extract", "status", "ok")),
        pointAttributes(test.metric("codeanatomy.stage.duration")));
  }

  @Test
  void concurrentRunsOnDifferentThreadsStaySeparate() throws Exception {
    Telemetry telemetry = test.telemetry;
    int runs = 4;
    int recordsPerRun = 50;
    CountDownLatch ready = new CountDownLatch(runs);
    ExecutorService threads = Executors.newFixedThreadPool(runs);
    try {
      List<CompletableFuture<Void>> futures = java.util.stream.IntStream.range(0, runs)
          .mapToObj(index -> CompletableFuture.runAsync(() -> {
            try (Scope run = RunContext.open("run-" + index)) {
              ready.countDown();
              awaitQuietly(ready);
              for (int record = 0; record < recordsPerRun; record++) {
                telemetry.recordTaskDuration("scan", 0.01, "ok", null);
              }
            }
          }, threads))
          .toList();
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    Map<String, Long> countsByRun = test.metric("codeanatomy.task.duration").getHistogramData().getPoints().stream()
        .collect(Collectors.toMap(point -> point.getAttributes().get(RUN_ID), HistogramPointData::getCount));
    assertEquals(Map.of("run-0", 50L, "run-1", 50L, "run-2", 50L, "run-3", 50L), countsByRun);
  }

  @Test
  void contextWrappingCarriesTheRunIdToOtherExecutors() throws Exception {
    ExecutorService plain = Context.taskWrapping(Executors.newSingleThreadExecutor());
    try (Scope run = RunContext.open("run-wrapped")) {
      assertEquals(Optional.of("run-wrapped"), plain.submit(RunContext::current).get(10, TimeUnit.SECONDS));
    } finally {
      plain.shutdownNow();
    }
    assertTrue(RunContext.current().isEmpty());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
