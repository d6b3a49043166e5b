package io.codeanatomy.delta.internal;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.TableConfig;
import io.delta.kernel.internal.checkpoints.CheckpointMetaData;
import io.delta.kernel.internal.checkpoints.Checkpointer;
import io.delta.kernel.internal.fs.Path;
import io.delta.kernel.internal.replay.CreateCheckpointIterator;
import io.delta.kernel.internal.snapshot.MetadataCleanup;
import io.delta.kernel.internal.util.FileNames;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Optional;

/**
 * Classic checkpoints for tables Kernel will not write to because they hold CHECK constraints
 * (Kernel 4.4 has no constraint enforcement, so its writer gate refuses them) while this module's
 * commit path enforces them. The steps are Kernel's own {@code Checkpointer.checkpoint}: the
 * checkpoint file from the snapshot's checkpoint iterator, {@code _last_checkpoint}, then expired
 * log cleanup where the table allows it. Callers check the table's other writer features first
 * ({@link WriterFeatures#check}).
 */
public final class Checkpoints {
  private Checkpoints() {}

  public static void writeWithoutKernelWriterGate(Engine engine, Snapshot snapshot) throws IOException {
    SnapshotImpl impl = (SnapshotImpl) snapshot;
    Path logPath = impl.getLogPath();
    long version = impl.getVersion();
    Path checkpoint = FileNames.checkpointFileSingular(logPath, version);
    long addActions;
    try (CreateCheckpointIterator actions = impl.getCreateCheckpointIterator(engine)) {
      engine.getParquetHandler().writeParquetFileAtomically(checkpoint.toString(), actions);
      addActions = actions.getNumberOfAddActions();
    } catch (FileAlreadyExistsException e) {
      throw new CheckpointAlreadyExistsException(version);
    } catch (IOException e) {
      if (e.getCause() instanceof FileAlreadyExistsException) {
        throw new CheckpointAlreadyExistsException(version);
      }
      throw e;
    }
    new Checkpointer(logPath).writeLastCheckpointFile(engine, new CheckpointMetaData(version, addActions,
        Optional.empty()));
    boolean protectedCheckpoints = impl.getProtocol().getWriterFeatures().contains("checkpointProtection");
    if (impl.wasBuiltAsLatest() && TableConfig.EXPIRED_LOG_CLEANUP_ENABLED.fromMetadata(impl.getMetadata())
        && !protectedCheckpoints) {
      MetadataCleanup.cleanupExpiredLogs(engine, System::currentTimeMillis, impl.getDataPath(),
          TableConfig.LOG_RETENTION.fromMetadata(impl.getMetadata()));
    }
  }
}
