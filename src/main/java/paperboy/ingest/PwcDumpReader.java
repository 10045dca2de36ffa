package paperboy.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Streams Papers with Code's links dump (one JSON array) object by object: memory stays flat. */
final class PwcDumpReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PwcDumpReader() {}

    static void read(Path path, InputStream in, Importer.BatchSink sink)
            throws IOException, InterruptedException {
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                sink.rejected(
                        path + ":1", new RejectedRecord("malformed dump", "expected a JSON array"));
                return;
            }
            long index = 0;
            JsonToken token;
            while ((token = nextToken(parser, path, sink)) != null
                    && token != JsonToken.END_ARRAY) {
                index++;
                JsonLocation at = parser.currentTokenLocation();
                String location =
                        path
                                + ":"
                                + at.getLineNr()
                                + ":"
                                + at.getColumnNr()
                                + " (record "
                                + index
                                + ")";
                JsonNode node;
                try {
                    node = parser.readValueAsTree();
                } catch (JsonProcessingException e) {
                    sink.rejected(
                            location,
                            new RejectedRecord(
                                    "malformed JSON",
                                    e.getOriginalMessage()
                                            + "; the rest of the file was not read"));
                    return;
                }
                try {
                    sink.link(PwcRecords.parse(node));
                } catch (RejectedRecord why) {
                    sink.rejected(location, why);
                }
            }
        }
    }

    private static @Nullable JsonToken nextToken(
            JsonParser parser, Path path, Importer.BatchSink sink)
            throws IOException, InterruptedException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            sink.rejected(
                    path + ":" + (at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr()),
                    new RejectedRecord(
                            "malformed JSON",
                            e.getOriginalMessage() + "; the rest of the file was not read"));
            return null;
        }
    }
}
