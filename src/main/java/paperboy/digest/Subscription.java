package paperboy.digest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who gets what, how often. {@code alerts} are saved searches in the query syntax of search; {@code
 * categories} are arXiv categories whose new papers are included.
 */
public record Subscription(
        long id,
        String email,
        Cadence cadence,
        int trendingTop,
        List<String> alerts,
        List<String> categories,
        String secret,
        @Nullable Instant confirmedAt,
        @Nullable Instant unsubscribedAt,
        @Nullable Instant pausedAt) {

    /** Confirmed, and neither unsubscribed nor paused. */
    public boolean active() {
        return confirmedAt != null && unsubscribedAt == null && pausedAt == null;
    }
}
