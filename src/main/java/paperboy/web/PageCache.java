package paperboy.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Rendered pages and feeds kept for a few seconds, with validators: every answer carries an ETag (a
 * digest of the body) and a Last-Modified (when that body was first rendered), and a client that
 * already has the body gets 304 Not Modified. The pages are the same for every reader, so under
 * load a page is rendered once per {@link #TTL} instead of once per request; a vote or a harvest
 * shows within that time. Thread-safe.
 */
final class PageCache {
    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 2000;

    /**
     * Bodies kept at most, in bytes: any query string is a new entry, so the count alone is no
     * bound.
     */
    static final long MAX_BYTES = 32L << 20;

    private static final Pattern COMMA = Pattern.compile(",");

    /**
     * A rendered answer. A class rather than a record: a record would compare its body by identity,
     * and nothing compares these anyway.
     */
    static final class Rendered {
        private final String contentType;
        private final byte[] body;

        Rendered(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }

        static Rendered html(String html) {
            return new Rendered("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }

        String contentType() {
            return contentType;
        }

        byte[] body() {
            return body;
        }
    }

    private record Cached(
            Rendered rendered, String etag, Instant lastModified, Instant renderedAt) {}

    private final Clock clock;
    private final Duration ttl;

    /** Least recently used first; guarded by itself, as is {@link #bytes}. */
    private final Map<String, Cached> entries = new LinkedHashMap<>(256, 0.75f, true);

    private long bytes;

    PageCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Answers {@code ctx} from the cache, rendering with {@code render} when stale or missing. */
    void serve(Context ctx, Supplier<Rendered> render) {
        String key = ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString());
        Instant now = clock.instant();
        Cached entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null || !entry.renderedAt().plus(ttl).isAfter(now)) {
            Rendered fresh = render.get();
            String etag = etag(fresh.body());
            Instant lastModified =
                    entry != null && entry.etag().equals(etag)
                            ? entry.lastModified()
                            : now.truncatedTo(ChronoUnit.SECONDS);
            entry = new Cached(fresh, etag, lastModified, now);
            synchronized (entries) {
                Cached replaced = entries.put(key, entry);
                bytes +=
                        fresh.body().length
                                - (replaced == null ? 0 : replaced.rendered().body().length);
                var eldest = entries.values().iterator();
                while ((entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) && eldest.hasNext()) {
                    bytes -= eldest.next().rendered().body().length;
                    eldest.remove();
                }
            }
        }
        ctx.header("ETag", entry.etag());
        ctx.header(
                "Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        entry.lastModified().atZone(ZoneOffset.UTC)));
        if (Exchanges.viewer(ctx) == null) {
            // may store, must revalidate: cheap with the validators; a signed-in reader's answer
            // keeps the "private, no-store" set before the route (their name is on it)
            ctx.header("Cache-Control", "no-cache");
        }
        if (notModified(ctx, entry)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(entry.rendered().contentType()).result(entry.rendered().body());
    }

    /** Forgets every page (after a write that readers must see at once). */
    void clear() {
        synchronized (entries) {
            entries.clear();
            bytes = 0;
        }
    }

    private static boolean notModified(Context ctx, Cached entry) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : COMMA.split(ifNoneMatch, -1)) { // an empty tag matches nothing below
                String t = tag.strip();
                if (t.equals("*") || t.equals(entry.etag()) || t.equals("W/" + entry.etag())) {
                    return true;
                }
            }
            return false; // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
        }
        String ifModifiedSince = ctx.header("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                Instant since =
                        ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant();
                return !entry.lastModified().isAfter(since);
            } catch (DateTimeParseException e) {
                return false; // an unreadable date is ignored, as the RFC says
            }
        }
        return false;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
