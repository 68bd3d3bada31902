package dev.jdbcguard.driver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-connection memo of proxy constructors: never answers for a class other than the one asked. */
class ShapeMemoTest {

    /** One constructor per class, counting how often the ClassValue computes one. */
    private final AtomicInteger computed = new AtomicInteger();
    private final ClassValue<ProxyConstructor> shapes = new ClassValue<>() {
        @Override
        protected ProxyConstructor computeValue(Class<?> type) {
            computed.incrementAndGet();
            return (a, b, c, d) -> type;
        }
    };

    @Test
    void answersForTheClassAskedEvenWhenClassesAlternate() {
        ShapeMemo memo = new ShapeMemo(shapes);
        for (int i = 0; i < 3; i++) {
            assertThat(memo.constructorFor(String.class)).isSameAs(shapes.get(String.class));
            assertThat(memo.constructorFor(Integer.class)).isSameAs(shapes.get(Integer.class));
        }
        assertThat(memo.constructorFor(Integer.class).make(null, null, null, null)).isEqualTo(Integer.class);
        assertThat(computed).as("the ClassValue still computes each class once").hasValue(2);
    }
}
