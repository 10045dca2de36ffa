package paperboy.catalog;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Where one harvest stands.
 *
 * @param name the harvest, e.g. {@code oai:cs:cs:LG} (OAI-PMH set cs:cs:LG)
 * @param completedUntil datestamp up to which every record has been taken; the next run asks from
 *     it; {@code null} before the first run has completed
 * @param runFrom the from-date of a run in progress, {@code null} when none
 * @param resumptionToken the next page of the run in progress, {@code null} when none
 */
public record HarvestCheckpoint(
        String name,
        @Nullable LocalDate completedUntil,
        @Nullable LocalDate runFrom,
        @Nullable String resumptionToken) {
    public static HarvestCheckpoint fresh(String name) {
        return new HarvestCheckpoint(name, null, null, null);
    }

    public boolean runInProgress() {
        return resumptionToken != null;
    }
}
