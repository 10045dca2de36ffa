package paperboy.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's whole body before the site sees the request, without holding a thread while it
 * arrives: the site's routes read bodies blocking (Javalin parses forms from the input stream), so
 * a client sending its body a byte at a time held one of the server's threads for as long as it
 * liked, and a few hundred such clients stopped the site (issue 13). Here the body is read as it
 * comes (a thread only for each arrival) and the request goes on once it is complete.
 *
 * <p>A body must keep arriving: after {@link #GRACE}, at least {@link #MIN_RATE} bytes a second on
 * average, else the connection is answered 408 and closed. A body larger than {@link #MAX_BODY} is
 * answered 413. A client that goes away mid-body is one line at DEBUG: nothing went wrong here.
 * Thread-safe.
 */
final class BodiesFirst extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(BodiesFirst.class);

    /**
     * The largest body taken: the largest form is a comment of 10,000 characters, at most 120 kB
     * percent-encoded; twice that leaves room and bounds what a client can make the server hold.
     */
    static final int MAX_BODY = 256 * 1024;

    /** The one form that uploads a file: a member's library (BibTeX, RIS, CSL-JSON). */
    static final String UPLOAD_PATH = "/library/import";

    /** The largest body {@link #UPLOAD_PATH} takes: a library of some 20,000 entries. */
    static final int MAX_UPLOAD = 8 * 1024 * 1024;

    /**
     * Uploads being read at once, one per client address: what clients can make the server hold
     * while bodies arrive is this many times {@link #MAX_UPLOAD}. One more is answered 503 with
     * Retry-After (429 for a second one from the same address). The import itself then runs on the
     * body read, one at a time per member (LibraryRoutes).
     */
    static final int UPLOADS_AT_ONCE = 4;

    /**
     * The least average rate of an upload after {@link #GRACE}: 8 MB arrive within 17 minutes, so a
     * client trickling bodies holds an upload's place minutes, not hours.
     */
    static final long MIN_UPLOAD_RATE = 8 * 1024;

    private final Semaphore uploads = new Semaphore(UPLOADS_AT_ONCE);
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();

    /** How long a body may take before its rate counts: a slow network's first round trips. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * The least average rate after {@link #GRACE}, in bytes a second: a 120 kB comment may take
     * four minutes, and a byte every few seconds is refused within seconds.
     */
    static final long MIN_RATE = 512;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        if (!UPLOAD_PATH.equals(request.getHttpURI().getPath())) {
            new Reading(request, response, callback, MAX_BODY, MIN_RATE, () -> {}).run();
            return true;
        }
        String client = Request.getRemoteAddr(request);
        if (!uploading.add(client)) {
            LOG.info(
                    "{} from {}: an upload of this client in progress, refused with 429",
                    UPLOAD_PATH,
                    client);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, 429);
            return true;
        }
        if (!uploads.tryAcquire()) {
            uploading.remove(client);
            LOG.info(
                    "{} from {}: {} uploads in progress, refused with 503",
                    UPLOAD_PATH,
                    Request.getRemoteAddr(request),
                    UPLOADS_AT_ONCE);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, 503);
            return true;
        }
        new Reading(
                        request,
                        response,
                        callback,
                        MAX_UPLOAD,
                        MIN_UPLOAD_RATE,
                        () -> {
                            uploading.remove(client);
                            uploads.release();
                        })
                .run();
        return true;
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** One body being read; runs again on each arrival (never two at once: Jetty's demand). */
    private final class Reading implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long started = NanoTime.now();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final int max;
        private final long minRate;
        private final Runnable done;

        /**
         * @param done runs once the body is read or refused (a slot of the uploads given back)
         */
        Reading(
                Request request,
                Response response,
                Callback callback,
                int max,
                long minRate,
                Runnable done) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.max = max;
            this.minRate = minRate;
            AtomicBoolean ran = new AtomicBoolean();
            this.done =
                    () -> {
                        if (ran.compareAndSet(false, true)) {
                            done.run();
                        }
                    };
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
                        refuse(408, "body slower than " + minRate + " bytes/s");
                    } else {
                        request.demand(this);
                    }
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                if (body.size() + bytes.remaining() > max) {
                    chunk.release();
                    refuse(413, "body over " + max + " bytes");
                    return;
                }
                while (bytes.hasRemaining()) {
                    body.write(bytes.get());
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    handOn();
                    return;
                }
                if (tooSlow()) {
                    refuse(408, "body slower than " + minRate + " bytes/s");
                    return;
                }
            }
        }

        private boolean tooSlow() {
            long counted = NanoTime.millisSince(started) - GRACE.toMillis();
            return counted > 0 && body.size() < minRate * counted / 1000;
        }

        private void handOn() {
            Request whole = new WholeBody(request, body.toByteArray());
            done.run(); // the route reads from memory what is now this request's own copy
            try {
                if (!BodiesFirst.super.handle(whole, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        }

        private void refuse(int status, String why) {
            done.run();
            LOG.info("{} {} from {}: {}, refused with {}", method(), path(), client(), why, status);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, status);
        }

        private void failed(Throwable failure) {
            if (!(failure instanceof TimeoutException)) {
                done.run(); // a timeout is refused, which gives the slot back
            }
            if (failure instanceof TimeoutException) { // the connection's idle timeout
                refuse(408, "no body for " + NanoTime.millisSince(started) + " ms");
                return;
            }
            LOG.debug(
                    "{} {} from {}: the client went away before its body ended ({})",
                    method(),
                    path(),
                    client(),
                    failure.toString());
            callback.failed(failure);
        }

        private String method() {
            return request.getMethod();
        }

        private String path() {
            return request.getHttpURI().getPath();
        }

        private String client() {
            return Request.getRemoteAddr(request);
        }
    }

    /** The request with its body already read: the site reads it from memory. */
    private static final class WholeBody extends Request.Wrapper {
        private final byte[] body;
        private boolean given;

        WholeBody(Request request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public long getLength() {
            return body.length;
        }

        @Override
        public Content.Chunk read() {
            if (given) {
                return Content.Chunk.EOF;
            }
            given = true;
            return Content.Chunk.from(ByteBuffer.wrap(body), true);
        }
    }
}
