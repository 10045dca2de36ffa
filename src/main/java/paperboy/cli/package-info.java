@NullMarked
package paperboy.cli;

import org.jspecify.annotations.NullMarked;
