@NullMarked
package paperboy.config;

import org.jspecify.annotations.NullMarked;
