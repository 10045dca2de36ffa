package paperboy.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import paperboy.app.Instance;
import paperboy.portability.CommunityExport;

/** A community export on disk, plain or gzip, as {@code import} meets it among dumps. */
final class CommunityFiles {
    private CommunityFiles() {}

    /** Whether the file's first line is an export's head. */
    static boolean isExport(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false; // the importer reports it
        }
        try (BufferedReader in = open(file)) {
            String first = in.readLine();
            return first != null && CommunityExport.isExport(first);
        } catch (IOException e) {
            return false; // not text, or not gzip: a dump the importer tells apart
        }
    }

    static CommunityExport.Counts read(Instance instance, Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            return new CommunityExport(instance.database().dataSource()).read(in, file.toString());
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            byte[] magic = new byte[2];
            InputStream in = new java.io.BufferedInputStream(raw);
            in.mark(2);
            int n = in.read(magic);
            in.reset();
            boolean gzip = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
            return new BufferedReader(
                    new InputStreamReader(
                            gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
