package paperboy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's manners where GitHub is less tidy than the recorded answers: a secondary limit
 * without headers is waited out for a minute, a limit hit again after a wait stops the round, and
 * the token never follows a redirect to another host.
 */
class GitHubClientTest {
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<String> auths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private interface Handler {
        void handle(HttpExchange x, int n) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.createContext(
                "/",
                x -> {
                    try (x) {
                        String auth = x.getRequestHeaders().getFirst("Authorization");
                        auths.add(x.getRequestURI().getPath() + " " + (auth == null ? "-" : auth));
                        handler.handle(x, n.incrementAndGet());
                    }
                });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private GitHubClient client(URI api) {
        return new GitHubClient(
                api, "secret-token", "Paperboy-test/1.0", Clock.systemUTC(), waits::add);
    }

    @Test
    void aSecondaryLimitWithoutHeadersIsWaitedOutForAMinute() throws Exception {
        URI api =
                serve(
                        (x, n) -> {
                            if (n == 1) {
                                send(
                                        x,
                                        429,
                                        "{\"message\":\"You have exceeded a secondary rate"
                                                + " limit.\"}");
                            } else {
                                send(x, 200, "{\"full_name\":\"a/b\",\"stargazers_count\":3}");
                            }
                        });
        try (GitHubClient client = client(api)) {
            assertThat(client.repository("a/b", null))
                    .isEqualTo(new GitHubClient.Answer.Found(3, "a/b", null));
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void aLimitHitAgainAfterAWaitStopsTheRound() throws Exception {
        URI api = serve((x, n) -> send(x, 403, "{\"message\":\"API rate limit exceeded\"}"));
        try (GitHubClient client = client(api)) {
            assertThatThrownBy(() -> client.repository("a/b", null))
                    .isInstanceOf(GitHubClient.RateLimitedException.class)
                    .hasMessageContaining("hit again after a wait");
        }
        assertThat(waits).as("one wait, not one per answer").hasSize(1);
    }

    @Test
    void aForbiddenAnswerThatNamesNoLimitIsAnErrorNotAWait() throws Exception {
        URI api = serve((x, n) -> send(x, 403, "{\"message\":\"Bad credentials\"}"));
        try (GitHubClient client = client(api)) {
            assertThatThrownBy(() -> client.repository("a/b", null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("403");
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void theTokenNeverFollowsARedirectToAnotherHost() throws Exception {
        URI elsewhere =
                serve((x, n) -> send(x, 200, "{\"full_name\":\"new/b\",\"stargazers_count\":9}"));
        URI api =
                serve(
                        (x, n) -> {
                            x.getResponseHeaders().set("Location", elsewhere + "repositories/9");
                            send(x, 301, "{\"message\":\"Moved Permanently\"}");
                        });
        try (GitHubClient client = client(api)) {
            assertThat(client.repository("a/b", null))
                    .isEqualTo(new GitHubClient.Answer.Found(9, "new/b", null));
        }
        assertThat(auths).containsExactly("/repos/a/b Bearer secret-token", "/repositories/9 -");
    }
}
