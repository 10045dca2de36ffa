package paperboy.catalog;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An arXiv identifier, normalised: the base id without version ({@code 2503.11731}, {@code
 * hep-th/9901001}, {@code math.GT/0309136}) plus the version a user named (0 when none).
 *
 * <p>{@link #parse(String)} is the one parser for every form users paste: bare ids with or without
 * version, {@code arXiv:} prefixes, old-style ids, arxiv.org abs/pdf/html URLs, arXiv DOIs and the
 * paper URLs of well-known paper sites that embed the id. Anything else is rejected with an {@link
 * InvalidArxivIdException} whose message says what is wrong. Instances are immutable.
 */
public record ArxivId(String id, int version) implements Comparable<ArxivId> {

    private static final Pattern NEW_STYLE =
            Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})(?:v(\\d+))?");
    private static final Pattern OLD_STYLE =
            Pattern.compile(
                    "([a-z]+(?:-[a-z]+)?)(\\.[A-Za-z]{2})?/(\\d{2})(\\d{2})(\\d{3})(?:v(\\d+))?");

    /** A new- or old-style id somewhere inside a path or query string. */
    private static final Pattern EMBEDDED =
            Pattern.compile(
                    "(?<![\\w.])(\\d{4}\\.\\d{4,5}(?:v\\d+)?|[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z]{2})?/\\d{7}(?:v\\d+)?)(?![\\w])");

    /** Archives that issued old-style identifiers before April 2007. */
    private static final Set<String> OLD_ARCHIVES =
            Set.of(
                    "acc-phys",
                    "adap-org",
                    "alg-geom",
                    "ao-sci",
                    "astro-ph",
                    "atom-ph",
                    "bayes-an",
                    "chao-dyn",
                    "chem-ph",
                    "cmp-lg",
                    "comp-gas",
                    "cond-mat",
                    "cs",
                    "dg-ga",
                    "funct-an",
                    "gr-qc",
                    "hep-ex",
                    "hep-lat",
                    "hep-ph",
                    "hep-th",
                    "math",
                    "math-ph",
                    "mtrl-th",
                    "nlin",
                    "nucl-ex",
                    "nucl-th",
                    "patt-sol",
                    "physics",
                    "plasm-ph",
                    "q-alg",
                    "q-bio",
                    "q-fin",
                    "quant-ph",
                    "solv-int",
                    "stat",
                    "supr-con");

    /** Hosts whose paper URLs carry the arXiv id in their path or query. */
    private static final Set<String> PAPER_SITES =
            Set.of(
                    "arxiv.org",
                    "export.arxiv.org",
                    "ar5iv.org",
                    "ar5iv.labs.arxiv.org",
                    "huggingface.co",
                    "hf.co",
                    "alphaxiv.org",
                    "paperswithcode.com",
                    "semanticscholar.org",
                    "api.semanticscholar.org",
                    "arxiv-sanity-lite.com",
                    "scholar.archive.org",
                    "scirate.com",
                    "connectedpapers.com",
                    "doi.org",
                    "dx.doi.org",
                    "alphaarxiv.org",
                    "papers.cool",
                    "chatdoc.com",
                    "researchgate.net");

    public ArxivId {
        if (id == null || id.isBlank()) {
            throw new InvalidArxivIdException("an arXiv id is empty");
        }
        if (version < 0) {
            throw new InvalidArxivIdException("version must be positive: v" + version);
        }
    }

    /** The base id without a version, for keys. */
    public static ArxivId of(String baseId) {
        ArxivId parsed = parse(baseId);
        if (parsed.version != 0) {
            throw new InvalidArxivIdException("expected an id without version: " + baseId);
        }
        return parsed;
    }

    /**
     * Parses any accepted form.
     *
     * @throws InvalidArxivIdException with a message saying what is wrong
     */
    public static ArxivId parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidArxivIdException("no arXiv id given");
        }
        String text = input.strip();
        if (text.length() > 2000) {
            throw new InvalidArxivIdException("too long to be an arXiv id or paper URL");
        }
        if (looksLikeUrl(text)) {
            return fromUrl(text);
        }
        String bare =
                text.regionMatches(true, 0, "arxiv:", 0, 6) ? text.substring(6).strip() : text;
        return fromBareId(bare, input);
    }

    private static boolean looksLikeUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://")
                || lower.startsWith("https://")
                || lower.startsWith("www.")
                || PAPER_SITES.stream().anyMatch(host -> lower.startsWith(host + "/"));
    }

    private static ArxivId fromUrl(String text) {
        String withScheme = text.matches("(?i)https?://.*") ? text : "https://" + text;
        URI uri;
        try {
            uri = URI.create(withScheme.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            throw new InvalidArxivIdException("not a valid URL: " + text);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (!PAPER_SITES.contains(host)) {
            throw new InvalidArxivIdException(
                    "a URL from "
                            + (host.isEmpty() ? "an unknown site" : host)
                            + " does not name an arXiv paper; paste an arxiv.org link or the arXiv"
                            + " id");
        }
        String path =
                uri.getRawPath() == null
                        ? ""
                        : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        String query =
                uri.getRawQuery() == null
                        ? ""
                        : URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        // arXiv DOIs: 10.48550/arXiv.2503.11731
        String doiPath = path.replaceFirst("(?i)^/10\\.48550/arxiv\\.", "/");
        String candidate = (doiPath + " " + query).replaceFirst("(?i)\\.pdf(?=\\s|$)", "");
        Matcher m = EMBEDDED.matcher(candidate);
        while (m.find()) {
            try {
                return fromBareId(m.group(1), text);
            } catch (InvalidArxivIdException e) {
                // keep looking: a path may hold other digit groups before the id
            }
        }
        throw new InvalidArxivIdException("the URL " + text + " does not contain an arXiv id");
    }

    private static ArxivId fromBareId(String bare, String original) {
        Matcher m = NEW_STYLE.matcher(bare);
        if (m.matches()) {
            int yy = Integer.parseInt(m.group(1));
            int mm = Integer.parseInt(m.group(2));
            String number = m.group(3);
            checkMonth(mm, original);
            if (yy < 7 || (yy == 7 && mm < 4)) {
                throw new InvalidArxivIdException(
                        "'"
                                + original.strip()
                                + "' is not an arXiv id: new-style ids start in April 2007 (0704)");
            }
            boolean fiveDigits = yy >= 15;
            if (fiveDigits != (number.length() == 5)) {
                throw new InvalidArxivIdException(
                        "'"
                                + original.strip()
                                + "' is not an arXiv id: ids from "
                                + (fiveDigits
                                        ? "2015 on have 5 digits"
                                        : "before 2015 have 4 digits")
                                + " after the dot");
            }
            return new ArxivId(
                    m.group(1) + m.group(2) + "." + number, version(m.group(4), original));
        }
        Matcher old = OLD_STYLE.matcher(bare);
        if (old.matches()) {
            String archive = old.group(1).toLowerCase(Locale.ROOT);
            if (!OLD_ARCHIVES.contains(archive)) {
                throw new InvalidArxivIdException(
                        "'"
                                + original.strip()
                                + "' is not an arXiv id: unknown archive '"
                                + archive
                                + "'");
            }
            int yy = Integer.parseInt(old.group(3));
            checkMonth(Integer.parseInt(old.group(4)), original);
            if (yy > 7 && yy < 91) {
                throw new InvalidArxivIdException(
                        "'"
                                + original.strip()
                                + "' is not an arXiv id: old-style ids run from 1991 to 2007");
            }
            String subject =
                    old.group(2) == null
                            ? ""
                            : "." + old.group(2).substring(1).toUpperCase(Locale.ROOT);
            String id = archive + subject + "/" + old.group(3) + old.group(4) + old.group(5);
            return new ArxivId(id, version(old.group(6), original));
        }
        throw new InvalidArxivIdException(
                "'"
                        + abbreviate(original.strip())
                        + "' is not an arXiv id: expected a form like 2503.11731, 2503.11731v2,"
                        + " hep-th/9901001 or an arxiv.org URL");
    }

    private static void checkMonth(int mm, String original) {
        if (mm < 1 || mm > 12) {
            throw new InvalidArxivIdException(
                    "'"
                            + original.strip()
                            + "' is not an arXiv id: month "
                            + mm
                            + " does not exist");
        }
    }

    private static int version(String digits, String original) {
        if (digits == null) {
            return 0;
        }
        if (digits.length() > 4 || Integer.parseInt(digits) == 0) {
            throw new InvalidArxivIdException(
                    "'" + original.strip() + "' has an impossible version v" + digits);
        }
        return Integer.parseInt(digits);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** This id without its version: the catalog key. */
    public ArxivId withoutVersion() {
        return version == 0 ? this : new ArxivId(id, 0);
    }

    public boolean hasVersion() {
        return version > 0;
    }

    public boolean isOldStyle() {
        return id.indexOf('/') >= 0;
    }

    /** The id as arXiv writes it: {@code 2503.11731v2}, or {@code 2503.11731} without version. */
    @Override
    public String toString() {
        return version == 0 ? id : id + "v" + version;
    }

    public String absUrl() {
        return "https://arxiv.org/abs/" + this;
    }

    public String pdfUrl() {
        return "https://arxiv.org/pdf/" + this;
    }

    /** Chronological for new-style ids; old-style ids sort before them. */
    @Override
    public int compareTo(ArxivId other) {
        int byStyle = Boolean.compare(!isOldStyle(), !other.isOldStyle());
        if (byStyle != 0) {
            return byStyle;
        }
        int byId = id.compareTo(other.id);
        return byId != 0 ? byId : Integer.compare(version, other.version);
    }
}
