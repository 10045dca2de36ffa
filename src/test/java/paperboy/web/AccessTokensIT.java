package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import paperboy.community.Role;
import paperboy.testing.SignedIn;
import paperboy.testing.SiteFixture;

/**
 * Personal access tokens and the member's library API (issue 16, part 5), through the site as a
 * member and their scripts use it: a token is issued on the settings page and shown once, stored
 * only as a digest, lets a script read, add to and remove from its member's library and nobody
 * else's, and stops working when revoked or when its member is suspended. Without a token the API
 * answers 401 with {@code WWW-Authenticate: Bearer}; the site's session cookie is not a token.
 */
class AccessTokensIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAPER = "2606.17584";
    private static SiteFixture site;

    @BeforeAll
    static void start() {
        site = SiteFixture.shared();
    }

    @Test
    void aTokenFromTheSettingsPageReadsAndChangesItsMembersLibraryAndNoOneElses() throws Exception {
        SignedIn ada = SignedIn.as(site, "token.ada@example.org");
        SignedIn bob = SignedIn.as(site, "token.bob@example.org");

        HttpResponse<String> issued = ada.post("/me/tokens", Map.of("name", "  Zotero   sync "));
        assertThat(issued.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(issued.body());
        String token = page.getElementById("new-token").attr("value");
        assertThat(token).startsWith("pbt_").hasSizeGreaterThan(40);
        assertThat(page.getElementById("token-issued").text()).contains("Zotero sync");
        assertThat(page.getElementById("token-list").text())
                .contains("Zotero sync")
                .contains(token.substring(0, 8))
                .contains("never used");
        assertThat(ada.get("/me/settings").body())
                .as("shown this once")
                .doesNotContain(token)
                .contains(token.substring(0, 8));
        assertThat(everyStringInTable("access_tokens")).doesNotContain(token);

        HttpResponse<String> empty = api("GET", "/api/me/library", token);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(empty.body()).get("total").asInt()).isZero();

        HttpResponse<String> put = api("PUT", "/api/me/library/" + PAPER + "v2", token);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("added").asBoolean()).isTrue();
        assertThat(
                        JSON.readTree(api("PUT", "/api/me/library/" + PAPER, token).body())
                                .get("added")
                                .asBoolean())
                .as("idempotent")
                .isFalse();
        JsonNode library = JSON.readTree(api("GET", "/api/me/library", token).body());
        assertThat(library.get("total").asInt()).isOne();
        JsonNode item = library.get("papers").get(0);
        assertThat(item.get("paper").get("id").asText()).isEqualTo(PAPER);
        assertThat(item.get("paper").get("title").asText()).isNotBlank();
        assertThat(item.get("source").asText()).isEqualTo("api");
        assertThat(ada.get("/library").body())
                .as("the site shows what the script added")
                .contains("p-" + PAPER);
        assertThat(ada.get("/me/settings").body()).doesNotContain("never used");

        // another member's token sees their own library only
        String bobs =
                Jsoup.parse(bob.post("/me/tokens", Map.of("name", "bob's script")).body())
                        .getElementById("new-token")
                        .attr("value");
        assertThat(JSON.readTree(api("GET", "/api/me/library", bobs).body()).get("total").asInt())
                .isZero();
        assertThat(
                        JSON.readTree(api("DELETE", "/api/me/library/" + PAPER, bobs).body())
                                .get("removed")
                                .asBoolean())
                .isFalse();
        assertThat(JSON.readTree(api("GET", "/api/me/library", token).body()).get("total").asInt())
                .isOne();
        long adasTokenId = tokenId(ada);
        assertThat(bob.post("/me/tokens/" + adasTokenId + "/revoke", Map.of()).statusCode())
                .as("nobody revokes another's token")
                .isEqualTo(404);

        // bad input: a clear 4xx in JSON
        HttpResponse<String> badId = api("PUT", "/api/me/library/not-an-id", token);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badId.body()).get("error").asText()).contains("not an arXiv id");
        assertThat(api("PUT", "/api/me/library/2606.99999", token).statusCode()).isEqualTo(404);
        assertThat(ada.post("/me/tokens", Map.of("name", "   ")).statusCode()).isEqualTo(400);
        assertThat(ada.post("/me/tokens", Map.of("name", "x".repeat(101))).statusCode())
                .isEqualTo(400);

        // collections, their own only: private ones too
        ada.post("/collections", Map.of("name", "Private reading", "description", ""));
        JsonNode collections = JSON.readTree(api("GET", "/api/me/collections", token).body());
        assertThat(collections.get("collections").get(0).get("name").asText())
                .isEqualTo("Private reading");
        assertThat(collections.get("collections").get(0).get("public").asBoolean()).isFalse();
        assertThat(JSON.readTree(api("GET", "/api/me/collections", bobs).body()).get("collections"))
                .isEmpty();

        HttpResponse<String> removed = api("DELETE", "/api/me/library/" + PAPER, token);
        assertThat(JSON.readTree(removed.body()).get("removed").asBoolean()).isTrue();

        // revoked: 401 at once
        HttpResponse<String> revoke = ada.post("/me/tokens/" + adasTokenId + "/revoke", Map.of());
        assertThat(revoke.statusCode()).isEqualTo(303);
        HttpResponse<String> after = api("GET", "/api/me/library", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("Bearer")
                .contains("invalid_token");

        // suspended: the member's tokens stop working
        long admin = site.accounts.grant("token.admin@example.org", Role.ADMIN, "the test").id();
        site.accounts.suspend(bob.id(), true, admin);
        assertThat(api("GET", "/api/me/library", bobs).statusCode()).isEqualTo(401);
        site.accounts.suspend(bob.id(), false, admin);
        assertThat(api("GET", "/api/me/library", bobs).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheApiAnswers401AndTheSessionCookieIsNoToken() throws Exception {
        HttpResponse<String> none = api("GET", "/api/me/library", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"paperboy\"");
        assertThat(JSON.readTree(none.body()).get("error").asText()).contains("/me/settings");
        assertThat(api("GET", "/api/me/library", "pbt_made-up").statusCode()).isEqualTo(401);
        assertThat(api("DELETE", "/api/me/library/" + PAPER, "").statusCode()).isEqualTo(401);

        SignedIn cookieOnly = SignedIn.as(site, "token.cookie@example.org");
        HttpResponse<String> withCookie =
                site.send(
                        HttpRequest.newBuilder(URI.create(site.baseUrl + "/api/me/library"))
                                .header(
                                        "Cookie",
                                        CommunityRoutes.SESSION_COOKIE + "=" + cookieOnly.cookie())
                                .build());
        assertThat(withCookie.statusCode()).isEqualTo(401);
    }

    private static long tokenId(SignedIn who) {
        String action =
                Jsoup.parse(who.get("/me/settings").body())
                        .select("#token-list form")
                        .first()
                        .attr("action");
        return Long.parseLong(action.replaceAll("\\D", ""));
    }

    private static String everyStringInTable(String table) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = site.db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    all.append(rs.getString(i)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static HttpResponse<String> api(String method, String path, String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return site.send(b.build());
    }
}
