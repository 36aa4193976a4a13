package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown drains: a request in flight finishes, one that arrives after shutdown began is refused.
 */
class ModelServerDrainTest {

  @TempDir Path dir;

  @Test
  void requestInFlightFinishesAndLaterRequestsAreRefused() throws Exception {
    Path tiny = ServeTesting.tinyPackage(dir.resolve("tiny"), 9);
    ModelServer server =
        ServeTesting.start(
            Map.of("tiny", tiny), ServeTesting.options(4096, 4, Duration.ofSeconds(20), false));
    int port = server.port();
    byte[] body =
        ServeTesting.inferJson(List.of("Anna flew to Oslo"), null, List.of("intent.label"))
            .getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> closing;
    try (Socket inFlight = new Socket("127.0.0.1", port)) {
      inFlight.setSoTimeout(20_000);
      OutputStream out = inFlight.getOutputStream();
      out.write(
          ("POST /v2/models/tiny/infer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 10);
      out.flush();
      Thread.sleep(200);

      closing = CompletableFuture.runAsync(server::close);
      Thread.sleep(500);
      assertThat(closing).as("shutdown waits for the request in flight").isNotDone();
      HttpResponse<String> late = null;
      try {
        late =
            ServeTesting.post(
                port, "/v2/models/tiny/infer", new String(body, StandardCharsets.UTF_8));
      } catch (java.io.IOException refused) {
        // the listening port may already be closed: the connection is refused, which is also a
        // refusal
      }
      if (late != null) {
        assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
        assertThat(late.body()).contains("server is shutting down");
      }

      out.write(body, 10, body.length - 10);
      out.flush();
      InputStream in = inFlight.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 200");
    }
    closing.get(20, TimeUnit.SECONDS);
  }
}
