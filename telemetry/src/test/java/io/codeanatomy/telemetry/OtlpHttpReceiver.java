package io.codeanatomy.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A minimal OTLP/HTTP collector on 127.0.0.1 (ephemeral port) that decodes what it receives. */
final class OtlpHttpReceiver implements AutoCloseable {
  final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
  final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/v1/traces", exchange -> receive(exchange, body -> traces.add(ExportTraceServiceRequest.parseFrom(body))));
    server.createContext("/v1/metrics", exchange -> receive(exchange, body -> metrics.add(ExportMetricsServiceRequest.parseFrom(body))));
    server.createContext("/v1/logs", exchange -> receive(exchange, body -> logs.add(ExportLogsServiceRequest.parseFrom(body))));
    server.start();
  }

  /** The base endpoint, e.g. {@code http://127.0.0.1:41234}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private interface Decoder {
    void decode(byte[] body) throws IOException;
  }

  private void receive(HttpExchange exchange, Decoder decoder) throws IOException {
    try (exchange) {
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      decoder.decode(body.readAllBytes());
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      // An empty Export*ServiceResponse: full success.
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
