package paperboy.library;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The library files members import: what reference managers export. */
public enum ReferenceFormat {
    BIBTEX("BibTeX", "bibtex"),
    RIS("RIS", "ris"),
    CSL_JSON("CSL-JSON", "csl-json");

    private static final Pattern RIS_START = Pattern.compile("(?m)^TY  - ");
    private static final Pattern BIBTEX_ENTRY = Pattern.compile("@[A-Za-z]+\\s*[{(]");

    private final String label;
    private final String source;

    ReferenceFormat(String label, String source) {
        this.label = label;
        this.source = source;
    }

    /** As people name it: "BibTeX". */
    public String label() {
        return label;
    }

    /** As a library row records where a paper came from. */
    public String source() {
        return source;
    }

    /**
     * The format of a file, by its content (a file name's extension is often wrong: Zotero's
     * CSL-JSON comes as .json, Mendeley's BibTeX as .txt); null when it is none of them.
     */
    public static @Nullable ReferenceFormat detect(String text) {
        String start = text.stripLeading();
        if (start.startsWith("[") || start.startsWith("{")) {
            return CSL_JSON;
        }
        if (RIS_START.matcher(text).find()) {
            return RIS;
        }
        if (BIBTEX_ENTRY.matcher(text).find()) {
            return BIBTEX;
        }
        return null;
    }

    /** The entries of {@code text} in this format; what could not be read is said in the result. */
    public Parsed parse(String text) {
        return switch (this) {
            case BIBTEX -> BibtexReader.read(text);
            case RIS -> RisReader.read(text);
            case CSL_JSON -> CslJsonReader.read(text);
        };
    }

    /**
     * A file's entries.
     *
     * @param unreadable one line per entry that could not be read, saying where and why
     */
    public record Parsed(List<Reference> references, List<String> unreadable) {
        public Parsed {
            references = List.copyOf(references);
            unreadable = List.copyOf(unreadable);
        }
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
