package paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.config.Setting;
import paperboy.config.SettingsException;
import paperboy.digest.Cadence;
import paperboy.digest.Subscription;
import paperboy.digest.Subscriptions;
import paperboy.testing.TestSettings;

/** The one assembly: links in mail, refusals, and closing what was opened when a part fails. */
class InstanceTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    @TempDir Path dir;

    private static Paper paper(String id, String title) {
        return new Paper(
                ArxivId.of(id),
                1,
                title,
                "An abstract about " + title + ".",
                List.of("Ada Lovelace"),
                List.of("cs.LG"),
                null,
                null,
                null,
                null,
                DAY,
                DAY,
                null,
                null);
    }

    @Test
    void aSiteOnAnyFreePortWithoutSiteUrlPutsTheRealPortIntoDigestLinks() throws Exception {
        try (Instance instance = Instance.of(TestSettings.of(dir, Map.of(Setting.PORT, "0")))) {
            instance.catalog()
                    .upsert(
                            List.of(
                                    paper("2606.00001", "Fixed points"),
                                    paper("2606.00002", "Graphs")));
            Subscriptions subscriptions = instance.subscriptions();
            Subscription s =
                    subscriptions.subscribe(
                            "reader@example.org",
                            new Subscriptions.Preferences(Cadence.DAILY, 5, List.of(), List.of()),
                            Instant.now());
            subscriptions.confirm(s.id(), Instant.now());

            int port = instance.startWeb("127.0.0.1", 0);

            assertThat(port).isPositive();
            assertThat(instance.publicBaseUrl()).hasValue("http://localhost:" + port);
            assertThat(
                            instance.digestRound()
                                    .compose(Cadence.DAILY, Cadence.DAILY.periodFor(DAY, DAY)))
                    .isEqualTo(1);
            assertThat(instance.digestRound().deliver().sent()).isEqualTo(1);
            String eml;
            try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
                eml =
                        Files.readString(
                                files.filter(f -> f.toString().endsWith(".eml"))
                                        .findFirst()
                                        .orElseThrow());
            }
            assertThat(eml)
                    .contains("http://localhost:" + port + "/digest/unsubscribe?s=")
                    .doesNotContain("localhost:0/")
                    .doesNotContain("localhost:8080");
        }
    }

    @Test
    void digestsWithoutSiteUrlAndWithoutASiteAreRefusedWithAMessageThatAsksForIt() {
        try (Instance instance = Instance.of(TestSettings.of(dir, Map.of()))) {
            assertThat(instance.publicBaseUrl()).isEmpty();
            assertThatThrownBy(instance::digestRound)
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("needs site.url (PAPERBOY_SITE_URL)");
        }
    }

    @Test
    void siteUrlWinsOverTheListeningPort() {
        try (Instance instance =
                Instance.of(
                        TestSettings.of(
                                dir, Map.of(Setting.SITE_URL, "https://papers.example.org")))) {
            instance.startWeb("127.0.0.1", 0);
            assertThat(instance.publicBaseUrl()).hasValue("https://papers.example.org");
        }
    }

    @Test
    void aPartThatFailsToBuildLeavesWhatWasOpenedBeforeItToBeClosed() throws Exception {
        Instance instance =
                Instance.of(
                        TestSettings.of(
                                dir,
                                Map.of(Setting.MODEL, dir.resolve("no-such-model").toString())));
        var dataSource = instance.database().dataSource(); // opened first
        assertThatThrownBy(instance::search)
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("search.model");

        instance.close();

        assertThatThrownBy(dataSource::getConnection)
                .as("the catalog's pool is closed")
                .isInstanceOf(SQLException.class);
    }
}
