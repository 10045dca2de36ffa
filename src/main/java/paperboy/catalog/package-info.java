@NullMarked
package paperboy.catalog;

import org.jspecify.annotations.NullMarked;
