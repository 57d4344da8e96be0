package dev.querybench.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querybench.engine.dataset.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLanesTest {

    private static List<Question> questions(String... databases) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < databases.length; i++) {
            questions.add(new Question(String.valueOf(i), "q" + i, List.of("SELECT 1"), null, null, null,
                    databases[i], Map.of()));
        }
        return questions;
    }

    private static List<Integer> drain(DatabaseLanes.Cursor cursor, int most) {
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            int next = cursor.next();
            if (next < 0) {
                break;
            }
            taken.add(next);
        }
        return taken;
    }

    @Test
    void oneWorkerTakesEachDatabaseWholeInTheOrderTheyFirstAppear() {
        DatabaseLanes lanes = new DatabaseLanes(questions("a", "b", "a", "c", "b", "a"));

        assertThat(drain(lanes.cursor(), 10)).containsExactly(0, 2, 5, 1, 4, 3);
    }

    @Test
    void workersStartOnDifferentDatabasesAndKeepToThem() {
        DatabaseLanes lanes = new DatabaseLanes(questions("a", "a", "a", "b", "b", "b", "a", "b"));
        DatabaseLanes.Cursor first = lanes.cursor();
        DatabaseLanes.Cursor second = lanes.cursor();

        List<Integer> onA = new ArrayList<>();
        List<Integer> onB = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            onA.add(first.next());
            onB.add(second.next());
        }

        assertThat(onA).containsExactly(0, 1, 2, 6);
        assertThat(onB).containsExactly(3, 4, 5, 7);
        assertThat(first.next()).isEqualTo(-1);
        assertThat(second.next()).isEqualTo(-1);
    }

    @Test
    void aWorkerWithNothingLeftTakesAnUnstartedDatabaseBeforeHelpingTheBusiestOne() {
        // a: 1 item, b: 5 items, c: 2 items
        DatabaseLanes lanes = new DatabaseLanes(questions("a", "b", "b", "b", "b", "b", "c", "c"));
        DatabaseLanes.Cursor first = lanes.cursor();
        DatabaseLanes.Cursor second = lanes.cursor();
        assertThat(first.next()).isEqualTo(0);
        assertThat(second.next()).isEqualTo(1);

        assertThat(first.next()).as("c has not been started").isEqualTo(6);
        assertThat(first.next()).isEqualTo(7);
        assertThat(first.next()).as("every database started: joins b, the one with items left").isEqualTo(2);
        assertThat(second.next()).isEqualTo(3);
        assertThat(drain(first, 10)).hasSize(2).containsOnly(4, 5);
        assertThat(second.next()).isEqualTo(-1);
    }

    @Test
    void everyItemIsHandedOutExactlyOnceAcrossThreads() throws InterruptedException {
        String[] databases = new String[2_000];
        for (int i = 0; i < databases.length; i++) {
            databases[i] = "db" + (i * 7 % 13);
        }
        DatabaseLanes lanes = new DatabaseLanes(questions(databases));
        List<List<Integer>> taken = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            List<Integer> mine = new ArrayList<>();
            taken.add(mine);
            DatabaseLanes.Cursor cursor = lanes.cursor();
            threads.add(Thread.ofPlatform().start(() -> mine.addAll(drain(cursor, Integer.MAX_VALUE))));
        }
        for (Thread t : threads) {
            t.join();
        }

        List<Integer> all = taken.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(databases.length).doesNotHaveDuplicates();
        assertThat(all.getFirst()).isZero();
        assertThat(all.getLast()).isEqualTo(databases.length - 1);
    }
}
