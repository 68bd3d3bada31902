package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.url.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of opening stacks on its own: which connects share a site, and what the table keeps. */
class OpeningSitesTest {

    private static final Target SHOP = new Target("db", 3306, "app", "shop");
    private static final Target BILLING = new Target("db", 3306, "app", "billing");

    private final OpeningSites sites = new OpeningSites();

    @Test
    void connectsFromOneStackToOneTargetShareOneSiteUntilTheLastCloses() {
        List<OpeningSites.Site> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(sites.opening(SHOP));
        }
        assertThat(opened).allSatisfy(site -> assertThat(site).isSameAs(opened.get(0)));
        assertThat(opened.get(0).stack()).hasMessage("connection to " + SHOP + " opened here");
        assertThat(opened.get(0).stack().getStackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName())
                .isEqualTo("connectsFromOneStackToOneTargetShareOneSiteUntilTheLastCloses"));
        assertThat(sites.size()).isEqualTo(1);
        sites.closed(opened.get(0));
        sites.closed(opened.get(1));
        assertThat(sites.size()).isEqualTo(1);
        sites.closed(opened.get(2));
        assertThat(sites.size()).isZero();
        assertThat(sites.opening(SHOP)).as("a new site after the last closed").isNotSameAs(opened.get(0));
    }

    @Test
    void anotherLineOrAnotherTargetIsAnotherSite() {
        OpeningSites.Site first = sites.opening(SHOP);
        OpeningSites.Site otherLine = sites.opening(SHOP);
        OpeningSites.Site otherTarget = sites.opening(BILLING);
        assertThat(otherLine).isNotSameAs(first);
        assertThat(otherTarget).isNotSameAs(first).isNotSameAs(otherLine);
        assertThat(otherTarget.stack()).hasMessage("connection to " + BILLING + " opened here");
        assertThat(first.stack().getStackTrace()[1].getLineNumber())
                .isNotEqualTo(otherLine.stack().getStackTrace()[1].getLineNumber());
        assertThat(sites.size()).isEqualTo(3);
    }

    @Test
    void pastTheBoundAConnectGetsASiteOfItsOwnThatTheTableDoesNotKeep() {
        List<List<OpeningSites.Site>> rounds = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            rounds.add(openedAtDepths(OpeningSites.MAX_SITES)); // the second round joins the first's sites
        }
        assertThat(rounds.get(1)).containsExactlyElementsOf(rounds.get(0));
        assertThat(sites.size()).isEqualTo(OpeningSites.MAX_SITES);
        OpeningSites.Site own = openedAtDepth(OpeningSites.MAX_SITES);
        OpeningSites.Site ownAgain = openedAtDepth(OpeningSites.MAX_SITES);
        assertThat(ownAgain).isNotSameAs(own);
        assertThat(own.stack()).hasMessage("connection to " + SHOP + " opened here");
        assertThat(sites.size()).isEqualTo(OpeningSites.MAX_SITES);
        sites.closed(own);
        assertThat(sites.size()).isEqualTo(OpeningSites.MAX_SITES);
        for (List<OpeningSites.Site> round : rounds) {
            sites.closed(round.get(0));
        }
        assertThat(sites.size()).isEqualTo(OpeningSites.MAX_SITES - 1);
    }

    /** A connect at each depth from 0 to {@code count - 1}: each depth is another stack. */
    private List<OpeningSites.Site> openedAtDepths(int count) {
        List<OpeningSites.Site> opened = new ArrayList<>();
        for (int depth = 0; depth < count; depth++) {
            opened.add(openedAtDepth(depth));
        }
        return opened;
    }

    private OpeningSites.Site openedAtDepth(int depth) {
        return depth == 0 ? sites.opening(SHOP) : openedAtDepth(depth - 1);
    }
}
