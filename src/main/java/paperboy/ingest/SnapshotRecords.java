package paperboy.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.catalog.PaperLinks;
import paperboy.catalog.Text;

/** Turns one line of arXiv's bulk metadata snapshot into a {@link Paper}. Thread-safe. */
final class SnapshotRecords {
    /**
     * The catalog's primary_category column holds this many characters (real ones have under 20).
     */
    static final int MAX_CATEGORY_LENGTH = 40;

    /** Between two names of an authors string: a comma or an "and". */
    private static final Pattern AUTHOR_SEPARATOR = Pattern.compile(",\\s*|\\s+and\\s+");

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @throws RejectedRecord with the reason when the line cannot become a paper
     */
    Paper parse(String line) throws RejectedRecord {
        JsonNode r;
        try {
            r = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RejectedRecord("malformed JSON", e.getOriginalMessage());
        }
        if (r == null || !r.isObject()) {
            throw new RejectedRecord("not a JSON object", null);
        }
        String rawId = text(r, "id");
        if (rawId == null) {
            throw new RejectedRecord("no id", null);
        }
        ArxivId id;
        try {
            id = ArxivId.parse(rawId).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new RejectedRecord("invalid id", e.getMessage());
        }
        String title = Text.normalise(text(r, "title"));
        if (title == null) {
            throw new RejectedRecord("no title", id.toString());
        }
        JsonNode versions = r.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            throw new RejectedRecord("no versions (so no announcement date)", id.toString());
        }
        LocalDate announced = rfc1123Date(id, versions.get(0).path("created").asText(null));
        LocalDate updated = isoDate(id, text(r, "update_date"), announced);
        String abstractText = Text.normalise(text(r, "abstract"));
        String comments = Text.normalise(text(r, "comments"));
        PaperLinks.Found links = PaperLinks.find(abstractText, comments);
        List<String> categories = categories(r);
        if (!categories.isEmpty() && categories.getFirst().length() > MAX_CATEGORY_LENGTH) {
            throw new RejectedRecord(
                    "invalid category", id + ": '" + categories.getFirst() + "' is too long");
        }
        try {
            return new Paper(
                    id,
                    latestVersion(id, versions),
                    title,
                    Objects.requireNonNullElse(abstractText, ""),
                    authors(r),
                    categories,
                    comments,
                    Text.normalise(text(r, "journal-ref")),
                    Text.normalise(text(r, "doi")),
                    Text.normalise(text(r, "license")),
                    announced,
                    updated,
                    links.codeUrl(),
                    links.projectUrl());
        } catch (IllegalArgumentException e) {
            throw new RejectedRecord("invalid record", id + ": " + e.getMessage());
        }
    }

    private static @Nullable String text(JsonNode r, String field) {
        JsonNode node = r.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static int latestVersion(ArxivId id, JsonNode versions) throws RejectedRecord {
        int latest = 0;
        for (JsonNode v : versions) {
            String label = v.path("version").asText("");
            int number;
            try {
                number = Integer.parseInt(label.startsWith("v") ? label.substring(1) : label);
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                throw new RejectedRecord(
                        "invalid version",
                        id + ": '" + label + "' is not of the form vN with N >= 1");
            }
            latest = Math.max(latest, number);
        }
        return latest;
    }

    private static LocalDate rfc1123Date(ArxivId id, @Nullable String text) throws RejectedRecord {
        if (text == null) {
            throw new RejectedRecord("no v1 date", id.toString());
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new RejectedRecord(
                    "invalid v1 date", id + ": '" + text + "' is not an RFC 1123 date");
        }
    }

    private static LocalDate isoDate(ArxivId id, @Nullable String text, LocalDate fallback)
            throws RejectedRecord {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new RejectedRecord(
                    "invalid update_date", id + ": '" + text + "' is not YYYY-MM-DD");
        }
    }

    /**
     * Names as "First Last Suffix" from authors_parsed; the raw authors string when that is
     * missing.
     */
    private static List<String> authors(JsonNode r) {
        JsonNode parsed = r.path("authors_parsed");
        List<String> names = new ArrayList<>();
        if (parsed.isArray() && !parsed.isEmpty()) {
            for (JsonNode a : parsed) {
                String last = a.path(0).asText("").strip();
                String first = a.path(1).asText("").strip();
                String suffix = a.path(2).asText("").strip();
                String name = Text.normalise(String.join(" ", first, last, suffix));
                if (name != null) {
                    names.add(name);
                }
            }
            return names;
        }
        String raw = Text.normalise(text(r, "authors"));
        if (raw != null) {
            for (String name : AUTHOR_SEPARATOR.split(raw, -1)) { // blank parts are skipped below
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static List<String> categories(JsonNode r) {
        String raw = Text.normalise(text(r, "categories"));
        return raw == null ? List.of() : Arrays.asList(raw.split(" "));
    }
}
