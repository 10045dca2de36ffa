package paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules of public names, one by one, with the hostile inputs a form meets. */
class DisplayNamesTest {
    private static String refusal(String typed) {
        return DisplayNames.refusal(DisplayNames.tidy(typed)).orElse("");
    }

    @Test
    void namesOfLettersDigitsSpacesAndPunctuationInAnyScriptAreAccepted() {
        for (String ok :
                new String[] {
                    "Ada Lovelace",
                    "ab",
                    "x".repeat(40),
                    "j.doe-42_x",
                    "Zoë Müller",
                    "李小龙",
                    "Ελένη",
                    "דוד כהן",
                    "محمد",
                    "देवनागरी",
                    "R2",
                    "42"
                }) {
            assertThat(DisplayNames.refusal(DisplayNames.tidy(ok))).as(ok).isEmpty();
        }
    }

    @Test
    void tidyingTrimsCollapsesWhiteSpaceAndComposes() {
        assertThat(DisplayNames.tidy("  Ada \t\n  Lovelace\u00a0 ")).isEqualTo("Ada Lovelace");
        assertThat(DisplayNames.tidy("Zoe\u0308")).as("NFC").isEqualTo("Zo\u00eb");
    }

    @Test
    void lengthIsTwoToFortyCharactersCountedAfterTidying() {
        assertThat(refusal("a")).contains("at least 2");
        assertThat(refusal("  a   ")).contains("at least 2");
        assertThat(refusal("")).contains("Please type");
        assertThat(refusal("   ")).contains("Please type");
        assertThat(refusal("x".repeat(41))).contains("at most 40").contains("has 41");
        assertThat(refusal("x".repeat(10_000))).contains("at most 40").contains("has 10000");
        assertThat(refusal("李".repeat(40))).isEmpty();
        assertThat(refusal("\uD835\uDC9C".repeat(40)))
                .as("40 letters outside the BMP are 40 characters, not 80")
                .isEmpty();
    }

    @Test
    void markupQuotesAndSymbolsAreRefusedWithTheCharacterNamed() {
        assertThat(refusal("<script>alert(1)</script>"))
                .contains("letters, digits, spaces and . - _ only")
                .contains("“<” (U+003C)");
        for (String bad : new String[] {"a@b", "ab\"", "a'b", "a&b", "a/b", "ab😀", "a+b"}) {
            assertThat(refusal(bad)).as(bad).contains("is not one of them");
        }
    }

    @Test
    void invisibleAndDirectionControllingCharactersAreRefusedByTheirCode() {
        assertThat(refusal("ad\u200bmin")).contains("U+200B").doesNotContain("\u200b");
        assertThat(refusal("bob\u200d")).contains("U+200D");
        assertThat(refusal("\u202eevil")).contains("U+202E");
        assertThat(refusal("ab\u2066c")).contains("U+2066");
        assertThat(refusal("ab\u0000c")).contains("U+0000");
        assertThat(refusal("\u00ad\u00adab")).contains("U+00AD");
    }

    @Test
    void marksBelongToALetterAndCannotPileUp() {
        assertThat(refusal("\u0301ab")).contains("U+0301");
        assertThat(refusal("a\u0301\u0302\u0303")).isEmpty();
        assertThat(refusal("Z\u0301\u0302\u0303\u0304\u0305algo")).contains("at most 3");
    }

    @Test
    void aNameNeedsALetterOrDigit() {
        assertThat(refusal("...")).contains("at least one letter or digit");
        assertThat(refusal("- _")).contains("at least one letter or digit");
    }

    @Test
    void reservedWordsAreRefusedWholeOrAsAWordInAnyCaseOrWidth() {
        for (String bad :
                new String[] {
                    "admin",
                    "ADMIN",
                    "Administrator",
                    "root",
                    "Paperboy",
                    "moderator",
                    "Curator",
                    "staff",
                    "System",
                    "support",
                    "deleted",
                    "Anonymous",
                    "null",
                    "NULL",
                    "Paperboy Staff",
                    "site-admin",
                    "the.moderator",
                    "admin2",
                    "ａｄｍｉｎ"
                }) {
            assertThat(refusal(bad)).as(bad).contains("is reserved");
        }
        for (String ok : new String[] {"sysadmin", "Rootkit", "nullable", "Staffan"}) {
            assertThat(refusal(ok)).as(ok).isEmpty();
        }
    }

    @Test
    void keysAgreeForNamesThatDifferOnlyInCaseOrUnicodeForm() {
        assertThat(DisplayNames.key("Ada Lovelace")).isEqualTo(DisplayNames.key("ADA lovelace"));
        assertThat(DisplayNames.key("Straße")).isEqualTo(DisplayNames.key("STRASSE"));
        assertThat(DisplayNames.key("ΟΔΥΣΣΕΥΣ")).isEqualTo(DisplayNames.key("οδυσσευς"));
        assertThat(DisplayNames.key("Zo\u00eb")).isEqualTo(DisplayNames.key("ZOE\u0308"));
        assertThat(DisplayNames.key("ａｄａ")).isEqualTo(DisplayNames.key("Ada"));
        assertThat(DisplayNames.key("Ada")).isNotEqualTo(DisplayNames.key("Ada2"));
    }
}
