package dev.databricksmcp.sandbox.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteKindTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT 1|NONE",
        "INSERT INTO t VALUES (1)|INSERT",
        "insert overwrite t select * from s|INSERT",
        "WITH a AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM a|INSERT",
        "WITH a AS (SELECT 1 AS x), b AS (SELECT 2) SELECT * FROM a|NONE",
        "UPDATE t SET x = 1|UPDATE",
        "DELETE FROM t WHERE x = 1|DELETE",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE|MERGE",
        "CREATE TABLE t AS SELECT 1|CREATE_TABLE_AS",
        "CREATE OR REPLACE TABLE t USING DELTA COMMENT 'c' AS SELECT 1|CREATE_TABLE_AS",
        "REPLACE TABLE t AS SELECT 1|CREATE_TABLE_AS",
        "CREATE TABLE t (a INT GENERATED ALWAYS AS (1))|NONE",
        "CREATE TABLE t (a INT)|NONE",
        "CREATE VIEW v AS SELECT 1|NONE",
        "CREATE SCHEMA s|NONE",
        "CREATE TEMPORARY VIEW v AS SELECT 1|NONE",
        "DROP TABLE t|NONE",
      })
  void namesTheWrite(String sql, WriteKind expected) {
    assertThat(WriteKind.of(SingleStatement.of(SqlTokenizer.tokenize(sql)))).isEqualTo(expected);
  }
}
