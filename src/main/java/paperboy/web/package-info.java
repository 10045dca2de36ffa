@NullMarked
package paperboy.web;

import org.jspecify.annotations.NullMarked;
