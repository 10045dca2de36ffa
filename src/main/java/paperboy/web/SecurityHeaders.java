package paperboy.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers every answer carries, the site's pages and Jetty's own error pages alike: no script
 * or inline style, no sniffing, no framing, a short referrer, and HSTS when the site is served over
 * https. Immutable.
 */
final class SecurityHeaders {
    /** No inline script or style anywhere: the site ships one stylesheet and no script. */
    static final String CSP =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
                    + " base-uri 'none'; frame-ancestors 'none'";

    /**
     * A year, the usual HSTS lifetime; without includeSubDomains, which would bind hosts this site
     * does not serve.
     */
    static final String HSTS = "max-age=31536000";

    private final Map<String, String> headers;

    private SecurityHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /**
     * The headers for a site whose public address is {@code baseUrl}: browsers are told to use
     * https only when that address is https (HSTS over plain http is ignored, and a site reached
     * over http only would lock its readers out).
     */
    static SecurityHeaders forSite(String baseUrl) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "strict-origin-when-cross-origin");
        if (baseUrl.regionMatches(true, 0, "https://", 0, 8)) {
            h.put("Strict-Transport-Security", HSTS);
        }
        return new SecurityHeaders(h);
    }

    /** Sets each header through {@code set} (name, value). */
    void applyTo(BiConsumer<String, String> set) {
        headers.forEach(set);
    }
}
