package paperboy.common;

import java.time.Duration;

/**
 * At most a number of events per key within a sliding window: in this process's memory ({@link
 * RateLimiter}) or shared by every node through the catalog ({@code
 * paperboy.catalog.SharedRateLimiter}).
 */
public interface Limit {
    /**
     * Records an event for {@code key} and returns true, or returns false when the key is over its
     * limit.
     */
    boolean tryAcquire(String key);

    /** How long until {@code key} may act again; zero when it may now. */
    Duration retryAfter(String key);
}
