@NullMarked
package paperboy.app;

import org.jspecify.annotations.NullMarked;
