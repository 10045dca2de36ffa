package paperboy.ingest.arxiv;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;

/**
 * Looks papers up by id through arXiv's Atom API ({@code ?id_list=a,b,c}), up to {@value
 * #BATCH_SIZE} ids per request. For papers a user names (a feed submission, say) before the harvest
 * has them.
 *
 * <p>Papers come back at their latest version (a version in the id asked is ignored), with {@code
 * announced} = the {@code published} date (v1) and {@code updated} = the latest version's date,
 * both in UTC. The API does not give the license, so {@link Paper#license()} is {@code null}.
 *
 * <p>Thread-safe: it holds no state besides the shared {@link PoliteHttpClient}.
 */
public final class ArxivApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArxivApiClient.class);

    public static final URI DEFAULT_BASE_URL = URI.create("http://export.arxiv.org/api/query");

    /** Ids per request: small enough for a URL, large enough to spare requests. */
    public static final int BATCH_SIZE = 100;

    private final PoliteHttpClient http;
    private final URI baseUrl;

    /** Asks {@link #DEFAULT_BASE_URL}. */
    public ArxivApiClient(PoliteHttpClient http) {
        this(http, DEFAULT_BASE_URL);
    }

    public ArxivApiClient(PoliteHttpClient http, URI baseUrl) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * The papers arXiv knows among {@code ids}, in the order arXiv lists them; unknown ids (an
     * "Error" entry or none) are left out.
     *
     * @throws ArxivUnavailableException when arXiv cannot be reached
     * @throws ArxivResponseException when an answer is not readable Atom
     */
    public List<Paper> fetch(Collection<ArxivId> ids) {
        Set<String> unique =
                ids.stream()
                        .map(id -> id.withoutVersion().id())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> all = List.copyOf(unique);
        List<Paper> papers = new ArrayList<>(all.size());
        for (int start = 0; start < all.size(); start += BATCH_SIZE) {
            List<String> batch = all.subList(start, Math.min(all.size(), start + BATCH_SIZE));
            // Ids hold only letters, digits, '.', '-' and '/', all legal in a query as they are.
            URI uri =
                    withQuery(
                            "id_list=" + String.join(",", batch) + "&max_results=" + batch.size());
            papers.addAll(parse(http.get(uri), uri));
        }
        return papers;
    }

    /**
     * The paper with this id, empty when arXiv does not know it. Only an entry with the id asked
     * for counts: a confused or replayed answer about other papers must not pass for this one.
     */
    public Optional<Paper> fetch(ArxivId id) {
        String wanted = id.withoutVersion().id();
        return fetch(List.of(id)).stream().filter(p -> p.id().id().equals(wanted)).findFirst();
    }

    private URI withQuery(String query) {
        String base = baseUrl.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    static List<Paper> parse(byte[] body, URI uri) {
        List<Paper> papers = new ArrayList<>();
        try {
            XMLStreamReader reader = XmlElement.reader(body);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT
                            && reader.getLocalName().equals("entry")) {
                        XmlElement entry = XmlElement.read(reader);
                        toPaper(entry).ifPresent(papers::add);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new ArxivResponseException(
                    uri, "not well-formed Atom XML: " + e.getMessage(), null, e);
        }
        return papers;
    }

    private static Optional<Paper> toPaper(XmlElement entry) {
        String entryId = Text.normalise(entry.childText("id"));
        if ("Error".equals(Text.normalise(entry.childText("title")))) {
            LOG.info(
                    "arXiv API: no paper for an id: {} ({})",
                    Text.normalise(entry.childText("summary")),
                    entryId);
            return Optional.empty();
        }
        try {
            return Optional.of(map(entry, entryId));
        } catch (RecordRejectedException e) {
            LOG.warn("arXiv API: skipped entry {}: {}", entryId, e.getMessage());
            return Optional.empty();
        }
    }

    private static Paper map(XmlElement entry, String entryId) throws RecordRejectedException {
        ArxivId versioned = versionedId(entryId);
        String title = RecordFields.title(entry.childText("title"));
        List<String> authors =
                entry.children("author").stream()
                        .map(a -> Text.normalise(a.childText("name")))
                        .filter(Objects::nonNull)
                        .toList();
        Set<String> categories = new LinkedHashSet<>();
        entry.child("primary_category").map(c -> c.attribute("term")).ifPresent(categories::add);
        entry.children("category").stream()
                .map(c -> c.attribute("term"))
                .filter(Objects::nonNull)
                .forEach(categories::add);
        LocalDate published =
                RecordFields.date(
                        "published date", entry.childText("published"), ArxivDates::atomDate);
        String updatedText = entry.childText("updated");
        LocalDate updated =
                updatedText == null || updatedText.isBlank()
                        ? published
                        : RecordFields.date("updated date", updatedText, ArxivDates::atomDate);
        // An id without version cannot happen in practice; version 1 is the floor the catalog
        // accepts.
        int version = Math.max(1, versioned.version());
        return RecordFields.paper(
                versioned.withoutVersion(),
                version,
                title,
                entry.childText("summary"),
                authors,
                List.copyOf(categories),
                entry.childText("comment"),
                entry.childText("journal_ref"),
                entry.childText("doi"),
                null,
                published,
                updated);
    }

    /**
     * The entry id is the abstract page with version: {@code
     * http://arxiv.org/abs/hep-th/9901001v2}.
     */
    private static ArxivId versionedId(String entryId) throws RecordRejectedException {
        if (entryId == null) {
            throw new RecordRejectedException("missing id");
        }
        try {
            return ArxivId.parse(entryId);
        } catch (InvalidArxivIdException e) {
            throw new RecordRejectedException("invalid id: " + e.getMessage(), e);
        }
    }
}
