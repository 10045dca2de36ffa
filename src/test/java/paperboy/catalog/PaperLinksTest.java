package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaperLinksTest {

    @Test
    void findsTheCodeRepositoryNamedInTheAbstractAndCutsItToOwnerAndName() {
        var found =
                PaperLinks.find(
                        "We propose X. Our code is available at"
                                + " https://github.com/org/repo/tree/main/src.",
                        null);
        assertThat(found.codeUrl()).isEqualTo("https://github.com/org/repo");
        assertThat(found.projectUrl()).isNull();
    }

    @Test
    void readsTexHrefsAndTrailingPunctuation() {
        var found =
                PaperLinks.find("Code is at \\href{https://github.com/a/b.git}{this URL}).", null);
        assertThat(found.codeUrl()).isEqualTo("https://github.com/a/b");
    }

    @Test
    void findsBareCodeHostsAndProjectPagesInComments() {
        var found =
                PaperLinks.find(
                        "An abstract without links.",
                        "CVPR 2026. Project page: https://lab.example.edu/~me/proj/ Code:"
                                + " github.com/me/proj");
        assertThat(found.codeUrl()).isEqualTo("https://github.com/me/proj");
        assertThat(found.projectUrl()).isEqualTo("https://lab.example.edu/~me/proj/");
    }

    @Test
    void takesGithubIoSitesAsProjectPagesButNotDatasetsOrDois() {
        var found =
                PaperLinks.find(
                        "Data at https://zenodo.org/records/1 and https://doi.org/10.1/x."
                                + " See https://me.github.io/cool-paper.",
                        null);
        assertThat(found.projectUrl()).isEqualTo("https://me.github.io/cool-paper");
        assertThat(found.codeUrl()).isNull();
    }

    @Test
    void ignoresLinksToAUserRatherThanARepository() {
        assertThat(PaperLinks.find("Follow https://github.com/someone for updates", null).codeUrl())
                .isNull();
    }

    @Test
    void findsLinksWhateverTheirLetterCase() {
        assertThat(PaperLinks.find("Code: Github.com/Org/Repo.", null).codeUrl())
                .isEqualTo("https://github.com/Org/Repo");
        assertThat(PaperLinks.find("See HTTPS://GITHUB.COM/a/b", null).codeUrl())
                .isEqualTo("https://github.com/a/b");
    }
}
