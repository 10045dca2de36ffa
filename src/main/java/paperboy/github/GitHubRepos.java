package paperboy.github;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The {@code owner/name} of a GitHub repository in a link, as the stars are keyed. */
public final class GitHubRepos {
    private static final Pattern REPO =
            Pattern.compile(
                    "^https?://(?:www\\.)?github\\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/"
                            + "([A-Za-z0-9._-]{1,100}?)(?:\\.git)?(?:[/?#].*)?$",
                    Pattern.CASE_INSENSITIVE);

    /** First path parts of github.com that are pages, not owners. */
    private static final Set<String> NOT_OWNERS =
            Set.of(
                    "about",
                    "apps",
                    "collections",
                    "events",
                    "explore",
                    "features",
                    "marketplace",
                    "orgs",
                    "settings",
                    "site",
                    "sponsors",
                    "topics",
                    "trending",
                    "users");

    private GitHubRepos() {}

    /** {@code owner/name}, lower-case, when {@code url} points into a GitHub repository. */
    public static Optional<String> of(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = REPO.matcher(url.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String owner = m.group(1).toLowerCase(Locale.ROOT);
        String name = m.group(2).toLowerCase(Locale.ROOT);
        if (NOT_OWNERS.contains(owner) || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(owner + "/" + name);
    }
}
