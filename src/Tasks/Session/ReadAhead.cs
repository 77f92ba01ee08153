using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Build.Tasks.Session;

/// <summary>
/// A store read ahead on another thread while the build's targets run (<see cref="RunStore.Prepare"/>): on a store of
/// 100,000 runs, reading its run index and group index at the end of the build took most of the refresh.
/// </summary>
internal sealed class ReadAhead
{
    private readonly Task _reading;

    private ReadAhead(RunStore store, Task reading)
    {
        Store = store;
        _reading = reading;
    }

    /// <summary>The store object read ahead; the reports are refreshed from this object, which keeps what it read.</summary>
    public RunStore Store { get; }

    /// <summary>Starts reading <paramref name="store"/> for a report that shows <paramref name="focusGroups"/> and up to <paramref name="maxDetailRuns"/> runs in full.</summary>
    public static ReadAhead Start(RunStore store, IReadOnlyCollection<string> focusGroups, int maxDetailRuns) => new(store, Task.Run(() =>
    {
        try
        {
            ReportReadAhead.Prepare(store, focusGroups, maxDetailRuns);
            ReportReadAhead.SettleIntoOldGeneration();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only a shortcut: the refresh reads the store itself and warns about what is wrong with it.
        }
    }));

    /// <summary>Waits for the reading to end (a short build may finish before it) and returns the store.</summary>
    public RunStore Finished()
    {
        _reading.Wait();
        return Store;
    }
}
