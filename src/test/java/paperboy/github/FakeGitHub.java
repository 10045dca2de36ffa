package paperboy.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the GitHub REST API on 127.0.0.1, answering {@code GET /repos/{owner}/{repo}} as
 * GitHub documents it, from recorded bodies in {@code src/test/resources/github/}: {@code
 * ada/transformer} 200 with an ETag (304 when it is sent back), {@code old/name} 301 to {@code
 * /repositories/42} (renamed to {@code new/name}), {@code gone/repo} 404, and {@code busy/repo} a
 * 403 with {@code X-RateLimit-Remaining: 0} and a reset two seconds ahead the first time, then 200.
 */
public final class FakeGitHub implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(
            String path, @Nullable String ifNoneMatch, @Nullable String auth, int status) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean busyOnce = new AtomicBoolean(true);

    public FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String ifNoneMatch = x.getRequestHeaders().getFirst("If-None-Match");
        int status;
        try (x) {
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.getResponseHeaders().set("X-RateLimit-Limit", "60");
            status =
                    switch (path) {
                        case "/repos/ada/transformer" ->
                                found(x, ifNoneMatch, "\"e-ada\"", "ada-transformer.json");
                        case "/repos/old/name" -> {
                            x.getResponseHeaders().set("Location", url() + "repositories/42");
                            yield send(x, 301, "moved.json");
                        }
                        case "/repositories/42", "/repos/new/name" ->
                                found(x, ifNoneMatch, "\"e-new\"", "new-name.json");
                        case "/repos/gone/repo" -> send(x, 404, "not-found.json");
                        case "/repos/busy/repo" -> {
                            if (busyOnce.getAndSet(false)) {
                                x.getResponseHeaders().set("X-RateLimit-Remaining", "0");
                                x.getResponseHeaders()
                                        .set(
                                                "X-RateLimit-Reset",
                                                Long.toString(Instant.now().getEpochSecond() + 2));
                                yield send(x, 403, "rate-limited.json");
                            }
                            yield found(x, ifNoneMatch, "\"e-busy\"", "busy-repo.json");
                        }
                        default -> send(x, 404, "not-found.json");
                    };
        }
        requests.add(
                new Request(
                        path,
                        ifNoneMatch,
                        x.getRequestHeaders().getFirst("Authorization"),
                        status));
    }

    private static int found(HttpExchange x, @Nullable String ifNoneMatch, String etag, String body)
            throws IOException {
        x.getResponseHeaders().set("ETag", etag);
        if (etag.equals(ifNoneMatch)) {
            x.sendResponseHeaders(304, -1);
            return 304;
        }
        x.getResponseHeaders().set("X-RateLimit-Remaining", "59");
        return send(x, 200, body);
    }

    private static int send(HttpExchange x, int status, String fixture) throws IOException {
        byte[] body;
        try (InputStream in = FakeGitHub.class.getResourceAsStream("/github/" + fixture)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no fixture " + fixture));
            }
            body = in.readAllBytes();
        }
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
