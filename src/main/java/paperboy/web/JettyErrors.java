package paperboy.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The pages Jetty writes itself, for requests that never reach the site: a request line, URI or
 * headers it cannot take (400, 414, 431), a body too slow or too large (408, 413). They carry the
 * site's {@link SecurityHeaders} like every other answer, and no stack trace.
 */
final class JettyErrors extends ErrorHandler {
    private final SecurityHeaders headers;

    JettyErrors(SecurityHeaders headers) {
        this.headers = headers;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        headers.applyTo(response.getHeaders()::put);
        return super.handle(request, response, callback);
    }
}
