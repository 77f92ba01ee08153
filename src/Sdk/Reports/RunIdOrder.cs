using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>Runs by id, ordinally: the reports' order of runs created at the same time (<see cref="ReportModel.InReportOrder"/>).</summary>
internal sealed class RunIdOrder : IComparer<StoredRun>
{
    public static readonly RunIdOrder Instance = new();

    private RunIdOrder()
    {
    }

    public int Compare(StoredRun? x, StoredRun? y) => string.CompareOrdinal(x?.Id, y?.Id);
}
