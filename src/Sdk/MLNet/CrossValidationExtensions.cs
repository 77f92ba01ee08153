using Microsoft.ML;
using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.MLNet;

/// <summary>
/// Turns the result of any catalog's <c>CrossValidate</c> or <c>CrossValidateNonCalibrated</c> (binary,
/// multiclass, regression, ranking, clustering) into one finished run per fold, all in one group.
/// </summary>
public static class CrossValidationExtensions
{
    /// <summary>
    /// Logs each fold as a run (job type <c>fold</c> unless set, <c>fold</c> and <c>seed</c> in config, every
    /// metric in the summary) in one group, and returns the runs in fold order.
    /// </summary>
    /// <example>
    /// <code>
    /// var results = ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 5, seed: 7);
    /// results.LogFolds(new FoldRunOptions { Project = "churn", Seed = 7 });
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static IReadOnlyList<Run> LogFolds<TMetrics>(this IEnumerable<TrainCatalogBase.CrossValidationResult<TMetrics>> results, FoldRunOptions? options = null)
        where TMetrics : class
    {
        if (results is null)
        {
            throw new ArgumentNullException(nameof(results));
        }

        options ??= new FoldRunOptions();
        var group = options.Group ?? GroupResolver.Resolve(null, ProcessEnvironmentVariables.Instance, FoldRuns.NewGroupName).Name;
        var runs = new List<Run>();
        foreach (var result in results.OrderBy(r => r.Fold))
        {
            runs.Add(FoldRuns.Log(result.Fold, result.Metrics, options, group, result.Model));
        }

        return runs;
    }
}
