package io.codeanatomy.core.internal;

import java.io.IOException;
import java.math.BigInteger;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** msgpack-java already chooses the smallest int/str/bin/array/map forms, exactly as msgspec does. */
final class MsgpackSink implements PayloadSink {
  /** Payloads are typically a few hundred bytes; the 8 KiB default buffer would dominate the cost. */
  private static final MessagePack.PackerConfig CONFIG = MessagePack.DEFAULT_PACKER_CONFIG.withBufferSize(512);

  private final MessageBufferPacker packer = CONFIG.newBufferPacker();

  byte[] toByteArray() {
    return packer.toByteArray();
  }

  @Override
  public void nil() throws IOException {
    packer.packNil();
  }

  @Override
  public void bool(boolean value) throws IOException {
    packer.packBoolean(value);
  }

  @Override
  public void integer(long value) throws IOException {
    packer.packLong(value);
  }

  @Override
  public void integer(BigInteger value) throws IOException {
    packer.packBigInteger(value);
  }

  @Override
  public void float64(double value) throws IOException {
    packer.packDouble(value);
  }

  @Override
  public void text(String value) throws IOException {
    packer.packString(value);
  }

  @Override
  public void bytes(byte[] value) throws IOException {
    packer.packBinaryHeader(value.length);
    packer.writePayload(value);
  }

  @Override
  public void startArray(int size) throws IOException {
    packer.packArrayHeader(size);
  }

  @Override
  public void endArray() {}

  @Override
  public void startMap(int size) throws IOException {
    packer.packMapHeader(size);
  }

  @Override
  public void key(String key) throws IOException {
    packer.packString(key);
  }

  @Override
  public void endMap() {}
}
