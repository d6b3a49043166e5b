package io.codeanatomy.engine.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.validate.ValidateUtil;
import org.apache.arrow.vector.validate.ValidateVectorBufferVisitor;

/**
 * A reader that checks each batch's buffers against their own sizes before the batch crosses to
 * the engine. The C Data interface carries no buffer lengths, so the engine sizes a variable-width
 * data buffer by its last offset: an offset past the end of the Java buffer would make it read
 * memory it does not own. Arrow Java's buffer validator is the cheap structural check (buffer sizes,
 * last offsets within capacity; its type validator is skipped because it rejects map vectors); the
 * engine validates the values in full after import.
 */
public final class ValidatedReader extends ArrowReader {
  private final ArrowReader source;

  public ValidatedReader(ArrowReader source) {
    super(StructAllocator.get());
    this.source = source;
  }

  @Override
  public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
    return source.getVectorSchemaRoot();
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    if (!source.loadNextBatch()) {
      return false;
    }
    try {
      checkBuffers(source.getVectorSchemaRoot().getFieldVectors());
    } catch (ValidateUtil.ValidateException e) {
      // The exporter hands the message to the engine, which reports it as INVALID_ARROW_DATA.
      throw new IOException("batch buffers do not match the data: " + e.getMessage(), e);
    }
    return true;
  }

  /**
   * Checks that each vector's buffers hold what its offsets and lengths claim, before the vectors
   * cross to the engine by any path (streams here, Java function results elsewhere).
   *
   * @throws ValidateUtil.ValidateException naming the first mismatch
   */
  public static void checkBuffers(Iterable<FieldVector> vectors) {
    ValidateVectorBufferVisitor buffers = new ValidateVectorBufferVisitor();
    for (FieldVector vector : vectors) {
      vector.accept(buffers, null);
    }
  }

  @Override
  public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
    return source.getDictionaryVectors();
  }

  @Override
  public Dictionary lookup(long id) {
    return source.lookup(id);
  }

  @Override
  public Set<Long> getDictionaryIds() {
    return source.getDictionaryIds();
  }

  @Override
  public long bytesRead() {
    return source.bytesRead();
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  @Override
  protected void closeReadSource() throws IOException {
    source.close();
  }

  @Override
  protected Schema readSchema() throws IOException {
    return source.getVectorSchemaRoot().getSchema();
  }
}
