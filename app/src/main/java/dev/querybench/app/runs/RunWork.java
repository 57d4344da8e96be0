package dev.querybench.app.runs;

import dev.querybench.app.core.TaskRunner;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.evaluation.RunProgress;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.run.ItemResult;
import dev.querybench.engine.run.RunRecord;
import dev.querybench.engine.session.RunRequest;
import dev.querybench.engine.session.WorkspaceSession;
import dev.querybench.engine.validation.GoldSchemaCheck;

/**
 * A run's work on a worker thread ({@link RunViewModel} submits it): the check before it, the run,
 * and its events published to the UI thread in batches. Touches no properties.
 */
final class RunWork {

    private RunWork() {}

    /** Runs {@code request} after the database-side half of doctor's workspace check. */
    static RunResults execute(WorkspaceSession session, RunRequest request, Cancellation token,
            TaskRunner.Context<RunEvent> context) {
        context.onCancel(token::cancel);
        // the database-side half of doctor's workspace check, with doctor's message, skipped as querybench run skips it
        new GoldSchemaCheck().requireBeforeRun(session);
        return session.run(session.plan(request), session.judge(request), listener(session, context), token);
    }

    /** Publishes the run's start (with the accounts it ran under) and each finished item. */
    static RunListener listener(WorkspaceSession session, TaskRunner.Context<RunEvent> context) {
        return new RunListener() {
            @Override
            public void started(RunRecord run, int restored) {
                // read here, on the worker: the orchestrator has recorded the run's privileged accounts
                context.publish(new RunEvent.Started(run,
                        RunResults.privilegedWarning(session.runStore().privilegedAccounts(run.id()))));
            }

            @Override
            public void itemFinished(ItemResult item, RunProgress itemProgress) {
                context.publish(new RunEvent.ItemDone(item, itemProgress));
            }
        };
    }
}
