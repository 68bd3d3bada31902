package dev.jdbcguard.driver.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever else the URL holds, removing the guard's parameters changes nothing else in it. */
class GuardUrlPropertiesTest {

    @Property
    void guardParametersAreRemovedAndEverythingElseIsKeptExactly(
            @ForAll("parameters") List<String> others,
            @ForAll("values") String profile,
            @ForAll @IntRange(min = 0, max = 20) int position,
            @ForAll("rests") String rest) throws SQLException {
        List<String> withGuard = new ArrayList<>(others);
        withGuard.add(Math.min(position, withGuard.size()), "guard.profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8));
        GuardUrl url = GuardUrl.parse("jdbc:guard:mysql:" + rest + "?" + String.join("&", withGuard), null);
        String expectedQuery = others.isEmpty() ? "" : "?" + String.join("&", others);
        assertThat(url.targetUrl()).isEqualTo("jdbc:mysql:" + rest + expectedQuery);
        assertThat(url.settings().get(GuardSetting.PROFILE)).contains(profile);
    }

    @Provide
    Arbitrary<List<String>> parameters() {
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                .filter(k -> !GuardSetting.isGuardKey(k));
        Arbitrary<String> value = Arbitraries.strings().withChars("abcXYZ019%=:/,.;-_+ ").ofMaxLength(16);
        return Arbitraries.oneOf(key, key.flatMap(k -> value.map(v -> k + "=" + v))).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> rests() {
        return Arbitraries.of("//h/db", "//h1:3306,h2:3307/db", "loadbalance://h/db", "//address=(host=h)(port=1)/db", "//h/jdbc:guard:x");
    }
}
