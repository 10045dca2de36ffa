package paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;
import paperboy.common.OwnerOnly;

/**
 * The Lucene index: documents keyed by id, and in each commit the catalog change sequence it
 * reflects and what it was built from ({@link IndexBasis}), so after a crash the indexer knows
 * where to continue, and that it may. One writer per directory: when another process (a running
 * {@code serve}) holds it, the index opens read-only and that process keeps it current. Searches
 * may run from any thread while writes go on.
 */
final class SearchIndex implements AutoCloseable {
    /** Commit user-data key of the last catalog change contained in the commit. */
    private static final String CHANGE_SEQ = "paperboy.change_seq";

    /**
     * The layout this code writes ({@link IndexBasis#layout}): 2, vectors in an int8
     * scalar-quantized HNSW graph; 3, papers a curator hid are flagged (and left out of every
     * result); 4, every category in doc values (facets count a paper in each of its categories); 5,
     * each author's whole name is a term of its own too (author pages).
     */
    static final String LAYOUT = "5";

    /**
     * The default codec, except that the HNSW graph scores with int8-quantized vectors: about 9%
     * more search pages per second on the 93,656 papers, for a SciFact hybrid nDCG@10 of 0.7415
     * against 0.7420 (README.md, "Search quality").
     */
    private static final Codec QUANTIZED_VECTORS =
            new Lucene104Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene104HnswScalarQuantizedVectorsFormat();
                }
            };

    /**
     * BM25 with k1 = 0.9, b = 0.4: the setting Anserini uses for its BEIR baselines, chosen there
     * across many collections (not tuned on any one of ours).
     */
    static final BM25Similarity SIMILARITY =
            new BM25Similarity(Ranking.DEFAULT.k1(), Ranking.DEFAULT.b());

    /** Searchers scoring with {@code similarity}. */
    private static SearcherFactory searchersWith(BM25Similarity similarity) {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
    }

    private final Directory directory;
    private final @Nullable IndexWriter writer; // null when another process holds the index
    private final SearcherManager searchers;

    private SearchIndex(Directory directory, Analysis analysis, BM25Similarity similarity)
            throws IOException {
        this.directory = directory;
        IndexWriterConfig config =
                new IndexWriterConfig(analysis.indexAnalyzer())
                        .setSimilarity(similarity)
                        .setRAMBufferSizeMB(64)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCodec(QUANTIZED_VECTORS);
        IndexWriter opened;
        try {
            opened = new IndexWriter(directory, config);
        } catch (LockObtainFailedException e) {
            opened = null;
        }
        this.writer = opened;
        if (writer != null && !DirectoryReader.indexExists(directory)) {
            writer.commit(); // an empty first commit, so a read-only opener finds an index
        }
        this.searchers =
                writer != null
                        ? new SearcherManager(writer, searchersWith(similarity))
                        : new SearcherManager(directory, searchersWith(similarity));
    }

    /** False when another process holds the index: then this one only searches. */
    boolean writable() {
        return writer != null;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException(
                    "the search index is held by another Paperboy process (a running serve?)");
        }
        return writer;
    }

    /**
     * Opens (or creates) the index in {@code dir}. The directory and its files are readable by
     * their owner only: those there already are made so, and each file Lucene writes from now on is
     * made so as it is created.
     */
    static SearchIndex open(Path dir, Analysis analysis) {
        try {
            OwnerOnly.tree(dir); // and what an earlier process left there
            SearchIndex index =
                    new SearchIndex(
                            new OwnerOnlyFiles(FSDirectory.open(dir)), analysis, SIMILARITY);
            OwnerOnly.file(dir.resolve(IndexWriter.WRITE_LOCK_NAME)); // not made by createOutput
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the search index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A directory whose every new file is readable by its owner only. */
    private static final class OwnerOnlyFiles extends FilterDirectory {
        private final Path path;

        OwnerOnlyFiles(FSDirectory files) {
            super(files);
            this.path = files.getDirectory();
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            IndexOutput output = super.createOutput(name, context);
            OwnerOnly.file(path.resolve(name));
            return output;
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
                throws IOException {
            IndexOutput output = super.createTempOutput(prefix, suffix, context);
            OwnerOnly.file(path.resolve(output.getName()));
            return output;
        }
    }

    /** An index in memory, for evaluations and tests. */
    static SearchIndex inMemory(Analysis analysis) {
        return inMemory(analysis, SIMILARITY);
    }

    /** An index in memory scoring with {@code similarity}, for evaluations. */
    static SearchIndex inMemory(Analysis analysis, BM25Similarity similarity) {
        try {
            return new SearchIndex(new ByteBuffersDirectory(), analysis, similarity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces documents (by id); visible to searches after {@link #commit}. */
    void upsert(List<IndexedText> texts) {
        try {
            for (IndexedText t : texts) {
                writer().updateDocument(new Term(SearchFields.ID, t.id()), Documents.of(t));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write to the search index: " + e.getMessage(), e);
        }
    }

    /**
     * Makes writes durable, recording that the index now reflects the catalog up to {@code
     * changeSeq}, built on {@code basis}.
     */
    void commit(long changeSeq, IndexBasis basis) {
        try {
            Map<String, String> data = new HashMap<>();
            data.put(CHANGE_SEQ, Long.toString(changeSeq));
            basis.recordIn(data);
            writer().setLiveCommitData(data.entrySet());
            writer().commit();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index: " + e.getMessage(), e);
        }
    }

    /** Removes every document (for a rebuild); the commit records sequence 0 and no basis. */
    void clear() {
        try {
            writer().deleteAll();
            commit(0, IndexBasis.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the search index: " + e.getMessage(), e);
        }
    }

    /** The catalog change sequence of the last commit; 0 for a new index. */
    long indexedSeq() {
        String seq = commitData().get(CHANGE_SEQ);
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /** What the last commit was built from; {@link IndexBasis#NONE} for a new index. */
    IndexBasis basis() {
        return IndexBasis.of(commitData());
    }

    private Map<String, String> commitData() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Map.of();
            }
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> entries =
                    writer != null
                            ? writer.getLiveCommitData()
                            : SegmentInfos.readLatestCommit(directory).getUserData().entrySet();
            entries.forEach(e -> data.put(e.getKey(), e.getValue()));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a read-only index: see what the process that holds it has committed since. */
    void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the search index: " + e.getMessage(), e);
        }
    }

    /**
     * The version of what searches see now: it changes with every refresh that brings a change
     * (papers, vectors, hidden papers), so a result kept with it is current while it is equal.
     */
    long version() {
        return withSearcher(s -> ((DirectoryReader) s.getIndexReader()).getVersion());
    }

    /** Runs {@code work} with a current searcher, released afterwards. */
    <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
    }

    /** Work on a searcher that may do I/O. */
    @FunctionalInterface
    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    int documents() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /**
     * Documents with a vector: the papers the semantic leg can find. Counts live documents only, by
     * walking the vector field's doc ids (a few milliseconds on 93,656 papers, no stored fields).
     */
    int vectorDocuments() {
        return withSearcher(s -> s.count(new FieldExistsQuery(SearchFields.VECTOR)));
    }

    @Override
    public void close() {
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index: " + e.getMessage(), e);
        }
    }
}
