namespace Wandb.MLNet;

/// <summary>
/// Logs ML.NET metric objects (<c>BinaryClassificationMetrics</c>, <c>CalibratedBinaryClassificationMetrics</c>,
/// <c>MulticlassClassificationMetrics</c>, <c>RegressionMetrics</c>, <c>RankingMetrics</c>, <c>ClusteringMetrics</c>)
/// on a run: every scalar property under ML.NET's own name, lists as <c>Name@k</c> (cut-off lists such as NDCG)
/// or <c>Name[i]</c> (per-class lists), and a confusion matrix as per-class precision and recall.
/// </summary>
public static class RunMetricsExtensions
{
    /// <summary>
    /// Logs every scalar of <paramref name="metrics"/> as one history row: the way to record a learning curve
    /// when you train in a loop (epochs, growing tree counts) and evaluate after each step.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="metrics">An ML.NET metrics object, as returned by a catalog's <c>Evaluate</c>.</param>
    /// <param name="step">The step (for example the number of trees or the epoch); default the run's next step.</param>
    /// <param name="prefix">Prepended as <c>prefix.</c> to every key, for example <c>valid</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> is not an ML.NET metrics object.</exception>
    public static void LogMetrics(this Run run, object metrics, long? step = null, string? prefix = null)
    {
        ValidateArguments(run, metrics);
        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in MetricReader.ReadScalars(metrics, prefix))
        {
            row[entry.Key] = entry.Value;
        }

        run.Log(row, step);
    }

    /// <summary>
    /// Puts every metric of <paramref name="metrics"/> in the run's summary: the scalars, and the confusion
    /// matrix and lists in readable structured form (see docs/mlnet.md).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="metrics">An ML.NET metrics object, as returned by a catalog's <c>Evaluate</c> or <c>CrossValidate</c>.</param>
    /// <param name="prefix">Prepended as <c>prefix.</c> to every key, for example <c>test</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> is not an ML.NET metrics object.</exception>
    public static void SummarizeMetrics(this Run run, object metrics, string? prefix = null)
    {
        ValidateArguments(run, metrics);
        foreach (var entry in MetricReader.ReadScalars(metrics, prefix))
        {
            run.Summary[entry.Key] = entry.Value;
        }

        foreach (var pair in MetricReader.ReadStructured(metrics, prefix))
        {
            run.Summary[pair.Key] = pair.Value;
        }
    }

    private static void ValidateArguments(Run run, object metrics)
    {
        if (run is null)
        {
            throw new ArgumentNullException(nameof(run));
        }

        if (metrics is null)
        {
            throw new ArgumentNullException(nameof(metrics));
        }

        if (!MetricReader.IsMetricsObject(metrics))
        {
            throw new ArgumentException(
                $"metrics has type {metrics.GetType().FullName}, which is not an ML.NET metrics class (Microsoft.ML.Data.*Metrics). Pass what a catalog's Evaluate or CrossValidate returns.",
                nameof(metrics));
        }
    }
}
