using Wandb.Storage;

namespace Wandb.Grouping.Curves;

/// <summary>Streams each run's history once and feeds it to the builders of every requested x axis.</summary>
internal static class CurveScan
{
    public static void Run(RunStore store, IEnumerable<StoredRun> runs, IReadOnlyList<CurveBuilder> builders)
    {
        if (builders.Count == 0)
        {
            return;
        }

        var collectors = new RunCurveCollector[builders.Count];
        foreach (var run in runs)
        {
            for (var i = 0; i < builders.Count; i++)
            {
                collectors[i] = builders[i].BeginRun(run.Id);
            }

            foreach (var row in store.ReadHistory(run.Id))
            {
                for (var i = 0; i < collectors.Length; i++)
                {
                    collectors[i].Add(row);
                }
            }
        }
    }
}
