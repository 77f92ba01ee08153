using Wandb.Grouping.Curves;

namespace Wandb.Storage.Curves;

/// <summary>
/// Keeps each finished run's bucketed history (the page's step-axis curves, <see cref="Reports.Html.StepCurves"/>) so a
/// refresh reads the histories of the runs that changed, not of every run it charts again. An entry holds the stamp
/// of the history it was made from and is used only while the history is unchanged; losing entries costs time only.
/// </summary>
internal interface IRunCurveCache
{
    /// <summary>
    /// The stamps of the runs' histories as they are now (what an entry saved with one is valid for); a run left out has
    /// no history to cache. Taken before the histories are read, so rows added meanwhile make the next stamp differ.
    /// </summary>
    IReadOnlyDictionary<string, string> Stamps(IReadOnlyCollection<string> runIds);

    /// <summary>The run bucketed on <paramref name="axis"/> into at least <paramref name="maxBuckets"/> buckets from the history with <paramref name="stamp"/>, or null.</summary>
    RunCurveCollector? TryLoad(string runId, string stamp, CurveAxis axis, int maxBuckets);

    /// <summary>Keeps <paramref name="run"/>, bucketed from the history with <paramref name="stamp"/>; a failure to write is not an error.</summary>
    void Save(string stamp, RunCurveCollector run);

    /// <summary>Drops the entry of a deleted run.</summary>
    void Forget(string runId);
}
