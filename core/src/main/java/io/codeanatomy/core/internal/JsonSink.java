package io.codeanatomy.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.codeanatomy.core.text.FloatDigits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;

/**
 * JSON through Jackson's generator, configured to produce the reference's bytes: msgspec's compact
 * layout (raw UTF-8, NaN/inf as {@code null}) or stdlib {@code json.dumps} defaults ({@code ", "}
 * and {@code ": "} separators, ASCII-only output, {@code NaN}/{@code Infinity}). Escapes use
 * lowercase hex like both Python encoders.
 */
final class JsonSink implements PayloadSink {
  enum Style { MSGSPEC, STDLIB }

  private static final JsonFactory MSGSPEC_FACTORY = new JsonFactoryBuilder()
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .build();
  private static final JsonFactory STDLIB_FACTORY = new JsonFactoryBuilder()
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .characterEscapes(new AsciiOnlyEscapes())
      .build();

  private final Style style;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final JsonGenerator generator;

  JsonSink(Style style) {
    this.style = style;
    try {
      if (style == Style.STDLIB) {
        generator = STDLIB_FACTORY.createGenerator(output);
        generator.setPrettyPrinter(new StdlibSeparators());
      } else {
        generator = MSGSPEC_FACTORY.createGenerator(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory JSON generator", e);
    }
  }

  byte[] toByteArray() {
    try {
      generator.close();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory JSON generator", e);
    }
    return output.toByteArray();
  }

  /** {@code json.dumps} renders floats with {@code float.__repr__} but spells non-finite values its own way. */
  static String stdlibFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return FloatDigits.pythonRepr(value);
  }

  @Override
  public void nil() throws IOException {
    generator.writeNull();
  }

  @Override
  public void bool(boolean value) throws IOException {
    generator.writeBoolean(value);
  }

  @Override
  public void integer(long value) throws IOException {
    generator.writeNumber(value);
  }

  @Override
  public void integer(BigInteger value) throws IOException {
    generator.writeNumber(value);
  }

  @Override
  public void float64(double value) throws IOException {
    generator.writeNumber(style == Style.STDLIB ? stdlibFloat(value) : FloatDigits.msgspecJson(value));
  }

  @Override
  public void text(String value) throws IOException {
    generator.writeString(value);
  }

  @Override
  public void bytes(byte[] value) {
    throw new IllegalStateException("bytes reach the JSON sink only as base64 text");
  }

  @Override
  public void startArray(int size) throws IOException {
    generator.writeStartArray();
  }

  @Override
  public void endArray() throws IOException {
    generator.writeEndArray();
  }

  @Override
  public void startMap(int size) throws IOException {
    generator.writeStartObject();
  }

  @Override
  public void key(String key) throws IOException {
    generator.writeFieldName(key);
  }

  @Override
  public void endMap() throws IOException {
    generator.writeEndObject();
  }

  /** Python's {@code ensure_ascii} also escapes DEL, which Jackson leaves alone. */
  private static final class AsciiOnlyEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ESCAPES = standardAsciiEscapesForJSON();

    static {
      ESCAPES[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ESCAPES;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  /** {@code json.dumps} separators: {@code ", "} between items, {@code ": "} after keys, no newlines. */
  private static final class StdlibSeparators implements PrettyPrinter {
    @Override
    public void writeRootValueSeparator(JsonGenerator gen) {}

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
      gen.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
      gen.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
      gen.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
      gen.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
      gen.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) {}

    @Override
    public void beforeObjectEntries(JsonGenerator gen) {}
  }
}
