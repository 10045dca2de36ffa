@NullMarked
package paperboy.common;

import org.jspecify.annotations.NullMarked;
