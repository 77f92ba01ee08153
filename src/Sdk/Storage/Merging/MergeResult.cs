namespace Wandb.Storage.Merging;

/// <summary>What a merge did, for the summary line and for tests.</summary>
internal sealed class MergeResult
{
    public int Sources { get; set; }

    public int RunsAdded { get; set; }

    public int RunsUpdated { get; set; }

    public int RunsUnchanged { get; set; }

    public long RowsAdded { get; set; }

    public List<MergeConflict> Conflicts { get; } = new();

    public string Describe(string destination) =>
        $"Merged {Sources} store(s) into {destination}: {RunsAdded} run(s) added, {RunsUpdated} updated, {RunsUnchanged} already there, {RowsAdded} history row(s) added, {Conflicts.Count} conflict(s).";
}
