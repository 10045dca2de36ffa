package paperboy.web;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A servlet {@link WebServer#mount}s (the MCP endpoint), its requests in the access log and the
 * request metrics under its path, as the routes' are: an operator sees every request. A streaming
 * answer is logged when its servlet returns, with the status it has then.
 */
final class LoggedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * An answered request.
     *
     * @param client the client's address (behind a trusted proxy, the one it names)
     * @param route the mounted path, e.g. {@code /mcp/*}
     */
    record Done(
            String client,
            String method,
            String path,
            @Nullable String query,
            String route,
            int status,
            double millis) {}

    private final HttpServlet inner;
    private final String route;
    private final transient Consumer<Done> log;

    LoggedServlet(HttpServlet inner, String route, Consumer<Done> log) {
        this.inner = inner;
        this.route = route;
        this.log = log;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        inner.init(config);
    }

    @Override
    public void destroy() {
        inner.destroy();
    }

    @Override
    public void service(ServletRequest request, ServletResponse response)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            inner.service(request, response);
        } finally {
            if (request instanceof HttpServletRequest http
                    && response instanceof HttpServletResponse answer) {
                log.accept(
                        new Done(
                                http.getRemoteAddr(),
                                http.getMethod(),
                                http.getRequestURI(),
                                http.getQueryString(),
                                route,
                                answer.getStatus(),
                                (System.nanoTime() - start) / 1e6));
            }
        }
    }
}
