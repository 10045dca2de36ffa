package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import paperboy.catalog.UpsertOutcome;

/** Counts one harvest as it goes. Not thread-safe: one harvest, one tally. */
final class HarvestTally {
    private final String setSpec;
    private int pages;
    private int added;
    private int updated;
    private int unchanged;
    private int stale;
    private int deleted;
    private final List<HarvestReport.Rejection> rejected = new ArrayList<>();
    private LocalDate latestDatestamp;

    HarvestTally(String setSpec) {
        this.setSpec = setSpec;
    }

    String setSpec() {
        return setSpec;
    }

    void page() {
        pages++;
    }

    void deleted() {
        deleted++;
    }

    void rejected(String identifier, String reason) {
        rejected.add(new HarvestReport.Rejection(identifier, reason));
    }

    void datestamp(LocalDate date) {
        if (latestDatestamp == null || date.isAfter(latestDatestamp)) {
            latestDatestamp = date;
        }
    }

    /** The latest datestamp seen in this run, {@code null} when none. */
    LocalDate latestDatestamp() {
        return latestDatestamp;
    }

    void outcomes(List<UpsertOutcome> outcomes) {
        for (UpsertOutcome outcome : outcomes) {
            switch (outcome) {
                case ADDED -> added++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case STALE -> stale++;
            }
        }
    }

    HarvestReport report(LocalDate completedUntil) {
        return new HarvestReport(
                setSpec,
                pages,
                added,
                updated,
                unchanged,
                stale,
                deleted,
                rejected,
                completedUntil);
    }
}
