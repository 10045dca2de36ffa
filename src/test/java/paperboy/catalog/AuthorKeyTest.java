package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorKeyTest {
    @Test
    void spellingsOfOneNameHaveOneKey() {
        assertThat(AuthorKey.of("Yang Liu")).isEqualTo("yang liu");
        assertThat(AuthorKey.same("Yang Liu", "YANG  liu ")).isTrue();
        assertThat(AuthorKey.same("M van der Schaar", "M Van Der Schaar")).isTrue();
        assertThat(AuthorKey.same("H Günaydın", "H Gu\u0308naydın")).as("NFC").isTrue();
        assertThat(AuthorKey.same("H Rueß", "H RUESS")).as("ß folds to ss").isTrue();
        assertThat(AuthorKey.same("Σίσυφος", "ΣΊΣΥΦΟΣ")).as("final sigma").isTrue();
        assertThat(AuthorKey.same("ﬁnn", "Finn")).as("a ligature").isTrue();
        assertThat(AuthorKey.same("İlker", "i\u0307lker")).isTrue();
    }

    @Test
    void differentNamesKeepDifferentKeys() {
        assertThat(AuthorKey.same("Wei Wang", "Wang Wei")).isFalse();
        assertThat(AuthorKey.same("Wei Wang", "Wei Wang Jr")).isFalse();
        assertThat(AuthorKey.same("H Günaydın", "H Günaydin")).as("dotless ı stays").isFalse();
        assertThat(AuthorKey.same("Muller", "Müller")).as("accents count").isFalse();
        assertThat(AuthorKey.of(" \t ")).isEmpty();
    }
}
