package paperboy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import paperboy.common.AddressRanges;
import paperboy.common.AllowedDomains;

/**
 * The effective, validated configuration of one Paperboy process. Immutable. Built by {@link
 * SettingsLoader}; see {@link Setting} for keys, variables and defaults.
 */
public record Settings(
        Path dataDir,
        String dbUrl,
        @Nullable String dbUser,
        @Nullable String dbPassword,
        int port,
        boolean harvestEnabled,
        List<String> categories,
        LocalTime harvestTime,
        @Nullable LocalDate harvestFirstFrom,
        URI oaiUrl,
        String oaiFormat,
        URI apiUrl,
        URI rssUrl,
        Duration arxivMinInterval,
        int arxivMaxAttempts,
        Duration arxivBackoff,
        String model,
        int modelMaxTokens,
        int modelThreads,
        String contact,
        String siteUrl,
        String adminEmail,
        int submitDays,
        String smtpHost,
        int smtpPort,
        String smtpSecurity,
        @Nullable String smtpUser,
        @Nullable String smtpPassword,
        String mailFrom,
        LocalTime digestTime,
        ZoneId digestZone,
        Duration digestLease,
        int searchesAtOnce,
        int searchesPerMinute,
        AddressRanges trustedProxies,
        boolean sitePrivate,
        AllowedDomains allowedDomains,
        Duration maxIndexLag,
        Duration embedLease,
        Duration harvestLease,
        boolean githubStars,
        URI githubApiUrl,
        @Nullable String githubToken) {

    /** Parses and validates raw values; the message of the exception names the bad setting. */
    static Settings parse(Map<Setting, String> raw) {
        return new Settings(
                Path.of(value(raw, Setting.DATA_DIR)),
                value(raw, Setting.DB_URL),
                emptyToNull(value(raw, Setting.DB_USER)),
                emptyToNull(value(raw, Setting.DB_PASSWORD)),
                parsePort(value(raw, Setting.PORT)),
                parseBoolean(Setting.HARVEST, value(raw, Setting.HARVEST)),
                Arrays.stream(value(raw, Setting.CATEGORIES).split("[\\s,]+"))
                        .filter(s -> !s.isEmpty())
                        .toList(),
                parse(Setting.HARVEST_TIME, raw, LocalTime::parse),
                value(raw, Setting.HARVEST_FIRST_FROM).isBlank()
                        ? null
                        : parse(Setting.HARVEST_FIRST_FROM, raw, LocalDate::parse),
                parse(Setting.OAI_URL, raw, URI::create),
                parseFormat(value(raw, Setting.OAI_FORMAT)),
                parse(Setting.API_URL, raw, URI::create),
                parse(Setting.RSS_URL, raw, URI::create),
                parse(Setting.ARXIV_INTERVAL, raw, Settings::parseDuration),
                parse(Setting.ARXIV_ATTEMPTS, raw, Settings::parsePositive),
                parse(Setting.ARXIV_BACKOFF, raw, Settings::parseDuration),
                value(raw, Setting.MODEL).strip(),
                parse(Setting.MODEL_MAX_TOKENS, raw, Settings::parseTokens),
                parse(Setting.MODEL_THREADS, raw, Settings::parsePositive),
                value(raw, Setting.CONTACT),
                parseSiteUrl(value(raw, Setting.SITE_URL)),
                value(raw, Setting.ADMIN_EMAIL).strip(),
                parse(Setting.SUBMIT_DAYS, raw, Settings::parsePositive),
                value(raw, Setting.SMTP_HOST).strip(),
                parse(Setting.SMTP_PORT, raw, Settings::parsePositive),
                parseSecurity(value(raw, Setting.SMTP_SECURITY)),
                emptyToNull(value(raw, Setting.SMTP_USER)),
                emptyToNull(value(raw, Setting.SMTP_PASSWORD)),
                value(raw, Setting.MAIL_FROM).strip(),
                parse(Setting.DIGEST_TIME, raw, LocalTime::parse),
                parse(Setting.DIGEST_ZONE, raw, ZoneId::of),
                parse(Setting.DIGEST_LEASE, raw, Settings::parseDuration),
                parse(Setting.SEARCHES_AT_ONCE, raw, Settings::parseLimit),
                parse(Setting.SEARCHES_PER_MINUTE, raw, Settings::parseLimit),
                parseRanges(Setting.TRUSTED_PROXIES, value(raw, Setting.TRUSTED_PROXIES)),
                parseBoolean(Setting.SITE_PRIVATE, value(raw, Setting.SITE_PRIVATE)),
                parseDomains(Setting.ALLOWED_DOMAINS, value(raw, Setting.ALLOWED_DOMAINS)),
                parse(Setting.MAX_INDEX_LAG, raw, Settings::parseDuration),
                parse(Setting.EMBED_LEASE, raw, Settings::parsePositiveDuration),
                parse(Setting.HARVEST_LEASE, raw, Settings::parsePositiveDuration),
                parseBoolean(Setting.GITHUB_STARS, value(raw, Setting.GITHUB_STARS)),
                parse(Setting.GITHUB_API_URL, raw, URI::create),
                emptyToNull(value(raw, Setting.GITHUB_TOKEN)));
    }

    /** True when the catalog is embedded H2 rather than an external PostgreSQL. */
    public boolean embeddedCatalog() {
        return dbUrl.isBlank();
    }

    /** The User-Agent sent to arXiv: their terms ask for a descriptive one with a contact. */
    public String userAgent() {
        return "Paperboy/0.1 (self-hosted paper discovery; mailto:" + contact + ")";
    }

    /** The catalog's JDBC URL without its query string (which may hold a password), for logs. */
    public String dbUrlForLogs() {
        int query = dbUrl.indexOf('?');
        return query < 0 ? dbUrl : dbUrl.substring(0, query) + "?...";
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Settings[dataDir="
                + dataDir
                + ", db="
                + (embeddedCatalog() ? "embedded H2" : dbUrlForLogs())
                + ", port="
                + port
                + ", harvest="
                + harvestEnabled
                + " "
                + categories
                + " at "
                + harvestTime
                + ", oai="
                + oaiUrl
                + " ("
                + oaiFormat
                + "), api="
                + apiUrl
                + ", rss="
                + rssUrl
                + ", arxivMinInterval="
                + arxivMinInterval
                + ", mail="
                + (smtpHost.isBlank() ? "outbox" : smtpHost + ":" + smtpPort + " " + smtpSecurity)
                + " from "
                + mailFrom
                + ", digests at "
                + digestTime
                + " "
                + digestZone
                + "]";
    }

    private interface Parser<T> {
        T parse(String text);
    }

    /**
     * The raw value of {@code setting}; {@link SettingsLoader} gives every setting one (at least
     * its default), so a missing one is a bug.
     */
    private static String value(Map<Setting, String> raw, Setting setting) {
        return Objects.requireNonNull(raw.get(setting), () -> "no value for " + setting.key());
    }

    private static <T> T parse(Setting setting, Map<Setting, String> raw, Parser<T> parser) {
        String value = value(raw, setting);
        try {
            return parser.parse(value.strip());
        } catch (RuntimeException e) {
            throw new SettingsException(
                    "invalid " + setting.key() + " (" + setting.envName() + "): '" + value + "'");
        }
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new SettingsException("invalid port '" + text + "': expected 0-65535");
        }
    }

    private static boolean parseBoolean(Setting setting, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default ->
                    throw new SettingsException(
                            "invalid " + setting.key() + " '" + text + "': expected true or false");
        };
    }

    private static String parseSiteUrl(String text) {
        String url = text.strip();
        if (url.isEmpty()) {
            return "";
        }
        if (!url.matches("https?://[^/\\s]+(/.*)?")) {
            throw new SettingsException(
                    "invalid site.url '" + text + "': expected http(s)://host[/path]");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static AllowedDomains parseDomains(Setting setting, String text) {
        try {
            return AllowedDomains.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(
                    "invalid " + setting.key() + " (" + setting.envName() + "): " + e.getMessage());
        }
    }

    private static AddressRanges parseRanges(Setting setting, String text) {
        try {
            return AddressRanges.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(
                    "invalid " + setting.key() + " (" + setting.envName() + "): " + e.getMessage());
        }
    }

    private static String parseSecurity(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("none") && !s.equals("starttls") && !s.equals("ssl")) {
            throw new SettingsException(
                    "invalid smtp.security '" + text + "': expected none, starttls or ssl");
        }
        return s;
    }

    private static String parseFormat(String text) {
        if (!text.equals("arXivRaw") && !text.equals("arXiv")) {
            throw new SettingsException(
                    "invalid arxiv.oai-format '" + text + "': expected arXivRaw or arXiv");
        }
        return text;
    }

    /** A duration above zero (a lease of 0 s would expire as it is taken). */
    static Duration parsePositiveDuration(String text) {
        Duration d = parseDuration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("zero");
        }
        return d;
    }

    /**
     * Accepts {@code 3s}, {@code 500ms}, {@code 2m}, {@code 1h} or an ISO-8601 duration; not
     * negative.
     */
    static Duration parseDuration(String text) {
        Duration d = parseDurationText(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative");
        }
        return d;
    }

    private static Duration parseDurationText(String text) {
        if (text.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    }

    private static int parsePositive(String text) {
        int n = Integer.parseInt(text);
        if (n < 1) {
            throw new NumberFormatException("must be >= 1");
        }
        return n;
    }

    /** A limit: a count, or 0 for none. */
    private static int parseLimit(String text) {
        int n = Integer.parseInt(text);
        if (n < 0) {
            throw new NumberFormatException("must be >= 0");
        }
        return n;
    }

    private static int parseTokens(String text) {
        int n = Integer.parseInt(text);
        if (n < 16 || n > 512) {
            throw new NumberFormatException("must be 16-512");
        }
        return n;
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
