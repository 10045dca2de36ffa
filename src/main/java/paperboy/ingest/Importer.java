package paperboy.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.CodeLink;
import paperboy.catalog.CodeLinkStore;
import paperboy.catalog.Paper;

/**
 * Imports dump files into the catalog: the arXiv snapshot and the Papers-with-Code links, plain or
 * gzip, format told by content. One thread reads and parses, the calling thread writes batches of
 * {@value #BATCH_SIZE} records per transaction; a bounded queue between them keeps memory flat.
 * Idempotent: importing the same files again changes nothing. A bad record is rejected with its
 * file:line and never stops the import. Not thread-safe: run one import per instance at a time.
 */
public final class Importer {
    static final int BATCH_SIZE = 1000;
    private static final int QUEUE_BATCHES = 4;

    private final CatalogStore papers;
    private final CodeLinkStore codeLinks;

    public Importer(CatalogStore papers, CodeLinkStore codeLinks) {
        this.papers = papers;
        this.codeLinks = codeLinks;
    }

    /** A file and the format found in it. */
    private record Input(Path path, ImportFormat format) {}

    /** What the reader hands the writer. */
    private sealed interface Batch permits PaperBatch, LinkBatch, Rejections, BrokenFile, End {}

    private record BrokenFile(String message) implements Batch {}

    private record PaperBatch(List<Paper> items) implements Batch {}

    private record LinkBatch(List<CodeLink> items) implements Batch {}

    private record Rejections(List<String> locations, List<RejectedRecord> reasons)
            implements Batch {}

    private record End(@Nullable Throwable failure) implements Batch {}

    /**
     * Imports {@code files}: snapshots first, then link dumps, so links find their papers.
     *
     * @return the report; files that cannot be read or recognised are listed in it, the rest
     *     imported
     */
    public ImportReport importFiles(List<Path> files, ImportProgress progress) {
        ImportReport report = new ImportReport();
        List<Input> inputs = new ArrayList<>();
        long totalBytes = 0;
        for (Path file : files) {
            try {
                inputs.add(new Input(file, ImportFormat.detect(file)));
                totalBytes += Files.size(file);
            } catch (ImportFormat.UnknownFormatException e) {
                report.unreadable(e.getMessage());
            } catch (IOException e) {
                report.unreadable(file + ": cannot read (" + e.getMessage() + ")");
            }
        }
        inputs.sort(Comparator.comparing(Input::format));

        AtomicLong bytesRead = new AtomicLong();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        Thread reader =
                Thread.ofPlatform()
                        .name("import-reader")
                        .daemon()
                        .start(() -> read(inputs, bytesRead, queue));
        try {
            write(queue, report, progress, bytesRead, totalBytes);
        } finally {
            reader.interrupt();
        }
        progress.finish(report.records());
        return report;
    }

    private void write(
            BlockingQueue<Batch> queue,
            ImportReport report,
            ImportProgress progress,
            AtomicLong bytesRead,
            long totalBytes) {
        while (true) {
            Batch batch = take(queue);
            switch (batch) {
                case PaperBatch b -> papers.upsert(b.items()).forEach(report::countPaper);
                case LinkBatch b -> codeLinks.upsert(b.items()).forEach(report::countCodeLink);
                case Rejections r -> {
                    for (int i = 0; i < r.locations().size(); i++) {
                        report.reject(r.locations().get(i), r.reasons().get(i));
                    }
                }
                case BrokenFile broken -> report.unreadable(broken.message());
                case End end -> {
                    if (end.failure() != null) {
                        throw new ImportException(
                                "import stopped: " + end.failure().getMessage(), end.failure());
                    }
                    return;
                }
            }
            progress.update(report.records(), bytesRead.get(), totalBytes);
        }
    }

    private static Batch take(BlockingQueue<Batch> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("import interrupted", e);
        }
    }

    private static void read(List<Input> inputs, AtomicLong bytesRead, BlockingQueue<Batch> queue) {
        Throwable failure = null;
        try {
            for (Input input : inputs) {
                BatchSink sink = new BatchSink(queue);
                try (InputStream in = InputFile.open(input.path(), bytesRead)) {
                    switch (input.format()) {
                        case ARXIV_SNAPSHOT -> readSnapshot(input.path(), in, sink);
                        case PWC_LINKS -> PwcDumpReader.read(input.path(), in, sink);
                    }
                } catch (IOException e) {
                    // A truncated or unreadable file: keep what it gave, report it, go on with the
                    // next.
                    sink.brokenFile(
                            input.path()
                                    + ": broke off ("
                                    + e.getMessage()
                                    + "); the records before the break were imported");
                }
                sink.flush();
            }
        } catch (InterruptedException e) {
            return; // the writer failed and stopped us; it reports its own error
        } catch (Throwable e) {
            failure = e; // also Errors: the writer must never wait for an end that does not come
        }
        try {
            queue.put(new End(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readSnapshot(Path path, InputStream in, BatchSink sink)
            throws IOException, InterruptedException {
        SnapshotRecords records = new SnapshotRecords();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        long lineNo = 0;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                sink.paper(records.parse(line));
            } catch (RejectedRecord why) {
                sink.rejected(path + ":" + lineNo, why);
            }
        }
    }

    /** Gathers records into batches and hands full ones to the writer. Reader thread only. */
    static final class BatchSink {
        private final BlockingQueue<Batch> queue;
        private List<Paper> paperBatch = new ArrayList<>(BATCH_SIZE);
        private List<CodeLink> linkBatch = new ArrayList<>(BATCH_SIZE);
        private List<String> rejectedAt = new ArrayList<>();
        private List<RejectedRecord> rejected = new ArrayList<>();

        BatchSink(BlockingQueue<Batch> queue) {
            this.queue = queue;
        }

        void paper(Paper paper) throws InterruptedException {
            paperBatch.add(paper);
            if (paperBatch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void link(CodeLink link) throws InterruptedException {
            linkBatch.add(link);
            if (linkBatch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void rejected(String location, RejectedRecord why) throws InterruptedException {
            rejectedAt.add(location);
            rejected.add(why);
            if (rejected.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void brokenFile(String message) throws InterruptedException {
            flush();
            queue.put(new BrokenFile(message));
        }

        void flush() throws InterruptedException {
            if (!rejected.isEmpty()) {
                queue.put(new Rejections(rejectedAt, rejected));
                rejectedAt = new ArrayList<>();
                rejected = new ArrayList<>();
            }
            if (!paperBatch.isEmpty()) {
                queue.put(new PaperBatch(paperBatch));
                paperBatch = new ArrayList<>(BATCH_SIZE);
            }
            if (!linkBatch.isEmpty()) {
                queue.put(new LinkBatch(linkBatch));
                linkBatch = new ArrayList<>(BATCH_SIZE);
            }
        }
    }
}
