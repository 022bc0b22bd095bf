package io.dispatch.system.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchValuesTest {

    @Test
    void writesOneRowPerItemEachValueANumberedParameterCastToItsType() {
        BatchValues rows = new BatchValues();
        rows.row().value("id", 1, "bigint").sql("'A'").value("name", "x", "text");
        rows.row().value("id", 2, "bigint").sql("'A'").value("name", null, "text");

        assertThat(rows.toString()).isEqualTo("(CAST(:id0 AS bigint), 'A', CAST(:name0 AS text)), "
                + "(CAST(:id1 AS bigint), 'A', CAST(:name1 AS text))");
        assertThat(rows.params()).containsEntry("id0", 1).containsEntry("id1", 2).containsEntry("name0", "x")
                .containsEntry("name1", null).hasSize(4);
    }

    @Test
    void writesNothingForNoRows() {
        BatchValues rows = new BatchValues();

        assertThat(rows.toString()).isEmpty();
        assertThat(rows.params()).isEmpty();
    }

    @Test
    void aPieceOfSqlAloneIsARow() {
        BatchValues rows = new BatchValues();
        rows.row().sql(":now");

        assertThat(rows.toString()).isEqualTo("(:now)");
    }
}
