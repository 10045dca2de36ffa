package paperboy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheConfigFileWhichBeatsDefaults() throws Exception {
        Path config = dir.resolve("paperboy.properties");
        Files.writeString(
                config,
                "port=9001\n"
                        + "harvest.categories=math.GT\n"
                        + "arxiv.min-interval=5s\n"
                        + "db.url=jdbc:postgresql://db/x\n");
        Map<String, String> env =
                Map.of("PAPERBOY_PORT", "9002", "PAPERBOY_HARVEST_CATEGORIES", "cs.LG, cs.CV");

        Settings s = new SettingsLoader(env).load(Map.of(Setting.PORT, "9003"), config);

        assertThat(s.port()).as("flag").isEqualTo(9003);
        assertThat(s.categories()).as("environment").containsExactly("cs.LG", "cs.CV");
        assertThat(s.arxivMinInterval()).as("config file").isEqualTo(Duration.ofSeconds(5));
        assertThat(s.embeddedCatalog()).isFalse();
        assertThat(s.oaiUrl().toString()).as("default").isEqualTo("https://oaipmh.arxiv.org/oai");
    }

    @Test
    void readsPaperboyPropertiesFromTheDataDirWhenNoConfigIsNamed() throws Exception {
        Files.writeString(dir.resolve("paperboy.properties"), "harvest.enabled=false\n");
        Settings s =
                new SettingsLoader(Map.of()).load(Map.of(Setting.DATA_DIR, dir.toString()), null);
        assertThat(s.harvestEnabled()).isFalse();
        assertThat(s.embeddedCatalog()).isTrue();
        assertThat(s.userAgent()).contains("mailto:");
    }

    @Test
    void rejectsBadValuesNamingTheSettingAndVariable() {
        SettingsLoader loader = new SettingsLoader(Map.of("PAPERBOY_ARXIV_MIN_INTERVAL", "soon"));
        assertThatThrownBy(() -> loader.load(Map.of(), null))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("arxiv.min-interval")
                .hasMessageContaining("PAPERBOY_ARXIV_MIN_INTERVAL");
    }

    @Test
    void searchLimitsAreCountsWhereZeroMeansNone() {
        Settings defaults = new SettingsLoader(Map.of()).load(Map.of(), null);
        assertThat(defaults.searchesAtOnce()).isEqualTo(4);
        assertThat(defaults.searchesPerMinute()).isEqualTo(60);
        Settings off =
                new SettingsLoader(
                                Map.of(
                                        "PAPERBOY_SITE_SEARCHES_AT_ONCE", "0",
                                        "PAPERBOY_SITE_SEARCHES_PER_MINUTE", "0"))
                        .load(Map.of(), null);
        assertThat(off.searchesAtOnce()).isZero();
        assertThat(off.searchesPerMinute()).isZero();
        assertThatThrownBy(
                        () ->
                                new SettingsLoader(Map.of("PAPERBOY_SITE_SEARCHES_AT_ONCE", "-1"))
                                        .load(Map.of(), null))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("site.searches-at-once");
    }
}
