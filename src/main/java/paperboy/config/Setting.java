package paperboy.config;

import java.util.Locale;

/**
 * Every setting Paperboy reads, with its config-file key, environment variable and default.
 * Precedence: command-line flag &gt; environment ({@code PAPERBOY_*}) &gt; config file &gt; default.
 */
public enum Setting {
    DATA_DIR("data.dir", "./data", "directory holding everything of an embedded instance"),
    DB_URL("db.url", "", "JDBC URL of a PostgreSQL catalog; empty = embedded H2 in the data dir"),
    DB_USER("db.user", "", "database user"),
    DB_PASSWORD("db.password", "", "database password"),
    PORT("port", "8080", "HTTP port of `serve`"),
    HARVEST("harvest.enabled", "true", "whether `serve` harvests arXiv on a schedule"),
    CATEGORIES("harvest.categories", "cs.AI cs.CL cs.CV cs.LG", "arXiv categories or groups to harvest"),
    HARVEST_TIME("harvest.time", "20:30", "daily harvest time, America/New_York (after arXiv's announcement)"),
    HARVEST_FIRST_FROM("harvest.first-from", "", "from-date of the first harvest (YYYY-MM-DD); empty = 7 days ago"),
    OAI_URL("arxiv.oai-url", "https://oaipmh.arxiv.org/oai", "arXiv OAI-PMH base URL"),
    OAI_FORMAT("arxiv.oai-format", "arXivRaw", "OAI-PMH metadata format: arXivRaw (with versions) or arXiv"),
    API_URL("arxiv.api-url", "http://export.arxiv.org/api/query", "arXiv API (Atom) base URL"),
    RSS_URL("arxiv.rss-url", "https://rss.arxiv.org", "arXiv RSS base URL"),
    ARXIV_INTERVAL("arxiv.min-interval", "3s", "least time between two requests to arXiv (their terms: 3 s)"),
    ARXIV_ATTEMPTS("arxiv.max-attempts", "4", "tries per request to arXiv before a harvest round gives up"),
    ARXIV_BACKOFF("arxiv.backoff", "10s", "first wait after a failed request to arXiv; doubles each time"),
    MODEL("search.model", "bge-small-en-v1.5-q", "embedding model: bge-small-en-v1.5-q (built in), a directory with model.onnx + tokenizer.json, or none"),
    MODEL_MAX_TOKENS("search.model-max-tokens", "256", "tokens of title + abstract the model reads (up to 512: better, slower)"),
    MODEL_THREADS("search.model-threads", "2", "threads for the embedding model"),
    CONTACT("arxiv.contact", "paperboy-admin@localhost", "contact address sent in the User-Agent to arXiv");

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
