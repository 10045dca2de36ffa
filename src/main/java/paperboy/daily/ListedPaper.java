package paperboy.daily;

import paperboy.catalog.Paper;

/** A paper as lists show it: its metadata and its feed row (counts, submitter). */
public record ListedPaper(Paper paper, FeedRow feed) {}
