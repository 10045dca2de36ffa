@NullMarked
package paperboy.digest;

import org.jspecify.annotations.NullMarked;
