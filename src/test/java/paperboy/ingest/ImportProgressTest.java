package paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

    @Test
    void theTerminalBarShowsShareRecordsRateAndEtaAndEndsOnItsOwnLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImportProgress bar = ImportProgress.bar(new PrintStream(out, true, StandardCharsets.UTF_8));

        bar.update(25_000, 250, 1000);
        bar.finish(100_000);

        String drawn = out.toString(StandardCharsets.UTF_8);
        assertThat(drawn)
                .startsWith("\r[")
                .contains(" 25%")
                .contains("25,000 records")
                .contains("/s")
                .contains("ETA ");
        assertThat(drawn)
                .contains("100%")
                .contains("100,000 records")
                .endsWith(System.lineSeparator());
    }
}
