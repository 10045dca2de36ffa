package paperboy.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import paperboy.catalog.UpsertOutcome;

/**
 * What an import did, counted by outcome: papers and code links added, updated, unchanged or stale;
 * records rejected, by reason, each with its file:line. Not thread-safe: the importer fills it from
 * its writer thread, then hands it out.
 */
public final class ImportReport {
    /** How many rejections are kept with their location; all are counted. */
    static final int MAX_LISTED_REJECTIONS = 1000;

    /** One record that was not imported. */
    public record Rejection(String location, String reason, String message) {}

    private final Map<UpsertOutcome, Long> papers = new EnumMap<>(UpsertOutcome.class);
    private final Map<UpsertOutcome, Long> codeLinks = new EnumMap<>(UpsertOutcome.class);
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<String> unreadableFiles = new ArrayList<>();

    void countPaper(UpsertOutcome outcome) {
        papers.merge(outcome, 1L, Long::sum);
    }

    void countCodeLink(UpsertOutcome outcome) {
        codeLinks.merge(outcome, 1L, Long::sum);
    }

    void reject(String location, RejectedRecord why) {
        rejectedByReason.merge(why.reason(), 1L, Long::sum);
        if (rejections.size() < MAX_LISTED_REJECTIONS) {
            rejections.add(new Rejection(location, why.reason(), why.getMessage()));
        }
    }

    void unreadable(String message) {
        unreadableFiles.add(message);
    }

    public long papers(UpsertOutcome outcome) {
        return papers.getOrDefault(outcome, 0L);
    }

    public long codeLinks(UpsertOutcome outcome) {
        return codeLinks.getOrDefault(outcome, 0L);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> rejectedByReason() {
        return Collections.unmodifiableMap(rejectedByReason);
    }

    /** The first {@value #MAX_LISTED_REJECTIONS} rejections, in input order. */
    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Files that could not be read or whose format is unknown; nothing of them was imported. */
    public List<String> unreadableFiles() {
        return List.copyOf(unreadableFiles);
    }

    /** Records seen in all: imported in some way or rejected. */
    public long records() {
        return papers.values().stream().mapToLong(Long::longValue).sum()
                + codeLinks.values().stream().mapToLong(Long::longValue).sum()
                + rejected();
    }

    /** The closing report printed by {@code paperboy import}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "papers:     %,d added, %,d updated, %,d unchanged, %,d older than the"
                                + " catalog%n",
                        papers(UpsertOutcome.ADDED),
                        papers(UpsertOutcome.UPDATED),
                        papers(UpsertOutcome.UNCHANGED),
                        papers(UpsertOutcome.STALE)));
        out.append(
                String.format(
                        "code links: %,d added, %,d updated, %,d unchanged%n",
                        codeLinks(UpsertOutcome.ADDED),
                        codeLinks(UpsertOutcome.UPDATED),
                        codeLinks(UpsertOutcome.UNCHANGED)));
        out.append(String.format("rejected:   %,d%n", rejected()));
        rejectedByReason.forEach((reason, n) -> out.append(String.format("  %,d %s%n", n, reason)));
        for (Rejection r : rejections) {
            out.append("  ").append(r.location()).append(": ").append(r.message()).append('\n');
        }
        if (rejected() > rejections.size()) {
            out.append(String.format("  ... and %,d more%n", rejected() - rejections.size()));
        }
        for (String file : unreadableFiles) {
            out.append("not imported: ").append(file).append('\n');
        }
        return out.toString();
    }

    /** The counts as a JSON-ready map (for {@code import --json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("papers", outcomeMap(papers));
        map.put("codeLinks", outcomeMap(codeLinks));
        map.put("rejected", rejected());
        map.put("rejectedByReason", rejectedByReason);
        map.put("rejections", rejections);
        map.put("unreadableFiles", unreadableFiles);
        return map;
    }

    private static Map<String, Long> outcomeMap(Map<UpsertOutcome, Long> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (UpsertOutcome o : UpsertOutcome.values()) {
            map.put(o.name().toLowerCase(Locale.ROOT), counts.getOrDefault(o, 0L));
        }
        return map;
    }
}
