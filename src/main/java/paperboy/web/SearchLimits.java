package paperboy.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * How many searches (the search page, the search API, search feeds) one client may have running at
 * once and may start a minute: a search costs tens of milliseconds of CPU where a listed page costs
 * a cached copy, and 30 at once from one client made every other reader wait 22 s (issue 13). A
 * client is an IPv4 address or an IPv6 /64 (one household's or one server's block). The rate is a
 * bucket of {@code perMinute} searches that refills evenly over a minute, so a burst of clicks
 * passes and a steady scraper gets one search every {@code 60 / perMinute} seconds. 0 turns a limit
 * off. In memory, per process; behind a reverse proxy every reader has the proxy's address, so the
 * limits then apply to all readers together (raise them or turn them off there). Thread-safe.
 */
final class SearchLimits {
    /** Clients remembered before the idle ones (nothing running, bucket full) are forgotten. */
    private static final int CLIENTS_KEPT = 10_000;

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** A search's place in its client's share, given back by {@link #release}. */
    interface Permit {
        void release();
    }

    private static final Permit FREE = () -> {};

    private final int atOnce;
    private final int perMinute;

    /** Guarded by itself. */
    private final Map<String, Client> clients = new HashMap<>();

    /**
     * @param atOnce searches one client may have running at once; 0 = no limit
     * @param perMinute searches one client may start a minute; 0 = no limit
     */
    SearchLimits(int atOnce, int perMinute) {
        if (atOnce < 0 || perMinute < 0) {
            throw new IllegalArgumentException(
                    "limits are 0 (none) or positive, not " + atOnce + " and " + perMinute);
        }
        this.atOnce = atOnce;
        this.perMinute = perMinute;
    }

    /**
     * A place for one search of the client at {@code address}, or a refusal saying when to try
     * again.
     *
     * @throws TooManyRequests when the client is over a limit
     */
    Permit enter(String address) {
        if (atOnce == 0 && perMinute == 0) {
            return FREE;
        }
        String key = clientOf(address);
        long now = System.nanoTime();
        synchronized (clients) {
            Client c = clients.get(key);
            if (c == null) {
                if (clients.size() >= CLIENTS_KEPT) {
                    clients.values().removeIf(idle -> idle.idle(now));
                }
                c = new Client(perMinute, now);
                clients.put(key, c);
            }
            if (atOnce > 0 && c.running >= atOnce) {
                throw new TooManyRequests(
                        "Too many searches at once",
                        "This address already has as many searches running as it may ("
                                + c.running
                                + "). Please try again when they have finished.",
                        1);
            }
            if (perMinute > 0) {
                c.refill(now);
                if (c.tokens < 1) {
                    long wait = (long) Math.ceil((1 - c.tokens) * 60 / perMinute);
                    throw new TooManyRequests(
                            "Too many searches",
                            "This address has made "
                                    + perMinute
                                    + " searches within a minute, the most it may. Please try"
                                    + " again in "
                                    + wait
                                    + (wait == 1 ? " second." : " seconds."),
                            wait);
                }
                c.tokens--;
            }
            c.running++;
            Client entered = c;
            return () -> {
                synchronized (clients) {
                    entered.running--;
                }
            };
        }
    }

    /** An IPv4 address as it is; an IPv6 address by its first 64 bits. */
    static String clientOf(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String literal =
                address.startsWith("[") && address.endsWith("]")
                        ? address.substring(1, address.length() - 1)
                        : address;
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : literal;
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    /** One client's share; guarded by the map. */
    private final class Client {
        int running;
        double tokens;
        long refilledAt;

        Client(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now) {
            tokens =
                    Math.min(
                            perMinute,
                            tokens + (double) (now - refilledAt) * perMinute / MINUTE_NANOS);
            refilledAt = now;
        }

        boolean idle(long now) {
            if (perMinute > 0) {
                refill(now);
            }
            return running == 0 && tokens >= perMinute;
        }
    }
}
