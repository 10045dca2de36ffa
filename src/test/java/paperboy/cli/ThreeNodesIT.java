package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.Paperboy;
import paperboy.community.SignIn;
import paperboy.config.Setting;
import paperboy.ingest.arxiv.FakeArxiv;
import paperboy.search.EmbeddingModel;
import paperboy.search.SearchIndexes;
import paperboy.testing.MailServers;
import paperboy.testing.Nginx;
import paperboy.testing.PaperboyProcess;
import paperboy.testing.Poll;
import paperboy.testing.SharedData;
import paperboy.testing.TestDatabases;
import paperboy.testing.TestDatabases.PostgresDatabase;

/**
 * Three {@code serve} nodes on one PostgreSQL behind the repo's nginx (issue 14). While they run,
 * papers arrive through {@code paperboy import}: every node indexes every paper; the harvest runs
 * once, on one node; embedding is shared (the nodes' "stored" lines add up to the vectors: no paper
 * embedded twice); a node killed with kill -9 while it holds a batch leaves no paper without a
 * vector once its lease runs out; a reader who asks for a sign-in link through nginx, follows it on
 * one node and votes with a form token from another sees the vote on every node's paper page, day
 * list and API within the page reuse time (5 s), and on trending within its refresh (1 min); the
 * sign-in mail limit per address holds across the nodes. Without nginx the client goes to the nodes
 * in turn.
 */
class ThreeNodesIT {
    private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)/");
    private static final Pattern STORED =
            Pattern.compile("embedding: stored (\\d+) (\\S+) vectors");
    private static final Pattern SIGN_IN_LINK =
            Pattern.compile("(https?://\\S+/signin/verify\\?token=[A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final int PAPERS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private record Node(String name, PaperboyProcess process, String url) {}

    @Test
    void threeNodesOnOnePostgresShareTheWorkAndShowOneSite() throws Exception {
        Nginx.Ports ports = Nginx.Ports.free();
        boolean withNginx = Nginx.installed();
        GreenMail mail = MailServers.smtp(0);
        try (PostgresDatabase db = TestDatabases.freshPostgresDatabase();
                FakeArxiv arxiv = new FakeArxiv(FakeArxiv::threePages)) {
            Map<String, String> env = new HashMap<>();
            env.put(Setting.SITE_URL.envName(), withNginx ? ports.site() : "");
            env.put(Setting.TRUSTED_PROXIES.envName(), "127.0.0.1");
            env.put(Setting.SMTP_HOST.envName(), "127.0.0.1");
            env.put(Setting.SMTP_PORT.envName(), String.valueOf(mail.getSmtp().getPort()));
            env.put(Setting.SMTP_SECURITY.envName(), "none");
            env.put(Setting.OAI_URL.envName(), arxiv.uri("/oai").toString());
            env.put(Setting.ARXIV_INTERVAL.envName(), "0s");
            env.put(Setting.CATEGORIES.envName(), "cs.LG");
            env.put(Setting.HARVEST_FIRST_FROM.envName(), "2025-03-01");
            env.put(Setting.MODEL_THREADS.envName(), "1");
            // a lease must outlast a round (128 papers, about 9 s for one thread here)
            env.put(Setting.EMBED_LEASE.envName(), "30s");
            env.put(Setting.SEARCHES_AT_ONCE.envName(), "0");
            env.put(Setting.SEARCHES_PER_MINUTE.envName(), "0");
            List<Node> nodes = new ArrayList<>();
            try {
                for (String name : List.of("a", "b", "c")) {
                    PaperboyProcess p =
                            PaperboyProcess.start(
                                    env,
                                    "--db-url",
                                    db.url(),
                                    "--data-dir",
                                    dir.resolve(name).toString(),
                                    "serve",
                                    "--port",
                                    "0");
                    nodes.add(new Node(name, p, ""));
                }
                for (int i = 0; i < nodes.size(); i++) {
                    Node n = nodes.get(i);
                    Matcher m =
                            SERVING.matcher(
                                    n.process()
                                            .awaitLine(
                                                    l -> SERVING.matcher(l).find(),
                                                    Duration.ofMinutes(2)));
                    assertThat(m.find()).isTrue();
                    nodes.set(i, new Node(n.name(), n.process(), "http://127.0.0.1:" + m.group(1)));
                }
                Node a = nodes.get(0);
                Node b = nodes.get(1);
                Node c = nodes.get(2);
                HttpClient direct = HttpClient.newHttpClient();
                try (Nginx nginx =
                        withNginx
                                ? Nginx.start(
                                        dir,
                                        ports,
                                        nodes.stream()
                                                .map(
                                                        n ->
                                                                Integer.parseInt(
                                                                        n.url()
                                                                                .replaceAll(
                                                                                        ".*:", "")))
                                                .toList())
                                : null) {
                    // the front door: nginx when installed, else each node in turn
                    HttpClient reader = nginx != null ? nginx.client("127.0.0.2") : direct;
                    int[] turn = {0};
                    Supplier<String> front =
                            () -> nginx != null ? nginx.site : nodes.get(turn[0]++ % 2).url();

                    // The harvest ran once, on one node, whichever won the lease.
                    Poll.every(Duration.ofMillis(200))
                            .upTo(Duration.ofMinutes(1))
                            .showing(() -> harvests(nodes, direct).toString())
                            .await(
                                    "every node's first harvest round to end",
                                    () ->
                                            harvests(nodes, direct).stream()
                                                    .noneMatch(
                                                            s ->
                                                                    s.equals("starting")
                                                                            || s.equals(
                                                                                    "not started")));
                    assertThat(arxiv.requests())
                            .as("one harvest of cs.LG across three nodes")
                            .filteredOn(r -> r.param("resumptionToken") == null)
                            .hasSize(1);
                    assertThat(arxiv.requests()).hasSize(3);

                    importLines(db.url(), PAPERS);
                    long papers = count(db.url(), "SELECT COUNT(*) FROM papers");
                    assertThat(papers).isGreaterThanOrEqualTo(PAPERS);
                    for (Node n : nodes) {
                        Poll.every(Duration.ofMillis(200))
                                .upTo(Duration.ofMinutes(1))
                                .showing(() -> health(n, direct).toString())
                                .await(
                                        "node " + n.name() + " indexes every paper",
                                        () -> health(n, direct).path("indexed").asLong() == papers);
                    }

                    // kill -9 of node c while it holds a batch to embed
                    String cName = health(c, direct).path("leases").path("node").asText();
                    assertThat(cName).startsWith("pid");
                    Poll.every(Duration.ofMillis(50))
                            .upTo(Duration.ofMinutes(3))
                            .await(
                                    "node c holds embedding leases",
                                    () ->
                                            count(
                                                            db.url(),
                                                            "SELECT COUNT(*) FROM embedding_leases"
                                                                    + " WHERE owner = ?",
                                                            cName)
                                                    > 0);
                    c.process().killHard();
                    Map<String, Long> cStored = stored(c.process());

                    // A reader asks for a link through the front door, follows it on b, and
                    // votes on b with the form token a page of a gave.
                    String paper =
                            text(
                                    db.url(),
                                    "SELECT id FROM papers ORDER BY announced DESC, id LIMIT 1");
                    String day =
                            text(
                                    db.url(),
                                    "SELECT CAST(announced AS VARCHAR(10)) FROM papers WHERE id ="
                                            + " ?",
                                    paper);
                    assertThat(
                                    send(
                                                    reader,
                                                    form(
                                                            front.get() + "/signin",
                                                            null,
                                                            "email",
                                                            "reader@example.org"))
                                            .statusCode())
                            .isEqualTo(200);
                    String link =
                            Poll.value("the sign-in link", () -> link(mail, "reader@example.org"));
                    String token = link.substring(link.indexOf("token=") + 6);
                    HttpResponse<String> followed =
                            send(direct, form(b.url() + "/signin/verify", null, "token", token));
                    assertThat(followed.statusCode()).as(followed.body()).isEqualTo(303);
                    String setCookie = followed.headers().firstValue("Set-Cookie").orElseThrow();
                    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
                    String page = send(direct, get(a.url() + "/papers/" + paper, cookie)).body();
                    assertThat(page).as("signed in on a with b's session").contains("Sign out");
                    Matcher csrf = CSRF.matcher(page);
                    assertThat(csrf.find()).isTrue();
                    HttpResponse<String> voted =
                            send(
                                    direct,
                                    form(
                                            b.url() + "/papers/" + paper + "/upvote",
                                            cookie,
                                            "csrf",
                                            csrf.group(1)));
                    assertThat(voted.statusCode()).as(voted.body()).isEqualTo(303);
                    for (Node n : List.of(a, b)) {
                        Poll.every(Duration.ofMillis(250))
                                .upTo(Duration.ofSeconds(10))
                                .await(
                                        "the vote on node " + n.name() + "'s page, list and API",
                                        () -> showsOneVote(n, direct, paper, day));
                    }

                    // The sign-in mail limit per address holds whichever node is asked.
                    for (int i = 0; i < SignIn.MAILS_PER_ADDRESS_PER_HOUR + 3; i++) {
                        send(
                                direct,
                                form(
                                        nodes.get(i % 2).url() + "/signin",
                                        null,
                                        "email",
                                        "limit@example.org"));
                    }
                    Poll.every(Duration.ofMillis(100))
                            .upTo(Duration.ofSeconds(20))
                            .await(
                                    "the allowed mails",
                                    () ->
                                            mailsTo(mail, "limit@example.org")
                                                    >= SignIn.MAILS_PER_ADDRESS_PER_HOUR);
                    Thread.sleep(1000); // a mail over the limit would have come by now
                    assertThat(mailsTo(mail, "limit@example.org"))
                            .as("the per-address limit across two nodes")
                            .isEqualTo(SignIn.MAILS_PER_ADDRESS_PER_HOUR);

                    // All embedded once c's leases ran out, each paper once across the nodes.
                    Poll.every(Duration.ofMillis(500))
                            .upTo(Duration.ofMinutes(10))
                            .showing(() -> vectors(db.url()).toString())
                            .await(
                                    "every paper's full vector",
                                    () ->
                                            vectors(db.url()).getOrDefault(fullModel(), 0L)
                                                    == papers);
                    String full = fullModel();
                    Poll.every(Duration.ofMillis(100))
                            .upTo(Duration.ofSeconds(30))
                            .await(
                                    "the last 'stored' lines",
                                    () ->
                                            cStored.getOrDefault(full, 0L)
                                                            + stored(a.process())
                                                                    .getOrDefault(full, 0L)
                                                            + stored(b.process())
                                                                    .getOrDefault(full, 0L)
                                                    >= papers);
                    long onA = stored(a.process()).getOrDefault(full, 0L);
                    long onB = stored(b.process()).getOrDefault(full, 0L);
                    long onC = cStored.getOrDefault(full, 0L);
                    System.out.printf(
                            "ThreeNodesIT: full vectors stored by a, b, c (killed): %d, %d, %d of"
                                    + " %d%n",
                            onA, onB, onC, papers);
                    assertThat(onA + onB + onC)
                            .as("each paper's full vector computed once across the nodes")
                            .isEqualTo(papers);
                    assertThat(onA).isPositive();
                    assertThat(onB).isPositive();
                    assertThat(
                                    count(
                                            db.url(),
                                            "SELECT COUNT(*) FROM embedding_leases WHERE owner <>"
                                                    + " ?",
                                            cName))
                            .as("the living nodes gave every lease back (c's ran out)")
                            .isZero();

                    Poll.every(Duration.ofSeconds(1))
                            .upTo(Duration.ofSeconds(90))
                            .await(
                                    "the vote on a's trending page within its refresh",
                                    () ->
                                            send(direct, get(a.url() + "/papers/trending", null))
                                                    .body()
                                                    .contains("<span class=\"count\">1</span>"));
                }
                for (Node n : nodes.subList(0, 2)) {
                    n.process().stop();
                    assertThat(n.process().awaitExit(Duration.ofSeconds(60)))
                            .as(n.process().output())
                            .isIn(0, 143);
                    assertThat(n.process().lines())
                            .as("node %s logged no error", n.name())
                            .noneMatch(l -> l.contains(" ERROR "));
                }
            } finally {
                nodes.forEach(n -> n.process().close());
            }
        } finally {
            mail.stop();
        }
    }

    private static boolean showsOneVote(Node n, HttpClient client, String paper, String day) {
        String page = send(client, get(n.url() + "/papers/" + paper, null)).body();
        String list = send(client, get(n.url() + "/papers/date/" + day, null)).body();
        JsonNode api;
        try {
            api = JSON.readTree(send(client, get(n.url() + "/api/papers/" + paper, null)).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return page.contains("<strong>1</strong> upvote")
                && list.contains("<span class=\"count\">1</span>")
                && api.path("upvotes").asInt() == 1;
    }

    private static List<String> harvests(List<Node> nodes, HttpClient client) {
        List<String> states = new ArrayList<>();
        for (Node n : nodes) {
            states.add(health(n, client).path("harvest").asText());
        }
        return states;
    }

    private static JsonNode health(Node n, HttpClient client) {
        try {
            return JSON.readTree(send(client, get(n.url() + "/healthz", null)).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a node's "embedding: stored N MODEL vectors" lines add up to, per model. */
    private static Map<String, Long> stored(PaperboyProcess node) {
        Map<String, Long> sums = new HashMap<>();
        for (String line : node.lines()) {
            Matcher m = STORED.matcher(line);
            if (m.find()) {
                sums.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
        }
        return sums;
    }

    private static Map<String, Long> vectors(String url) {
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement st =
                        c.prepareStatement(
                                "SELECT model, COUNT(*) FROM paper_vectors GROUP BY model");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The key of the full vectors (serve's default model); the quick pass's have their own. */
    private static String fullModel() {
        return SearchIndexes.BUILT_IN_MODEL + "@" + EmbeddingModel.DEFAULT_MAX_TOKENS;
    }

    private static Optional<String> link(GreenMail mail, String address) {
        try {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    Matcher found = SIGN_IN_LINK.matcher(m.getContent().toString());
                    if (found.find()) {
                        return Optional.of(found.group(1));
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mailsTo(GreenMail mail, String address) {
        try {
            long n = 0;
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String url, @Nullable String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.build();
    }

    private static HttpRequest form(
            String url, @Nullable String cookie, String name, String value) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        name
                                                + "="
                                                + URLEncoder.encode(
                                                        value, StandardCharsets.UTF_8)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s: %s", request.uri(), response.body())
                    .isLessThan(500);
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(request.uri().toString(), e);
        }
    }

    /** Imports the sample's first {@code n} papers through the CLI, as an operator would. */
    private void importLines(String url, int n) throws Exception {
        Path file = dir.resolve("papers.json");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getFirst())),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && lines.size() < n) {
                lines.add(line);
            }
        }
        Files.write(file, lines);
        StringWriter err = new StringWriter();
        assertThat(
                        Paperboy.run(
                                new PrintWriter(new StringWriter()),
                                new PrintWriter(err),
                                "--db-url",
                                url,
                                "--data-dir",
                                dir.resolve("importer").toString(),
                                "import",
                                "--progress",
                                "none",
                                file.toString()))
                .as(err.toString())
                .isZero();
    }

    private static long count(String url, String sql, Object... params) {
        return Long.parseLong(text(url, sql, params));
    }

    private static String text(String url, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
