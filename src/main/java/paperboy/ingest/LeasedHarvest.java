package paperboy.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.JobLeases;
import paperboy.ingest.arxiv.HarvestReport;

/**
 * The catalog's category harvest, run by one process at a time however many nodes and CLIs share
 * the catalog: arXiv asks for one polite client, so nodes do not split the sets between them, and
 * two harvests of one set would share a checkpoint. The holder renews its lease ({@code
 * harvest.lease}) after every page; a holder killed mid-harvest leaves it to the next process that
 * looks once the lease runs out, which continues from the stored checkpoints. Thread-safe.
 */
public final class LeasedHarvest {
    /** The harvest's row in {@code job_leases}. */
    public static final String JOB = "harvest";

    private final ArxivClients clients;
    private final List<String> configured;
    private final JobLeases leases;
    private final String owner;
    private final Duration lease;
    private final Clock clock;

    /**
     * @param configured the categories the catalog harvests ({@code harvest.categories}, the same
     *     on every node): only a harvest of all of them completes a round
     * @param owner this process's name among the catalog's nodes
     * @param lease how long a claim holds between two pages ({@code harvest.lease})
     */
    public LeasedHarvest(
            ArxivClients clients,
            List<String> configured,
            JobLeases leases,
            String owner,
            Duration lease,
            Clock clock) {
        this.clients = clients;
        this.configured = List.copyOf(configured);
        this.leases = leases;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * What a round did: the reports of the sets harvested, or none because a harvest that began
     * after the round was due completed at {@code doneAt}.
     */
    public record Round(List<HarvestReport> reports, @Nullable Instant doneAt) {}

    /**
     * Harvests the categories under the lease, unless a harvest of all the configured ones began at
     * or after {@code unlessDoneSince} and completed (by this or another process). A harvest of
     * some categories only (an operator's {@code paperboy harvest -c}) completes no round.
     *
     * @param unlessDoneSince {@code null} to harvest in any case (an operator's explicit harvest)
     * @throws HeldElsewhereException while another process holds the harvest
     * @throws JobLeases.LeaseLostException when this process's lease ran out mid-harvest and
     *     another took it over; what was stored so far is kept
     */
    public Round harvest(
            List<String> categories, LocalDate firstFrom, @Nullable Instant unlessDoneSince) {
        JobLeases.Lease held = leases.claim(JOB, owner, lease).orElseThrow(this::heldElsewhere);
        try (held) {
            Optional<Instant> began = leases.lastStarted(JOB);
            Optional<Instant> done = leases.lastCompleted(JOB);
            if (unlessDoneSince != null
                    && began.isPresent()
                    && done.isPresent()
                    && !began.get().isBefore(unlessDoneSince)) {
                return new Round(List.of(), done.get());
            }
            List<HarvestReport> reports =
                    clients.harvestCategories(categories, firstFrom, held::renew);
            if (new HashSet<>(categories).containsAll(configured)) {
                held.complete();
            }
            return new Round(reports, null);
        }
    }

    private HeldElsewhereException heldElsewhere() {
        Optional<JobLeases.Holder> holder = leases.holder(JOB);
        // The holder may have given the lease up between the claim and this look: try soon.
        Instant lookAgain = holder.map(JobLeases.Holder::until).orElse(clock.instant());
        String who =
                holder.map(h -> h.owner() + " (lease until " + h.until() + ")")
                        .orElse("another process");
        return new HeldElsewhereException("the catalog is being harvested by " + who, lookAgain);
    }
}
