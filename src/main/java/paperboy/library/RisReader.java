package paperboy.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the entries of a RIS file: {@code TY - } starts one, {@code ER - } ends it, each line in
 * between is a two-character tag and a value. Titles are {@code TI} or {@code T1}, the DOI {@code
 * DO}; arXiv ids come from addresses ({@code UR}, {@code L1}, {@code L2}, {@code LK}), accession
 * numbers ({@code AN}, where Zotero writes "arXiv:..."), journal and note fields.
 */
final class RisReader {
    private static final Pattern LINE = Pattern.compile("^([A-Z][A-Z0-9])  -(?: (.*))?$");
    private static final List<String> MENTIONS =
            List.of("UR", "L1", "L2", "LK", "AN", "JO", "JF", "T2", "J2", "N1", "M1", "SN");

    /** A wrapped value longer than this stops growing: an abstract is far shorter. */
    static final int MAX_VALUE = 100_000;

    private RisReader() {}

    static ReferenceFormat.Parsed read(String text) {
        List<Reference> references = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<String, List<StringBuilder>> fields = null;
        List<StringBuilder> lastValues = null;
        int position = 0;
        int startLine = 0;
        String[] lines = text.split("\\r?\\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].stripTrailing();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (lastValues != null && !line.isBlank()) {
                    // a value continued on the next line (some exporters wrap abstracts)
                    StringBuilder value = lastValues.getLast();
                    if (value.length() < MAX_VALUE) {
                        value.append(' ').append(line.strip());
                    }
                }
                continue;
            }
            String tag = m.group(1);
            String value = m.group(2) == null ? "" : m.group(2).strip();
            if (tag.equals("TY")) {
                if (fields != null) {
                    unreadable.add(
                            "entry " + position + " (line " + startLine + "): no “ER  -” ends it");
                }
                fields = new LinkedHashMap<>();
                lastValues = null;
                position++;
                startLine = n + 1;
            } else if (tag.equals("ER")) {
                if (fields != null) {
                    references.add(reference(fields, position));
                }
                fields = null;
                lastValues = null;
            } else if (fields != null) {
                lastValues = fields.computeIfAbsent(tag, t -> new ArrayList<>());
                lastValues.add(new StringBuilder(value));
            }
        }
        if (fields != null) {
            references.add(reference(fields, position)); // the last "ER" forgotten: still an entry
        }
        return new ReferenceFormat.Parsed(references, unreadable);
    }

    private static Reference reference(Map<String, List<StringBuilder>> fields, int position) {
        String title = first(fields, "TI");
        if (title == null) {
            title = first(fields, "T1");
        }
        List<@Nullable String> mentions = new ArrayList<>();
        for (String tag : MENTIONS) {
            fields.getOrDefault(tag, List.of()).forEach(v -> mentions.add(v.toString()));
        }
        return Reference.of("entry " + position, title, first(fields, "DO"), null, mentions);
    }

    private static @Nullable String first(Map<String, List<StringBuilder>> fields, String tag) {
        List<StringBuilder> values = fields.get(tag);
        return values == null || values.isEmpty() || values.getFirst().toString().isBlank()
                ? null
                : values.getFirst().toString();
    }
}
