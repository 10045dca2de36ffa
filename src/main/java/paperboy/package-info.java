@NullMarked
package paperboy;

import org.jspecify.annotations.NullMarked;
