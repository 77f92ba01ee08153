using Wandb.Storage;

namespace Wandb.Grouping.Curves;

/// <summary>
/// Streams each run's history once and feeds it to the builders of every requested x axis. Runs are
/// independent, so a store that reads histories in parallel (the folder store, PostgreSQL) is read on
/// <see cref="RunStore.HistoryReaders"/> threads (each run by one thread, in order); other stores one run at a time.
/// </summary>
internal static class CurveScan
{
    public static void Run(RunStore store, IEnumerable<StoredRun> runs, IReadOnlyList<CurveBuilder> builders)
    {
        if (builders.Count == 0)
        {
            return;
        }

        // Collectors are created up front, in run order, so the charts list runs in the same order every time.
        var work = runs
            .Select(run => (run.Id, run.MayHaveHistory, Collectors: builders.Select(b => b.BeginRun(run.Id)).ToArray()))
            .ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = store.HistoryReaders };
        Parallel.ForEach(work, options, item =>
        {
            if (!item.MayHaveHistory)
            {
                // Test results and runs that only set a summary: thousands of them cost a folder scan each.
                return;
            }

            foreach (var row in store.ReadHistory(item.Id))
            {
                foreach (var collector in item.Collectors)
                {
                    collector.Add(row);
                }
            }
        });
    }
}
