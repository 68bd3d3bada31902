package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "SELECT * FROM t WHERE id = 42 | select * from t where id = ?",
        "select  *\t FROM  `T`  where ID=42 | select * from t where id = ?",
        "SELECT a FROM t WHERE s = 'x' AND f = 1.5e3 AND h = 0x1F AND b = b'01' AND n = N'z' | select a from t where s = ? and f = ? and h = ? and b = ? and n = ?",
        "SELECT a FROM t WHERE id IN (1, 2, 3) | select a from t where id in (?+)",
        "SELECT a FROM t WHERE id IN (?) | select a from t where id in (?+)",
        "SELECT a FROM t WHERE id IN (SELECT b FROM u) | select a from t where id in (select b from u)",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z') | insert into t (a, b) values (?+)",
        "INSERT INTO t (a, b) VALUES (NOW(), 1), (NOW(), 2) | insert into t (a, b) values (now (), ?)",
        "SELECT a FROM t LIMIT 10 | select a from t limit ?",
        "SELECT a FROM t LIMIT 10, 20 | select a from t limit ?, ?",
        "SELECT /* comment */ a /*+ BKA(t) */ FROM t -- trailing | select a from t",
        "SELECT 'a' 'b' 'c' | select ?",
        "SELECT @@Global.Max_Connections, @V | select @@global.max_connections, @v",
        "SELECT t.a FROM db.t | select t.a from db.t",
        "SELECT a FROM t WHERE b IS NULL AND c = TRUE | select a from t where b is null and c = true",
        "/*!50700 SELECT 1 */ | select ?",
        "SELECT a - 1, -2, a = -3, (+4) FROM t WHERE b IN (-1, -2) | select a - ?, ?, a = ?, (?) from t where b in (?+)",
        "SELECT a FROM t WHERE x <=> 1 AND y != 2 | select a from t where x <=> ? and y != ?",
    })
    void normalises(String sql, String expected) {
        assertThat(Fingerprinter.fingerprint(sql)).isEqualTo(expected);
    }

    @Test
    void sameShapeOtherValuesGivesTheSameFingerprint() {
        assertThat(Fingerprinter.fingerprint("SELECT * FROM users WHERE id = 1 AND name = 'bob'"))
            .isEqualTo(Fingerprinter.fingerprint("select * from USERS where id=99999 and name=\"alice o'hara\""));
        assertThat(Fingerprinter.fingerprint("SELECT a FROM t WHERE id IN (1)"))
            .isEqualTo(Fingerprinter.fingerprint("SELECT a FROM t WHERE id IN (1,2,3,4,5,6)"));
        assertThat(Fingerprinter.fingerprint("INSERT INTO t VALUES (1,'a')"))
            .isEqualTo(Fingerprinter.fingerprint("INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c')"));
        assertThat(Fingerprinter.fingerprint("/* guard:allow query.slow */ SELECT 1"))
            .isEqualTo(Fingerprinter.fingerprint("SELECT 2"));
    }

    @Test
    void otherShapesGiveOtherFingerprints() {
        assertThat(Fingerprinter.fingerprint("SELECT a FROM t WHERE id = 1"))
            .isNotEqualTo(Fingerprinter.fingerprint("SELECT b FROM t WHERE id = 1"))
            .isNotEqualTo(Fingerprinter.fingerprint("SELECT a FROM u WHERE id = 1"))
            .isNotEqualTo(Fingerprinter.fingerprint("SELECT a FROM t WHERE id > 1"))
            .isNotEqualTo(Fingerprinter.fingerprint("SELECT a FROM t WHERE id = 1 LIMIT 1"));
        assertThat(Fingerprinter.fingerprint("SELECT a FROM t1")).isNotEqualTo(Fingerprinter.fingerprint("SELECT a FROM t2"));
    }

    @Test
    void executableCommentCodeStaysInTheFingerprint() {
        assertThat(Fingerprinter.fingerprint("SELECT 1 /*!; DROP TABLE t */")).isEqualTo("select ?; drop table t");
    }

    @Test
    void nullAndUnterminatedTextStillFingerprint() {
        assertThat(Fingerprinter.fingerprint(null)).isEmpty();
        assertThat(Fingerprinter.fingerprint("SELECT 'abc")).isEqualTo("select ?");
    }
}
