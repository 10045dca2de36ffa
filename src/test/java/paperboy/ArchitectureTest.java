package paperboy;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * ARCHITECTURE.md's package table, checked: which feature may use which, and where each library may
 * be used. The table is the contract; a change to one is a change to the other.
 */
@AnalyzeClasses(packages = "paperboy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresFormNoCycles =
            slices().matching("paperboy.(*)..").should().beFreeOfCycles();

    // Which features each feature may use (besides itself); nothing may use cli but the root
    // command.
    @ArchTest static final ArchRule common = uses("common");

    @ArchTest static final ArchRule config = uses("config", "common");

    @ArchTest static final ArchRule catalog = uses("catalog", "config", "common");

    @ArchTest static final ArchRule mail = uses("mail", "config", "common");

    @ArchTest static final ArchRule ingest = uses("ingest", "catalog", "config", "common");

    @ArchTest static final ArchRule search = uses("search", "catalog", "config", "common");

    @ArchTest static final ArchRule daily = uses("daily", "catalog", "common");

    @ArchTest static final ArchRule trending = uses("trending", "daily", "catalog", "common");

    @ArchTest static final ArchRule community = uses("community", "catalog", "mail", "common");

    @ArchTest
    static final ArchRule digest =
            uses("digest", "catalog", "daily", "search", "recommend", "mail", "common");

    @ArchTest static final ArchRule library = uses("library", "catalog", "search", "common");

    @ArchTest
    static final ArchRule recommend = uses("recommend", "catalog", "daily", "search", "common");

    @ArchTest
    static final ArchRule mcp =
            uses(
                    "mcp",
                    "catalog",
                    "daily",
                    "search",
                    "community",
                    "library",
                    "recommend",
                    "common");

    @ArchTest
    static final ArchRule web =
            uses(
                    "web",
                    "catalog",
                    "daily",
                    "trending",
                    "search",
                    "community",
                    "library",
                    "recommend",
                    "digest",
                    "common");

    @ArchTest static final ArchRule portability = uses("portability", "catalog", "common");

    @ArchTest static final ArchRule github = uses("github", "catalog", "common");

    @ArchTest
    static final ArchRule app =
            uses(
                    "app",
                    "catalog",
                    "config",
                    "common",
                    "mail",
                    "ingest",
                    "search",
                    "daily",
                    "trending",
                    "community",
                    "library",
                    "recommend",
                    "digest",
                    "github",
                    "mcp",
                    "web");

    @ArchTest
    static final ArchRule onlyTheRootCommandUsesTheCli =
            noClasses()
                    .that(
                            resideOutsideOfPackage("paperboy.cli..")
                                    .and(not(JavaClass.Predicates.belongToAnyOf(Paperboy.class))))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("paperboy.cli..");

    // Each library where the table allows it.
    @ArchTest static final ArchRule lucene = library("org.apache.lucene..", "search");

    @ArchTest static final ArchRule onnxAndTokenizers = library("ai.onnxruntime..", "search");

    @ArchTest static final ArchRule tokenizers = library("ai.djl..", "search");

    @ArchTest static final ArchRule javalin = library("io.javalin..", "web");

    /** Javalin's server: its connector, body reading and error pages are tuned in the web layer. */
    @ArchTest static final ArchRule jetty = library("org.eclipse.jetty..", "web");

    @ArchTest static final ArchRule jte = library("gg.jte..", "web", "digest");

    @ArchTest
    static final ArchRule picocli =
            noClasses()
                    .that(
                            resideOutsideOfPackage("paperboy.cli..")
                                    .and(not(JavaClass.Predicates.belongToAnyOf(Paperboy.class))))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule flywayHikariAndDrivers =
            CompositeArchRule.of(library("org.flywaydb..", "catalog"))
                    .and(library("com.zaxxer.hikari..", "catalog"))
                    .and(library("org.h2..", "catalog"))
                    .and(library("org.postgresql..", "catalog"));

    @ArchTest
    static final ArchRule jakartaMail =
            CompositeArchRule.of(library("jakarta.mail..", "mail"))
                    .and(library("org.eclipse.angus..", "mail"));

    @ArchTest static final ArchRule commonmark = library("org.commonmark..", "community");

    @ArchTest
    static final ArchRule jackson =
            library(
                    "com.fasterxml.jackson..",
                    "catalog",
                    "ingest",
                    "search",
                    "web",
                    "cli",
                    "portability",
                    "github",
                    "library",
                    "mcp");

    /** Plain JDBC in each feature's store; never in the web layer, the CLI or the assembly. */
    @ArchTest
    static final ArchRule sql =
            CompositeArchRule.of(
                            library(
                                    "java.sql..",
                                    "catalog",
                                    "community",
                                    "daily",
                                    "digest",
                                    "portability",
                                    "github",
                                    "library",
                                    "recommend"))
                    .and(
                            library(
                                    "javax.sql..",
                                    "catalog",
                                    "community",
                                    "daily",
                                    "digest",
                                    "portability",
                                    "github",
                                    "library",
                                    "recommend",
                                    "app"));

    private static String[] packages(String... features) {
        return Arrays.stream(features).map(f -> "paperboy." + f + "..").toArray(String[]::new);
    }

    private static ArchRule uses(String feature, String... allowed) {
        String[] own =
                packages(
                        Stream.concat(Stream.of(feature), Arrays.stream(allowed))
                                .toArray(String[]::new));
        return classes()
                .that()
                .resideInAPackage("paperboy." + feature + "..")
                .should()
                .onlyDependOnClassesThat(
                        resideOutsideOfPackage("paperboy..").or(resideInAnyPackage(own)))
                .as(
                        "paperboy."
                                + feature
                                + " uses only "
                                + (allowed.length == 0
                                        ? "no other feature"
                                        : String.join(", ", allowed)));
    }

    private static ArchRule library(String library, String... features) {
        return noClasses()
                .that()
                .resideInAPackage("paperboy..")
                .and()
                .resideOutsideOfPackages(packages(features))
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library)
                .as(library + " is used only in " + String.join(", ", features));
    }
}
