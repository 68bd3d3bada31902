package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.sql.SqlTokens.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {

    @Test
    void tokensAsTheClassifierReadsThem() {
        SqlTokens tokens = SqlTokens.of("SELECT `My``Col`, 'it''s', 0x1F, @v FROM t /* ? */ WHERE a <=> ? -- x\n AND b>=1");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            seen.add(tokens.kind(i) + ":" + tokens.text(i));
        }
        assertThat(seen).containsExactly("WORD:SELECT", "QUOTED_NAME:`My``Col`", "PUNCTUATION:,", "STRING:'it''s'",
                "PUNCTUATION:,", "NUMBER:0x1F", "PUNCTUATION:,", "VARIABLE:@v", "WORD:FROM", "WORD:t", "WORD:WHERE",
                "WORD:a", "OPERATOR:<=>", "PLACEHOLDER:?", "WORD:AND", "WORD:b", "OPERATOR:>=", "NUMBER:1");
        assertThat(tokens.name(1)).isEqualTo("my`col");
        assertThat(tokens.isWord(0, "SELECT")).isTrue();
        assertThat(tokens.isWord(9, "SELECT")).isFalse();
        assertThat(tokens.start(9)).isEqualTo(tokens.end(8) + 1);
        assertThat(tokens.error()).isNull();
    }

    @Test
    void executableCommentsAreCodeAndUnterminatedTextStopsWithAReason() {
        SqlTokens executable = SqlTokens.of("SELECT 1 /*!50700 ; DROP TABLE t */");
        assertThat(executable.size()).isEqualTo(6);
        assertThat(executable.text(2)).isEqualTo(";");

        SqlTokens unterminated = SqlTokens.of("SELECT a FROM t WHERE b = 'open");
        assertThat(unterminated.error()).isEqualTo("unterminated string at offset 26");
        assertThat(unterminated.kind(unterminated.size() - 1)).isEqualTo(Kind.STRING);
        assertThat(unterminated.text(unterminated.size() - 1)).as("kept, up to the end of the text").isEqualTo("'open");
    }

    @Test
    void readingPastTheLastTokenIsAnIndexError() {
        SqlTokens tokens = SqlTokens.of("SELECT 1");
        assertThatThrownBy(() -> tokens.text(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("token 2 of 2");
        assertThat(tokens.isWord(2, "SELECT")).isFalse();
    }
}
