@NullMarked
package paperboy.search;

import org.jspecify.annotations.NullMarked;
