package io.codeanatomy.core.internal;

import java.io.IOException;
import java.math.BigInteger;

/** Receives a payload already normalised by {@link PayloadWalker}; one implementation per wire format. */
interface PayloadSink {
  void nil() throws IOException;

  void bool(boolean value) throws IOException;

  void integer(long value) throws IOException;

  void integer(BigInteger value) throws IOException;

  void float64(double value) throws IOException;

  void text(String value) throws IOException;

  void bytes(byte[] value) throws IOException;

  void startArray(int size) throws IOException;

  void endArray() throws IOException;

  void startMap(int size) throws IOException;

  void key(String key) throws IOException;

  void endMap() throws IOException;
}
