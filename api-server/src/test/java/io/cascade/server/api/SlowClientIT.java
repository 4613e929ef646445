package io.cascade.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.testsupport.GraphQlClient;
import io.cascade.testsupport.ServerExtension;
import io.cascade.testsupport.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Clients that stall: a server whose body and header timeouts are one second answers a body that
 * stops, or trickles, with a JSON 408 and closes the connection, and closes a connection whose
 * headers stop. A socket that got no answer at all within 30 s fails the test; nothing here
 * measures time.
 */
class SlowClientIT {

    private static final int NO_ANSWER_MILLIS = 30_000;

    @RegisterExtension
    static final ServerExtension SERVER =
            new ServerExtension(Map.of("cascade.http.body-timeout", "1s", "server.tomcat.connection-timeout", "1s"));

    @BeforeAll
    static void start() {}

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", SERVER.get().port());
        socket.setSoTimeout(NO_ANSWER_MILLIS);
        return socket;
    }

    private static byte[] head(int contentLength, boolean withKey) {
        return ("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + (withKey ? "Authorization: Bearer " + TestServer.ADMIN_KEY + "\r\n" : "")
                        + "Content-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Everything the server sends until it closes the connection. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // closed with a reset after the answer: keep what arrived
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertJsonRefusal(String answer, int status) {
        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        String body = answer.substring(answer.indexOf("{"), answer.lastIndexOf('}') + 1);
        JsonNode json = GraphQlClient.JSON.readTree(body);
        assertThat(json.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void aBodyThatStopsIsAnsweredWithAJson408AndTheConnectionClosed() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(100, true));
            out.write("{\"query\": ".getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertJsonRefusal(readUntilClosed(socket.getInputStream()), 408);
        }
    }

    @Test
    void aBodyThatTricklesIsCutOffAndTheConnectionClosed() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(200, true));
            out.flush();
            CountDownLatch answered = new CountDownLatch(1);
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 200 && !answered.await(100, TimeUnit.MILLISECONDS); i++) {
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException e) {
                    // the server closed the connection: what this test waits for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            trickle.start();

            String answer = readUntilClosed(socket.getInputStream());
            answered.countDown();
            trickle.join();

            assertJsonRefusal(answer, 408);
            assertThat(answer).contains("the request body did not arrive within 1 s");
        }
    }

    @Test
    void headersThatStopEndTheConnection() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
        }
    }

    @Test
    void withoutAKeyABodyThatStopsIsRefusedAtOnceUnread() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(100, false));
            out.write("{\"query\": ".getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertThat(readUntilClosed(socket.getInputStream())).startsWith("HTTP/1.1 401 ");
        }
    }

    @Test
    void theServerStillAnswersAfterwards() {
        assertThat(SERVER.get()
                        .client()
                        .data("{ whoami { keyId } }")
                        .at("/whoami/keyId")
                        .asString())
                .isEqualTo("bootstrap");
    }
}
