package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.common.AddressRanges;
import paperboy.config.Setting;
import paperboy.testing.TestPapers;
import paperboy.testing.TestSettings;

/**
 * Behind a reverse proxy the per-client limits count the real client (issue 15, part 3): from a
 * trusted proxy (127.0.0.1 here) X-Forwarded-For names it, from anyone else (127.0.0.2 and
 * 127.0.0.3 connecting directly) the header is ignored, so nobody escapes a limit by naming another
 * address. The search limit is what makes the client visible from outside.
 */
class TrustedProxiesTest {
    private static final int PER_MINUTE = 2;
    private static final AddressRanges TRUSTED = AddressRanges.parse("127.0.0.1, 10.0.0.0/8");

    @TempDir static Path dir;

    private static Instance instance;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(
                                dir,
                                Map.of(
                                        Setting.SITE_URL,
                                        "http://paperboy.test",
                                        Setting.SEARCHES_PER_MINUTE,
                                        Integer.toString(PER_MINUTE),
                                        Setting.TRUSTED_PROXIES,
                                        "127.0.0.1")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        instance.catalog()
                .upsert(
                        List.of(
                                TestPapers.paper(
                                        "2606.01001",
                                        "Graph networks",
                                        "About graph networks.",
                                        LocalDate.of(2026, 6, 1))));
        instance.searchUpToDate();
        baseUrl = "http://127.0.0.1:" + instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void clientsConnectingDirectlyEachHaveTheirOwnLimitWhateverTheyClaim() throws Exception {
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(search("127.0.0.2", "198.51.100.1").statusCode()).isEqualTo(200);
        }
        assertThat(search("127.0.0.2", "198.51.100.2").statusCode())
                .as("a forged X-Forwarded-For from an untrusted peer is ignored")
                .isEqualTo(429);
        assertThat(search("127.0.0.2", null).statusCode()).isEqualTo(429);
        assertThat(search("127.0.0.3", "198.51.100.1").statusCode())
                .as("another client, with the same claim, has its own limit")
                .isEqualTo(200);
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientHasItsOwnLimit() throws Exception {
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(search("127.0.0.1", "203.0.113.1").statusCode()).isEqualTo(200);
        }
        assertThat(search("127.0.0.1", "203.0.113.1").statusCode()).isEqualTo(429);
        assertThat(search("127.0.0.1", "203.0.113.1, 203.0.113.2").statusCode())
                .as("the proxy appended 203.0.113.2: it is the client, whatever it wrote before")
                .isEqualTo(200);
        assertThat(search("127.0.0.1", "203.0.113.9, 203.0.113.1").statusCode())
                .as("nor can 203.0.113.1 escape by writing another address in front")
                .isEqualTo(429);
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        InetAddress proxy = ip("127.0.0.1");
        assertThat(client(proxy)).isEqualTo(proxy);
        assertThat(client(proxy, "203.0.113.7")).isEqualTo(ip("203.0.113.7"));
        assertThat(client(proxy, "198.51.100.1, 203.0.113.7")).isEqualTo(ip("203.0.113.7"));
        assertThat(client(proxy, "198.51.100.1, 203.0.113.7, 10.1.1.1"))
                .as("an inner proxy of ours appended itself")
                .isEqualTo(ip("203.0.113.7"));
        assertThat(client(proxy, "198.51.100.1", "203.0.113.7, 10.1.1.1"))
                .as("over several header lines")
                .isEqualTo(ip("203.0.113.7"));
        assertThat(client(proxy, "10.2.2.2, 10.1.1.1"))
                .as("only our proxies: the left-most")
                .isEqualTo(ip("10.2.2.2"));
        assertThat(client(proxy, "203.0.113.7, unknown"))
                .as("an entry that is no address ends the walk")
                .isEqualTo(proxy);
        assertThat(client(proxy, "[2001:db8::7]")).isEqualTo(ip("2001:db8::7"));
    }

    private static InetAddress client(InetAddress proxy, String... forwardedFor) {
        return TrustedProxies.client(proxy, List.of(forwardedFor), TRUSTED);
    }

    private static InetAddress ip(String literal) {
        return AddressRanges.literal(literal).orElseThrow();
    }

    private static HttpResponse<String> search(String from, String forwardedFor) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/papers/search?q=graph"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try (HttpClient client =
                HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
