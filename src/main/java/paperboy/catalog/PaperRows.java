package paperboy.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Maps {@link Paper} to and from rows of the {@code papers} table. Stateless and thread-safe. */
final class PaperRows {
    /** Column list shared by inserts and updates, in bind order. */
    static final String COLUMNS =
            "version, title, abstract, authors, categories, primary_category, comments,"
                    + " journal_ref, doi, license, announced, updated, code_url, project_url,"
                    + " content_hash";

    static final String SELECT = "SELECT id, " + COLUMNS + " FROM papers";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private PaperRows() {}

    /**
     * Binds the {@link #COLUMNS} of {@code paper} from parameter {@code first} on; returns the next
     * index.
     */
    static int bind(PreparedStatement st, int first, Paper p) throws SQLException {
        int i = first;
        st.setInt(i++, p.version());
        st.setString(i++, p.title());
        st.setString(i++, p.abstractText());
        st.setString(i++, authorsJson(p.authors()));
        st.setString(i++, String.join(" ", p.categories()));
        st.setString(i++, p.primaryCategory());
        st.setString(i++, p.comments());
        st.setString(i++, p.journalRef());
        st.setString(i++, p.doi());
        st.setString(i++, p.license());
        st.setDate(i++, Date.valueOf(p.announced()));
        st.setDate(i++, Date.valueOf(p.updated()));
        st.setString(i++, p.codeUrl());
        st.setString(i++, p.projectUrl());
        st.setString(i++, contentHash(p));
        return i;
    }

    static Paper read(ResultSet rs) throws SQLException {
        String categories = rs.getString("categories");
        return new Paper(
                ArxivId.of(rs.getString("id")),
                rs.getInt("version"),
                rs.getString("title"),
                rs.getString("abstract"),
                parseAuthors(rs.getString("authors")),
                categories.isEmpty() ? List.of() : Arrays.asList(categories.split(" ")),
                rs.getString("comments"),
                rs.getString("journal_ref"),
                rs.getString("doi"),
                rs.getString("license"),
                rs.getDate("announced").toLocalDate(),
                rs.getDate("updated").toLocalDate(),
                rs.getString("code_url"),
                rs.getString("project_url"));
    }

    /**
     * A 64-bit digest of every stored field: equal digests mean an update would change nothing.
     * FNV-1a with a final mix, not a cryptographic hash: it only has to tell our own records apart
     * (a false "unchanged" needs a 1-in-2^64 collision between two versions of one paper).
     */
    static String contentHash(Paper p) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, p.id().id());
        h = mix(h, Integer.toString(p.version()));
        h = mix(h, p.title());
        h = mix(h, p.abstractText());
        for (String author : p.authors()) {
            h = mix(h, author);
        }
        h = mix(h, String.join(" ", p.categories()));
        for (String optional :
                new String[] {
                    p.comments(), p.journalRef(), p.doi(), p.license(), p.codeUrl(), p.projectUrl()
                }) {
            h = mix(h, optional == null ? "\u0000null" : optional);
        }
        h = mix(h, p.announced().toString());
        h = mix(h, p.updated().toString());
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return String.format("%016x", h);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0xff) * 0x100000001b3L; // field separator
    }

    private static String authorsJson(List<String> authors) {
        try {
            return JSON.writeValueAsString(authors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> parseAuthors(String json) {
        try {
            return JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("authors column holds invalid JSON: " + json, e);
        }
    }
}
