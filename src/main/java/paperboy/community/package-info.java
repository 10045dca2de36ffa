@NullMarked
package paperboy.community;

import org.jspecify.annotations.NullMarked;
