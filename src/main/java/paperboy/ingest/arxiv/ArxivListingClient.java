package paperboy.ingest.arxiv;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Text;

/**
 * Today's arXiv listings from the RSS feeds ({@code <base>/rss/cs.LG+cs.CV}): which papers were
 * announced, as new submissions, cross-lists or replacements. The feeds are rebuilt daily at
 * midnight America/New_York and are empty on days without an announcement (weekends), which is not
 * an error. Take the metadata itself from OAI-PMH or the API.
 *
 * <p>Thread-safe: it holds no state besides the shared {@link PoliteHttpClient}.
 */
public final class ArxivListingClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArxivListingClient.class);

    public static final URI DEFAULT_BASE_URL = URI.create("https://rss.arxiv.org");
    private static final Pattern CATEGORY =
            Pattern.compile("[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z]+(?:-[A-Za-z]+)?)?");
    private static final Pattern DESCRIPTION =
            Pattern.compile(
                    "^\\s*arXiv:(\\S+)\\s+Announce Type:\\s*([A-Za-z-]+)",
                    Pattern.CASE_INSENSITIVE);
    private static final String GUID_PREFIX = "oai:arXiv.org:";

    private final PoliteHttpClient http;
    private final URI baseUrl;

    /** Reads {@link #DEFAULT_BASE_URL}. */
    public ArxivListingClient(PoliteHttpClient http) {
        this(http, DEFAULT_BASE_URL);
    }

    public ArxivListingClient(PoliteHttpClient http, URI baseUrl) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * The current listing of these categories (or archives, e.g. {@code cs}), in one request; a
     * paper listed in several of them appears once.
     *
     * @throws IllegalArgumentException when a category is malformed or none is given
     * @throws ArxivUnavailableException when arXiv cannot be reached
     * @throws ArxivResponseException when the feed is not readable XML
     */
    public List<ListingItem> listings(List<String> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no categories to list");
        }
        for (String c : categories) {
            if (c == null || !CATEGORY.matcher(c).matches()) {
                throw new IllegalArgumentException(
                        "'" + c + "' is not an arXiv category like cs.LG or an archive like cs");
            }
        }
        String base = baseUrl.toString().replaceFirst("/+$", "");
        URI uri = URI.create(base + "/rss/" + String.join("+", categories));
        List<ListingItem> items = parse(http.get(uri), uri);
        LOG.info("arXiv listings {}: {} papers", String.join("+", categories), items.size());
        return items;
    }

    static List<ListingItem> parse(byte[] body, URI uri) {
        List<ListingItem> items = new ArrayList<>();
        Set<ArxivId> seen = new HashSet<>();
        LocalDate channelDate = null;
        try {
            XMLStreamReader reader = XmlElement.reader(body);
            try {
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    if (reader.getLocalName().equals("pubDate") && channelDate == null) {
                        // The channel's date comes before its items; items without their own take
                        // it.
                        channelDate = dateOrNull(reader.getElementText());
                    } else if (reader.getLocalName().equals("item")) {
                        XmlElement item = XmlElement.read(reader);
                        ListingItem listed = toItem(item, channelDate);
                        if (listed != null && seen.add(listed.id())) {
                            items.add(listed);
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ArxivResponseException(
                    uri, "not well-formed RSS XML: " + e.getMessage(), null, e);
        }
        return items;
    }

    /**
     * The listing item, or {@code null} (logged) when the item lacks an id, type, title or date.
     */
    private static ListingItem toItem(XmlElement item, LocalDate channelDate) {
        String description = item.childText("description");
        Matcher m = DESCRIPTION.matcher(description == null ? "" : description);
        boolean described = m.find();
        String guid = Text.normalise(item.childText("guid"));
        String idText =
                guid != null && guid.startsWith(GUID_PREFIX)
                        ? guid.substring(GUID_PREFIX.length())
                        : described ? m.group(1) : Text.normalise(item.childText("link"));
        String type = Text.normalise(item.childText("announce_type"));
        if (type == null && described) {
            type = m.group(2);
        }
        String title = Text.normalise(item.childText("title"));
        String pubDate = item.childText("pubDate");
        LocalDate date = pubDate == null ? channelDate : dateOrNull(pubDate);
        ArxivId id;
        try {
            id = idText == null ? null : ArxivId.parse(idText);
        } catch (InvalidArxivIdException e) {
            LOG.warn(
                    "arXiv listing: skipped an item with an invalid id '{}': {}",
                    idText,
                    e.getMessage());
            return null;
        }
        if (id == null || type == null || title == null || date == null) {
            LOG.warn(
                    "arXiv listing: skipped an item without {} (guid {})",
                    id == null
                            ? "id"
                            : type == null ? "announce type" : title == null ? "title" : "date",
                    guid);
            return null;
        }
        return new ListingItem(id, type.toLowerCase(Locale.ROOT), title, date);
    }

    private static LocalDate dateOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ArxivDates.rfc1123Date(text);
        } catch (DateTimeParseException e) {
            LOG.warn("arXiv listing: unreadable date '{}': {}", text.strip(), e.getMessage());
            return null;
        }
    }
}
