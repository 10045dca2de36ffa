package paperboy.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.Categories;

/** Reads query parameters, turning every bad value into a {@link BadRequest} that names it. */
final class Params {
    /** An arXiv category such as {@code cs.LG}, {@code hep-th} or {@code math.AG}. */
    private Params() {}

    /** The parameter, stripped; {@code null} when absent or blank. */
    static @Nullable String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String value = text(ctx, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(
                name
                        + " must be a whole number from "
                        + min
                        + " to "
                        + max
                        + ", not '"
                        + value
                        + "'");
    }

    /** The parameter as a date; {@code null} when absent or blank. */
    static @Nullable LocalDate date(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a date like 2026-06-30, not '" + value + "'");
        }
    }

    /** The parameter as an arXiv category; {@code null} when absent or blank. */
    static @Nullable String category(Context ctx, String name) {
        String value = text(ctx, name);
        if (value != null && !Categories.looksValid(value)) {
            throw new BadRequest(
                    name + " must be an arXiv category like cs.LG, not '" + value + "'");
        }
        return value;
    }

    static boolean flag(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null || value.equals("0") || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on")) {
            return true;
        }
        throw new BadRequest(name + " must be 1 or 0, not '" + value + "'");
    }

    /**
     * Runs {@code parse}, turning its {@link IllegalArgumentException} into a {@link BadRequest}.
     */
    static <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
