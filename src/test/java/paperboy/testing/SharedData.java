package paperboy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/** The real data in ../shared/data, read in place (never copied into the repository). */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        Path dir =
                Path.of(System.getProperty("paperboy.shared.dir", "../shared"))
                        .resolve("data")
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "shared data not found at "
                            + dir
                            + " (expected ../shared/data beside the project)");
        }
        return dir;
    }

    /** The 16 parts of the arXiv snapshot sample, in order. */
    public static List<Path> arxivParts() {
        try (Stream<Path> files = Files.list(dir().resolve("arxiv"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path pwcLinks() {
        return dir().resolve("paperswithcode/links-between-papers-and-code.json.gz");
    }

    /** Papers in the whole arXiv sample (data/README.md). */
    public static final int ARXIV_PAPERS = 93_656;

    /** Records in the Papers-with-Code links dump. */
    public static final int PWC_LINKS = 3_722;

    /**
     * The announcement day of a snapshot record: its first version's date (data/README.md: the
     * listing the paper appeared in).
     */
    public static LocalDate announced(JsonNode record) {
        return ZonedDateTime.parse(
                        record.path("versions").path(0).path("created").asText(),
                        DateTimeFormatter.RFC_1123_DATE_TIME)
                .toLocalDate();
    }
}
