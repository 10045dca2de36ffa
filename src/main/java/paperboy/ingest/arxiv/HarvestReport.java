package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one OAI-PMH harvest did, counted by outcome. Immutable.
 *
 * @param setSpec the OAI-PMH set harvested, e.g. {@code cs:cs:LG}
 * @param pages ListRecords pages read (an answer of {@code noRecordsMatch} counts none)
 * @param added papers new to the catalog
 * @param updated papers whose version or metadata changed
 * @param unchanged papers the catalog already had exactly so
 * @param stale records older than what the catalog has, ignored
 * @param deleted records arXiv marks deleted, skipped
 * @param rejected unusable records, each with the reason
 * @param completedUntil the datestamp the next harvest of this set will ask from; {@code null} when
 *     a first, unbounded harvest saw no records
 */
public record HarvestReport(
        String setSpec,
        int pages,
        int added,
        int updated,
        int unchanged,
        int stale,
        int deleted,
        List<Rejection> rejected,
        LocalDate completedUntil) {

    /**
     * One record that could not be imported.
     *
     * @param identifier the record's OAI identifier, e.g. {@code oai:arXiv.org:2503.11731}
     * @param reason what was wrong, e.g. {@code missing title}
     */
    public record Rejection(String identifier, String reason) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public HarvestReport {
        Objects.requireNonNull(setSpec, "setSpec");
        rejected = List.copyOf(rejected);
    }

    /** Records read in all: imported, skipped and rejected. */
    public int records() {
        return added + updated + unchanged + stale + deleted + rejected.size();
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return setSpec
                + ": "
                + pages
                + (pages == 1 ? " page, " : " pages, ")
                + added
                + " added, "
                + updated
                + " updated, "
                + unchanged
                + " unchanged, "
                + stale
                + " stale, "
                + deleted
                + " deleted, "
                + rejected.size()
                + " rejected; complete until "
                + (completedUntil == null ? "-" : completedUntil);
    }
}
