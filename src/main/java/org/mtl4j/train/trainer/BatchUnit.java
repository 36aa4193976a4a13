package org.mtl4j.train.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.train.data.TokenizedExample;
import org.mtl4j.train.tasks.Split;

/**
 * What one training batch is drawn from: a single task, or several tasks whose training files hold
 * the same sentences row by row (SNIPS intent and slots), which then share each batch so the
 * encoder runs once for all of their losses.
 *
 * @param tasks the tasks, one or more; all have the same number of training rows
 */
public record BatchUnit(List<TaskData> tasks) {

  /** Copies the list. */
  public BatchUnit {
    tasks = List.copyOf(tasks);
  }

  /**
   * @return the number of training rows
   */
  public int size() {
    return tasks.get(0).split(Split.TRAIN).size();
  }

  /**
   * @return the task names joined with '+', as logged
   */
  public String label() {
    return String.join("+", tasks.stream().map(TaskData::name).toList());
  }

  /**
   * Groups tasks into units. With sharing on, a task joins the first earlier unit whose training
   * rows encode to exactly the same token ids, row by row; otherwise every task is its own unit.
   *
   * @param tasks the tasks in task-file order
   * @param share whether tasks may share batches
   * @return the units in order of their first task
   */
  public static List<BatchUnit> group(List<TaskData> tasks, boolean share) {
    List<List<TaskData>> groups = new ArrayList<>();
    for (TaskData task : tasks) {
      List<TaskData> home = null;
      if (share) {
        for (List<TaskData> g : groups) {
          if (sameInputs(g.get(0), task)) {
            home = g;
            break;
          }
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(task);
    }
    return groups.stream().map(BatchUnit::new).toList();
  }

  private static boolean sameInputs(TaskData a, TaskData b) {
    List<TokenizedExample> x = a.split(Split.TRAIN);
    List<TokenizedExample> y = b.split(Split.TRAIN);
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (!Arrays.equals(x.get(i).inputIds(), y.get(i).inputIds())
          || !Arrays.equals(x.get(i).typeIds(), y.get(i).typeIds())) {
        return false;
      }
    }
    return true;
  }
}
