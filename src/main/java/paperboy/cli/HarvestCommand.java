package paperboy.cli;

import java.util.concurrent.Callable;
import paperboy.Paperboy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code paperboy harvest}: one harvest round from arXiv, now. */
@Command(name = "harvest", mixinStandardHelpOptions = true, description = "Harvests arXiv once (OAI-PMH).")
public final class HarvestCommand implements Callable<Integer> {
    @ParentCommand
    private Paperboy root;

    @Override
    public Integer call() {
        return 1;
    }
}
