package paperboy.catalog;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the code repository and project page that a paper names in its abstract or comments ("Code
 * is available at https://github.com/...", "Project page: https://..."). Stateless and thread-safe.
 */
public final class PaperLinks {
    /** URLs with a scheme, {@code www.} or a bare code host; TeX braces and quotes end them. */
    private static final Pattern URL =
            Pattern.compile(
                    "(?i)(?:https?://|www\\.|(?<![\\w./])(?=(?:github\\.com|gitlab\\.com|bitbucket\\.org|codeberg\\.org)/))"
                        + "[^\\s{}<>\"'\\\\\\[\\]]+");

    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)>'\"`*]+$");
    private static final Set<String> CODE_HOSTS =
            Set.of(
                    "github.com",
                    "gitlab.com",
                    "bitbucket.org",
                    "codeberg.org",
                    "anonymous.4open.science",
                    "git.tu-berlin.de");
    private static final Pattern PROJECT_CUE =
            Pattern.compile(
                    "(?i)(project|home|web)\\s*-?\\s*(page|site|website|webpage)|website|webpage|demo|homepage");
    private static final Set<String> NOT_PROJECT_PAGES =
            Set.of(
                    "doi.org",
                    "dx.doi.org",
                    "arxiv.org",
                    "youtu.be",
                    "youtube.com",
                    "drive.google.com",
                    "zenodo.org",
                    "openreview.net",
                    "ieeexplore.ieee.org",
                    "pypi.org",
                    "kaggle.com",
                    "osf.io",
                    "aka.ms",
                    "hf.co",
                    "huggingface.co");

    /** The links found; either may be {@code null}. */
    public record Found(@Nullable String codeUrl, @Nullable String projectUrl) {}

    private PaperLinks() {}

    /** Looks through the abstract first, then the comments; the first link of each kind wins. */
    public static Found find(@Nullable String abstractText, @Nullable String comments) {
        String code = null;
        String project = null;
        for (String text : new @Nullable String[] {abstractText, comments}) {
            if (text == null || !mayHoldUrl(text)) {
                continue;
            }
            Matcher m = URL.matcher(text);
            while (m.find() && (code == null || project == null)) {
                String url = clean(m.group());
                URI uri = toUri(url);
                if (uri == null) {
                    continue;
                }
                String host = host(uri);
                if (code == null && CODE_HOSTS.contains(host)) {
                    code = repository(uri, host);
                } else if (project == null && isProjectPage(host, text, m.start())) {
                    project = url;
                }
            }
        }
        return new Found(code, project);
    }

    /**
     * A cheap test that skips the regex for the ~80% of abstracts without any link. Every URL the
     * regex takes has "://", "www." or a code host's ".com/" / ".org/", in any letter case.
     */
    private static boolean mayHoldUrl(String text) {
        return text.contains("://")
                || containsIgnoreCase(text, "www.")
                || containsIgnoreCase(text, ".com/")
                || containsIgnoreCase(text, ".org/");
    }

    private static boolean containsIgnoreCase(String text, String needle) {
        for (int i = 0; i <= text.length() - needle.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String raw) {
        String url = TRAILING_PUNCTUATION.matcher(raw).replaceAll("");
        if (!url.regionMatches(true, 0, "http", 0, 4)) {
            url = "https://" + url;
        }
        return url;
    }

    private static @Nullable URI toUri(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /**
     * The repository's canonical URL: owner and name only ({@code /tree/main/...} and {@code .git}
     * cut off); {@code null} for a link to a user or organisation rather than a repository.
     */
    private static @Nullable String repository(URI uri, String host) {
        String[] parts =
                uri.getPath() == null
                        ? new String[0]
                        : uri.getPath().replaceFirst("^/+", "").split("/");
        if (host.equals("anonymous.4open.science")) {
            return parts.length >= 2 ? "https://" + host + "/" + parts[0] + "/" + parts[1] : null;
        }
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        String name =
                parts[1].endsWith(".git") ? parts[1].substring(0, parts[1].length() - 4) : parts[1];
        return "https://" + host + "/" + parts[0] + "/" + name;
    }

    private static boolean isProjectPage(String host, String text, int urlStart) {
        if (NOT_PROJECT_PAGES.contains(host) || CODE_HOSTS.contains(host)) {
            return false;
        }
        if (host.endsWith(".github.io")) {
            return true;
        }
        String before = text.substring(Math.max(0, urlStart - 40), urlStart);
        return PROJECT_CUE.matcher(before).find();
    }
}
