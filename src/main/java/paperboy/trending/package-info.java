@NullMarked
package paperboy.trending;

import org.jspecify.annotations.NullMarked;
