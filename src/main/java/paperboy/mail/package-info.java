@NullMarked
package paperboy.mail;

import org.jspecify.annotations.NullMarked;
