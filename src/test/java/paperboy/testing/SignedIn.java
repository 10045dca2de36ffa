package paperboy.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A member's browser on the shared site, as plain HTTP: their session cookie and form token, sent
 * with every request as a browser sends them.
 */
public record SignedIn(SiteFixture site, long id, String cookie, String csrf) {
    /** The name of the site's session cookie (CommunityRoutes.SESSION_COOKIE). */
    public static final String SESSION_COOKIE = "pb_session";

    /** A member with this address, signed in (a session made directly, as sign-in would). */
    public static SignedIn as(SiteFixture site, String email) {
        long id = site.accounts.memberFor(email).id();
        var s = site.accounts.createSession(id, Duration.ofDays(1), site.clock.instant());
        return new SignedIn(site, id, s.cookieToken(), s.csrfToken());
    }

    public HttpResponse<String> get(String path) {
        return site.send(
                HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                        .header("Cookie", SESSION_COOKIE + "=" + cookie)
                        .build());
    }

    /** A form post with the session's token unless {@code fields} has its own. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("csrf", csrf);
        StringBuilder body = new StringBuilder();
        all.forEach(
                (k, v) ->
                        body.append(body.isEmpty() ? "" : "&")
                                .append(k)
                                .append('=')
                                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return site.send(
                HttpRequest.newBuilder(URI.create(site.baseUrl + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", SESSION_COOKIE + "=" + cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }
}
