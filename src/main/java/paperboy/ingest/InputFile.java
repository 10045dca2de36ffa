package paperboy.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input file, plain or gzip (told by its magic bytes, not its name), counting bytes read.
 */
final class InputFile {
    private static final int GZIP_MAGIC = 0x8b1f;

    private InputFile() {}

    /**
     * @param consumed receives the count of raw (compressed) bytes read, for progress
     */
    static InputStream open(Path path, AtomicLong consumed) throws IOException {
        InputStream raw = new CountingStream(Files.newInputStream(path), consumed);
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int magic = buffered.read() | (buffered.read() << 8);
            buffered.reset();
            return magic == GZIP_MAGIC
                    ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
                    : buffered;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong consumed;

        CountingStream(InputStream in, AtomicLong consumed) {
            super(in);
            this.consumed = consumed;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consumed.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                consumed.addAndGet(n);
            }
            return n;
        }
    }
}
