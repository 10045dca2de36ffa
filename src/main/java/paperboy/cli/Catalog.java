package paperboy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import paperboy.catalog.Database;
import paperboy.config.Settings;

/** Opens the configured catalog: PostgreSQL when a URL is set, else H2 in the data dir. */
final class Catalog {
    private Catalog() {
    }

    static Database open(Settings settings) {
        if (!settings.embeddedCatalog()) {
            return Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
        }
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        return Database.open(Database.embeddedUrl(settings.dataDir()), null, null);
    }
}
