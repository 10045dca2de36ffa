package paperboy.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Resolves each {@link Setting}: flag &gt; environment &gt; config file &gt; default. The config
 * file is the one named by {@code --config}, else {@code paperboy.properties} in the data dir if
 * present.
 */
public final class SettingsLoader {
    private final Map<String, String> env;

    public SettingsLoader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Resolves every setting and parses the result.
     *
     * @param flags values given on the command line (only those given)
     * @param configFile an explicit config file, or {@code null}
     */
    public Settings load(Map<Setting, String> flags, @Nullable Path configFile) {
        String dataDir = firstOf(flags.get(Setting.DATA_DIR), env.get(Setting.DATA_DIR.envName()));
        Properties file = readConfig(configFile, dataDir);
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String value = firstOf(flags.get(s), env.get(s.envName()), file.getProperty(s.key()));
            raw.put(s, value != null ? value : s.defaultValue());
        }
        return Settings.parse(raw);
    }

    private static Properties readConfig(@Nullable Path explicit, @Nullable String dataDir) {
        Path path = explicit;
        if (path == null) {
            Path candidate =
                    Path.of(
                            dataDir == null ? Setting.DATA_DIR.defaultValue() : dataDir,
                            "paperboy.properties");
            path = Files.isRegularFile(candidate) ? candidate : null;
        }
        Properties props = new Properties();
        if (path == null) {
            return props;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
            return props;
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static @Nullable String firstOf(@Nullable String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
