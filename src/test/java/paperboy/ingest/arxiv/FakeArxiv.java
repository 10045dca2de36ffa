package paperboy.ingest.arxiv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for arXiv on 127.0.0.1: answers each request with what the test's handler says
 * (usually a fixture from {@code src/test/resources/arxiv/}) and records the requests.
 */
public final class FakeArxiv implements AutoCloseable {

    /** A request as the server saw it; {@code query} is decoded. */
    public record Request(String path, Map<String, String> query, String userAgent) {
        public String param(String name) {
            return query.get(name);
        }
    }

    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply fixture(String name) {
            return new Reply(
                    200,
                    Map.of("Content-Type", "text/xml; charset=utf-8"),
                    FakeArxiv.fixture(name));
        }

        public static Reply status(int status) {
            return new Reply(
                    status, Map.of(), ("status " + status).getBytes(StandardCharsets.UTF_8));
        }

        static Reply retryAfter(int status, String seconds) {
            return new Reply(
                    status,
                    Map.of("Retry-After", seconds),
                    "busy".getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The recorded three-page ListRecords run ({@code oai/raw-page1..3.xml}), chained by the
     * resumption tokens {@code page|2} and {@code page|3}.
     */
    public static Reply threePages(Request r) {
        String token = r.param("resumptionToken");
        if (token == null) {
            return Reply.fixture("oai/raw-page1.xml");
        }
        return switch (token) {
            case "page|2" -> Reply.fixture("oai/raw-page2.xml");
            case "page|3" -> Reply.fixture("oai/raw-page3.xml");
            default -> Reply.fixture("oai/bad-resumption-token.xml");
        };
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Function<Request, Reply> handler;

    public FakeArxiv(Function<Request, Reply> handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Several threads, so the server would notice if a client sent requests in parallel.
        server.setExecutor(executor);
        server.start();
    }

    /** Changes the answers from now on, e.g. to heal an outage. */
    void answer(Function<Request, Reply> newHandler) {
        this.handler = newHandler;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    static byte[] fixture(String name) {
        try (InputStream in = FakeArxiv.class.getResourceAsStream("/arxiv/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture arxiv/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request =
                    new Request(
                            exchange.getRequestURI().getPath(),
                            query(exchange.getRequestURI()),
                            exchange.getRequestHeaders().getFirst("User-Agent"));
            requests.add(request);
            Reply reply = handler.apply(request);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(
                    reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            exchange.getResponseBody().write(reply.body());
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
