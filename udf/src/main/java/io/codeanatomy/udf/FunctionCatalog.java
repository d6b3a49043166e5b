package io.codeanatomy.udf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codeanatomy.engine.Session;
import io.codeanatomy.engine.internal.EngineInternals;
import io.codeanatomy.engine.internal.StructAllocator;
import io.codeanatomy.udf.internal.UdfNative;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The session's one function catalog: the native CodeAnatomy functions (registered with every
 * session), functions defined with {@code CREATE FUNCTION}, and Java functions registered here.
 * All of them are callable from SQL and from DataFrame expressions and are listed in
 * {@code information_schema.routines}.
 */
public final class FunctionCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FunctionCatalog() {}

  /** Registers {@code function} in {@code session}'s catalog, replacing one of the same name. */
  public static void register(Session session, JavaScalarFunction function) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(function, "function");
    try (ArrowSchema parameters = ArrowSchema.allocateNew(StructAllocator.get());
        ArrowSchema result = ArrowSchema.allocateNew(StructAllocator.get())) {
      Data.exportSchema(StructAllocator.get(), new Schema(function.parameters()), null, parameters);
      Data.exportSchema(StructAllocator.get(), new Schema(List.of(function.result())), null, result);
      EngineInternals.withSession(session, address -> {
        UdfNative.registerScalarFunction(address, function.name(), parameters.memoryAddress(),
            result.memoryAddress(), function.volatility().ordinal(), function.body());
        return null;
      });
    }
  }

  /** The catalog as it is now, in {@code session}. */
  public static RegistrySnapshot snapshot(Session session) {
    Objects.requireNonNull(session, "session");
    String json = EngineInternals.withSession(session, UdfNative::registrySnapshot);
    try {
      return RegistrySnapshot.fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the engine reports its registry as valid JSON", e);
    }
  }
}
