namespace Wandb.MLNet;

/// <summary>
/// How <see cref="CrossValidationExtensions.LogFolds{TMetrics}"/> and <see cref="FoldRuns.LogFold{TMetrics}"/>
/// record cross-validation folds: one run per fold, all in one group.
/// </summary>
public sealed class FoldRunOptions
{
    /// <summary>Project (<c>WANDB_PROJECT</c>, default <c>uncategorized</c>).</summary>
    public string? Project { get; set; }

    /// <summary>
    /// Group shared by the folds. Default: <c>WANDB_RUN_GROUP</c> (set by the MSBuild wrapping and the test
    /// logger), else the CI pipeline run, else one group generated per <c>LogFolds</c> call (<c>cv-xxxxxxxx</c>).
    /// Set it explicitly when folds are logged by several processes or calls that must share one group.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>Job type of the fold runs; default <c>fold</c>.</summary>
    public string JobType { get; set; } = "fold";

    /// <summary>The seed of the split (the <c>seed</c> argument of <c>CrossValidate</c>); stored as config <c>seed</c> when set.</summary>
    public int? Seed { get; set; }

    /// <summary>Prefix of run names: <c>{NamePrefix}fold-{k}</c>; default <c>seed-{Seed}-</c> when a seed is set, else empty.</summary>
    public string? NamePrefix { get; set; }

    /// <summary>Run store folder (<c>WANDB_DIR</c>, default the repository's <c>wandb</c> folder).</summary>
    public string? Dir { get; set; }

    /// <summary>Tags of every fold run.</summary>
    public IList<string> Tags { get; set; } = new List<string>();

    /// <summary>
    /// Record the fitted pipeline of each fold (<c>pipeline</c>: the transformer types in order, and <c>trainer</c>:
    /// the model's type) in config; default true. Uses public API only.
    /// </summary>
    public bool DescribePipeline { get; set; } = true;

    /// <summary>Config shared by every fold (hyperparameters, trainer options: see <see cref="TrainerConfig"/>).</summary>
    public IDictionary<string, object?> Config { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
