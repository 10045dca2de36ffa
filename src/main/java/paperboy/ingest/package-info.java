@NullMarked
package paperboy.ingest;

import org.jspecify.annotations.NullMarked;
