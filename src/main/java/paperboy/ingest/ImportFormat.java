package paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** The dump formats {@code paperboy import} understands, told apart by their content. */
enum ImportFormat {
    /** arXiv's bulk metadata snapshot: one JSON object per line. */
    ARXIV_SNAPSHOT,
    /** Papers with Code's links-between-papers-and-code.json: one JSON array. */
    PWC_LINKS;

    private static final int SNIFF_BYTES = 16 * 1024;

    /**
     * Looks at the start of the (decompressed) content.
     *
     * @throws UnknownFormatException naming the file and what was expected
     */
    static ImportFormat detect(Path file) throws IOException, UnknownFormatException {
        String head;
        try (InputStream in = InputFile.open(file, new AtomicLong())) {
            head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8).stripLeading();
        }
        if (head.startsWith("[") && head.contains("\"repo_url\"")) {
            return PWC_LINKS;
        }
        if (head.startsWith("{") && head.contains("\"id\"") && head.contains("\"versions\"")) {
            return ARXIV_SNAPSHOT;
        }
        throw new UnknownFormatException(
                file
                        + ": not a format Paperboy imports (expected the arXiv metadata snapshot,"
                        + " JSON lines with id/title/abstract/versions, or Papers with Code's"
                        + " links-between-papers-and-code.json; plain or .gz)");
    }

    /** The file's content is none of the known formats. */
    static final class UnknownFormatException extends Exception {
        private final String message;

        UnknownFormatException(String message) {
            super(message);
            this.message = message;
        }

        /** What the file is not and what was expected: never {@code null}. */
        @Override
        public String getMessage() {
            return message;
        }
    }
}
