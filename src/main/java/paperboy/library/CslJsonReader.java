package paperboy.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSL-JSON, Zotero's "Export Library… → CSL JSON": an array of items, each with {@code
 * title}, {@code DOI}, {@code URL}, and for preprints {@code number} ("arXiv:2401.00001") or {@code
 * archive_location}. A file that is not JSON is unreadable as a whole; an item that is not an
 * object is reported and skipped.
 */
final class CslJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CslJsonReader() {}

    static ReferenceFormat.Parsed read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException(
                    "This is not valid JSON (line "
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                            + "): "
                            + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("items")) {
            root = root.get("items"); // some tools wrap the array
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            throw new UnreadableFileException("CSL-JSON is an array of items; this is not one.");
        }
        List<Reference> references = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int position = 0;
        for (JsonNode item : root.isArray() ? root : List.of(root)) {
            position++;
            if (!item.isObject()) {
                unreadable.add("item " + position + ": not an object");
                continue;
            }
            String id = text(item, "id");
            List<@Nullable String> mentions = new ArrayList<>();
            for (String field :
                    List.of("URL", "number", "archive_location", "note", "container-title")) {
                mentions.add(text(item, field));
            }
            mentions.add(id);
            references.add(
                    Reference.of(
                            id == null ? "item " + position : id,
                            text(item, "title"),
                            text(item, "DOI"),
                            null,
                            mentions));
        }
        return new ReferenceFormat.Parsed(references, unreadable);
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || !value.isValueNode() ? null : value.asText();
    }
}
