package paperboy.testing;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.config.SettingsLoader;

/**
 * Settings for a test instance: a data dir of its own, no harvest, no embedding model (embedding
 * the corpus takes an hour), no per-client search limits (a test is one client making hundreds of
 * searches a minute; SearchLimitsTest sets its own), and no environment, plus what the test sets.
 */
public final class TestSettings {
    private TestSettings() {}

    public static Settings of(Path dataDir, Map<Setting, String> overrides) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.DATA_DIR, dataDir.toString());
        flags.put(Setting.HARVEST, "false");
        flags.put(Setting.MODEL, "none");
        flags.put(Setting.SEARCHES_AT_ONCE, "0");
        flags.put(Setting.SEARCHES_PER_MINUTE, "0");
        flags.putAll(overrides);
        return new SettingsLoader(Map.of()).load(flags, null);
    }
}
