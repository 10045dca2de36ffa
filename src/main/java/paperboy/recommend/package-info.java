/**
 * Recommendations: papers picked for a member from what they already read. {@link
 * paperboy.recommend.RecommendationEval} measures the candidate methods offline on the catalog (an
 * author's older papers stand for a member's library, their later papers for what they would want,
 * authors' names hidden from every method) so the method is chosen by measurement.
 */
@NullMarked
package paperboy.recommend;

import org.jspecify.annotations.NullMarked;
