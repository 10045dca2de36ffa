package paperboy.web;

import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * What every route does with a request the same way: who is reading, answers meant for one reader,
 * answers that explain themselves. Below the route classes and the server, so that they all call
 * down to it instead of to the class that creates them.
 */
final class Exchanges {
    /** The request attribute holding the signed-in reader, set before any route runs. */
    static final String VIEWER = "paperboy.viewer";

    /** Set when a handler answered with its own explanation (a 404 page of its own, say). */
    static final String EXPLAINED = "paperboy.explained";

    private Exchanges() {}

    /** The signed-in reader of this request, or {@code null} for an anonymous one. */
    static Views.@Nullable Viewer viewer(Context ctx) {
        return ctx.attribute(VIEWER);
    }

    /** Answers with a page made for this reader alone: never stored by a cache on the way. */
    static void personal(Context ctx, String html) {
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /**
     * Marks the answer as explained by its handler, so the generic 404 page does not replace it.
     */
    static void explained(Context ctx) {
        ctx.attribute(EXPLAINED, true);
    }

    /** Whether a handler explained its answer itself. */
    static boolean isExplained(Context ctx) {
        return ctx.attribute(EXPLAINED) != null;
    }
}
