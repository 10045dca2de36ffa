/**
 * Each member's library: papers saved from a card, imported from a reference manager (BibTeX, RIS,
 * Zotero's CSL-JSON) and exported again as BibTeX.
 */
@NullMarked
package paperboy.library;

import org.jspecify.annotations.NullMarked;
