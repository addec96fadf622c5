package dev.gatehouse.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Fixed answers shaped like the demo agent's benchmark endpoints: {@code json} (GET, or POST whose
 * body is read and counted) answers 2048 bytes of JSON; {@code sse} streams 50 events, each flushed
 * on its own, then {@code [DONE]}.
 */
@Path("/")
public class CeilingResource {

  private static final byte[] ANSWER = answer(2048);
  private static final byte[] EVENT =
      "data: {\"seq\":1,\"text\":\"a fixed event\"}\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  @GET
  @Path("json")
  @Produces("application/json")
  public byte[] get() {
    return ANSWER;
  }

  @POST
  @Path("json")
  @Produces("application/json")
  public byte[] post(InputStream body) throws IOException {
    body.transferTo(OutputStream.nullOutputStream());
    return ANSWER;
  }

  @GET
  @Path("sse")
  public Response sse() {
    StreamingOutput events =
        out -> {
          for (int i = 0; i < 50; i++) {
            out.write(EVENT);
            out.flush();
          }
          out.write(DONE);
          out.flush();
        };
    return Response.ok(events, "text/event-stream").build();
  }

  private static byte[] answer(int size) {
    String head = "{\"object\":\"bench.answer\",\"received\":0,\"text\":\"";
    String tail = "\"}";
    StringBuilder text = new StringBuilder();
    while (text.length() < size - head.length() - tail.length()) {
      text.append("Observation: revenue grew while costs stayed flat. ");
    }
    text.setLength(size - head.length() - tail.length());
    return (head + text + tail).getBytes(StandardCharsets.UTF_8);
  }
}
