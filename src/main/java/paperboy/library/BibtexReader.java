package paperboy.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the entries of a BibTeX file leniently: an entry that cannot be read is reported and the
 * reader goes on with the next one, as a member's file from years of exports will have some.
 * Handles braced and quoted values, {@code #} concatenation, {@code @string} macros, {@code
 * @comment} and {@code @preamble}.
 */
final class BibtexReader {
    private final String text;
    private int at;
    private final Map<String, String> macros = new HashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    /** Where each line starts, for the line numbers of the report (one pass, not one per entry). */
    private final int[] lineStarts;

    /** Reported entries beyond this are counted, not listed: a file of only broken entries. */
    static final int MAX_REPORTED = 1000;

    private int unreported;

    private BibtexReader(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static ReferenceFormat.Parsed read(String text) {
        BibtexReader reader = new BibtexReader(text);
        reader.entries();
        if (reader.unreported > 0) {
            reader.unreadable.add(
                    String.format(
                            "and %,d more entries that could not be read", reader.unreported));
        }
        return new ReferenceFormat.Parsed(reader.references, reader.unreadable);
    }

    private void entries() {
        int position = 0;
        while (true) {
            int start = text.indexOf('@', at);
            if (start < 0) {
                return;
            }
            at = start + 1;
            String type = name().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue; // an @ in the text between entries
            }
            skipSpace();
            if (at >= text.length() || (text.charAt(at) != '{' && text.charAt(at) != '(')) {
                continue;
            }
            char close = text.charAt(at) == '{' ? '}' : ')';
            at++;
            switch (type) {
                case "comment", "preamble" -> {
                    if (!skipTo(close)) {
                        report("a @" + type + " (line " + line(start) + ") never closes");
                        int next = nextEntryStart(start + 1);
                        at = next < 0 ? text.length() : next;
                    }
                }
                case "string" -> macro(close);
                default -> {
                    position++;
                    try {
                        entry(position, close);
                    } catch (IllegalStateException e) {
                        report(
                                "entry "
                                        + position
                                        + " (line "
                                        + line(start)
                                        + "): "
                                        + e.getMessage());
                        at = start + 1;
                        int next = nextEntryStart(at);
                        at = next < 0 ? text.length() : next;
                    }
                }
            }
        }
    }

    private void entry(int position, char close) {
        skipSpace();
        int keyStart = at;
        while (at < text.length()
                && ",\n=@".indexOf(text.charAt(at)) < 0
                && text.charAt(at) != close) {
            at++;
        }
        if (at < text.length() && text.charAt(at) != ',' && text.charAt(at) != close) {
            throw new IllegalStateException("its key does not end in “,”");
        }
        String key = text.substring(keyStart, at).strip();
        Map<String, String> fields = new HashMap<>();
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalStateException("the file ends inside it");
            }
            char c = text.charAt(at);
            if (c == close) {
                at++;
                break;
            }
            if (c == ',') {
                at++;
                continue;
            }
            if (c == '@' && startsLine(at)) {
                // a value took the entry's closing brace: its own "{" was never closed
                throw new IllegalStateException(
                        "its braces do not pair (a value’s “{” is never closed), so it runs into"
                                + " the next entry");
            }
            String field = name().toLowerCase(Locale.ROOT);
            if (field.isEmpty()) {
                throw new IllegalStateException("a field name was expected at “" + around() + "”");
            }
            skipSpace();
            if (at >= text.length() || text.charAt(at) != '=') {
                throw new IllegalStateException("“=” was expected after " + field);
            }
            at++;
            fields.put(field, value(close));
        }
        String label = key.isEmpty() ? "entry " + position : key;
        String eprint = fields.get("eprint");
        if (eprint == null) {
            eprint = fields.get("arxivid"); // Mendeley's field
        }
        references.add(
                Reference.of(
                        label,
                        fields.get("title"),
                        fields.get("doi"),
                        eprint,
                        listOf(
                                fields.get("url"),
                                fields.get("journal"),
                                fields.get("note"),
                                fields.get("howpublished"),
                                fields.get("number"))));
    }

    private static List<@Nullable String> listOf(@Nullable String... values) {
        List<@Nullable String> list = new ArrayList<>(values.length);
        for (String v : values) {
            list.add(v);
        }
        return list;
    }

    private void macro(char close) {
        skipSpace();
        String name = name().toLowerCase(Locale.ROOT);
        skipSpace();
        if (name.isEmpty() || at >= text.length() || text.charAt(at) != '=') {
            skipTo(close);
            return;
        }
        at++;
        try {
            macros.put(name, value(close));
            skipSpace();
            if (at < text.length() && text.charAt(at) == close) {
                at++;
            }
        } catch (IllegalStateException e) {
            report("a @string (line " + line(at) + "): " + e.getMessage());
            skipTo(close);
        }
    }

    /** A value: parts joined by {@code #}, each braced, quoted, a number or a macro. */
    private String value(char close) {
        StringBuilder b = new StringBuilder();
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalStateException("the file ends inside a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                b.append(balanced(at + 1, '}'));
            } else if (c == '"') {
                b.append(balanced(at + 1, '"'));
            } else {
                int start = at;
                while (at < text.length()
                        && !Character.isWhitespace(text.charAt(at))
                        && text.charAt(at) != ','
                        && text.charAt(at) != '#'
                        && text.charAt(at) != close) {
                    at++;
                }
                String word = text.substring(start, at);
                if (word.isEmpty()) {
                    throw new IllegalStateException("a value was expected at “" + around() + "”");
                }
                b.append(macros.getOrDefault(word.toLowerCase(Locale.ROOT), word));
            }
            skipSpace();
            if (at < text.length() && text.charAt(at) == '#') {
                at++;
                continue;
            }
            return b.toString();
        }
    }

    /** The text up to {@code end} at brace depth 0, from {@code from}; moves past the end. */
    private String balanced(int from, char end) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == end && depth == 0) {
                at = i + 1;
                return text.substring(from, i);
            } else if (c == '@' && depth == 0 && end == '}' && startsLine(i)) {
                break; // the next entry: this value's brace is never closed
            }
        }
        throw new IllegalStateException(
                "a value's “" + (end == '"' ? "\"" : "{") + "” is never closed");
    }

    private boolean startsLine(int i) {
        int j = i - 1;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j--;
        }
        return j < 0 || text.charAt(j) == '\n';
    }

    private int nextEntryStart(int from) {
        for (int i = text.indexOf('@', from); i >= 0; i = text.indexOf('@', i + 1)) {
            if (startsLine(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves past the group's end; false (and nowhere) when it never ends. */
    private boolean skipTo(char close) {
        try {
            balanced(at, close);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private String name() {
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '.') {
                at++;
            } else {
                break;
            }
        }
        return text.substring(start, at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private String around() {
        return text.substring(at, Math.min(text.length(), at + 20)).replace('\n', ' ');
    }

    private int line(int position) {
        int found = Arrays.binarySearch(lineStarts, position);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private void report(String why) {
        if (unreadable.size() < MAX_REPORTED) {
            unreadable.add(why);
        } else {
            unreported++;
        }
    }
}
