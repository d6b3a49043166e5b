package io.codeanatomy.telemetry.internal;

import io.codeanatomy.telemetry.AttributeName;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;

/** Adds the run id of the record's context to every log record (reference {@code RunIdLogRecordProcessor}). */
public final class RunIdLogRecordProcessor implements LogRecordProcessor {
  private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey(AttributeName.RUN_ID);

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    String runId = RunIdContext.get(context);
    if (runId != null && !runId.isEmpty()) {
      logRecord.setAttribute(RUN_ID, runId);
    }
  }
}
