package dev.jdbcguard.driver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningChainTest {

    @Test
    void keepsTheFirstHundredWarningsOfAnObjectThatIsNeverCleared() {
        WarningChain chain = new WarningChain();
        for (int i = 0; i < 250; i++) {
            chain.add(new SQLWarning("guard " + i));
        }

        List<String> messages = messages(chain.after(null));
        assertThat(messages).hasSize(WarningChain.MAX_WARNINGS);
        assertThat(messages.get(0)).isEqualTo("guard 0");
        assertThat(messages.get(99)).isEqualTo("guard 99");

        chain.clear();
        chain.add(new SQLWarning("after clear"));
        assertThat(messages(chain.after(null))).containsExactly("after clear");
    }

    @Test
    void followsTheDriversWarningsOnceHoweverOftenAsked() {
        WarningChain chain = new WarningChain();
        chain.add(new SQLWarning("guard 1"));
        chain.add(new SQLWarning("guard 2"));
        SQLWarning driver = new SQLWarning("driver");

        chain.after(driver);
        chain.add(new SQLWarning("guard 3"));

        assertThat(messages(chain.after(driver))).containsExactly("driver", "guard 1", "guard 2", "guard 3");
    }

    private static List<String> messages(SQLWarning chain) {
        List<String> messages = new ArrayList<>();
        for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
            messages.add(w.getMessage());
        }
        return messages;
    }
}
