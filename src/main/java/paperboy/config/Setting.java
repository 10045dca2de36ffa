package paperboy.config;

import java.util.Locale;

/**
 * Every setting Paperboy reads, with its config-file key, environment variable and default.
 * Precedence: command-line flag &gt; environment ({@code PAPERBOY_*}) &gt; config file &gt;
 * default.
 */
public enum Setting {
    DATA_DIR("data.dir", "./data", "directory holding everything of an embedded instance"),
    DB_URL("db.url", "", "JDBC URL of a PostgreSQL catalog; empty = embedded H2 in the data dir"),
    DB_USER("db.user", "", "database user"),
    DB_PASSWORD("db.password", "", "database password"),
    PORT("port", "8080", "HTTP port of `serve`"),
    HARVEST("harvest.enabled", "true", "whether `serve` harvests arXiv on a schedule"),
    CATEGORIES(
            "harvest.categories",
            "cs.AI cs.CL cs.CV cs.LG",
            "arXiv categories or groups to harvest"),
    HARVEST_TIME(
            "harvest.time",
            "20:30",
            "daily harvest time, America/New_York (after arXiv's announcement)"),
    HARVEST_FIRST_FROM(
            "harvest.first-from",
            "",
            "from-date of the first harvest (YYYY-MM-DD); empty = 7 days ago"),
    OAI_URL("arxiv.oai-url", "https://oaipmh.arxiv.org/oai", "arXiv OAI-PMH base URL"),
    OAI_FORMAT(
            "arxiv.oai-format",
            "arXivRaw",
            "OAI-PMH metadata format: arXivRaw (with versions) or arXiv"),
    API_URL("arxiv.api-url", "http://export.arxiv.org/api/query", "arXiv API (Atom) base URL"),
    RSS_URL("arxiv.rss-url", "https://rss.arxiv.org", "arXiv RSS base URL"),
    ARXIV_INTERVAL(
            "arxiv.min-interval",
            "3s",
            "least time between two requests to arXiv (their terms: 3 s)"),
    ARXIV_ATTEMPTS(
            "arxiv.max-attempts",
            "4",
            "tries per request to arXiv before a harvest round gives up"),
    ARXIV_BACKOFF(
            "arxiv.backoff",
            "10s",
            "first wait after a failed request to arXiv; doubles each time"),
    MODEL(
            "search.model",
            "bge-small-en-v1.5-q",
            "embedding model: bge-small-en-v1.5-q (built in), a directory with model.onnx +"
                    + " tokenizer.json, or none"),
    MODEL_MAX_TOKENS(
            "search.model-max-tokens",
            "512",
            "tokens of title + abstract the model reads (1 to 512; fewer: faster, worse)"),
    MODEL_THREADS("search.model-threads", "2", "threads for the embedding model"),
    HARVEST_LEASE(
            "harvest.lease",
            "45m",
            "how long a process's claim on the catalog's harvest holds between two pages: one that"
                    + " dies leaves the harvest to the other nodes after this"),
    GITHUB_STARS(
            "github.stars",
            "true",
            "whether `serve` reads the stars of linked GitHub repositories daily (`paperboy stars`"
                    + " does it at once)"),
    GITHUB_API_URL("github.api-url", "https://api.github.com", "GitHub REST API base URL"),
    GITHUB_TOKEN(
            "github.token",
            "",
            "GitHub token for the stars (5,000 requests an hour instead of 60); empty = none"),
    EMBED_LEASE(
            "embed.lease",
            "5m",
            "how long a process's claim on a batch of papers to embed holds: one that dies leaves"
                    + " its batch to the others after this"),
    CONTACT(
            "arxiv.contact",
            "paperboy-admin@localhost",
            "contact address sent in the User-Agent to arXiv"),
    SITE_URL(
            "site.url",
            "",
            "public address of the site for links in mail and feeds, e.g."
                + " https://papers.example.org; empty = http://localhost:PORT of serve (digest send"
                + " refuses)"),
    SEARCHES_AT_ONCE(
            "site.searches-at-once",
            "4",
            "searches (search pages, the search API, search feeds) one client address may have"
                    + " running at once; 0 = no limit"),
    SEARCHES_PER_MINUTE(
            "site.searches-per-minute",
            "60",
            "searches one client address may start a minute (a bucket of that many, refilled"
                    + " evenly); 0 = no limit"),
    TRUSTED_PROXIES(
            "site.trusted-proxies",
            "",
            "addresses or CIDR ranges of the reverse proxies in front of the site (e.g. 127.0.0.1,"
                    + " 10.0.0.0/8): only from them are X-Forwarded-For and X-Forwarded-Proto"
                    + " believed; empty = none, the peer is the client"),
    MAX_INDEX_LAG(
            "site.max-index-lag",
            "60s",
            "how long this node's search index may stay behind the catalog before /healthz answers"
                    + " 503 (a load balancer then sends readers to another node)"),
    SITE_PRIVATE(
            "site.private",
            "false",
            "true = sign-in required to read anything but /signin, /healthz and /metrics (a lab's"
                    + " or company's own instance)"),
    ALLOWED_DOMAINS(
            "community.allowed-domains",
            "",
            "mail domains whose addresses may sign in and subscribe, e.g. example.org (its"
                    + " subdomains too); empty = any address"),
    ADMIN_EMAIL(
            "admin.email", "", "email address that is admin when it signs in (the first admin)"),
    SUBMIT_DAYS(
            "community.submit-days",
            "14",
            "days after its announcement a paper may still be submitted"),
    SMTP_HOST("smtp.host", "", "SMTP server; empty = write mail as .eml files into DATA/outbox"),
    SMTP_PORT("smtp.port", "587", "SMTP port"),
    SMTP_SECURITY("smtp.security", "starttls", "none, starttls (required) or ssl"),
    SMTP_USER("smtp.user", "", "SMTP user; empty = no authentication"),
    SMTP_PASSWORD("smtp.password", "", "SMTP password"),
    MAIL_FROM("mail.from", "paperboy@localhost", "sender address of Paperboy's mail"),
    DIGEST_TIME(
            "digest.time",
            "07:00",
            "when `serve` sends digests (in digest.zone): daily ones on weekdays, weekly ones on"
                    + " Mondays"),
    DIGEST_ZONE(
            "digest.zone",
            "America/New_York",
            "time zone of digest.time, e.g. Europe/Berlin (default: arXiv's)"),
    DIGEST_LEASE(
            "digest.lease",
            "5m",
            "how long a node's claim on a digest holds; another node takes it over after that");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key in {@code paperboy.properties}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code PAPERBOY_DB_URL}. */
    public String envName() {
        return "PAPERBOY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
