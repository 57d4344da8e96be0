package dev.querybench.app.sqlconsole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.app.core.ImmediateTaskRunner;
import dev.querybench.app.grid.GridFormat;
import dev.querybench.app.grid.GridRow;
import dev.querybench.app.grid.PagedRows;
import dev.querybench.app.testing.SampleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL console over the sample database, with the immediate runner. */
class SqlConsoleViewModelTest {

    /** One million generated rows; every tenth label is NULL. */
    static final String MILLION = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
            + " SELECT i, i * 2 AS twice, CASE WHEN i % 10 = 0 THEN NULL ELSE 'row ' || i END AS label FROM n";

    @TempDir
    Path home;

    private SampleFixture sample;
    private SqlConsoleViewModel vm;

    @BeforeEach
    void open() {
        sample = new SampleFixture(home.resolve("sample-workspace"));
        vm = new SqlConsoleViewModel(sample.session.executor(), sample.session.queryLimits(),
                () -> sample.session.backend().introspect(), new ImmediateTaskRunner());
        vm.activate();
    }

    @AfterEach
    void close() {
        sample.close();
    }

    @Test
    void startsWithTheTablesAndAQueryOfTheFirst() {
        assertThat(vm.tables()).hasSize(13).contains("customers", "stores");
        assertThat(vm.sqlProperty().get()).startsWith("SELECT *\nFROM ");
        assertThat(vm.highlightsProperty().get()).extracting(h -> h.styleClass()).contains("sql-keyword");
        vm.useTable("stores");
        vm.run();
        assertThat(vm.gridProperty().get().columns()).contains("store_name");
        assertThat(vm.rows().size()).isEqualTo(13);
        assertThat(vm.statusTextProperty().get()).startsWith("13 rows · ");
    }

    @Test
    void aMillionRowsLoadOnlyThePagesAskedFor() {
        vm.sqlProperty().set(MILLION);
        vm.run();
        PagedRows rows = vm.rows();
        assertThat(rows.size()).isEqualTo(1_000_000);
        assertThat(rows.pagesRead()).isZero();
        assertThat(vm.statusTextProperty().get()).startsWith("1,000,000 rows · 3 columns · counted in ");

        GridRow last = rows.get(999_999);
        assertThat(last.loaded()).isTrue();
        assertThat(last.values()).containsExactly("1000000", "2000000", null);
        GridRow first = rows.get(0);
        assertThat(first.values()).containsExactly("1", "2", "row 1");
        rows.get(1);
        assertThat(rows.pagesRead()).isEqualTo(2);

        vm.sort(0, false);
        assertThat(vm.rows().get(0).values()).containsExactly("1000000", "2000000", null);
        assertThat(vm.statusTextProperty().get()).endsWith("sorted by i descending");
        assertThat(vm.rows().pagesRead()).isEqualTo(1);
    }

    @Test
    void refusedAndBrokenSqlSayWhyInWords() {
        vm.sqlProperty().set("DELETE FROM customers");
        vm.run();
        assertThat(vm.errorTextProperty().get()).startsWith("Refused: ");
        vm.sqlProperty().set("SELECT nope FROM customers");
        vm.run();
        assertThat(vm.errorTextProperty().get()).containsIgnoringCase("nope");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void exportWritesEveryRowAndCopyKeepsNullsVisible() throws Exception {
        vm.sqlProperty().set("SELECT supplier_name, contact_email FROM suppliers ORDER BY supplier_name");
        vm.run();
        long total = vm.rows().size();
        Path file = home.resolve("suppliers.csv");
        AtomicLong written = new AtomicLong();
        vm.export(file, GridFormat.CSV, written::set);
        assertThat(written.get()).isEqualTo(total);
        assertThat(Files.readAllLines(file)).hasSize((int) total + 1).first().isEqualTo("supplier_name,contact_email");

        vm.rows().get(0);
        String markdown = vm.loadedRowsAs(GridFormat.MARKDOWN);
        assertThat(markdown).startsWith("| supplier_name | contact_email |\n| --- | --- |\n");
        assertThat(markdown).contains("*NULL*");
        assertThat(GridFormat.TSV.write(java.util.List.of("a"), java.util.List.of(java.util.Arrays.asList((String) null))))
                .isEqualTo("a\nNULL\n");
    }
}
