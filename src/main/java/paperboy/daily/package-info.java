@NullMarked
package paperboy.daily;

import org.jspecify.annotations.NullMarked;
